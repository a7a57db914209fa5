# Small-int arithmetic and printing.
a = 7
b = 3
print(a + b, a - b, a * b, a // b, a % b, a ** b)
print(-a, +a, -(-a), 0 - 0, -0)
print(a / b, 6 / 3, 1 / 4)
print(10 - 20, 1000000 * 1000000, 123456789 * 987654321)
print(0 ** 0, 5 ** 0, 0 ** 5, (-2) ** 3, (-2) ** 4, 1 ** 1000)
x = 0
i = 0
while i < 100:
    x = x + i * i - i
    i = i + 1
print(x)
print(1 + 2 * 3 - 4 // 2, (1 + 2) * 3, 2 ** 3 ** 2, -2 ** 2, (-2) ** 2)
print(17 == 17, 17 != 17, 3 < 4, 4 <= 4, 5 > 6, 6 >= 7)
print(True + True, True * 7, False - 1, -True, True == 1, False == 0)
print(int(), int(-0), 10 ** 0)
