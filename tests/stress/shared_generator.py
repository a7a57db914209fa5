# Stress: 8 threads pull from one shared generator. A thread that finds it
# running elsewhere gets ValueError ("generator already executing"), as in
# CPython; values are never duplicated and nothing crashes.
import threading

def numbers():
    i = 0
    while i < 40000:
        yield i
        i += 1

gen = numbers()
got = [[] for _ in range(8)]


def worker(k):
    while True:
        try:
            v = next(gen)
        except ValueError:
            continue
        except StopIteration:
            return
        got[k].append(v)


threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
values = [v for part in got for v in part]
assert len(values) == len(set(values)), "a value was produced twice"
print("ok")
