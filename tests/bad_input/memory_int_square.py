# Squaring until GMP cannot allocate: MemoryError, not GMP's abort. (CPython
# squares for minutes before its MemoryError, so the expected text is
# twinpy's.)
x = 3 ** 10**7
try:
    while True:
        x = x * x
except MemoryError:
    x = None
    print("MemoryError")
