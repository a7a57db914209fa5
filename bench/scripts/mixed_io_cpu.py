# mixed_io_cpu: workers alternate a CPU-bound burst (hashing a block of
# generated records) with a 10 ms sleep standing in for a network round trip.
# Measures how well CPU work of one thread overlaps with the waits of another.
# category: mixed
# usage: mixed_io_cpu.py [threads=1] [rounds=20]
import sys
import time

PAUSE = 0.01


def digest(records):
    h = 2166136261
    for rec in records:
        for ch in rec:
            h = ((h ^ ord(ch)) * 16777619) % 4294967296
    return h


def make_records(round_no, count):
    return ["user%05d:%d:%s" % (i, (i * round_no) % 977, "ok" if i % 3 else "retry")
            for i in range(count)]


def request_loop(rounds):
    combined = 0
    for r in range(rounds):
        records = make_records(r + 1, 4000)  # "parse the response"
        combined = (combined * 31 + digest(records)) % 1000000007
        time.sleep(PAUSE)  # "wait for the next response"
    return combined


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
    threads, rounds = parse_args(20)
    results, elapsed = run_workers(threads, request_loop, (rounds,))
    print("mixed_io_cpu rounds", rounds, "digest", agreed(results))
    print("elapsed %.6f" % elapsed)


main()
