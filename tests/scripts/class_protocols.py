# __format__, __init_subclass__, __set_name__, __class_getitem__, iteration through __getitem__, slice(), default repr, sequence * str error.
class A:
    def __format__(self, spec):
        return "A" + spec
print(format(A(), "q"), f"{A()}", f"{A():xyz}")
registry = []
class Base:
    def __init_subclass__(cls, **kw):
        registry.append(cls.__name__)
class B1(Base): pass
class B2(B1): pass
print(registry)
class Field:
    def __set_name__(self, owner, name):
        self.name = name
class C:
    field = Field()
print(C.field.name)
class G:
    def __class_getitem__(cls, item):
        return cls.__name__ + "[" + item.__name__ + "]"
print(G[int])
class S:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 10
print(list(S()), 20 in S())
s = slice(1, 2)
print(s, s.start, s.stop, s.step, [0, 1, 2, 3][slice(1, 3)])
class D: pass
print(repr(D())[:17])
try:
    "a" * "b"
except TypeError as e:
    print(e)
