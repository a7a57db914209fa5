# CPython 3.11 segfaults here (its C stack overflows once the limit is
# raised); twinpy checks the thread's real stack and raises RecursionError
# instead, in the main thread and in another thread.
import sys
import threading

sys.setrecursionlimit(1000000)


class Repr:
    def __repr__(self):
        return repr(self)


class Eq:
    def __eq__(self, other):
        return self == other


class GetAttr:
    def __getattr__(self, name):
        return getattr(self, name)


def sort_key(x):
    return sorted([1, 2], key=sort_key)


def gen(n):
    if n == 0:
        yield 1
    else:
        yield from gen(n - 1)


def plain(n):
    return 0 if n == 0 else plain(n - 1) + 1


deep = None
for _ in range(1000000):
    deep = [deep]


def report(name, fn):
    try:
        fn()
        print(name, "no error")
    except RecursionError as e:
        print(name, type(e).__name__, str(e).startswith("maximum recursion depth exceeded"))


def run_all(where):
    print("--", where)
    # Python-to-Python calls do not use the C stack: deep recursion works.
    print("plain", plain(200000))
    report("repr", lambda: repr(Repr()))
    report("eq", lambda: Eq() == Eq())
    report("getattr", lambda: GetAttr().x)
    report("sort key", lambda: sorted([1, 2], key=sort_key))
    report("nested repr", lambda: repr(deep))
    report("nested eq", lambda: deep == [deep])
    report("yield from", lambda: list(gen(500000)))


run_all("main thread")
t = threading.Thread(target=run_all, args=("thread",))
t.start()
t.join()
