# alloc_objects: a loop that allocates and frees small objects of many kinds:
# class instances, closures, lambdas, bound methods, tuples, lists and floats.
# Measures the allocator's hot path and per-object set-up and tear-down; under
# threads it shows whether allocation scales or serialises on shared locks.
# category: contention
# usage: alloc_objects.py [threads=1] [n=400000]
import sys
import time


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


def run_workers(threads, work, args):
    """Calls work(*args) once per worker; returns (results by worker, seconds).

    One worker runs in the main thread without importing threading; more
    workers each get their own thread and all do the same amount of work.
    """
    results = [None] * threads

    def worker(slot):
        results[slot] = work(*args)

    if threads == 1:
        start = time.perf_counter()
        worker(0)
        return results, time.perf_counter() - start
    import threading
    pool = [threading.Thread(target=worker, args=(slot,)) for slot in range(threads)]
    start = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return results, time.perf_counter() - start


def parse_args(default_scale):
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    scale = int(sys.argv[2]) if len(sys.argv) > 2 else default_scale
    if threads < 1 or scale < 1:
        print("usage:", sys.argv[0], "[threads=1] [scale]")
        sys.exit(2)
    return threads, scale


def agreed(results):
    """The result every worker computed; exits if any worker differs."""
    for r in results:
        if r != results[0]:
            print("workers disagree:", results)
            sys.exit(1)
    return results[0]


def main():
    threads, n = parse_args(400000)
    results, elapsed = run_workers(threads, churn, (n,))
    print("alloc_objects", n, "=", agreed(results))
    print("elapsed %.6f" % elapsed)


main()
