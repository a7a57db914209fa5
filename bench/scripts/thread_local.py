# thread_local: every worker keeps its running state in attributes of one
# shared threading.local() object (with threads > 1; a plain object with
# threads == 1) and reads and writes them in a hot loop. Measures attribute
# access on thread-local storage against an ordinary instance.
# category: contention
# usage: thread_local.py [threads=1] [n=5000000]
import sys
import time
from _harness import agreed, parse_args


class Plain:
    pass


def hot_loop(state, n):
    state.total = 0
    state.step = 3
    state.name = "worker"
    for i in range(n):
        state.total = (state.total + i * state.step) % 1000003
        if i % 1000 == 0:
            state.step = state.step % 7 + 1
    return state.total, state.step, state.name


def run(threads, n):
    if threads == 1:
        state = Plain()
        start = time.perf_counter()
        result = hot_loop(state, n)
        return [result], time.perf_counter() - start
    import threading
    state = threading.local()
    results = [None] * threads

    def worker(slot):
        results[slot] = hot_loop(state, n)

    pool = [threading.Thread(target=worker, args=(slot,)) for slot in range(threads)]
    start = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return results, time.perf_counter() - start


def main():
    threads, n = parse_args(5000000)
    results, elapsed = run(threads, n)
    print("thread_local", n, "=", agreed(results))
    print("elapsed %.6f" % elapsed)


main()
