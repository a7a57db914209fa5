# Freeing a structure nested 200 000 deep does not recurse that deep in
# native code (CPython's "trashcan"). deque is in tests/bad_input (CPython
# 3.11 crashes on it).


class Node:
    def __init__(self, next):
        self.next = next


class Slotted:
    __slots__ = ("next",)

    def __init__(self, next):
        self.next = next


makers = {
    "list": lambda x: [x],
    "tuple": lambda x: (x,),
    "dict": lambda x: {"k": x},
    "set of frozenset": lambda x: frozenset([x]) if x is not None else frozenset(),
    "object": Node,
    "slots": Slotted,
    "closure": lambda x: (lambda: x),
    "bound method": lambda x: Node(x).__init__,
}
for name, make in makers.items():
    x = None
    for _ in range(200000):
        x = make(x)
    del x
    print(name, "freed")

# A chain built in one thread and freed by replacing the only reference.
holder = [None]
for _ in range(200000):
    holder[0] = [holder[0]]
holder[0] = None
print("replaced")
