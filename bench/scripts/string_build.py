# string_build: builds, slices, splits and joins strings.
# Measures str allocation and freeing, concatenation, join/split and methods.
# category: cpu
# usage: string_build.py [threads=1] [n=1000000]
import sys
import time
from _harness import agreed, parse_args, run_workers


def work(n):
    words = ["alpha", "beta", "gamma", "delta", "epsilon"]
    parts = []
    checksum = 0
    for i in range(n):
        w = words[i % 5]
        s = w + str(i)
        if i % 3 == 0:
            s = s.upper()
        parts.append(s)
        checksum += len(s)
    line = ",".join(parts)
    back = line.split(",")
    hits = 0
    for p in back:
        if p.startswith("GAMMA") or p.endswith("7"):
            hits += 1
    small = ""
    for i in range(n // 10):
        small += words[i % 5][:2]
    return checksum, len(line), len(back), hits, len(small), small.count("al")


def main():
    threads, n = parse_args(1000000)
    results, elapsed = run_workers(threads, work, (n,))
    print("string_build", n, "=", agreed(results))
    print("elapsed %.6f" % elapsed)


main()
