"""Small statistics over repeated timings."""

import math


def median(values):
    s = sorted(values)
    n = len(s)
    if n == 0:
        return None
    mid = n // 2
    return s[mid] if n % 2 else (s[mid - 1] + s[mid]) / 2.0


def geomean(values):
    values = [v for v in values if v is not None and v > 0]
    if not values:
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))


class Cell:
    """The timed runs of one (script, build, threads)."""

    def __init__(self, times, failure=None):
        self.times = list(times)
        self.failure = failure

    @property
    def ok(self):
        return self.failure is None and bool(self.times)

    @property
    def median(self):
        return median(self.times) if self.ok else None

    @property
    def low(self):
        return min(self.times) if self.ok else None

    @property
    def high(self):
        return max(self.times) if self.ok else None

    def to_json(self):
        return {"ok": self.ok, "median": self.median, "min": self.low, "max": self.high,
                "n": len(self.times), "times": self.times, "failure": self.failure}


def ratio(a, b):
    if a is None or b is None or b <= 0:
        return None
    return a / b
