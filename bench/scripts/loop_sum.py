# loop_sum: a tight while loop of integer arithmetic in one function.
# Measures the evaluation loop's dispatch, local variable access and small ints.
# category: cpu
# usage: loop_sum.py [threads=1] [n=5000000]
import sys
import time
from _harness import agreed, parse_args, run_workers


def work(n):
    total = 0
    i = 0
    while i < n:
        total += i * i % 7 - 3
        i += 1
    return total


def main():
    threads, n = parse_args(5000000)
    results, elapsed = run_workers(threads, work, (n,))
    print("loop_sum", n, "=", agreed(results))
    print("elapsed %.6f" % elapsed)


main()
