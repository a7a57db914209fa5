# float_points: builds many 3-D points from sines and cosines, normalises each
# and reduces them to a component-wise maximum, in batches of 50000 (the
# pattern of the classic "float" benchmark, written for twinpy). Measures float
# arithmetic, math module calls and allocation of many float-holding objects.
# category: cpu
# usage: float_points.py [threads=1] [n=500000]
import math
import sys
import time
from _harness import agreed, parse_args, run_workers

BATCH = 50000


class Point:
    def __init__(self, i):
        self.x = x = math.sin(i)
        self.y = math.cos(i) * 3
        self.z = (x * x) / 2

    def __repr__(self):
        return "<Point: x=%.9f, y=%.9f, z=%.9f>" % (self.x, self.y, self.z)

    def normalize(self):
        x = self.x
        y = self.y
        z = self.z
        norm = math.sqrt(x * x + y * y + z * z)
        self.x /= norm
        self.y /= norm
        self.z /= norm

    def maximize(self, other):
        self.x = self.x if self.x > other.x else other.x
        self.y = self.y if self.y > other.y else other.y
        self.z = self.z if self.z > other.z else other.z
        return self


def maximize(points):
    best = points[0]
    for p in points[1:]:
        best.maximize(p)
    return best


def work(n):
    best = None
    for lo in range(0, n, BATCH):
        points = [Point(i) for i in range(lo, min(lo + BATCH, n))]
        for p in points:
            p.normalize()
        top = maximize(points)
        best = top if best is None else best.maximize(top)
    return repr(best)


def main():
    threads, n = parse_args(500000)
    results, elapsed = run_workers(threads, work, (n,))
    print("float_points", n, agreed(results))
    print("elapsed %.6f" % elapsed)


main()
