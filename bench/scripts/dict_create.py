# dict_create: builds many small short-lived dicts (displays, dict(), dict
# comprehensions, copies, updates) and reads them back. Measures dict
# allocation, insertion, resizing from empty and deallocation.
# category: contention
# usage: dict_create.py [threads=1] [n=350000]
import sys
import time
from _harness import agreed, parse_args, run_workers

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


def main():
    threads, n = parse_args(350000)
    results, elapsed = run_workers(threads, build, (n,))
    print("dict_create", n, "=", agreed(results))
    print("elapsed %.6f" % elapsed)


main()
