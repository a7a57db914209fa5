# nested_loops: two nested for loops over range with bitwise int operations.
# Measures for-loop iteration over range objects and short arithmetic bodies.
# category: cpu
# usage: nested_loops.py [threads=1] [n=3500]
import sys
import time
from _harness import agreed, parse_args, run_workers


def work(n):
    total = 0
    for i in range(n):
        for j in range(n):
            total += (i ^ j) & 255
    return total


def main():
    threads, n = parse_args(3500)
    results, elapsed = run_workers(threads, work, (n,))
    print("nested_loops", n, "=", agreed(results))
    print("elapsed %.6f" % elapsed)


main()
