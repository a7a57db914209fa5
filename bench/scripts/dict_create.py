# dict_create: builds many small short-lived dicts (displays, dict(), dict
# comprehensions, copies, updates) and reads them back. Measures dict
# allocation, insertion, resizing from empty and deallocation.
# category: contention
# usage: dict_create.py [threads=1] [n=350000]
import sys
import time

KEYS = ("id", "name", "size", "kind")


def build(n):
    acc = 0
    for i in range(n):
        rec = {"id": i, "name": "item", "size": i % 97, "kind": i & 3}
        extra = dict(rec)
        extra["tag"] = i % 5
        extra.update(size=extra["size"] + 1)
        squares = {k: k * k for k in range(i % 8)}
        acc += rec["size"] + extra["size"] + len(squares) + extra.get("missing", 1)
        for k in KEYS:
            acc += len(k) if k in extra else 0
        del extra["tag"]
        acc = (acc + len(extra) + sum(squares.values())) % 1000003
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
    threads, n = parse_args(350000)
    results, elapsed = run_workers(threads, build, (n,))
    print("dict_create", n, "=", agreed(results))
    print("elapsed %.6f" % elapsed)


main()
