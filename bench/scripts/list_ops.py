# list_ops: appends, indexed reads and writes, pops, slices and sort of
# pseudo-random ints. Measures list growth, item access and object churn.
# category: cpu
# usage: list_ops.py [threads=1] [n=600000]
import sys
import time
from _harness import agreed, parse_args, run_workers


def work(n):
    data = []
    x = 12345
    for i in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        data.append(x % 100000)
    for i in range(1, n):
        data[i] = (data[i] + data[i - 1]) % 100000
    data.sort()
    stack = []
    for v in data:
        stack.append(v)
        if len(stack) > 100:
            stack.pop()
            stack.pop(0)
    head = data[:1000]
    head.reverse()
    return data[0], data[n // 2], data[-1], sum(stack), head[0], len(data)


def main():
    threads, n = parse_args(600000)
    results, elapsed = run_workers(threads, work, (n,))
    print("list_ops", n, "=", agreed(results))
    print("elapsed %.6f" % elapsed)


main()
