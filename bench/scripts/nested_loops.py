# nested_loops: two nested for loops over range with bitwise int operations.
# Measures for-loop iteration over range objects and short arithmetic bodies.
# category: cpu
# usage: nested_loops.py [threads=1] [n=3500]
import sys
import time


def work(n):
    total = 0
    for i in range(n):
        for j in range(n):
            total += (i ^ j) & 255
    return total


def main():
    threads = 1
    n = 3500
    if len(sys.argv) > 1:
        threads = int(sys.argv[1])
    if len(sys.argv) > 2:
        n = int(sys.argv[2])
    if threads != 1:
        print("nested_loops.py: only threads=1 is supported for now")
        sys.exit(2)
    start = time.perf_counter()
    result = work(n)
    elapsed = time.perf_counter() - start
    print("nested_loops", n, "=", result)
    print("elapsed", int(elapsed * 1000000) / 1000000)


main()
