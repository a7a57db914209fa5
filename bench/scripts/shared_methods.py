# shared_methods: every worker calls methods (and reads attributes and a
# property) of one shared, read-only object created at start-up. Measures
# method lookup through the shared class and instance, bound-method creation
# and reference counting on objects all threads touch.
# category: contention
# usage: shared_methods.py [threads=1] [n=1500000]
import sys
import time


class Codec:
    def __init__(self, key, modulus):
        self.key = key
        self.modulus = modulus
        self.rounds = 3

    def encode(self, x):
        return (x * self.key + 7) % self.modulus

    def decode_hint(self, x):
        return x % 16

    @property
    def span(self):
        return self.modulus - self.key

    def combine(self, a, b):
        return self.encode(a ^ b)


CODEC = Codec(48271, 2147483647)


def hot_loop(n):
    codec = CODEC
    acc = 1
    hints = 0
    for i in range(n):
        acc = codec.combine(acc, i)
        hints += codec.decode_hint(acc)
        if i % 64 == 0:
            acc = (acc + codec.span + codec.rounds) % codec.modulus
    return acc, hints


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
    threads, n = parse_args(1500000)
    results, elapsed = run_workers(threads, hot_loop, (n,))
    print("shared_methods", n, "=", agreed(results))
    print("elapsed %.6f" % elapsed)


main()
