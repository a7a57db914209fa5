# Chained comparisons evaluate each operand once and stop at the first false.
def v(x):
    print("eval", x)
    return x


print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 1 == 1 == 1, 1 == 1 != 1)
print(v(1) < v(2) < v(3))
print(v(3) < v(2) < v(1))
print(v(1) < v(5) > v(2) == v(2))
x = 5
print(0 <= x < 10, 0 <= x <= 4, x == 5 > 4 < 6)
print(1 < 2.5 < 3, -1 < 0 == 0.0, 2 ** 70 > 2 ** 69 > 2.0 ** 68)
print("a" < "b" < "c", [1] < [2] <= [2], (1, 2) < (1, 3) > (0,))
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a is not c, a == c, None is None, None is not None)
print(1 in [1, 2] in [[1, 2]], 3 not in [1, 2], "ab" in "cabd", 2 in (1, 2), "k" in {"k": 1})
print(not 1 < 2, not (1 > 2), 1 < 2 and 2 < 3, 1 > 2 or 3 > 2)
print(1 == 1.0, 1 == True, 0 == False, "1" == 1, [1] == (1,), None == 0, {} == [])
print(1 != "1", 2 ** 64 == 2 ** 64, 2 ** 64 != 2.0 ** 64, -0.0 == 0)
