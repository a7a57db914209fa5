import queue
try:
    queue.Queue().get(timeout=30)
except KeyboardInterrupt:
    print("get interrupted")
try:
    # The signal was handled: waiting again times out normally.
    queue.Queue().get(timeout=0.01)
except queue.Empty:
    print("empty")
