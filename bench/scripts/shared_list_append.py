# shared_list_append: every worker appends to one shared list through a cached
# bound method (and now and then reads its length); only whether the final
# length and contents are exact and a per-worker checksum are printed.
# Measures contended appends: a per-list lock or the GIL serialises them.
# category: contention
# usage: shared_list_append.py [threads=1] [n=2500000]
import sys
import time
from _harness import agreed, parse_args, run_workers

shared = []


def appender(n):
    append = shared.append
    checksum = 0
    for i in range(n):
        value = (i * 2654435761) % 1000003
        append(value)
        checksum = (checksum + value) % 4294967296
        if i % 4096 == 0:
            checksum ^= len(shared) > 0
    return checksum


def main():
    threads, n = parse_args(2500000)
    del shared[:]
    results, elapsed = run_workers(threads, appender, (n,))
    checksum = agreed(results)
    total = 0
    for v in shared:
        total += v
    print("shared_list_append per worker", n, "checksum", checksum)
    print("length exact", len(shared) == threads * n,
          "contents exact", total == threads * sum((i * 2654435761) % 1000003 for i in range(n)))
    print("elapsed %.6f" % elapsed)


main()
