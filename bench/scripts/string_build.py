# string_build: builds, slices, splits and joins strings.
# Measures str allocation and freeing, concatenation, join/split and methods.
# category: cpu
# usage: string_build.py [threads=1] [n=1000000]
import sys
import time


def work(n):
    words = ["alpha", "beta", "gamma", "delta", "epsilon"]
    parts = []
    checksum = 0
    for i in range(n):
        w = words[i % 5]
        s = w + str(i)
        if i % 3 == 0:
            s = s.upper()
        parts.append(s)
        checksum += len(s)
    line = ",".join(parts)
    back = line.split(",")
    hits = 0
    for p in back:
        if p.startswith("GAMMA") or p.endswith("7"):
            hits += 1
    small = ""
    for i in range(n // 10):
        small += words[i % 5][:2]
    return checksum, len(line), len(back), hits, len(small), small.count("al")


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
    threads, n = parse_args(1000000)
    results, elapsed = run_workers(threads, work, (n,))
    print("string_build", n, "=", agreed(results))
    print("elapsed %.6f" % elapsed)


main()
