# Classes: inheritance, super(), operators, properties, static/class methods, MRO, with, iterators.
class Animal:
    kind = "animal"
    count = 0
    def __init__(self, name):
        self.name = name
        Animal.count += 1
    def speak(self):
        return self.name + " makes a sound"
    def __repr__(self):
        return "Animal(%r)" % self.name if False else "Animal(" + repr(self.name) + ")"
class Dog(Animal):
    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed
    def speak(self):
        return super().speak() + " (woof)"
d = Dog("rex", "lab")
print(d.speak(), d.name, d.breed, d.kind, Animal.count)
print(repr(d), isinstance(d, Animal), issubclass(Dog, Animal), type(d).__name__)
class V:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        return V(self.x + o.x, self.y + o.y)
    def __mul__(self, k):
        return V(self.x * k, self.y * k)
    __rmul__ = __mul__
    def __eq__(self, o):
        return isinstance(o, V) and self.x == o.x and self.y == o.y
    def __repr__(self):
        return "V(" + str(self.x) + ", " + str(self.y) + ")"
    def __len__(self):
        return 2
    def __getitem__(self, i):
        return (self.x, self.y)[i]
    def __iter__(self):
        return iter((self.x, self.y))
    def __lt__(self, o):
        return (self.x, self.y) < (o.x, o.y)
print(V(1, 2) + V(3, 4), V(1, 2) * 3, 2 * V(1, 1), V(1, 2) == V(1, 2), V(1, 2) != V(1, 3))
print(len(V(0, 0)), V(5, 6)[1], list(V(7, 8)), sorted([V(2, 1), V(1, 2)]), bool(V(0, 0)))
class P:
    def __init__(self):
        self._v = 0
    @property
    def v(self):
        return self._v
    @v.setter
    def v(self, value):
        self._v = value * 2
    @staticmethod
    def s(a):
        return a + 1
    @classmethod
    def c(cls):
        return cls.__name__
p = P()
p.v = 5
print(p.v, P.s(1), p.s(2), P.c(), p.c())
class MyErr(ValueError):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code
try:
    raise MyErr("bad thing", 42)
except ValueError as e:
    print("caught", e, e.code, e.args, type(e).__name__)
class A:
    def who(self): return "A"
class B(A):
    def who(self): return "B" + super().who()
class C(A):
    def who(self): return "C" + super().who()
class D(B, C):
    def who(self): return "D" + super().who()
print(D().who(), [k.__name__ for k in D.__mro__])
class Ctx:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, t, v, tb):
        print("exit", t.__name__ if t else None)
        return True
with Ctx() as c:
    print("inside")
    raise KeyError("x")
print("after")
class Counter:
    def __init__(self, n): self.n = n; self.i = 0
    def __iter__(self): return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i
print(list(Counter(3)), sum(Counter(4)))
class H:
    def __init__(self, k): self.k = k
    def __hash__(self): return hash(self.k)
    def __eq__(self, o): return self.k == o.k
print(len({H(1): 1, H(1): 2, H(2): 3}))
class G:
    def __getattr__(self, name):
        return "dyn_" + name
print(G().foo)
class Call:
    def __call__(self, a, b=2): return a * b
print(Call()(3), Call()(3, b=4))
def outer():
    x = 10
    class Inner:
        y = x + 1
        def m(self): return x
    return Inner
print(outer().y, outer()().m())
print(repr(D)[:20], str(object())[:8])
