# Busy threads (daemon) do not keep SIGINT from the main thread.
import threading
def spin():
    x = 0
    while True:
        x += 1
for _ in range(4):
    threading.Thread(target=spin, daemon=True).start()
print("started", flush=True)
import time
time.sleep(30)
