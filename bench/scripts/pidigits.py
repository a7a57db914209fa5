# pidigits: decimal digits of pi from an unbounded spigot over big integers
# (Gibbons' streaming algorithm), written for twinpy. Measures arbitrary-
# precision multiplication and floor division on ever-growing ints.
# category: cpu
# usage: pidigits.py [threads=1] [digits=2600]
import sys
import time
from _harness import agreed, parse_args, run_workers


def pi_digits(count):
    q, r, t, k, m, x = 1, 0, 1, 1, 3, 3
    digits = []
    while len(digits) < count:
        if 4 * q + r - t < m * t:
            digits.append(m)
            q, r, m = 10 * q, 10 * (r - m * t), (10 * (3 * q + r)) // t - 10 * m
        else:
            q, r, t, k, m, x = (q * k, (2 * q + r) * x, t * x, k + 1,
                                (q * (7 * k + 2) + r * x) // (t * x), x + 2)
    return "".join(str(d) for d in digits)


def main():
    threads, count = parse_args(2600)
    results, elapsed = run_workers(threads, pi_digits, (count,))
    digits = agreed(results)
    print("pi digits", count, "first", digits[:20], "last", digits[-20:])
    total = 0
    for ch in digits:
        total += ord(ch) - 48
    print("digit sum", total)
    print("elapsed %.6f" % elapsed)


main()
