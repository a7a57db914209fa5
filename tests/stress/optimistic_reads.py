# Stress: readers index and iterate a shared list, look up str keys in a
# shared dict, read attributes of one shared instance and read module
# globals, while writers replace, remove and reorder what they read. Every
# value a writer stores is freshly made (a float from arithmetic, a new list,
# a new tuple, a string built at run time, a Token) and held by the
# container alone, so the moment the container lets go of it, it dies; dict
# keys are fresh strings too. Writers also grow the containers past their
# capacity and shrink or clear them, so item arrays and dict tables are
# replaced while readers are in them. A reader that loads a pointer without
# a lock must not see a freed object: under ASan that is a use-after-free,
# otherwise usually a value of the wrong type or range, counted here.
#
# A Token holds a started generator whose finally block logs the Token's
# tag when the Token is freed (works in CPython and twinpy alike), so at the
# end every Token made must have been freed exactly once, none while still
# reachable. Token.__del__ is checked too where the interpreter runs it.
import threading
import time

ROUNDS = 25000  # per writer
READERS = 4
MIN_READS = 50  # per reader, even if the writers finish first
LIMIT = 1e9

finalized = []  # Token tags, appended when a Token's generator is closed
deleted = []  # Token tags, appended by Token.__del__
anomalies = []
errors = []
made = [0, 0, 0, 0]  # Tokens made per writer (each writer its own slot)


def _life(n):
    try:
        yield n
    finally:
        finalized.append(n)


class Token:
    def __init__(self, n):
        self.n = n
        self.pair = (n, -n)
        self.life = _life(n)
        next(self.life)

    def __del__(self):
        deleted.append(self.n)


class _Probe:
    def __del__(self):
        _probe_log.append(1)


_probe_log = []
_Probe()
DEL_RUNS = len(_probe_log) == 1


def fresh(w, i):
    """A new object of one of five kinds, referenced only by the caller."""
    kind = i % 5
    if kind == 0:
        return i * 0.5 + 0.25
    if kind == 1:
        return [i, i + 1]
    if kind == 2:
        return (i, i * 2)
    if kind == 3:
        return "s" + str(i)
    tag = made[w] * 4 + w
    made[w] += 1
    return Token(tag)


def fresh_float(i):
    return i * 0.5 + 0.25


def valid(v):
    t = type(v)
    if t is float:
        return 0.0 <= v < LIMIT
    if t is list:
        return len(v) == 2 and v[1] == v[0] + 1
    if t is tuple:
        return len(v) == 2 and v[1] == v[0] * 2
    if t is str:
        return v[:1] == "s" and v[1:].isdigit()
    if t is Token:
        return v.n >= 0 and v.pair == (v.n, -v.n) and v.n < LIMIT
    return False


def check(v, where):
    if not valid(v):
        anomalies.append(where + ": " + type(v).__name__)


def check_float(v, where):
    if type(v) is not float or not 0.0 <= v < LIMIT:
        anomalies.append(where + ": " + type(v).__name__)


def check_key(k, where):
    if type(k) is not str or not (k[:1] in ("k", "g") and k[1:].isdigit()
                                  or k in ("alpha", "beta")):
        anomalies.append(where + ": bad key " + type(k).__name__)


def rank(v):
    t = type(v)
    if t is float:
        return v
    if t is list or t is tuple:
        return v[0]
    if t is str:
        return len(v)
    return v.n


class Holder:
    pass


items = [fresh(0, i) for i in range(40)]
nums = [fresh_float(i) for i in range(64)]
table = {}
obj = Holder()
obj.f = 0.25
obj.l = [0, 1]
obj.t = fresh(3, 4)
obj.s = fresh(3, 3)
obj.v = fresh(3, 1)
G_VAL = fresh(3, 2)
G_FLOAT = 0.75
G_TMP = fresh(3, 3)

NK = 24
ATTRS = ("f", "l", "t", "s", "v")
done = threading.Event()
start = threading.Barrier(4 + READERS)


def list_writer(w):
    # Replaces items, grows the list past its capacity, shrinks and clears it.
    for i in range(ROUNDS):
        try:
            items[i % 16] = fresh(w, i)
            items[-1] = fresh(w, i + 1)
        except IndexError:
            pass
        items.append(fresh(w, i + 2))
        if i % 4 == 0:
            items.insert(i % 8, fresh(w, i + 3))
        if i % 16 == 0:
            items.extend([fresh(w, i + j) for j in range(40)])
        if len(items) > 100:
            how = i % 3
            if how == 0:
                while len(items) > 24:
                    try:
                        items.pop()
                    except IndexError:
                        break
            elif how == 1:
                try:
                    items.pop(0)
                    del items[0]
                    del items[-1]
                except IndexError:
                    pass
            else:
                del items[20:]
        if i % 97 == 0:
            items.clear()
        if i % 53 == 0:
            items[:] = [fresh(w, i + j) for j in range(30)]
        try:
            nums[i % 64] = fresh_float(i)
        except IndexError:
            pass


def order_writer(w):
    # Sorts, reverses and slice-assigns the shared lists.
    for i in range(ROUNDS):
        if i % 4 == 0:
            try:
                items.sort(key=rank)
            except ValueError:
                pass  # "list modified during sort"
        items.reverse()
        a = i % 10
        items[a:a + 3] = [fresh(w, i), fresh(w, i + 1)]
        items[a:a + 2] = [fresh(w, i + 2), fresh(w, i + 3), fresh(w, i + 4)]
        del items[a:a + 2]
        if i % 8 == 0:
            try:
                n = len(items[::4])
                items[::4] = [fresh(w, i + j) for j in range(n)]
            except ValueError:
                pass  # the length changed in between
        if i % 8 == 4:
            del items[::5]
        try:
            nums[(i * 7) % 64] = fresh_float(i)
        except IndexError:
            pass
        nums.sort()
        if i % 2:
            nums.reverse()
        nums[a:a + 4] = [fresh_float(i), fresh_float(i + 1)]
        del nums[a:a + 1]
        if i % 8 == 0:
            del nums[::6]
        while len(nums) < 64:
            nums.append(fresh_float(i + len(nums)))


def dict_writer(w):
    # Sets, deletes, pops, updates, grows past the table and clears, with
    # fresh keys and values.
    for i in range(ROUNDS):
        table["k" + str(i % NK)] = fresh(w, i)
        table["alpha"] = fresh(w, i + 1)
        table.pop("k" + str((i * 7) % NK), None)
        table.setdefault("k" + str((i * 3) % NK), fresh(w, i + 2))
        if i % 4 == 0:
            table.update({"k" + str((i * 5) % NK): fresh(w, i + 3),
                          "beta": fresh(w, i + 4)})
            table.update(beta=fresh(w, i + 5))
        if i % 5 == 0:
            try:
                table.popitem()
            except KeyError:
                pass
        if i % 6 == 0:
            try:
                del table["k" + str((i * 11) % NK)]
            except KeyError:
                pass
        if i % 40 == 0:
            for j in range(100):
                table["g" + str(j)] = fresh(w, i + j)
            if i % 80 == 0:
                table.clear()
            else:
                for j in range(100):
                    table.pop("g" + str(j), None)


def attr_writer(w):
    # Rebinds and deletes attributes of one instance and module globals;
    # adds and removes enough of both to resize their dicts.
    global G_VAL, G_FLOAT, G_TMP
    g = globals()
    for i in range(ROUNDS):
        obj.f = fresh_float(i)
        obj.l = [i, i + 1]
        obj.t = Token(made[w] * 4 + w)
        made[w] += 1
        obj.s = "s" + str(i)
        obj.v = fresh(w, i)
        if i % 3 == 0:
            del obj.l
        if i % 20 == 0:
            for j in range(30):
                setattr(obj, "x" + str(j), fresh(w, i + j))
            for j in range(30):
                delattr(obj, "x" + str(j))
        G_VAL = fresh(w, i)
        G_FLOAT = fresh_float(i)
        if i % 2:
            del G_TMP
        else:
            G_TMP = fresh(w, i + 1)
        if i % 25 == 0:
            for j in range(30):
                g["dyn" + str(j)] = fresh(w, i + j)
            for j in range(30):
                del g["dyn" + str(j)]


def read_all(n):
    size = len(items)
    for j in (n % 7, -1, size // 2):
        try:
            check(items[j], "items[j]")
        except IndexError:
            pass
    for v in items[1:4]:
        check(v, "items[a:b]")
    if n % 8 == 0:
        for v in items:
            check(v, "for in items")
    try:
        check_float(nums[n % 64], "nums[j]")
    except IndexError:
        pass
    if n % 8 == 4:
        for v in nums:
            check_float(v, "for in nums")
    try:
        check(table["alpha"], "table[const]")
    except KeyError:
        pass
    try:
        check(table["k" + str(n % NK)], "table[built]")
    except KeyError:
        pass
    v = table.get("g" + str(n % 100))
    if v is not None:
        check(v, "table.get")
    if n % 16 == 0:
        try:
            for k, v in table.items():
                check_key(k, "table.items")
                check(v, "table.items")
        except RuntimeError:
            pass  # "dictionary changed size during iteration"
    check_float(obj.f, "obj.f")
    check(obj.v, "obj.v")
    try:
        check(obj.l, "obj.l")
    except AttributeError:
        pass
    check(obj.t, "obj.t")
    check(obj.s, "obj.s")
    v = getattr(obj, "x" + str(n % 30), None)
    if v is not None:
        check(v, "getattr(obj)")
    check(G_VAL, "G_VAL")
    check_float(G_FLOAT, "G_FLOAT")
    try:
        check(G_TMP, "G_TMP")
    except NameError:
        pass


def reader():
    n = 0
    while not done.is_set() or n < MIN_READS:
        n += 1
        read_all(n)


def guarded(fn, *args):
    try:
        start.wait()
        fn(*args)
    except Exception as e:  # reported below
        errors.append(fn.__name__ + ": " + type(e).__name__ + ": " + str(e))


def run():
    writers = [threading.Thread(target=guarded, args=(fn, w)) for w, fn in
               enumerate((list_writer, order_writer, dict_writer,
                          attr_writer))]
    readers = [threading.Thread(target=guarded, args=(reader,))
               for _ in range(READERS)]
    for t in readers + writers:
        t.start()
    for t in writers:
        t.join()
    done.set()
    for t in readers:
        t.join()


def reachable_tokens():
    """Tags of the Tokens the containers still hold."""
    values = list(items) + list(table.values())
    values += [getattr(obj, a, None) for a in ATTRS]
    values += [G_VAL, globals().get("G_TMP")]
    return [v.n for v in values if type(v) is Token]


def settle(log, expected):
    # Free-threaded builds may drop a container's old references only once
    # every thread passed a quiescent point; give the main thread's loop a
    # moment to get there.
    for _ in range(400):
        if len(log) >= expected:
            return
        for _ in range(200):
            pass
        time.sleep(0.005)


def check_consistent():
    assert len(items) == len([v for v in items])
    for v in items:
        assert valid(v), type(v).__name__
    assert len(nums) == 64, len(nums)  # order_writer refills it last
    nums.sort()
    for j in range(len(nums) - 1):
        assert nums[j] <= nums[j + 1]
    for v in nums:
        assert type(v) is float and 0.0 <= v < LIMIT
    keys = list(table)
    assert len(keys) == len(table) == len(table.items()) == len(
        table.values()), len(table)
    assert len(set(keys)) == len(keys)
    for k in keys:
        check_key(k, "final key")
        assert valid(table[k]), k
    for a in ATTRS:
        v = getattr(obj, a, None)
        assert v is None or valid(v), a
    assert sorted(vars(obj)) == sorted(a for a in ATTRS if hasattr(obj, a))
    assert valid(G_VAL) and type(G_FLOAT) is float
    assert not [k for k in globals() if k.startswith("dyn")]


def check_freed():
    created = sum(made)
    alive = reachable_tokens()
    assert len(set(alive)) == len(alive), "a Token stored twice"
    expected = created - len(alive)
    settle(finalized, expected)
    # More would mean a Token freed while a container still held it.
    assert len(finalized) == expected, (len(finalized), created, len(alive))
    assert not set(alive) & set(finalized), "reachable Token was freed"
    items.clear()
    nums.clear()
    table.clear()
    for a in ATTRS:
        if hasattr(obj, a):
            delattr(obj, a)
    global G_VAL, G_TMP
    G_VAL = None
    G_TMP = None
    alive = None
    settle(finalized, created)
    assert len(finalized) == created, (len(finalized), created)
    assert len(set(finalized)) == created, "a Token freed twice"
    if DEL_RUNS:
        settle(deleted, created)
        assert sorted(deleted) == sorted(finalized), (len(deleted), created)


run()
assert not errors, errors
assert not anomalies, anomalies[:10]
check_consistent()
assert not anomalies, anomalies[:10]
check_freed()
print("ok")
