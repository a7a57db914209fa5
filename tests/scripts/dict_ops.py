# Dict operations; iteration order is insertion order.
d = {"b": 1, "a": 2}
d["c"] = 3
d["b"] = 10
print(d, len(d), d["a"], "a" in d, "z" in d, "z" not in d)
print(d.get("a"), d.get("z"), d.get("z", 0), d.get("b", 99))
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.pop("b"), d, d.pop("missing", "dflt"))
d["b"] = 11
print(d)
print(d.setdefault("a", 100), d.setdefault("n", []), d)
d.setdefault("n", []).append(1)
d.setdefault("n", []).append(2)
print(d["n"], d)
e = {}
print(e, len(e), dict(), {} == dict(), {1: 2} == {1: 2}, {1: 2, 3: 4} == {3: 4, 1: 2}, {1: 2} != {1: 3})
n = {1: "one", 2.5: "float", (1, 2): "tuple", None: "none", True: "t?"}
print(n, n[1], n[(1, 2)], n[None])
m = {1: "int"}
m[1.0] = "float"
m[True] = "bool"
print(m, len(m), m[1], 1.0 in m)
big = {}
big[2 ** 100] = "big"
big[4294967296] = "mid"
big[-1] = "neg"
print(big[2 ** 100], big[(2 ** 64) // (2 ** 32)], big[2 ** 32], big[-(10 ** 30) // 10 ** 30])
print(big[(2 ** 100 + 1) - 1], 2 ** 64 // 2 ** 32 in big, 2.0 ** 32 in big)
counts = {}
for w in "the cat and the hat and the bat".split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
for key in counts:
    print(key, counts[key])
for key, value in counts.items():
    if value > 1:
        print(key, "x", value)
nested = {"a": {"b": [1, {"c": "it's"}]}}
print(nested, nested["a"]["b"][1]["c"])
nested["a"]["b"][0] += 41
print(nested["a"]["b"][0])
