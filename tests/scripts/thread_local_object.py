# threading.local / _thread._local: per-thread attributes and __dict__, class
# attributes, methods and properties, subclass __init__ re-run per thread
# with the constructor's arguments, errors, and dicts surviving their thread.
import _thread
import threading

print(threading.local is _thread._local)
print(repr(_thread._local), _thread._local.__name__)
loc = threading.local()
print(repr(loc).startswith("<_thread._local object at 0x"))
print(loc.__doc__, loc.__class__ is _thread._local)
loc.x = 1
loc.y = "main"
print(sorted(loc.__dict__.items()), vars(loc) is loc.__dict__)
print("x" in dir(loc), hasattr(loc, "z"), getattr(loc, "z", "default"))


def run_in_thread(fn, *args):
    out = []
    t = threading.Thread(target=lambda: out.append(fn(*args)))
    t.start()
    t.join()
    return out[0]


def show_other(obj):
    seen = sorted(obj.__dict__.items())
    obj.x = 2
    obj.other = True
    return seen, obj.x, sorted(obj.__dict__)


print(run_in_thread(show_other, loc))
print(sorted(loc.__dict__.items()))

# Errors, with CPython's messages.
def delete(obj, name):
    if name == "__dict__":
        del obj.__dict__
    else:
        del obj.missing


def attempt(fn):
    try:
        return fn()
    except (AttributeError, TypeError) as e:
        return type(e).__name__ + ": " + str(e)


print(attempt(lambda: loc.missing))
print(attempt(lambda: delete(loc, "missing")))
print(attempt(lambda: setattr(loc, "__dict__", {})))
print(attempt(lambda: delete(loc, "__dict__")))
print(attempt(lambda: _thread._local(1)))
print(attempt(lambda: threading.local(key=2)))
del loc.x
print(attempt(lambda: loc.x), sorted(loc.__dict__))
loc.__dict__["via_dict"] = 5
print(loc.via_dict)
print(loc == loc, loc != threading.local(), hash(loc) == hash(loc), bool(loc))


# Subclasses: class attributes, methods, properties; __init__ per thread.
class Counter(threading.local):
    kind = "counter"
    inits = []

    def __init__(self, start, step=1):
        Counter.inits.append((start, step))
        self.value = start
        self.step = step

    def bump(self):
        self.value += self.step
        return self.value

    @property
    def doubled(self):
        return self.value * 2

    @doubled.setter
    def doubled(self, v):
        self.value = v // 2


c = Counter(10, step=5)
print(c.kind, c.bump(), c.bump(), c.doubled, Counter.inits)


def use_counter(obj, n):
    got = [obj.value]
    for _ in range(n):
        got.append(obj.bump())
    obj.doubled = 100
    return got, obj.value, obj.kind


results = [None] * 4


def worker(i):
    results[i] = use_counter(c, i + 1)


threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for r in results:
    print(r)
print(c.value, sorted(Counter.inits))
print(attempt(lambda: c.missing))
print(attempt(lambda: delete(c, "missing")))
print(attempt(lambda: setattr(c, "kind", "mine")), c.kind, Counter.kind)


# An attribute in the dict shadows a method, in its own thread only.
class Named(threading.local):
    def name(self):
        return "method"


n = Named()
n.name = lambda: "shadow"
print(n.name(), run_in_thread(lambda: n.name()))
print(attempt(lambda: Named(1)))


# A subclass's __init__ that fails leaves the thread without a dict: the
# next touch runs it again.
class Flaky(threading.local):
    calls = 0

    def __init__(self):
        Flaky.calls += 1
        if Flaky.calls == 2:
            raise ValueError("second init fails")
        self.ok = Flaky.calls


f = Flaky()


def touch_twice():
    out = []
    for _ in range(2):
        try:
            out.append(f.ok)
        except ValueError as e:
            out.append(str(e))
    return out


print(f.ok, run_in_thread(touch_twice), Flaky.calls)


# __getattr__ and __setattr__ overrides see the per-thread state.
class Fallback(threading.local):
    def __getattr__(self, name):
        return "fallback:" + name

    def __setattr__(self, name, value):
        super().__setattr__(name, value * 2)


fb = Fallback()
fb.a = 21
print(fb.a, fb.b, run_in_thread(lambda: (fb.a, fb.__dict__)))

# A thread's dict outlives the thread when something still holds it.
kept = run_in_thread(lambda: (setattr(loc, "late", 7), loc.__dict__)[1])
print(sorted(kept.items()), hasattr(loc, "late"))

# Many locals in one thread, and a dropped local's slot reused.
many = [threading.local() for _ in range(50)]
for i, m in enumerate(many):
    m.i = i
print(sum(m.i for m in many), run_in_thread(lambda: [hasattr(m, "i") for m in many].count(True)))
del many
again = [threading.local() for _ in range(50)]
print([hasattr(m, "i") for m in again].count(True))


# Layouts that cannot mix, and a mixin that can.
class Mixin:
    def hello(self):
        return "hello " + self.who


class Both(Mixin, threading.local):
    pass


b = Both()
b.who = "main"
print(b.hello(), run_in_thread(lambda: hasattr(b, "who")))
for bases in [(Exception, threading.local), (threading.local, tuple)]:
    try:
        type("Bad", bases, {})
    except TypeError as e:
        print("TypeError:", e)
