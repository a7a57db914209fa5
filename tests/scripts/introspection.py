# Seeing inside: traceback.format_stack/format_exc, sys._current_frames of another thread, threading.enumerate.
import sys, threading, time, traceback
def inner():
    stack = traceback.format_stack()
    print(len(stack) >= 2, stack[-1].split(",")[2].strip())
def outer():
    inner()
outer()
ev = threading.Event()
def sleeper():
    ev.wait()
t = threading.Thread(target=sleeper, name="sleeper")
t.start()
time.sleep(0.05)
frames = sys._current_frames()
print(t.ident in frames, threading.get_ident() in frames)
f = frames[t.ident]
names = []
while f is not None:
    names.append(f.f_code.co_name)
    f = f.f_back
print("sleeper" in names, "wait" in names)
ev.set(); t.join()
try:
    1 / 0
except ZeroDivisionError:
    s = traceback.format_exc()
    print(s.splitlines()[-1])
print(sorted(t.name for t in threading.enumerate()))
