# nqueens: every placement of n non-attacking queens on an n x n board, found
# by a recursive generator that tracks attacked columns and diagonals in sets.
# Measures generators, recursion, set membership and tuple building.
# category: cpu
# usage: nqueens.py [threads=1] [rounds=50]
import sys
import time
from _harness import agreed, parse_args, run_workers


def placements(n, row, cols, up, down, placed):
    """Yields each full solution as a tuple of column numbers, row by row."""
    if row == n:
        yield tuple(placed)
        return
    for col in range(n):
        if col in cols or row + col in up or row - col in down:
            continue
        cols.add(col)
        up.add(row + col)
        down.add(row - col)
        placed.append(col)
        yield from placements(n, row + 1, cols, up, down, placed)
        placed.pop()
        down.discard(row - col)
        up.discard(row + col)
        cols.discard(col)


def solve(n):
    count = 0
    checksum = 0
    for sol in placements(n, 0, set(), set(), set(), []):
        count += 1
        weight = 0
        for c in sol:
            weight = weight * n + c
        checksum = (checksum * 31 + weight) % 1000000007
    return count, checksum


def work(rounds):
    counts = []
    checksum = 0
    for _ in range(rounds):
        counts = []
        for n in range(4, 10):
            count, check = solve(n)
            counts.append(count)
            checksum = (checksum + check) % 1000000007
    return counts, checksum


def main():
    threads, rounds = parse_args(50)
    results, elapsed = run_workers(threads, work, (rounds,))
    counts, checksum = agreed(results)
    print("nqueens solutions for n=4..9:", counts)
    print("checksum", checksum)
    print("elapsed %.6f" % elapsed)


main()
