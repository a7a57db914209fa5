# CPython 3.11 segfaults here (its deque has no "trashcan": freeing the
# chain recurses once per level); twinpy defers deep deallocations.
import collections

x = None
for _ in range(1000000):
    x = collections.deque([x])
del x
print("deque chain freed")
