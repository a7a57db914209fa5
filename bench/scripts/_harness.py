"""Shared by the benchmark scripts: arguments, workers, result checks.

Not a benchmark itself (tools/compare skips names starting with "_"); the
scripts import it from their own directory, under CPython and twinpy alike.
"""

import sys
import time

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
