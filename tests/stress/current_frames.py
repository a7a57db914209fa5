# stress: sigquit (run_stress.sh sends SIGQUIT over and over while this runs)
# Reading other threads' stacks while they run: the main thread and two
# workers call sys._current_frames() in a loop and format every frame with
# traceback.format_stack, while other threads recurse deeply, run nested
# generators, loop, sleep, wait for locks and share a map() iterator (whose
# lock is held while Python code runs), short-lived threads start and exit,
# one daemon thread blocks forever on a lock and one still spins when the
# program ends. Every snapshot must be a well-formed chain of known frames.
import sys
import threading
import time
import traceback

print("start", flush=True)  # run_stress.sh starts its signals after this

stop = False
lock = threading.Lock()
never_released = threading.Lock()
never_released.acquire()
DEPTH = 120


def recurse(n):
    if n == 0:
        return bottom()
    return recurse(n - 1) + 1


def bottom():
    total = 0
    for i in range(100):
        total += i
    return total


def recursive_worker():
    while not stop:
        assert recurse(DEPTH) == DEPTH + 4950


def squares(n):
    for i in range(n):
        yield i * i


def shifted(n):
    for v in squares(n):
        yield v + 1


def generator_worker():
    while not stop:
        assert sum(shifted(200)) == sum(i * i + 1 for i in range(200))


def loop_worker():
    while not stop:
        d = {}
        for i in range(500):
            d[i & 31] = d.get(i & 31, 0) + i
        assert sum(d.values()) == 124750


def blocking_worker():
    while not stop:
        time.sleep(0.0005)
        with lock:
            recurse(5)


def slow_square(x):
    total = 0
    for _ in range(20):
        total += x
    return total * x // 20


shared_map = map(slow_square, range(10 ** 9))


def map_worker():
    last = -1
    while not stop:
        v = next(shared_map)
        assert v > last or last == -1 or v >= 0
        last = v


def short_lived(depth):
    recurse(depth)


def blocked_forever():
    never_released.acquire()


def daemon_spinner():
    n = 0
    while True:
        n = recurse(10) + n % 7


KNOWN = {
    "<module>", "recurse", "bottom", "recursive_worker", "squares", "shifted",
    "generator_worker", "<genexpr>", "<listcomp>", "loop_worker", "blocking_worker",
    "slow_square", "map_worker", "short_lived", "blocked_forever",
    "daemon_spinner", "requester_worker", "check_all", "check_stack",
}
# twinpy's frames from sys._current_frames() are snapshots: walking one
# twice gives the same chain (CPython's are live frames, which move on).
SNAPSHOTS = sys.implementation.name == "twinpy"
max_recurse = [0]


def check_stack(f):
    """The function names of f's chain, innermost first, checked."""
    names = []
    while f is not None:
        co = f.f_code
        assert isinstance(f.f_lineno, int) and f.f_lineno > 0, f.f_lineno
        # Frames of this file run known functions (others: threading, linecache).
        assert co.co_name in KNOWN or co.co_filename != __file__, co.co_name
        names.append(co.co_name)
        f = f.f_back
        assert len(names) < 10000
    return names


def check_all(frames):
    me = threading.get_ident()
    assert me in frames
    for ident, f in frames.items():
        names = check_stack(f)
        lines = traceback.format_stack(f)
        for line in lines:
            assert line.startswith(('  File "', "  [Previous line repeated")), line
        if SNAPSHOTS:
            assert check_stack(f) == names
            summary = traceback.extract_stack(f)
            assert [e.name for e in reversed(summary)] == names
            assert lines == traceback.format_list(summary)
        if names.count("recurse") > max_recurse[0]:
            max_recurse[0] = names.count("recurse")
    inner = frames[me].f_code.co_name
    assert inner in ("check_all", "requester_worker", "<module>"), inner


def requester_worker():
    while not stop:
        check_all(sys._current_frames())


workers = [threading.Thread(target=t) for t in (
    recursive_worker, recursive_worker, generator_worker, loop_worker,
    blocking_worker, map_worker, map_worker, requester_worker, requester_worker)]
for w in workers:
    w.start()
threading.Thread(target=blocked_forever, daemon=True).start()
threading.Thread(target=daemon_spinner, daemon=True).start()

deadline = time.monotonic() + 1.5
rounds = 0
short = []
try:
    while rounds < 20 or time.monotonic() < deadline:
        frames = sys._current_frames()
        assert len(frames) >= 3
        check_all(frames)
        if rounds % 3 == 0:
            t = threading.Thread(target=short_lived, args=(rounds % 40,))
            t.start()
            short.append(t)
        if len(short) > 4:
            short.pop(0).join()
        rounds += 1
finally:
    stop = True
for t in short + workers:
    t.join()
assert max_recurse[0] > 0, max_recurse
print("ok")
