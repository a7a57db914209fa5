chunks = []
try:
    while True:
        chunks.append([0] * 1000)
except MemoryError:
    chunks = None
    print("MemoryError caught")
# Memory full again, and kept full: the report of an uncaught MemoryError
# must still come out whole.
chunks = []
try:
    while True:
        chunks.append([0] * 1000)
except MemoryError:
    pass
list(range(10**10))
