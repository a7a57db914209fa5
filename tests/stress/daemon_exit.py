# The interpreter exits while eight daemon threads still allocate and print
# (to /dev/null, so "ok" stays the last line), and after a thread died of an
# uncaught exception: neither may crash the process or hang its exit.
import threading

sink = open("/dev/null", "w")
started = threading.Barrier(9)


def work(i):
    started.wait()
    data = []
    n = 0
    while True:
        data.append([n] * 10)
        if len(data) > 1000:
            data = []
        n += 1
        print("thread", i, n, {k: str(k) for k in range(5)}, file=sink)


for i in range(8):
    threading.Thread(target=work, args=(i,), daemon=True).start()
started.wait()


def fail():
    raise ValueError("boom in thread")


threading.excepthook = lambda args: None
t = threading.Thread(target=fail)
t.start()
t.join()
total = 0
for i in range(20000):
    total += i
assert total == 199990000
print("ok")
