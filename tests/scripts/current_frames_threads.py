# sys._current_frames() and traceback.format_stack of other threads caught
# spinning at the bottom of a recursion, spinning inside a generator, blocked
# on a lock and waiting on an event (what the free-threaded builds read with
# the world stopped).
import linecache
import sys
import threading
import time
import traceback

stop = False
ready = threading.Barrier(5)
lock = threading.Lock()
lock.acquire()
event = threading.Event()


def recurse(n):
    if n == 0:
        return spin()
    return recurse(n - 1) + 1


def spin():
    ready.wait()
    while not stop: pass
    return 0


def numbers():
    yield 1
    ready.wait()
    while not stop: pass
    yield 2


def consume():
    return sum(numbers())


def blocked():
    ready.wait()
    lock.acquire()


def waiting():
    ready.wait()
    event.wait()


threads = [threading.Thread(target=f) for f in (lambda: recurse(25), consume, blocked, waiting)]
for t in threads:
    t.start()
ready.wait()


def past_barrier(f):
    # The innermost frame of this file no longer waits at the barrier.
    while f.f_code.co_filename != __file__:
        f = f.f_back
    return linecache.getline(__file__, f.f_lineno).strip() != "ready.wait()"


deadline = time.monotonic() + 10
while True:
    frames = sys._current_frames()
    if all(past_barrier(frames[t.ident]) for t in threads):
        break
    assert time.monotonic() < deadline, "threads stuck at the barrier"
    time.sleep(0.01)
print(threading.get_ident() in frames, all(t.ident in frames for t in threads))
for t in threads:
    f = frames[t.ident]
    names = []
    while f is not None:
        if f.f_code.co_filename == __file__:
            names.append(f.f_code.co_name)
        f = f.f_back
    print(names.count("recurse"), [n for n in names if n != "recurse"])
    for entry in traceback.format_stack(frames[t.ident]):
        if entry.startswith('  File "' + __file__ + '"'):
            print(entry.split(", ", 1)[1], end="")
        elif entry.startswith("  [Previous"):
            print(entry, end="")
stop = True
lock.release()
event.set()
for t in threads:
    t.join()
print("done")
