# Stress: 8 threads consume one shared list iterator. Every item is handed
# out exactly once and the iterator drops its list once.
import threading

items = list(range(50000))
it = iter(items)
got = [[] for _ in range(8)]


def worker(k):
    for x in it:
        got[k].append(x)


threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
merged = sorted(x for part in got for x in part)
assert merged == items, (len(merged), len(items))
print("ok")
