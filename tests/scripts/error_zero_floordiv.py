# Integer floor division and modulo by zero have their own message.
print(7 // 1, 7 % 1)
print(7 % (2 - 2))
