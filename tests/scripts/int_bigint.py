# Arbitrary precision: results far past 64 bits, and values near the 64-bit edges.
def factorial(n):
    r = 1
    i = 2
    while i <= n:
        r = r * i
        i = i + 1
    return r


print(2 ** 100)
print(3 ** 200)
print(factorial(50))
print(-(2 ** 127) + 1)
print(len(str(2 ** 1000)), len(str(factorial(100))))
print(str(2 ** 64), repr(-(2 ** 64)))

big = 9223372036854775807
print(big, big + 1, big + big, big * big)
small = -9223372036854775808
print(small, small - 1, -small, small * -1, small * small)
print(-2 ** 63 == small, 2 ** 63 - 1 == big, big + 1 - 1 == big)
print(3037000500 * 3037000500, 4294967296 * 4294967296, 2 ** 32 * 2 ** 31)
print(abs(small), abs(-(2 ** 100)), abs(big))
print(small // -1, small % -1, (2 ** 64) // (2 ** 32), (2 ** 64) % (2 ** 32 + 1))
print(2 ** 64 - 2 ** 64, (2 ** 100) // (2 ** 99), 10 ** 30 // 10 ** 29)
# A big result that shrinks back must still equal the small literal.
print((2 ** 100 + 5) - 2 ** 100 == 5, (2 ** 70) // (2 ** 68) == 4, 10 ** 20 // 10 ** 19 - 10)
print(2 ** 100 > 2 ** 99, -(2 ** 100) < 5, 2 ** 64 == 18446744073709551616, 2 ** 64 != 2 ** 64 + 1)
print(12345678901234567890123456789 * 98765432109876543210987654321)
print(factorial(25) // factorial(23), factorial(30) % 1000000007)
x = 1
i = 0
while i < 70:
    x = x * 2
    i = i + 1
print(x, x - 1, x // 3, -x // 3)
