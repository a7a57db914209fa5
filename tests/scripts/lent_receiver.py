# Method calls on a receiver held in a local (`obj.method(...)`), and calls
# passing locals as positional arguments (`f(a, b)`), lend the locals'
# references to the call instead of counting them (twinpy's
# FAST_LOAD_METHOD and LOAD_FAST_LENT). Every way such a call can go must leave the count as it
# was: an object here announces its death (a generator's finally block), so
# a leaked reference shows as a missing line and a dropped one as an early
# line or a crash.
import sys


def sentinel(name):
    try:
        yield
    finally:
        print("freed", name)


class Obj:
    def __init__(self, name):
        self.name = name
        self.g = sentinel(name)
        next(self.g)

    def plain(self, x):
        return x + 1

    def rebinds_self(self, x):
        self = x  # the frame must own its first argument
        return self

    def deletes_self(self):
        del self
        return "deleted"

    def returns_self(self):
        return self

    def defaults(self, x=1, *, k=2):
        return x + k

    def varargs(self, *args):
        return len(args)

    def gen(self, n):
        for i in range(n):
            yield self.name, i

    def raises(self):
        raise ValueError(self.name)

    def recurse(self, n):
        return self.recurse(n + 1)

    def closure(self):
        return lambda: self.name

    def __repr__(self):
        return "Obj(%s)" % self.name


class Child(Obj):
    def plain(self, x):
        return super().plain(x) * 10


def calls():
    a = Obj("a")
    print(a.plain(1), a.rebinds_self(5), a.deletes_self(), a.returns_self())
    print(a.defaults(), a.defaults(3, k=4), a.varargs(1, 2, 3))
    print(list(a.gen(2)))
    try:
        a.raises()
    except ValueError as e:
        print("raised", e)
    f = a.closure()
    print(f())
    del f
    # A walrus in the arguments rebinds the receiver's local mid-call.
    b = Obj("b")
    print(b.plain((b := 41)))
    print(b)
    c = Child("c")
    print(c.plain(2))
    del c
    print("after del c")
    # Native methods of locals.
    items = [Obj("d")]
    items.append(Obj("e"))
    print(len(items), items.pop().name)
    items.clear()
    print("after clear")
    del a
    print("after del a")


calls()

# Deep recursion through a lent receiver ends in RecursionError; every frame
# is released on the way out.
r = Obj("r")
try:
    r.recurse(0)
except RecursionError:
    print("RecursionError")
del r
print("after del r")

# A method replaced by an instance attribute, and a class with
# __getattribute__, take the generic path.
s = Obj("s")
s.plain = lambda x: x * 100
print(s.plain(2))
del s


class Odd(Obj):
    def __getattribute__(self, name):
        return object.__getattribute__(self, name)


o = Odd("o")
print(o.plain(7))
del o


# Plain calls with locals as arguments, into every kind of callee.
def keeps(x, y):
    return (x.name, y.name)


def rebinds(x):
    x = "rebound"
    return x


def deletes(x):
    del x
    return "deleted"


def defaults(x, y=None):
    return x.name


def star(*args):
    return len(args)


def gen_of(x):
    yield x.name


def captures(x):
    return lambda: x.name


def deep(x, n):
    return deep(x, n + 1)


def many(*args):
    return sum(1 for a in args if a is not None)


def lends():
    p = Obj("p")
    q = Obj("q")
    print(keeps(p, q), rebinds(p), deletes(q), defaults(p), star(p, q))
    print(list(gen_of(p)), captures(q)())
    print(keeps(p, (p := Obj("p2"))))  # the walrus rebinds p mid-call
    print(len([p, q]), isinstance(p, Obj), Obj(p.name + "!").name)
    try:
        deep(q, 0)
    except RecursionError:
        print("RecursionError")
    a0 = a1 = a2 = a3 = a4 = a5 = a6 = a7 = a8 = a9 = q
    print(many(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a0, a1, a2, a3, a4, a5,
               a6, a7, a8, a9, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a0, a1,
               a2, a3, a4, a5))
    del a0, a1, a2, a3, a4, a5, a6, a7, a8, a9
    del p
    print("after del p")
    del q
    print("after del q")


lends()
print("done")
