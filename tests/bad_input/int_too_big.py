# Integer results GMP cannot hold (past about 2**37 bits) raise MemoryError
# instead of aborting the process (found by tools/fuzz exec). CPython grinds
# on these for minutes before its own MemoryError, so this text is twinpy's.
from math import factorial

cases = [
    lambda: 10 ** 9223372036854775807,
    lambda: (1 << 100) << 2 ** 40,
    lambda: (2 ** 64) ** 2 ** 40,
    lambda: round(5, -10 ** 18),
    lambda: factorial(2 ** 62),
]
for i, case in enumerate(cases):
    try:
        case()
    except MemoryError:
        print(i, "MemoryError")
print(-1 % 10 ** 9223372036854775807 % -2)
