# Iteration order of int sets after many mixed operations must follow
# CPython's table layout exactly (growth, dummies, merges, pops).
state = [2024]


def rand(a, b):
    state[0] = (state[0] * 1103515245 + 12345) % 2147483648
    return a + state[0] % (b - a + 1)


for trial in range(60):
    n = rand(0, 40)
    items = [rand(-50, 300) for _ in range(n)]
    s = set(items)
    t = set([rand(0, 120) for _ in range(rand(0, 30))])
    print(s)
    print(s | t, s & t, s - t, s ^ t, t - s)
    print(s.union(items[:3], t), s.intersection(t, items), s.difference(t, [1, 2, 3]))
    u = set(s)
    u |= t
    u &= set(range(60))
    u -= set(range(0, 60, 3))
    u ^= t
    for x in items[:5]:
        u.discard(x)
    for x in range(10):
        u.add(x * 7)
    print(u)
    c = u.copy()
    popped = [c.pop() for _ in range(min(3, len(c)))]
    print(popped, c)
    print(frozenset(items), hash(frozenset(items)) == hash(frozenset(reversed(items))))
    print(set(dict.fromkeys(items)), s.symmetric_difference(items[::2]))
    v = set(items)
    v.intersection_update(t, range(100))
    w = set(items)
    w.difference_update(range(30))
    w.symmetric_difference_update(range(5))
    print(v, w)
print(hash(frozenset(range(10))), hash(frozenset([1, 2, 3])), hash(frozenset()))
