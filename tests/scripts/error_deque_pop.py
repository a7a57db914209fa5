# Popping from an empty deque.
from collections import deque
d = deque([1])
print(d.popleft())
d.pop()
