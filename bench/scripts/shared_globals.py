# shared_globals: a hot loop that reads module-level globals (ints, a tuple
# table, a list, a dict) and builtins on every iteration. Measures global and
# builtin lookups on dicts shared by all threads, which must not take a lock or
# write shared memory on the read path.
# category: contention
# usage: shared_globals.py [threads=1] [n=2200000]
import sys
import time
from _harness import agreed, parse_args, run_workers

MASK = 0xFFFF
MULTIPLIER = 40503
TABLE = tuple((i * 2654435761) % 251 for i in range(256))
OFFSETS = [3, 1, 4, 1, 5, 9, 2, 6]
NAMES = {"low": 1, "high": 2}


def hot_loop(n):
    acc = 0
    for i in range(n):
        acc = ((acc + TABLE[i & 255]) * MULTIPLIER + OFFSETS[i & 7]) & MASK
        if acc > MASK // 2:
            acc -= NAMES["high"]
        else:
            acc += NAMES["low"]
    return acc, len(TABLE), abs(-acc)


def main():
    threads, n = parse_args(2200000)
    results, elapsed = run_workers(threads, hot_loop, (n,))
    print("shared_globals", n, "=", agreed(results))
    print("elapsed %.6f" % elapsed)


main()
