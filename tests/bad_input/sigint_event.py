import threading
cond = threading.Condition()
try:
    with cond:
        cond.wait()
except KeyboardInterrupt:
    print("wait interrupted; lock free again:", cond.acquire(blocking=False))
