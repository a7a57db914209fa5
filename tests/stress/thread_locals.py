# Thread-local objects created, used and dropped by several threads while
# short-lived threads start, touch them and end: a local may die in one
# thread while another thread holding a dict for it exits. Every thread
# must only ever see its own values.
import random
import threading


class Tagged(threading.local):
    def __init__(self, tag):
        self.tag = tag
        self.owner = threading.get_ident()


pool_lock = threading.Lock()
pool = [threading.local() for _ in range(8)] + [Tagged(i) for i in range(8)]
errors = []


def check(loc, me, rng):
    # Values another thread stored must never show through.
    v = getattr(loc, "mine", None)
    if v is not None and v[0] != me:
        errors.append(("foreign value", v, me))
    loc.mine = (me, rng.random())
    if isinstance(loc, Tagged) and loc.owner != me:
        errors.append(("init did not run in this thread", loc.owner, me))
    d = loc.__dict__
    if d.get("mine", (me,))[0] != me:
        errors.append(("foreign dict", me))


def short_lived(seed):
    rng = random.Random(seed)
    me = threading.get_ident()
    with pool_lock:
        picks = rng.sample(pool, 4)
    for loc in picks:
        check(loc, me, rng)
        loc.count = getattr(loc, "count", 0) + 1


def worker(seed, rounds):
    rng = random.Random(seed)
    me = threading.get_ident()
    children = []
    for r in range(rounds):
        with pool_lock:
            loc = pool[rng.randrange(len(pool))]
        for _ in range(20):
            check(loc, me, rng)
        # Replace a pool entry: the old local may die here, with dicts in
        # threads that are running or ending.
        fresh = Tagged(r) if rng.random() < 0.5 else threading.local()
        fresh.mine = (me, 0.0)
        with pool_lock:
            old = pool[rng.randrange(len(pool))]
            pool[pool.index(old)] = fresh
        del old
        # Locals that live only in this thread, dropped at once.
        temp = [threading.local() for _ in range(3)]
        for i, t in enumerate(temp):
            t.i = i
        if sum(t.i for t in temp) != 3:
            errors.append(("temp", me))
        del temp
        if r % 10 == 0:
            c = threading.Thread(target=short_lived, args=(seed * 1000 + r,))
            c.start()
            children.append(c)
        if len(children) > 3:
            children.pop(0).join()
    for c in children:
        c.join()


workers = [threading.Thread(target=worker, args=(s, 400)) for s in range(6)]
for w in workers:
    w.start()
for w in workers:
    w.join()
with pool_lock:
    for loc in pool:
        check(loc, threading.get_ident(), random.Random(0))
pool.clear()
assert not errors, errors[:5]
print("ok")
