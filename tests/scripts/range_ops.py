# range with one to three arguments, negative steps, len and indexing.
print(list(range(5)), list(range(2, 6)), list(range(0, 10, 3)), list(range(10, 0, -3)))
print(list(range(0)), list(range(-3)), list(range(5, 2)), list(range(2, 5, -1)), list(range(-5, -1)))
print(len(range(10)), len(range(0, 10, 3)), len(range(10, 0, -3)), len(range(5, 2)), len(range(-10, 10, 7)))
r = range(1, 20, 4)
print(r[0], r[2], r[-1], r[-5], len(r), 9 in r, 10 in r, 21 in r)
print(range(10)[-1], range(3, -3, -1)[5], tuple(range(3)), sum(range(101)))
total = 0
for i in range(3, -3, -1):
    total = total * 10 + i
print(total)
for i in range(2 ** 64, 2 ** 64 + 3):
    print(i)
print(max(range(7)), min(range(3, 9)), list(range(2 ** 63 - 2, 2 ** 63 + 1)))
