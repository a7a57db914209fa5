# io_sleep: each worker sleeps 50 ms several times with a little bookkeeping in
# between, like a thread waiting on I/O. Measures whether sleeping releases the
# interpreter: elapsed should stay near rounds x 50 ms for any thread count.
# category: io
# usage: io_sleep.py [threads=1] [rounds=8]
import sys
import time
from _harness import agreed, parse_args, run_workers

PAUSE = 0.05


def io_bound(rounds):
    log = []
    for i in range(rounds):
        time.sleep(PAUSE)
        log.append("response %d" % i)
    return len(log), log[-1]


def main():
    threads, rounds = parse_args(8)
    results, elapsed = run_workers(threads, io_bound, (rounds,))
    count, last = agreed(results)
    print("io_sleep slept", count, "x", int(PAUSE * 1000), "ms; last", last)
    print("elapsed %.6f" % elapsed)


main()
