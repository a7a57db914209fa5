# Class attributes rebound or deleted by the very code they run (a
# descriptor's __get__, a property getter, a method, __new__): the old value
# stays alive while it runs, and lookups afterwards see the change, as in
# CPython. Also setattr/delattr on classes.


class C:
    def __new__(cls, *args):
        def init(self, *args):
            print("new init", args)

        # CPython looks __init__ up after __new__ returned.
        C.__init__ = init
        return object.__new__(cls)

    def __init__(self, *args):
        print("old init", args)


C(1, 2)
C(3)


class SelfDeleting:
    def __get__(self, obj, owner):
        del Owner.attr
        return ["got", type(self).__name__]


class Owner:
    attr = SelfDeleting()


print(Owner().attr)
print(hasattr(Owner, "attr"))


class PropOwner:
    def _get(self):
        del PropOwner.p
        PropOwner.p = 5
        return [1, 2, 3]

    p = property(_get)


o = PropOwner()
print(o.p)
print(o.p)


class M:
    def method(self):
        del M.method
        return "ran"


m = M()
print(m.method())
print(hasattr(m, "method"))


def make_method(n):
    def method(self):
        M2.method = make_method(n + 1)
        return n

    return method


class M2:
    method = make_method(0)


m2 = M2()
print([m2.method() for _ in range(4)])


class R:
    def __repr__(self):
        R.__repr__ = lambda self: "second"
        return "first"


print(repr(R()), repr(R()))


class Base:
    value = [1]


class Sub(Base):
    pass


s = Sub()
print(s.value)
Base.value = [2]
print(s.value, Sub.value)
Sub.value = (3,)
print(s.value, Base.value)
del Sub.value
print(s.value)


class D:
    pass


D.x = [1]
delattr(D, "x")
print(hasattr(D, "x"))
try:
    delattr(D, "x")
except AttributeError as e:
    print("AttributeError", e)
setattr(D, "y", (1, 2))
print(D.y, getattr(D(), "y"))
try:
    delattr(D)
except TypeError as e:
    print("TypeError", e)
