# fib: naive recursive Fibonacci. Measures Python-to-Python calls, argument
# passing, small-int arithmetic and comparisons.
# category: cpu
# usage: fib.py [threads=1] [n=33]
import sys
import time
from _harness import agreed, parse_args, run_workers


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def main():
    threads, n = parse_args(33)
    results, elapsed = run_workers(threads, fib, (n,))
    print("fib", n, "=", agreed(results))
    print("elapsed %.6f" % elapsed)


main()
