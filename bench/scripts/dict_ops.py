# dict_ops: inserts, lookups, updates and pops on dicts keyed by ints and strs.
# Measures hashing, probing, resizing and dict iteration (n must stay below 1000003).
# category: cpu
# usage: dict_ops.py [threads=1] [n=800000]
import sys
import time


def work(n):
    d = {}
    for i in range(n):
        d[i * 7919 % 1000003] = i
    hits = 0
    for i in range(n * 2):
        if i in d:
            hits += 1
    names = {}
    for i in range(n):
        key = "k" + str(i % 5000)
        names[key] = names.get(key, 0) + 1
    total = 0
    for k in names:
        total += names[k]
    popped = 0
    for i in range(0, n, 3):
        popped += d.pop(i * 7919 % 1000003)
    return len(d), hits, len(names), total, popped


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
    threads, n = parse_args(800000)
    if n >= 1000003:
        print("dict_ops.py: n must stay below 1000003")
        sys.exit(2)
    results, elapsed = run_workers(threads, work, (n,))
    print("dict_ops", n, "=", agreed(results))
    print("elapsed %.6f" % elapsed)


main()
