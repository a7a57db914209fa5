# functools: reduce, partial, lru_cache/cache, wraps, cmp_to_key.
import functools as ft
print(ft.reduce(lambda a, b: a + b, [1, 2, 3, 4]), ft.reduce(lambda a, b: a * b, [], 1), ft.reduce(max, [3, 9, 2]))
def f(a, b, c=0, *, d=1):
    return (a, b, c, d)
p = ft.partial(f, 1, d=5)
print(p(2), p(2, 3, d=6), p.args, p.keywords, p.func is f)
pp = ft.partial(p, 9)
print(pp(), pp.args)
@ft.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info(), fib.__name__)
@ft.lru_cache
def sq(x):
    return x * x
print(sq(3), sq(3), sq(4), sq.cache_info())
sq.cache_clear(); print(sq.cache_info())
@ft.lru_cache(maxsize=2)
def g(x):
    print("compute", x)
    return -x
print(g(1), g(2), g(1), g(3), g(2), g(1), g.cache_info())
ci = g.cache_info(); print(ci.hits, ci.misses, ci.maxsize, ci.currsize, ci[0], tuple(ci))
@ft.cache
def h(x, y=1):
    return x + y
print(h(1), h(1, y=2), h(1, y=2), h.cache_info())
def deco(fn):
    @ft.wraps(fn)
    def wrapper(*args):
        return fn(*args)
    return wrapper
@deco
def documented(x):
    return x
print(documented.__name__, documented.__qualname__, documented.__wrapped__.__name__, documented(5))
print(sorted([3, 1, 2], key=ft.cmp_to_key(lambda a, b: b - a)))
