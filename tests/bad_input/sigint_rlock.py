import threading
lock = threading.RLock()
def hold():
    lock.acquire()
    held.set()
    threading.Event().wait()
held = threading.Event()
threading.Thread(target=hold, daemon=True).start()
held.wait()
try:
    lock.acquire()
except KeyboardInterrupt:
    print("rlock acquire interrupted")
