# list_ops: appends, indexed reads and writes, pops, slices and sort of
# pseudo-random ints. Measures list growth, item access and object churn.
# category: cpu
# usage: list_ops.py [threads=1] [n=600000]
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
    threads, n = parse_args(600000)
    results, elapsed = run_workers(threads, work, (n,))
    print("list_ops", n, "=", agreed(results))
    print("elapsed %.6f" % elapsed)


main()
