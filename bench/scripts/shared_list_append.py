# shared_list_append: every worker appends to one shared list through a cached
# bound method (and now and then reads its length); only whether the final
# length and contents are exact and a per-worker checksum are printed.
# Measures contended appends: a per-list lock or the GIL serialises them.
# category: contention
# usage: shared_list_append.py [threads=1] [n=2500000]
import sys
import time

shared = []


def appender(n):
    append = shared.append
    checksum = 0
    for i in range(n):
        value = (i * 2654435761) % 1000003
        append(value)
        checksum = (checksum + value) % 4294967296
        if i % 4096 == 0:
            checksum ^= len(shared) > 0
    return checksum


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
    threads, n = parse_args(2500000)
    del shared[:]
    results, elapsed = run_workers(threads, appender, (n,))
    checksum = agreed(results)
    total = 0
    for v in shared:
        total += v
    print("shared_list_append per worker", n, "checksum", checksum)
    print("length exact", len(shared) == threads * n,
          "contents exact", total == threads * sum((i * 2654435761) % 1000003 for i in range(n)))
    print("elapsed %.6f" % elapsed)


main()
