# list_ops: appends, indexed reads and writes, pops, slices and sort of
# pseudo-random ints. Measures list growth, item access and object churn.
# category: cpu
# usage: list_ops.py [threads=1] [n=700000]
import sys
import time


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
    threads = 1
    n = 700000
    if len(sys.argv) > 1:
        threads = int(sys.argv[1])
    if len(sys.argv) > 2:
        n = int(sys.argv[2])
    if threads != 1:
        print("list_ops.py: only threads=1 is supported for now")
        sys.exit(2)
    start = time.perf_counter()
    result = work(n)
    elapsed = time.perf_counter() - start
    print("list_ops", n, "=", result)
    print("elapsed", int(elapsed * 1000000) / 1000000)


main()
