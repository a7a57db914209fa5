# shared_globals: a hot loop that reads module-level globals (ints, a tuple
# table, a list, a dict) and builtins on every iteration. Measures global and
# builtin lookups on dicts shared by all threads, which must not take a lock or
# write shared memory on the read path.
# category: contention
# usage: shared_globals.py [threads=1] [n=2200000]
import sys
import time

MASK = 0xFFFF
MULTIPLIER = 40503
TABLE = tuple((i * 2654435761) % 251 for i in range(256))
OFFSETS = [3, 1, 4, 1, 5, 9, 2, 6]
NAMES = {"low": 1, "high": 2}


def hot_loop(n):
    acc = 0
    for i in range(n):
        acc = ((acc + TABLE[i & 255]) * MULTIPLIER + OFFSETS[i & 7]) & MASK
        if acc > MASK // 2:
            acc -= NAMES["high"]
        else:
            acc += NAMES["low"]
    return acc, len(TABLE), abs(-acc)


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
    threads, n = parse_args(2200000)
    results, elapsed = run_workers(threads, hot_loop, (n,))
    print("shared_globals", n, "=", agreed(results))
    print("elapsed %.6f" % elapsed)


main()
