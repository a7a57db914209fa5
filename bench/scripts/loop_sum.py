# loop_sum: a tight while loop of integer arithmetic in one function.
# Measures the evaluation loop's dispatch, local variable access and small ints.
# category: cpu
# usage: loop_sum.py [threads=1] [n=6000000]
import sys
import time


def work(n):
    total = 0
    i = 0
    while i < n:
        total += i * i % 7 - 3
        i += 1
    return total


def main():
    threads = 1
    n = 6000000
    if len(sys.argv) > 1:
        threads = int(sys.argv[1])
    if len(sys.argv) > 2:
        n = int(sys.argv[2])
    if threads != 1:
        print("loop_sum.py: only threads=1 is supported for now")
        sys.exit(2)
    start = time.perf_counter()
    result = work(n)
    elapsed = time.perf_counter() - start
    print("loop_sum", n, "=", result)
    print("elapsed", int(elapsed * 1000000) / 1000000)


main()
