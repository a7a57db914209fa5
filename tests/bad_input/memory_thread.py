# MemoryError in a thread ends only that thread.
import threading

def grow():
    chunks = []
    try:
        while True:
            chunks.append([0] * 10000)
    except MemoryError:
        chunks = None
        print("thread: MemoryError caught")
    chunks = []
    while True:
        chunks.append([0] * 10000)

threading.excepthook = lambda args: print("excepthook:", args.exc_type.__name__)
t = threading.Thread(target=grow)
t.start()
t.join()
print("main goes on")
