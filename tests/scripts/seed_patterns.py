# The threading patterns of the seed article (a Python-concurrency guide for
# Java developers), written for twinpy: CPU-bound vs IO-bound threads, Thread
# subclass, thread pool with as_completed, the lock family, thread-local
# data, an unprotected counter, a daemon thread left running at exit, and
# Condition.wait with a timeout.
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed


def cpu_bound(n=200000):
    total = 0
    for i in range(n):
        total += i
    return total


def io_bound():
    time.sleep(0.2)


# CPU-bound threads finish (under a GIL they take turns, without one they
# may run in parallel); IO-bound threads overlap in both builds.
threads = [threading.Thread(target=cpu_bound) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("cpu-bound threads done")
start = time.perf_counter()
threads = [threading.Thread(target=io_bound) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("io-bound threads overlapped:", time.perf_counter() - start < 0.6)


def worker(name, count):
    for i in range(count):
        pass
    return name


t = threading.Thread(target=worker, args=("Thread-1", 5))
t.start()
t.join()
print("joined", t.name, t.is_alive())


class MyThread(threading.Thread):
    def __init__(self, n):
        super().__init__()
        self.n = n
        self.result = None

    def run(self):
        self.result = sum(range(self.n))


mt = MyThread(10)
mt.start()
mt.join()
print("subclass result", mt.result)

with ThreadPoolExecutor(max_workers=3) as executor:
    futures = {executor.submit(cpu_bound, n): n for n in (1000, 2000, 3000)}
    results = sorted((futures[f], f.result()) for f in as_completed(futures))
print("pool", results)

lock = threading.Lock()
rlock = threading.RLock()
condition = threading.Condition()
semaphore = threading.Semaphore(3)
event = threading.Event()
with lock:
    with rlock:
        with rlock:
            print("locks held:", lock.locked())
ready = []


def consumer():
    with condition:
        while not ready:
            condition.wait()
        print("consumer got", ready[0])


c = threading.Thread(target=consumer)
c.start()
with condition:
    ready.append("item")
    condition.notify()
c.join()
active = [0]
peak = [0]
guard = threading.Lock()


def limited():
    with semaphore:
        with guard:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.01)
        with guard:
            active[0] -= 1


ts = [threading.Thread(target=limited) for _ in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("semaphore peak <= 3:", peak[0] <= 3)
threading.Thread(target=lambda: (time.sleep(0.01), event.set())).start()
print("event set:", event.wait(5))

thread_local = threading.local()


def show():
    thread_local.data = threading.current_thread().name
    return thread_local.data


names = []
ts = [threading.Thread(target=lambda: names.append(show()), name="tl-" + str(i)) for i in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("thread-local", sorted(names))

counter = 0


def unsafe_increment():
    global counter
    for _ in range(20000):
        counter += 1  # not atomic: updates may be lost, the program goes on


ts = [threading.Thread(target=unsafe_increment) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("unprotected counter finished:", 0 < counter <= 80000)

with condition:
    print("wait with timeout returns", condition.wait(0.01))
t = threading.Thread(target=lambda: None)
t.start()
t.join()
t.join()  # joining a finished thread again returns at once
print("double join ok")
daemon = threading.Thread(target=time.sleep, args=(60,), daemon=True)
daemon.start()
print("exiting with a daemon thread still asleep")
