# fib: naive recursive Fibonacci. Measures function calls, argument passing,
# small-int arithmetic and comparison.
# category: cpu
# usage: fib.py [threads=1] [n=33]
import sys
import time


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def main():
    threads = 1
    n = 33
    if len(sys.argv) > 1:
        threads = int(sys.argv[1])
    if len(sys.argv) > 2:
        n = int(sys.argv[2])
    if threads != 1:
        print("fib.py: only threads=1 is supported for now")
        sys.exit(2)
    start = time.perf_counter()
    result = fib(n)
    elapsed = time.perf_counter() - start
    print("fib", n, "=", result)
    print("elapsed", int(elapsed * 1000000) / 1000000)


main()
