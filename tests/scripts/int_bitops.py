# Shifts and bitwise operators, including negative and multi-word operands.
print(1 << 0, 1 << 10, 1 << 62, 1 << 63, 1 << 64, 1 << 100)
print(-1 << 63, -1 << 64, 5 << 70)
print(1024 >> 3, 1 >> 1, 1 >> 100, -1 >> 1, -1 >> 100, -7 >> 1, -8 >> 2)
print((2 ** 64) >> 1, (2 ** 100) >> 90, -(2 ** 100) >> 98, (2 ** 100 + 12345) >> 100)
print(12 & 10, 12 | 10, 12 ^ 10, ~12, ~0, ~-1)
print(-12 & 10, -12 | 10, -12 ^ 10, -12 & -10, -12 | -10, -12 ^ -10)
print((2 ** 70 + 5) & 0xFF, (2 ** 70) | 1, (2 ** 70) ^ (2 ** 70 + 3), ~(2 ** 70))
print(-(2 ** 70) & 0xFFFF, -(2 ** 70) | 7, (2 ** 64 - 1) & -(2 ** 32))
print(~(2 ** 63), ~(-(2 ** 63)), 0xFFFFFFFFFFFFFFFF ^ 0xFFFFFFFF00000000)
print(True & False, True | False, True ^ True, True & 3, False | 2)
x = 1
n = 0
while x < 2 ** 80:
    x = x << 1
    n = n + 1
print(n, x)
