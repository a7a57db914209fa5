# collections.namedtuple, function docstrings and functools.wraps, type names of built-in classes.
from collections import namedtuple, deque, defaultdict
import functools

Point = namedtuple("Point", "x y")
p = Point(1, y=2)
print(p, p.x + p.y, p._asdict(), p._replace(x=10), Point._make([3, 4]), Point._fields)
x, y = p
print(x, y, isinstance(p, tuple), p == (1, 2), len({p, Point(1, 2)}))
Color = namedtuple("Color", ["r", "g", "b"], defaults=[0])
print(Color(255, 128), repr(Color), Color.__name__)
print(type(deque()).__name__, type(defaultdict(int)).__name__, deque.__qualname__)


def documented():
    "Says hello."
    return "hello"


@functools.wraps(documented)
def wrapper():
    return documented()


print(documented.__doc__, wrapper.__doc__, wrapper.__name__, wrapper())
