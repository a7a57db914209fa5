# Assignment with tuple unpacking, including nested targets and swaps.
a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
x, y, z = [10, 20, 30]
print(x, y, z)
(p, q), r = (1, 2), 3
print(p, q, r)
[s, t] = "hi"
print(s, t)
(m, (n, o)), w = [[1, [2, 3]], 4]
print(m, n, o, w)
i = j = k = 7
print(i, j, k)
a, b, c = b, c, a = 1, 2, 3
print(a, b, c)
lst = [0, 0, 0]
lst[0], lst[2] = 5, 6
print(lst)
d = {}
d["x"], d["y"] = 1, 2
print(d)
def pair(n):
    return n, n * n
v, sq = pair(7)
print(v, sq, pair(3))
for k2, v2 in [(1, "one"), (2, "two")]:
    print(k2, v2)
for (e, f), g in [((1, 2), 3), ((4, 5), 6)]:
    print(e + f + g)
a, b = 0, 1
count = 0
while count < 10:
    a, b = b, a + b
    count += 1
print(a, b)
