# producer_consumer: producers build small work items and consumers process
# them. With threads > 1 there are `threads` producer threads and `threads`
# consumer threads sharing one bounded queue.Queue (stopped by sentinels);
# with threads == 1 one loop hands the same items through a plain list.
# category: contention
# usage: producer_consumer.py [threads=1] [items=250000]
import sys
import time
from _harness import parse_args

QUEUE_SIZE = 256
BATCH = 64


def make_item(i):
    return (i, "job-%d" % (i % 1000), i * 7 % 13)


def process(item):
    ident, name, weight = item
    h = ident
    for ch in name:
        h = (h * 31 + ord(ch)) % 65521
    for k in range(weight + 8):
        h = (h * 17 + k) % 65521
    return h


def produce(q, n):
    for i in range(n):
        q.put(make_item(i))
    q.put(None)


def consume(q, slot, out):
    count = 0
    total = 0
    while True:
        item = q.get()
        if item is None:
            break
        count += 1
        total += process(item)
    out[slot] = (count, total)


def single(n):
    """The same items, made and processed in one thread through a list."""
    count = 0
    total = 0
    buffer = []
    head = 0
    for i in range(n):
        buffer.append(make_item(i))
        if len(buffer) - head >= BATCH:
            while head < len(buffer):
                count += 1
                total += process(buffer[head])
                head += 1
            buffer = []
            head = 0
    while head < len(buffer):
        count += 1
        total += process(buffer[head])
        head += 1
    return count, total


def run(threads, n):
    if threads == 1:
        start = time.perf_counter()
        result = single(n)
        return result, time.perf_counter() - start
    import queue
    import threading
    q = queue.Queue(QUEUE_SIZE)
    out = [None] * threads
    pool = [threading.Thread(target=produce, args=(q, n)) for _ in range(threads)]
    pool += [threading.Thread(target=consume, args=(q, slot, out)) for slot in range(threads)]
    start = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.perf_counter() - start
    count = 0
    total = 0
    for c, t in out:
        count += c
        total += t
    if count != threads * n or total % threads != 0:
        print("lost or duplicated items:", count, total)
        sys.exit(1)
    return (count // threads, total // threads), elapsed


def main():
    threads, n = parse_args(250000)
    (count, total), elapsed = run(threads, n)
    print("producer_consumer items per producer", count, "checksum", total)
    print("elapsed %.6f" % elapsed)


main()
