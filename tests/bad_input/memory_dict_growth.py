d = {}
i = 0
try:
    while True:
        d[i] = i
        i += 1
except MemoryError:
    d = None
    print("MemoryError caught")
