# A list or tuple of a range too long for memory fails at once, as in
# CPython, instead of filling memory for hours (found by tools/fuzz exec).
for make in (list, tuple):
    try:
        make(range(2 ** 63 - 2, 2 ** 631))
    except OverflowError as e:
        print(make.__name__, "OverflowError:", e)
    try:
        make(range(2 ** 62))
    except MemoryError:
        print(make.__name__, "MemoryError")
x = [1, 2]
try:
    x.extend(range(-(2 ** 61), 2 ** 61, 1))
except MemoryError:
    print("extend MemoryError", x)
x += range(3)
print(x, list(range(0)), list(range(10, 0, -3)))
