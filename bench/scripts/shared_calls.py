# shared_calls: every worker calls the same few small module-level functions in
# a hot loop. Measures call overhead plus whatever the build does to the shared
# function objects and globals dict on each call (reference counts, locks).
# category: contention
# usage: shared_calls.py [threads=1] [n=2500000]
import sys
import time
from _harness import agreed, parse_args, run_workers


def mix(a, b):
    return (a * 31 + b) & 0xFFFFF


def clamp(x, lo, hi):
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


def step(x):
    return x + 1 if x & 1 else x >> 1


def hot_loop(n):
    acc = 0
    for i in range(n):
        acc = mix(acc, step(i))
        acc = clamp(acc, 1000, 900000)
    return acc


def main():
    threads, n = parse_args(2500000)
    results, elapsed = run_workers(threads, hot_loop, (n,))
    print("shared_calls", n, "=", agreed(results))
    print("elapsed %.6f" % elapsed)


main()
