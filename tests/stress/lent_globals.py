# Stress: writers rebind module globals to fresh containers of fresh Tokens
# (a list, a tuple, a dict with tuple keys, a list of fresh big ints, an
# instance with __getitem__) while readers subscript them: `GL[i & 7]`,
# `GT[a:a + 3]`, `GD[i, j]`, `-GN[i & 7]`, `GU[i & 7]`, from functions, from
# class bodies and from the main thread's module-level loop. Some index
# operands' dunders sleep, block on a lock a writer holds, raise, or rebind
# the global themselves, so a reader runs Python code or is detached while
# the old container is in use. Free-threaded twinpy may push such a global
# uncounted (LOAD_GLOBAL_LENT) and hold back the thread's quiescent reports
# until the subscript is done: the container a writer unlinks must stay
# valid until then (else a use-after-free: under ASan a report, otherwise
# usually a value of the wrong type or shape, counted here), and must be
# freed after (a loan that never ends would hold every release back).
#
# A Token holds a started generator whose finally block logs the Token's
# number when the Token is freed (CPython and twinpy alike), so at the end
# every Token made must have been freed exactly once.
import sys
import threading
import time

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 1500  # per writer
WRITERS = 2
READERS = 3
MIN_READS = 50  # per reader, even if the writers finish first
SIZE = 8
SLOTS = WRITERS + READERS + 1  # Token numbering: writers, readers, main
MAIN = SLOTS - 1
BIG = 10 ** 20

finalized = []  # Token numbers, appended when a Token's generator is closed
anomalies = []
errors = []
made = [0] * SLOTS  # Tokens made per thread (each its own slot)
gens = [0] * SLOTS  # containers made per thread


def _life(n):
    try:
        yield n
    finally:
        finalized.append(n)


class Token:
    def __init__(self, slot, gen, idx):
        n = made[slot] * SLOTS + slot
        made[slot] += 1
        self.n = n
        self.gen = gen
        self.idx = idx
        self.pair = (n, -n)
        self.life = _life(n)
        next(self.life)


def new_gen(slot):
    g = gens[slot] * SLOTS + slot
    gens[slot] += 1
    return g


def fresh_list(slot):
    g = new_gen(slot)
    return [Token(slot, g, i) for i in range(SIZE)]


def fresh_tuple(slot):
    g = new_gen(slot)
    return tuple([Token(slot, g, i) for i in range(SIZE)])


def fresh_dict(slot):
    g = new_gen(slot)
    # Fresh tuple keys too: a deleted key is compared by readers as well.
    return {(i, j): Token(slot, g, i * 4 + j) for i in range(4) for j in range(4)}


def fresh_nums(slot):
    g = new_gen(slot)
    return [BIG + g * SIZE + i for i in range(SIZE)]


class Table:
    """A global container whose __getitem__ runs Python code (and sleeps
    when `slow`) while the subscript holds it."""

    def __init__(self, slot, slow):
        self.rows = fresh_list(slot)
        self.slow = slow

    def __getitem__(self, i):
        if self.slow:
            time.sleep(0)
        return self.rows[i]


GL = fresh_list(MAIN)
GT = fresh_tuple(MAIN)
GD = fresh_dict(MAIN)
GN = fresh_nums(MAIN)
GU = Table(MAIN, False)
BLOCK = threading.Lock()  # writers hold it for a moment; slow readers wait
done = threading.Event()
start = threading.Barrier(WRITERS + READERS + 1)


def bad(v, where):
    anomalies.append(where + ": " + type(v).__name__)


def check_item(v, idx, where):
    if type(v) is not Token or v.pair != (v.n, -v.n) or v.idx != idx:
        bad(v, where)
        return None
    return v.gen


def check_run(vs, a, where):
    if type(vs) is not tuple or len(vs) != 3:
        bad(vs, where)
        return
    gen = check_item(vs[0], a, where)
    for k in (1, 2):
        if check_item(vs[k], a + k, where) != gen:
            bad(vs[k], where + " (mixed containers)")


def check_neg(v, idx, where):
    if type(v) is not int or v > -BIG or (-v - BIG) % SIZE != idx:
        bad(v, where)


class Operand:
    """An index operand whose `&` sleeps, waits for BLOCK, raises, or
    rebinds GL itself, then gives `n & other`."""

    def __init__(self, mode, slot):
        self.mode = mode
        self.slot = slot
        self.n = 0
        self.rebound_gen = None

    def __and__(self, other):
        global GL
        if self.mode == 0:
            time.sleep(0)
        elif self.mode == 1:
            with BLOCK:
                pass
        elif self.mode == 2:
            raise LookupError("operand")
        else:
            fresh = fresh_list(self.slot)
            self.rebound_gen = fresh[0].gen
            GL = fresh
            fresh = None
            time.sleep(0)
        return self.n & other


def read_once(n, ops):
    i = n * 7
    a = n % 6
    try:
        check_item(GL[i & 7], i & 7, "GL[i & 7]")
    except NameError:
        pass  # between a writer's pop and its rebinding
    try:
        check_run(GT[a:a + 3], a, "GT[a:a + 3]")
    except NameError:
        pass
    check_item(GD[i & 3, (i >> 2) & 3], (i & 3) * 4 + ((i >> 2) & 3), "GD[i, j]")
    check_neg(-GN[i & 7], i & 7, "-GN[i & 7]")
    check_item(GU[i & 7], i & 7, "GU[i & 7]")
    if n % 4 == 0:
        op = ops[(n >> 2) % len(ops)]
        op.n = n
        try:
            v = GL[op & 7]
            gen = check_item(v, n & 7, "GL[op & 7]")
            if op.mode == 3 and gen == op.rebound_gen:
                bad(v, "GL[op & 7] read the new GL")
        except LookupError:
            pass  # mode 2
    if n % 64 == 0:
        # Checked in the body: a class namespace must not keep Tokens (a
        # class lives in a reference cycle, or forever).
        try:
            class Body:
                check_item(GL[i & 7], i & 7, "class body GL")
                check_neg(-GN[(i + 1) & 7], (i + 1) & 7, "class body GN")
                check_run(GT[1:4], 1, "class body GT")
        except NameError:
            pass


def writer(w):
    global GL, GT, GD, GN, GU
    g = globals()
    for i in range(ROUNDS):
        GL = fresh_list(w)
        GT = fresh_tuple(w)
        GN = fresh_nums(w)
        if i % 2 == 0:
            GD = fresh_dict(w)
        if i % 3 == 0:
            GU = Table(w, i % 6 == 0)
        if i % 8 == 0:
            g["GL"] = fresh_list(w)  # through the dict, not STORE_GLOBAL
        if i % 16 == 5:
            g.pop("GT", None)
            time.sleep(0)
            GT = fresh_tuple(w)
        if i % 32 == 7:
            with BLOCK:
                GL = fresh_list(w)
                time.sleep(0.0002)


def own_release(slot):
    # This thread's own loans have ended: what it unlinks now gets freed
    # while it keeps running (a loan left over would hold it back forever).
    mark = fresh_list(slot)
    first = mark[0].n
    g = globals()
    g["PRIV" + str(slot)] = mark
    mark = None
    g["PRIV" + str(slot)] = None
    for _ in range(400):
        if first in finalized:
            return
        for _ in range(200):
            pass
        time.sleep(0.005)
    anomalies.append("thread %d: an unlinked list was never freed" % slot)


def reader(r):
    slot = WRITERS + r
    ops = [Operand(m, slot) for m in range(4)]
    n = 0
    while not done.is_set() or n < MIN_READS:
        n += 1
        read_once(n, ops)
    ops = None
    own_release(slot)


def guarded(fn, *args):
    try:
        start.wait()
        fn(*args)
    except Exception as e:  # reported below
        errors.append(fn.__name__ + ": " + type(e).__name__ + ": " + str(e))


threads = [threading.Thread(target=guarded, args=(writer, w)) for w in range(WRITERS)]
threads += [threading.Thread(target=guarded, args=(reader, r)) for r in range(READERS)]
for t in threads:
    t.start()
start.wait()

# The main thread reads at module level while the others run.
main_ops = [Operand(m, MAIN) for m in (0, 2, 3)]
n = 0
while n < MIN_READS or threads[0].is_alive() or threads[1].is_alive():
    n += 1
    i = n * 5
    try:
        check_item(GL[i & 7], i & 7, "module GL[i & 7]")
        check_run(GT[2:5], 2, "module GT[2:5]")
    except NameError:
        pass
    check_item(GD[1, i & 3], 4 + (i & 3), "module GD[1, j]")
    check_neg(-GN[i & 7], i & 7, "module -GN[i & 7]")
    op = main_ops[n % 3]
    op.n = n
    try:
        check_item(GL[op & 7], n & 7, "module GL[op & 7]")
    except LookupError:
        pass
    try:
        GL[1 // (n & 0)]
    except ZeroDivisionError:
        pass
    except NameError:
        pass
    if n % 8 == 0:
        time.sleep(0.0005)  # leave the writers some time
op = None
main_ops = None
done.set()
for t in threads:
    t.join()
assert not errors, errors
assert not anomalies, anomalies[:10]
own_release(MAIN)
assert not anomalies, anomalies[:10]

# Nothing holds a Token any more once the globals let go.
GL = GT = GD = GN = GU = None
for k in [k for k in globals() if k.startswith("PRIV")]:
    globals()[k] = None
created = sum(made)
for _ in range(400):
    if len(finalized) >= created:
        break
    for _ in range(200):
        pass
    time.sleep(0.005)
assert len(finalized) == created, (len(finalized), created)
assert len(set(finalized)) == created, "a Token freed twice"
print("ok")
