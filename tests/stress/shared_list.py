# Stress: 8 threads append to, pop from, index, slice and sort one shared
# list. Any interleaving is allowed; the interpreter must not crash and the
# list must stay a consistent list.
import threading

shared = []
N = 3000


def worker(k):
    for i in range(N):
        shared.append(i)
        if len(shared) > 50:
            try:
                shared.pop()
                shared.pop(0)
            except IndexError:
                pass
        if i % 100 == 0:
            _ = shared[:]
            _ = sorted(shared[:20])
            _ = i in shared
            try:
                shared[0] = k
                del shared[-1]
            except IndexError:
                pass
        if i % 500 == 0:
            shared.extend(range(5))
            shared.reverse()


threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert all(isinstance(x, int) for x in shared)
print("ok")
