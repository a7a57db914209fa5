# Floor division and modulo round toward negative infinity, for small and big ints.
pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 5), (0, -5), (6, 3), (-6, 3), (1, 7), (-1, 7)]
for p in pairs:
    a = p[0]
    b = p[1]
    print(a, b, a // b, a % b, (a // b) * b + a % b == a)
big = 10 ** 20
print(big // 3, big % 3, -big // 3, -big % 3, big // -3, big % -3, -big // -3, -big % -3)
print(-(2 ** 64) // 7, -(2 ** 64) % 7, (2 ** 64) // -7, (2 ** 64) % -7)
print(5 // (2 ** 70), -5 // (2 ** 70), 5 % (2 ** 70), -5 % (2 ** 70))
print(-1 // 10 ** 30, -1 % 10 ** 30)
print(-9223372036854775808 // 2, -9223372036854775808 % 3, 9223372036854775807 % -2)
