# Insertion order survives growth, deletion and re-insertion.
d = {}
i = 0
while i < 50:
    d[i * 7 % 50] = i
    i += 1
print(list(d.keys())[:10], len(d))
i = 0
while i < 50:
    if i % 3 == 0:
        d.pop(i)
    i += 1
print(list(d.keys())[:10], len(d))
d[0] = "back"
d[3] = "again"
print(list(d.keys())[-3:], d[0])
s = {}
for word in ["zeta", "alpha", "mid", "alpha", "zeta", "new"]:
    s[word] = len(s)
print(s)
print(list(d.values())[:5], sum(list(d.keys())))
