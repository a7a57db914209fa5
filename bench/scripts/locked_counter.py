# locked_counter: every worker increments one shared module-level counter and
# deposits into one shared account object; with threads > 1 each update is a
# read-modify-write under a threading.Lock, with threads == 1 a plain loop.
# Measures lock acquire/release and contended writes to shared state.
# category: contention
# usage: locked_counter.py [threads=1] [n=4000000]
import sys
import time
from _harness import agreed, parse_args

counter = 0


class Account:
    def __init__(self, lock):
        self.balance = 0
        self.lock = lock

    def deposit(self, amount):
        with self.lock:
            current = self.balance
            current += amount
            self.balance = current


class PlainAccount:
    def __init__(self):
        self.balance = 0

    def deposit(self, amount):
        current = self.balance
        current += amount
        self.balance = current


def plain_loop(n, account):
    global counter
    deposited = 0
    for i in range(n):
        counter += 1
        if i % 4 == 0:
            account.deposit(i % 10)
            deposited += i % 10
    return deposited


def locked_loop(n, account, lock):
    global counter
    deposited = 0
    for i in range(n):
        with lock:
            counter += 1
        if i % 4 == 0:
            account.deposit(i % 10)
            deposited += i % 10
    return deposited


def run(threads, n):
    """Deposits per worker (all equal) and the seconds taken."""
    if threads == 1:
        account = PlainAccount()
        start = time.perf_counter()
        deposited = plain_loop(n, account)
        return [deposited], account.balance, time.perf_counter() - start
    import threading
    lock = threading.Lock()
    account = Account(threading.Lock())
    results = [None] * threads

    def worker(slot):
        results[slot] = locked_loop(n, account, lock)

    pool = [threading.Thread(target=worker, args=(slot,)) for slot in range(threads)]
    start = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return results, account.balance, time.perf_counter() - start


def main():
    threads, n = parse_args(4000000)
    results, balance, elapsed = run(threads, n)
    deposited = agreed(results)
    print("locked_counter increments per worker", n, "counter exact", counter == threads * n)
    print("deposited per worker", deposited, "balance exact", balance == threads * deposited)
    print("elapsed %.6f" % elapsed)


main()
