# threading: Thread, join, Lock, RLock, Condition, Semaphore, Event, Barrier, local, Timer, subclassing, excepthook; sleeping threads overlap.
import threading
import time
results = [0] * 4
def worker(i, n):
    s = 0
    for k in range(n):
        s += k
    results[i] = s
ts = [threading.Thread(target=worker, args=(i, 100000)) for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(results)
start = time.perf_counter()
ts = [threading.Thread(target=time.sleep, args=(0.3,)) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
el = time.perf_counter() - start
print("sleeps overlap:", el < 0.6)
lock = threading.Lock()
counter = 0
def inc():
    global counter
    for _ in range(10000):
        with lock:
            counter += 1
ts = [threading.Thread(target=inc) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print("counter", counter)
print(threading.current_thread().name, threading.main_thread() is threading.current_thread(), threading.active_count())
ev = threading.Event()
def waiter():
    ev.wait()
    print("event seen")
t = threading.Thread(target=waiter); t.start(); time.sleep(0.05); ev.set(); t.join()
cond = threading.Condition()
items = []
def consumer():
    with cond:
        cond.wait_for(lambda: items)
        print("got", items.pop())
t = threading.Thread(target=consumer); t.start()
with cond:
    items.append(42)
    cond.notify()
t.join()
sem = threading.Semaphore(2)
b = threading.Barrier(3)
order = []
def party(i):
    with sem:
        pass
    idx = b.wait()
    order.append(i)
ts = [threading.Thread(target=party, args=(i,)) for i in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(order))
loc = threading.local()
loc.x = "main"
def tl():
    loc.x = "thread"
    print("in thread", loc.x)
t = threading.Thread(target=tl); t.start(); t.join()
print("in main", loc.x)
class MyThread(threading.Thread):
    def __init__(self, n):
        super().__init__(name="worker-" + str(n))
        self.n = n
    def run(self):
        print("run", self.name, self.n)
m = MyThread(7); m.start(); m.join(); print(m.is_alive())
def boom():
    raise ValueError("in thread")
t = threading.Thread(target=boom, name="T-boom"); t.start(); t.join()
print("program continues")
rl = threading.RLock()
with rl:
    with rl:
        print("rlock reentrant")
tm = threading.Timer(0.01, lambda: print("timer fired")); tm.start(); tm.join()
