# def, return, defaults, keyword arguments at call sites, functions as values.
def add(a, b):
    return a + b


def greet(name, greeting="hello", punct="!"):
    return greeting + ", " + name + punct


def nothing():
    pass


def early(x):
    if x > 0:
        return "pos"
    if x < 0:
        return "neg"


def stats(values):
    total = 0
    for v in values:
        total += v
    return len(values), total, min(values), max(values)


print(add(2, 3), add("a", "b"), add([1], [2]), add(a=1, b=2), add(b="x", a="y"))
print(greet("ann"), greet("bob", "hi"), greet("cy", punct="?"), greet(punct=".", name="di"))
print(greet("ed", "yo", "..."), greet(greeting="hey", name="fi"))
print(nothing(), early(5), early(-5), early(0))
print(stats([4, 8, 15, 16, 23, 42]))
n, t, lo, hi = stats([3, 1, 2])
print(n, t, lo, hi)
f = add
print(f(10, 20), f is add, add(add(1, 2), add(3, 4)))


def apply(fn, x, y):
    return fn(x, y)


print(apply(add, 5, 6), apply(f, "p", "q"))

k = 5


def uses_default(v=k):
    return v


k = 6
print(uses_default(), uses_default(1), k)


def accumulate(item, into=[]):
    into.append(item)
    return into


print(accumulate(1), accumulate(2), accumulate(3, []), accumulate(4))


def local_scope(x):
    y = x * 2
    x = y + 1
    return x, y


x = 100
print(local_scope(3), x)


def nested_calls(n):
    return add(n, 1) * add(n, -1)


print(nested_calls(10), nested_calls(nested_calls(2)))


def many(a, b=2, c=3, d=4):
    return a * 1000 + b * 100 + c * 10 + d


print(many(1), many(1, 5), many(1, d=9), many(1, 5, d=0, c=7), many(d=1, c=2, b=3, a=4))
