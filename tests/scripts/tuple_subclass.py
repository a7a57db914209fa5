# A class deriving from tuple (the shape namedtuple uses): indexing, unpacking, hashing, no instance dict.
class Point(tuple):
    __slots__ = ()
    def __new__(cls, x, y):
        return tuple.__new__(cls, (x, y))
    @property
    def x(self):
        return self[0]
    def __repr__(self):
        return "Point(x=%r, y=%r)" % self
p = Point(1, 2)
print(p, p.x, p[1], isinstance(p, tuple), len(p), p == (1, 2), hash(p) == hash((1, 2)), list(p))
a, b = p
print(a + b, sorted([Point(2, 1), Point(1, 5)]))
try:
    p.z = 3
except AttributeError as e:
    print("AttributeError")
