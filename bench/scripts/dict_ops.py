# dict_ops: inserts, lookups, updates and pops on dicts keyed by ints and strs.
# Measures hashing, probing, resizing and dict iteration (n must stay below 1000003).
# category: cpu
# usage: dict_ops.py [threads=1] [n=800000]
import sys
import time
from _harness import agreed, parse_args, run_workers


def work(n):
    d = {}
    for i in range(n):
        d[i * 7919 % 1000003] = i
    hits = 0
    for i in range(n * 2):
        if i in d:
            hits += 1
    names = {}
    for i in range(n):
        key = "k" + str(i % 5000)
        names[key] = names.get(key, 0) + 1
    total = 0
    for k in names:
        total += names[k]
    popped = 0
    for i in range(0, n, 3):
        popped += d.pop(i * 7919 % 1000003)
    return len(d), hits, len(names), total, popped


def main():
    threads, n = parse_args(800000)
    if n >= 1000003:
        print("dict_ops.py: n must stay below 1000003")
        sys.exit(2)
    results, elapsed = run_workers(threads, work, (n,))
    print("dict_ops", n, "=", agreed(results))
    print("elapsed %.6f" % elapsed)


main()
