# concurrent.futures (ThreadPoolExecutor, map, as_completed, wait, callbacks) and queue (Queue, PriorityQueue, LifoQueue, Empty, Full).
from concurrent.futures import ThreadPoolExecutor, as_completed, wait, FIRST_COMPLETED, ALL_COMPLETED
import concurrent.futures
import queue
import threading
import time
def is_prime(n):
    if n < 2:
        return False
    i = 2
    while i * i <= n:
        if n % i == 0:
            return False
        i += 1
    return True
nums = [112272535095293, 115280095190773, 115797848077099, 1099726899285419, 17, 18]
nums = [1000003, 1000033, 1000037, 999999, 17, 18]
with ThreadPoolExecutor(max_workers=4) as ex:
    print(list(ex.map(is_prime, nums)))
    futs = {ex.submit(is_prime, n): n for n in nums}
    res = sorted((futs[f], f.result()) for f in as_completed(futs))
    print(res)
    f = ex.submit(pow, 2, 10)
    print(f.result(), f.done(), f.exception())
    bad = ex.submit(lambda: 1 / 0)
    try:
        bad.result()
    except ZeroDivisionError as e:
        print("raised", e)
    done, not_done = wait([ex.submit(time.sleep, 0.01) for _ in range(3)], return_when=ALL_COMPLETED)
    print(len(done), len(not_done))
    called = []
    f2 = ex.submit(lambda: 5)
    f2.add_done_callback(lambda fut: called.append(fut.result()))
    f2.result(); time.sleep(0.01)
    print(called)
print(type(concurrent.futures.Future()).__name__)
q = queue.Queue()
results = []
def producer():
    for i in range(5):
        q.put(i)
    q.put(None)
def consumer():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        results.append(item * 10)
        q.task_done()
tp = threading.Thread(target=producer); tc = threading.Thread(target=consumer)
tp.start(); tc.start(); tp.join(); tc.join(); q.join()
print(results)
try:
    queue.Queue().get(timeout=0.01)
except queue.Empty:
    print("empty")
pq = queue.PriorityQueue()
for x in [5, 1, 4]:
    pq.put((x, str(x)))
print([pq.get() for _ in range(3)])
lq = queue.LifoQueue(); lq.put(1); lq.put(2); print(lq.get(), lq.qsize())
bq = queue.Queue(maxsize=1); bq.put(1)
try:
    bq.put(2, block=False)
except queue.Full:
    print("full")
