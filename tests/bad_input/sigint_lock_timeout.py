import threading
lock = threading.Lock()
lock.acquire()
lock.acquire(timeout=30)
