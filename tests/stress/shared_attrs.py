# Stress: 8 threads read and write attributes of shared objects, module
# globals and closure variables, and race `counter += 1` (updates may be
# lost, as in CPython; nothing may crash).
import threading

counter = 0
config = {"scale": 2}


class Box:
    def __init__(self):
        self.value = 0
        self.items = []


box = Box()
N = 5000


def make_adder():
    total = 0

    def add(n):
        nonlocal total
        total += n
        return total

    return add


adder = make_adder()


def worker(k):
    global counter
    for i in range(N):
        counter += 1
        box.value = box.value + config["scale"]
        box.name = "w" + str(k)
        _ = box.name
        if i % 50 == 0:
            box.items = [i, k]
            _ = box.items[0]
        adder(1)
        if i % 1000 == 0:
            config["scale"] = k


threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert 0 < counter <= 8 * N
print("ok")
