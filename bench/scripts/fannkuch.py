# fannkuch: pancake flipping over every permutation of 1..n (the fannkuch-redux
# task of the Computer Language Benchmarks Game, written for twinpy). Measures
# list slicing and slice assignment, indexing and small-int loops.
# category: cpu
# usage: fannkuch.py [threads=1] [n=9]
import sys
import time
from _harness import agreed, parse_args, run_workers


def fannkuch(n):
    """(checksum, maximum flips) over all permutations, in the order of the
    classic counting-based generator (alternating sign checksum)."""
    perm1 = list(range(n))
    count = [0] * n
    max_flips = 0
    checksum = 0
    sign = 1
    r = n
    while True:
        while r != 1:
            count[r - 1] = r
            r -= 1
        # Count flips of this permutation.
        if perm1[0] != 0:
            perm = perm1[:]
            flips = 0
            k = perm[0]
            while k != 0:
                perm[:k + 1] = perm[k::-1]
                flips += 1
                k = perm[0]
            if flips > max_flips:
                max_flips = flips
            checksum += sign * flips
        # Next permutation: rotate prefixes until a counter is not exhausted.
        sign = -sign
        while True:
            if r == n:
                return checksum, max_flips
            first = perm1[0]
            i = 0
            while i < r:
                perm1[i] = perm1[i + 1]
                i += 1
            perm1[r] = first
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1


def main():
    threads, n = parse_args(9)
    results, elapsed = run_workers(threads, fannkuch, (n,))
    checksum, flips = agreed(results)
    print(checksum)
    print("Pfannkuchen(%d) = %d" % (n, flips))
    print("elapsed %.6f" % elapsed)


main()
