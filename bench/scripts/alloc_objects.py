# alloc_objects: a loop that allocates and frees small objects of many kinds:
# class instances, closures, lambdas, bound methods, tuples, lists and floats.
# Measures the allocator's hot path and per-object set-up and tear-down; under
# threads it shows whether allocation scales or serialises on shared locks.
# category: contention
# usage: alloc_objects.py [threads=1] [n=400000]
import sys
import time
from _harness import agreed, parse_args, run_workers


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)


def make_adder(k):
    def add(v):
        return v + k
    return add


def make_counter():
    count = 0

    def bump():
        nonlocal count
        count += 1
        return count
    return bump


def churn(n):
    acc = 0
    for i in range(n):
        p = Point(i, -i)
        add = make_adder(i & 15)
        acc += add(p.norm1()) & 0xFF
        pair = (p, i)
        items = [i, i + 1, pair]
        scaled = float(i) * 0.5
        f = lambda z: z * 3
        acc += f(len(items)) + int(scaled) % 3
        method = p.norm1
        acc = (acc + method()) % 1000003
        if i % 1000 == 0:
            bump = make_counter()
            for _ in range(10):
                bump()
            acc += bump()
    return acc


def main():
    threads, n = parse_args(400000)
    results, elapsed = run_workers(threads, churn, (n,))
    print("alloc_objects", n, "=", agreed(results))
    print("elapsed %.6f" % elapsed)


main()
