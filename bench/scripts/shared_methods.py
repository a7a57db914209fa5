# shared_methods: every worker calls methods (and reads attributes and a
# property) of one shared, read-only object created at start-up. Measures
# method lookup through the shared class and instance, bound-method creation
# and reference counting on objects all threads touch.
# category: contention
# usage: shared_methods.py [threads=1] [n=1500000]
import sys
import time
from _harness import agreed, parse_args, run_workers


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


def main():
    threads, n = parse_args(1500000)
    results, elapsed = run_workers(threads, hot_loop, (n,))
    print("shared_methods", n, "=", agreed(results))
    print("elapsed %.6f" % elapsed)


main()
