# Stress: objects created by one thread and released by others. Producer
# threads make started generators (freeing one runs its finally block, so
# frees are observable) and containers holding them, hand them to consumer
# threads through a shared list and exit while the consumers still hold
# them; consumers pass them on to each other before dropping the last
# references. The main thread's own objects are dropped by workers while it
# waits in join(). Every object must be freed exactly once, by the time the
# threads are joined (biased counts: merged by the owner or in place once
# the owner is gone).
import threading

PRODUCERS = 4
CONSUMERS = 4
PER_PRODUCER = 15000
FROM_MAIN = 10000

finalized = []


def gen(tag):
    try:
        yield tag
        yield tag
    finally:
        finalized.append(tag)


handoff = []
relay = []
producers_left = [PRODUCERS]
count_lock = threading.Lock()


def producer(k):
    for i in range(PER_PRODUCER):
        g = gen(k)
        next(g)
        # References counted by this thread, dropped elsewhere.
        handoff.append([g, (g, i), {i: g}])
        if i % 3 == 0:
            handoff.append(g)
    with count_lock:
        producers_left[0] -= 1


def consume(item):
    # Take and drop extra references, then pass half on to another consumer.
    alias = item
    pair = (alias, alias)
    del alias, pair
    if isinstance(item, list) and len(item) == 3:
        relay.append(item[1])


def consumer():
    idle = 0
    while True:
        try:
            item = handoff.pop()
        except IndexError:
            item = None
        if item is None:
            try:
                item = relay.pop()
            except IndexError:
                item = None
        if item is None:
            with count_lock:
                finished = producers_left[0] == 0
            if finished and not handoff and not relay:
                idle += 1
                if idle > 3:
                    return
            continue
        idle = 0
        consume(item)
        item = None


mine = []
for i in range(FROM_MAIN):
    g = gen("main")
    next(g)
    mine.append(g)
g = None
for g2 in mine:
    handoff.append(g2)
g2 = None
mine = None

threads = [threading.Thread(target=producer, args=(k,)) for k in range(PRODUCERS)]
threads += [threading.Thread(target=consumer) for _ in range(CONSUMERS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not handoff and not relay
# A little code after join() lets the main thread take back what was
# queued to it.
for _ in range(100):
    pass
expected = PRODUCERS * PER_PRODUCER + FROM_MAIN
assert len(finalized) == expected, (len(finalized), expected)
assert finalized.count("main") == FROM_MAIN
for k in range(PRODUCERS):
    assert finalized.count(k) == PER_PRODUCER, k
print("ok")
