# spectral_norm: the spectral norm of the infinite matrix A(i,j) = 1/((i+j)(i+j+1)/2+i+1)
# by power iteration, after the Computer Language Benchmarks Game task, written for twinpy.
# Measures float division, nested loops, list building and function calls.
# category: cpu
# usage: spectral_norm.py [threads=1] [n=300]
import sys
import time
from _harness import agreed, parse_args, run_workers


def entry(i, j):
    s = i + j
    return 1.0 / (s * (s + 1) // 2 + i + 1)


def times_a(u):
    n = len(u)
    out = []
    for i in range(n):
        acc = 0.0
        for j in range(n):
            acc += entry(i, j) * u[j]
        out.append(acc)
    return out


def times_at(u):
    n = len(u)
    out = []
    for i in range(n):
        acc = 0.0
        for j in range(n):
            acc += entry(j, i) * u[j]
        out.append(acc)
    return out


def times_ata(u):
    return times_at(times_a(u))


def work(n):
    u = [1.0] * n
    v = u
    for _ in range(10):
        v = times_ata(u)
        u = times_ata(v)
    vbv = 0.0
    vv = 0.0
    for i in range(n):
        vbv += u[i] * v[i]
        vv += v[i] * v[i]
    return "%.9f" % ((vbv / vv) ** 0.5)


def main():
    threads, n = parse_args(300)
    results, elapsed = run_workers(threads, work, (n,))
    print("spectral_norm", n, "=", agreed(results))
    print("elapsed %.6f" % elapsed)


main()
