# Unbounded recursion through native code raises RecursionError, in the main
# thread and in another thread; nothing overflows the C++ stack. Where the
# message's suffix ("while getting the repr of an object", ...) depends on
# how CPython counts its internal calls, only its start is compared.
import sys
import threading


def report(name, fn, exact=False):
    try:
        fn()
        print(name, "no error")
    except RecursionError as e:
        text = str(e)
        if not exact:
            text = text.startswith("maximum recursion depth exceeded")
        print(name, type(e).__name__, text)


class Repr:
    def __repr__(self):
        return repr(self)


class Str:
    def __str__(self):
        return str(self)


class Eq:
    def __eq__(self, other):
        return self == other


class Lt:
    def __lt__(self, other):
        return self < other


class Hash:
    def __hash__(self):
        return hash(self)


class GetAttr:
    def __getattr__(self, name):
        return getattr(self, name)


class GetAttribute:
    def __getattribute__(self, name):
        return getattr(self, name)


class Prop:
    @property
    def p(self):
        return self.p


class Iter:
    def __iter__(self):
        return iter(self)


class Len:
    def __len__(self):
        return len(self)


class Call:
    def __call__(self):
        return self()


class Item:
    def __getitem__(self, i):
        return self[i]


def sort_key(x):
    return sorted([1, 2], key=sort_key)


def nested(make, depth=100000):
    x = make(None)
    for _ in range(depth):
        x = make(x)
    return x


def gen(n):
    if n == 0:
        yield 1
    else:
        yield from gen(n - 1)


def plain(n):
    return plain(n + 1)


deep_list = nested(lambda x: [x])
deep_list2 = nested(lambda x: [x])
deep_dict = nested(lambda x: {1: x})
deep_tuple = nested(lambda x: (x,))


def run_all(where):
    print("--", where)
    report("plain", lambda: plain(0), exact=True)
    report("repr", lambda: repr(Repr()))
    report("str", lambda: str(Str()))
    report("format", lambda: "%s" % Str())
    report("eq", lambda: Eq() == Eq())
    report("lt", lambda: Lt() < Lt())
    report("hash", lambda: hash(Hash()))
    report("dict key", lambda: {Hash(): 1})
    report("getattr", lambda: GetAttr().x)
    report("getattribute", lambda: GetAttribute().x)
    report("property", lambda: Prop().p)
    report("iter", lambda: iter(Iter()))
    report("len", lambda: len(Len()))
    report("call", lambda: Call()())
    report("getitem", lambda: Item()[0])
    report("sort key", lambda: sorted([1, 2], key=sort_key))
    report("nested list repr", lambda: repr(deep_list), exact=True)
    report("nested list str", lambda: str(deep_list), exact=True)
    report("nested dict str", lambda: str(deep_dict), exact=True)
    report("nested tuple repr", lambda: repr(deep_tuple), exact=True)
    report("nested print", lambda: print(deep_list), exact=True)
    report("nested f-string", lambda: f"{deep_list}", exact=True)
    report("nested eq", lambda: deep_list == deep_list2, exact=True)
    report("nested lt", lambda: deep_list < deep_list2, exact=True)
    report("nested in", lambda: deep_list2 in [deep_list], exact=True)
    report("yield from", lambda: list(gen(100000)))


run_all("main thread")
t = threading.Thread(target=run_all, args=("thread",))
t.start()
t.join()
print("limit", sys.getrecursionlimit())
sys.setrecursionlimit(50)
report("low limit", lambda: plain(0), exact=True)
report("low limit repr", lambda: repr(nested(lambda x: [x], 100)), exact=True)
sys.setrecursionlimit(1000)
