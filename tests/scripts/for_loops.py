# for over range, list, tuple, dict and str, with break, continue and pass.
for i in range(3):
    print("range", i)
for x in [1, "two", 3.0]:
    print("list", x)
for x in ("a", "b"):
    print("tuple", x)
for k in {"k1": 1, "k2": 2}:
    print("dict", k)
for c in "hey":
    print("str", c)
for i in []:
    print("never")
for i in range(10):
    if i == 2:
        continue
    if i == 5:
        break
    if i == 3:
        pass
    print("loop", i)
found = None
for row in [[1, 2], [3, 4], [5, 6]]:
    for v in row:
        if v == 4:
            found = v
            break
        print("visit", v)
print("found", found)
i = 99
for i in range(4):
    pass
print("after", i)
total = 0
for a in range(5):
    for b in range(a):
        total += a * b
print(total)
lst = [1, 2, 3]
for v in lst:
    if v < 5:
        lst.append(v + 3)
print(lst)
