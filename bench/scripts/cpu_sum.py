# cpu_sum: the CPU-bound summing loop of the classic "threads do not speed up
# CPU work under a GIL" demonstration: every worker adds up range(n).
# Measures for-loop iteration and int addition; ideal weak scaling without a GIL.
# category: cpu
# usage: cpu_sum.py [threads=1] [n=20000000]
import sys
import time


def cpu_bound(n):
    total = 0
    for i in range(n):
        total += i
    return total


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
    threads, n = parse_args(20000000)
    results, elapsed = run_workers(threads, cpu_bound, (n,))
    total = agreed(results)
    print("cpu_sum", n, "=", total, "expected", total == n * (n - 1) // 2)
    print("elapsed %.6f" % elapsed)


main()
