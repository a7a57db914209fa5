# mixed_io_cpu: workers alternate a CPU-bound burst (hashing a block of
# generated records) with a 10 ms sleep standing in for a network round trip.
# Measures how well CPU work of one thread overlaps with the waits of another.
# category: mixed
# usage: mixed_io_cpu.py [threads=1] [rounds=20]
import sys
import time
from _harness import agreed, parse_args, run_workers

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


def main():
    threads, rounds = parse_args(20)
    results, elapsed = run_workers(threads, request_loop, (rounds,))
    print("mixed_io_cpu rounds", rounds, "digest", agreed(results))
    print("elapsed %.6f" % elapsed)


main()
