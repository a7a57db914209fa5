# generators: a pipeline of generators (source, filter, map, sliding window,
# batching, yield from, generator expressions and send()) summed at the end.
# Measures generator creation, resumption and StopIteration handling.
# category: cpu
# usage: generators.py [threads=1] [n=1500000]
import sys
import time
from _harness import agreed, parse_args, run_workers


def numbers(n, seed):
    for _ in range(n):
        seed = (seed * 69069 + 1) % 4294967296
        yield seed >> 16


def keep_odd(source):
    for x in source:
        if x & 1:
            yield x


def squares_mod(source, m):
    for x in source:
        yield x * x % m


def windows(source, size):
    """Sliding windows of `size` items, as tuples."""
    window = []
    for x in source:
        window.append(x)
        if len(window) > size:
            window.pop(0)
        if len(window) == size:
            yield tuple(window)


def batches(source, size):
    batch = []
    for x in source:
        batch.append(x)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def flatten(batches_of):
    for batch in batches_of:
        yield from batch


def running_max():
    """A coroutine: send values in, get the maximum so far back."""
    best = None
    value = yield None
    while True:
        if best is None or value > best:
            best = value
        value = yield best


def pipeline(n):
    stage = squares_mod(keep_odd(numbers(n, 12345)), 1000003)
    stage = (a + 2 * b - c for a, b, c in windows(stage, 3))
    total = 0
    count = 0
    tracker = running_max()
    next(tracker)
    best = 0
    for batch in batches(stage, 16):
        total += sum(batch)
        count += len(batch)
        best = tracker.send(max(batch))
    again = sum(x % 7 for x in flatten(batches(numbers(n // 4, 99), 8)))
    tracker.close()
    return count, total, best, again


def main():
    threads, n = parse_args(1500000)
    results, elapsed = run_workers(threads, pipeline, (n,))
    print("generators", n, "=", agreed(results))
    print("elapsed %.6f" % elapsed)


main()
