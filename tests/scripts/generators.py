# Generators: yield, send, yield from, generator expressions, close/throw, set comprehensions.
def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "done"
print(list(count(5)), sum(count(101)))
g = count(2)
print(next(g), next(g), next(g, "end"))
def echo():
    total = 0
    while True:
        x = yield total
        if x is None:
            break
        total += x
e = echo()
print(next(e), e.send(5), e.send(10))
try:
    e.send(None)
except StopIteration as s:
    print("stop", s.value)
def inner():
    yield 1
    yield 2
    return "inner-result"
def outer():
    r = yield from inner()
    yield r
    yield from [10, 20]
print(list(outer()))
print(sum(x * x for x in range(10)), list(x for x in "abc" if x != "b"))
print({x % 3 for x in range(10)}, sorted({c for c in "hello"}))
def fin():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
f = fin()
print(next(f))
f.close()
print("closed")
def thrower():
    try:
        yield 1
    except ValueError as err:
        yield "caught " + str(err)
t = thrower()
next(t)
print(t.throw(ValueError("boom")))
def gen_raise():
    yield 1
    raise StopIteration
try:
    list(gen_raise())
except RuntimeError as err:
    print("RuntimeError", err)
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

for i, v in zip(range(10), fib()):
    pass
print(i, v)
print(any(x > 3 for x in range(5)), all(x < 3 for x in range(5)))
def nested():
    for i in range(3):
        for j in range(2):
            yield i, j
print(list(nested()))
print(type(count(1)).__name__)
