# Float arithmetic, mixing with ints, and exact int/float comparison.
print(7 / 2, -7 / 2, 1 / 8, 10 / 5, 2 ** -1, 2 ** -2, 10 ** -3)
print(1.5 + 2, 2 - 0.5, 3 * 0.5, 0.1 * 10, 1.0 / 3)
print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2, 7.5 % -2, 5 % 2.5, 7 // 2.0, -7 % 3.0)
print(2.0 ** 10, 2 ** 0.5, 4 ** 0.5, 1.5 ** 2, (-1.5) ** 3)
print(10 ** 30 / 7, 2 ** 70 / 2 ** 68, (2 ** 53 + 1) / 1, 1 / 2 ** 60)
print(float(2 ** 53 + 1), float(2 ** 54 + 3), float(2 ** 64), float(-(2 ** 63)))
print(1 == 1.0, 2 ** 53 == 2.0 ** 53, 2 ** 53 + 1 == float(2 ** 53 + 1), 0.1 + 0.2 == 0.3)
print(10 ** 400 > 1e308, 10 ** 400 < float("inf"), -(10 ** 400) > float("-inf"))
print(2 ** 63 > 9.2e18, 2 ** 63 == 9.223372036854775808e18, 2 ** 63 - 1 < 9.223372036854775808e18)
print(3 < 3.5 < 4, 1.0 < 1, 0.0 == -0.0, -0.0 < 0.0, 1e-300 > 0)
print(abs(-3.5), abs(-0.0), abs(2.5), -(-0.0), -0.0 + 0.0)
inf = float("inf")
nan = float("nan")
print(inf + 1, -inf * 2, inf > 10 ** 1000, nan == nan, nan != nan, nan < 1, nan > 1)
print(float(3), float("3.14"), float("-2.5e3"), float("1e-3"), float(True), float(" 2.5 "))
print(0.1 + 0.7, 1.1 + 2.2, 3 * 1.1, 100 * 1.1, 1e16 + 1, 1e16 + 2)
x = 0.0
i = 0
while i < 10:
    x += 0.1
    i += 1
print(x, x == 1.0, int(x), int(x * 10))
