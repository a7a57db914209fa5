# prime_pool: trial-division primality tests on numbers just above ten million,
# split into chunks. With threads > 1 the chunks go to a
# concurrent.futures.ThreadPoolExecutor with that many workers (each worker's
# share is the full list), as in the usual "pool of is_prime tasks" example.
# category: cpu
# usage: prime_pool.py [threads=1] [count=100000]
import math
import sys
import time
from _harness import agreed, parse_args

BASE = 10000000
CHUNK = 1000


def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    limit = int(math.sqrt(n)) + 1
    for d in range(3, limit, 2):
        if n % d == 0:
            return False
    return True


def check_chunk(start, stop):
    """(number of primes, sum of them) in [start, stop)."""
    found = 0
    total = 0
    for n in range(start, stop):
        if is_prime(n):
            found += 1
            total += n
    return found, total


def chunks(count):
    return [(BASE + lo, BASE + min(lo + CHUNK, count)) for lo in range(0, count, CHUNK)]


def run_pool(threads, count):
    """Results of every chunk, once per worker's share, and the seconds taken."""
    tasks = chunks(count)
    if threads == 1:
        start = time.perf_counter()
        results = [check_chunk(lo, hi) for lo, hi in tasks]
        return [results], time.perf_counter() - start
    from concurrent.futures import ThreadPoolExecutor
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        futures = []
        for _ in range(threads):
            futures.append([pool.submit(check_chunk, lo, hi) for lo, hi in tasks])
        shares = [[f.result() for f in share] for share in futures]
    return shares, time.perf_counter() - start


def main():
    threads, count = parse_args(100000)
    shares, elapsed = run_pool(threads, count)
    results = agreed(shares)
    found = 0
    total = 0
    for f, t in results:
        found += f
        total += t
    print("prime_pool", len(results), "chunks of", CHUNK, "from", BASE)
    print("primes", found, "sum", total)
    print("elapsed %.6f" % elapsed)


main()
