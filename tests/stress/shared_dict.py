# Stress: 8 threads insert, delete, look up and iterate one shared dict and
# one shared set (keys of several types, so resizes and collisions happen).
import threading

shared = {}
seen = set()
N = 3000


def worker(k):
    for i in range(N):
        key = (i * 7 + k) % 257
        shared[key] = i
        shared["s" + str(key)] = k
        seen.add(key)
        shared.get(key + 1)
        if i % 3 == 0:
            shared.pop(key, None)
            seen.discard(key)
        if i % 200 == 0:
            try:
                for kk in list(shared):
                    shared.get(kk)
            except RuntimeError:
                pass
            _ = len(seen)
            try:
                _ = sorted(x for x in list(seen) if isinstance(x, int))
            except RuntimeError:
                pass  # "Set changed size during iteration" is allowed


threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert len(shared) <= 2 * 257
print("ok")
