# string_build: builds, slices, splits and joins strings.
# Measures str allocation and freeing, concatenation, join/split and methods.
# category: cpu
# usage: string_build.py [threads=1] [n=1200000]
import sys
import time


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
    threads = 1
    n = 1200000
    if len(sys.argv) > 1:
        threads = int(sys.argv[1])
    if len(sys.argv) > 2:
        n = int(sys.argv[2])
    if threads != 1:
        print("string_build.py: only threads=1 is supported for now")
        sys.exit(2)
    start = time.perf_counter()
    result = work(n)
    elapsed = time.perf_counter() - start
    print("string_build", n, "=", result)
    print("elapsed", int(elapsed * 1000000) / 1000000)


main()
