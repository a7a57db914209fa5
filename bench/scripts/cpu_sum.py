# cpu_sum: the CPU-bound summing loop of the classic "threads do not speed up
# CPU work under a GIL" demonstration: every worker adds up range(n).
# Measures for-loop iteration and int addition; ideal weak scaling without a GIL.
# category: cpu
# usage: cpu_sum.py [threads=1] [n=20000000]
import sys
import time
from _harness import agreed, parse_args, run_workers


def cpu_bound(n):
    total = 0
    for i in range(n):
        total += i
    return total


def main():
    threads, n = parse_args(20000000)
    results, elapsed = run_workers(threads, cpu_bound, (n,))
    total = agreed(results)
    print("cpu_sum", n, "=", total, "expected", total == n * (n - 1) // 2)
    print("elapsed %.6f" % elapsed)


main()
