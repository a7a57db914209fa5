# Stress: 8 threads drain one shared iterator of each built-in kind at once.
# Nothing crashes or is invented, and every item is handed out exactly once
# (twinpy claims positions atomically or locks the iterator across next(),
# so even composite iterators pair their items as a single thread would;
# CPython's global lock gives the same).
import itertools
import threading

N = 20000
THREADS = 8


def drain(it, limit=None):
    """Items each thread took from `it` (at most `limit` per thread)."""
    start = threading.Barrier(THREADS)
    got = [[] for _ in range(THREADS)]

    def worker(k):
        out = got[k]
        start.wait()
        if limit is None:
            for x in it:
                out.append(x)
        else:
            for _ in range(limit):
                out.append(next(it))

    threads = [threading.Thread(target=worker, args=(k,))
               for k in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if limit is None:
        assert next(it, "end") == "end", "items left after the drain"
    return [x for part in got for x in part]


def exactly(name, items, expected):
    assert sorted(items) == sorted(expected), (
        name, len(items), len(expected))


numbers = list(range(N))
exactly("tuple", drain(iter(tuple(numbers))), numbers)
exactly("range", drain(iter(range(N))), numbers)
exactly("range step", drain(iter(range(N, -N, -2))), list(range(N, -N, -2)))
big = 2 ** 70
exactly("long range", drain(iter(range(big, big + N))),
        list(range(big, big + N)))
exactly("list", drain(iter(list(numbers))), numbers)
exactly("reversed", drain(reversed(numbers)), numbers)

# Non-ASCII characters take several bytes each: a torn claim would show up
# as a bad or repeated character.
text = "".join(chr(0x100 + i) for i in range(N))
exactly("str", drain(iter(text)), list(text))
ascii_text = "ab" * N
exactly("ascii str", drain(iter(ascii_text)), list(ascii_text))

table = {i: -i for i in range(N)}
exactly("dict keys", drain(iter(table)), list(table))
exactly("dict values", drain(iter(table.values())), list(table.values()))
exactly("dict items", drain(iter(table.items())), list(table.items()))
exactly("set", drain(iter(set(numbers))), numbers)

# Composite iterators: the pairing holds under sharing too.
pairs = drain(enumerate(numbers))
assert all(i == x for i, x in pairs), "enumerate paired an index wrongly"
exactly("enumerate", pairs, list(enumerate(numbers)))
pairs = drain(zip(numbers, range(N)))
assert all(a == b for a, b in pairs), "zip paired items wrongly"
exactly("zip", pairs, list(zip(numbers, numbers)))
exactly("map", drain(map(lambda a, b: a - b, numbers, range(N))), [0] * N)
exactly("filter", drain(filter(lambda x: x % 3, numbers)),
        [x for x in numbers if x % 3])
exactly("chain", drain(itertools.chain(range(N), tuple(numbers), [-1, -2])),
        numbers + numbers + [-1, -2])
exactly("chain.from_iterable",
        drain(itertools.chain.from_iterable(
            [[x, x + 1] for x in range(0, N, 2)])),
        numbers)
exactly("islice", drain(itertools.islice(iter(numbers), 1, N, 3)),
        numbers[1::3])
exactly("count", drain(itertools.count(5), limit=N // THREADS),
        list(range(5, 5 + N)))
exactly("repeat", drain(itertools.repeat(7, N)), [7] * N)
exactly("cycle", drain(itertools.cycle(range(100)), limit=300),
        list(range(100)) * 24)
exactly("accumulate", drain(itertools.accumulate(itertools.repeat(1, N))),
        list(range(1, N + 1)))
exactly("zip_longest", drain(itertools.zip_longest(range(N), range(N // 2))),
        list(itertools.zip_longest(range(N), range(N // 2))))
exactly("pairwise", drain(itertools.pairwise(range(N))),
        list(zip(range(N), range(1, N))))
exactly("compress", drain(itertools.compress(range(N), itertools.cycle([1, 0]))),
        numbers[::2])
exactly("product", drain(itertools.product(range(100), range(200))),
        list(itertools.product(range(100), range(200))))
exactly("combinations", drain(itertools.combinations(range(200), 2)),
        list(itertools.combinations(range(200), 2)))
# groupby's groups are cut short when another thread moves the parent on
# (as in CPython); each key still comes once.
keys = [k for k, _ in drain(itertools.groupby([x // 10 for x in range(N)]))]
exactly("groupby", keys, list(range(N // 10)))
first, second = itertools.tee(range(N))
halves = []
workers = [threading.Thread(target=lambda c=c: halves.append(list(c)))
           for c in (first, second)]
for t in workers:
    t.start()
for t in workers:
    t.join()
assert halves == [numbers, numbers], "tee copies diverged"
print("ok")
