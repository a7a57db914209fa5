# dict_ops: inserts, lookups, updates and pops on dicts keyed by ints and strs.
# Measures hashing, probing, resizing and dict iteration (n must stay below 1000003).
# category: cpu
# usage: dict_ops.py [threads=1] [n=800000]
import sys
import time


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
    threads = 1
    n = 800000
    if len(sys.argv) > 1:
        threads = int(sys.argv[1])
    if len(sys.argv) > 2:
        n = int(sys.argv[2])
    if threads != 1:
        print("dict_ops.py: only threads=1 is supported for now")
        sys.exit(2)
    start = time.perf_counter()
    result = work(n)
    elapsed = time.perf_counter() - start
    print("dict_ops", n, "=", result)
    print("elapsed", int(elapsed * 1000000) / 1000000)


main()
