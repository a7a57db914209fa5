"""Is a change between two sets of timings real? Two-sample tests, plain Python.

The default is the Mann-Whitney U test (rank-based, so one slow run does not
dominate): exact p-value for small samples without ties, the normal
approximation with tie and continuity corrections otherwise. When the samples
are so small that even completely separated ranks cannot reach the threshold
(3 runs against 3 give p >= 0.1), Welch's t-test on log times is used instead,
and the verdict says so.
"""

import math

from . import distributions
from .stats import mean, median, stdev

ALPHA = 0.05
EXACT_LIMIT = 50  # n1 + n2 up to which the exact U distribution is computed


def _ranks(values):
    """Mid-ranks (1-based) of values, plus the tie group sizes."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    ties = []
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        rank = (i + j) / 2.0 + 1.0
        for k in range(i, j + 1):
            ranks[order[k]] = rank
        if j > i:
            ties.append(j - i + 1)
        i = j + 1
    return ranks, ties


def mann_whitney_u(a, b):
    """(U of a, two-sided p, method). U counts pairs with a_i > b_j (ties count 1/2)."""
    n1, n2 = len(a), len(b)
    if n1 == 0 or n2 == 0:
        raise ValueError("both samples need values")
    ranks, ties = _ranks(list(a) + list(b))
    u = sum(ranks[:n1]) - n1 * (n1 + 1) / 2.0
    if not ties and n1 + n2 <= EXACT_LIMIT:
        low = min(u, n1 * n2 - u)
        p = min(1.0, 2.0 * distributions.mann_whitney_exact_cdf(low, n1, n2))
        return u, p, "exact"
    n = n1 + n2
    tie_term = sum(t ** 3 - t for t in ties) / (n * (n - 1))
    variance = n1 * n2 / 12.0 * ((n + 1) - tie_term)
    if variance <= 0:
        return u, 1.0, "normal"
    z = max(0.0, abs(u - n1 * n2 / 2.0) - 0.5) / math.sqrt(variance)
    return u, min(1.0, 2.0 * (1.0 - distributions.normal_cdf(z))), "normal"


def min_exact_p(n1, n2):
    """The smallest two-sided p the exact U test can give for these sizes."""
    return min(1.0, 2.0 / math.comb(n1 + n2, n1))


def welch_t(a, b):
    """(t, df, two-sided p) of Welch's unequal-variance t-test on a and b."""
    n1, n2 = len(a), len(b)
    if n1 < 2 or n2 < 2:
        raise ValueError("Welch's test needs two values per sample")
    v1, v2 = stdev(a) ** 2 / n1, stdev(b) ** 2 / n2
    diff = mean(a) - mean(b)
    if v1 + v2 == 0:
        return (0.0 if diff == 0 else math.copysign(math.inf, diff),
                float(n1 + n2 - 2), 1.0 if diff == 0 else 0.0)
    t = diff / math.sqrt(v1 + v2)
    df = (v1 + v2) ** 2 / (v1 ** 2 / (n1 - 1) + v2 ** 2 / (n2 - 1))
    p = 2.0 * (1.0 - distributions.t_cdf(abs(t), df))
    return t, df, min(1.0, max(0.0, p))


class Verdict:
    """The comparison of an old and a new sample of times (seconds)."""

    def __init__(self, old, new, alpha=ALPHA):
        self.old_median = median(old)
        self.new_median = median(new)
        self.ratio = (self.new_median / self.old_median
                      if self.old_median and self.new_median else None)
        self.p = None
        self.test = None
        if len(old) < 2 or len(new) < 2:
            self.test = "none (fewer than 2 runs)"
        elif min_exact_p(len(old), len(new)) > alpha:
            _, _, self.p = welch_t([math.log(v) for v in old], [math.log(v) for v in new])
            self.test = "Welch t on log times"
        else:
            _, self.p, how = mann_whitney_u(old, new)
            self.test = "Mann-Whitney U (%s)" % how
        self.significant = self.p is not None and self.p < alpha

    def change(self):
        """'1.12x slower', '1.05x faster' or 'same'."""
        if self.ratio is None:
            return "-"
        if abs(self.ratio - 1.0) < 5e-4:
            return "same"
        if self.ratio > 1.0:
            return "%.2fx slower" % self.ratio
        return "%.2fx faster" % (1.0 / self.ratio)

    def label(self):
        if self.p is None:
            return "not tested"
        return "significant" if self.significant else "not significant"
