# Operands read in place by the fused LOAD_FAST forms: same results, errors
# and reference behaviour as plain loads.


class Weird:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        return [self.v, "lt"]

    def __add__(self, other):
        return Weird(self.v + other)

    def __iadd__(self, other):
        self.v += other
        return self


def compare_objects(a, b):
    r = a < b
    if a < b:
        r.append("truthy")
    return r


def unbound_left():
    try:
        return a + 1
    except UnboundLocalError as e:
        return str(e)
    a = 0


def unbound_right():
    a = 1
    try:
        return a + b
    except UnboundLocalError as e:
        return str(e)
    b = 2


def inplace_list(xs, ys):
    alias = xs
    xs += ys
    return xs is alias, xs


def inplace_obj(w, n):
    keep = w
    w += n
    return w is keep, w.v


def type_error(a, b):
    try:
        return a + b
    except TypeError as e:
        return str(e)


def loop(n):
    total = 0
    i = 0
    while i < n:
        total += i * i % 7 - 3
        i += 1
    return total


def big(a, b):
    return a * b, a - b, a < b, a == b, a // 3, a % 7


print(compare_objects(Weird(1), Weird(2)))
print(unbound_left())
print(unbound_right())
print(inplace_list([1], [2, 3]))
print(inplace_obj(Weird(5), 3))
print(type_error(1, "x"))
print(type_error("x", 1))
print(loop(1000))
print(big(2 ** 70, 3 ** 40))
print(big(1.5, 2.5))
f = 2.0
for k in range(3):
    f *= 1.5
print(f)
