"""Descriptive statistics over repeated timings.

The headline number of a cell is the median; its 95% confidence interval is a
percentile bootstrap (BOOTSTRAP_RESAMPLES resamples, fixed seed so a report
is reproducible from its results.json). A t-based interval of the mean is
kept alongside for readers who prefer it. Outliers follow Tukey's fences
(beyond 1.5 IQR of the quartiles) and are flagged, never dropped.
"""

import math
import random

from . import distributions

BOOTSTRAP_RESAMPLES = 2000
BOOTSTRAP_SEED = 20240917
CONFIDENCE = 0.95
OUTLIER_MIN_N = 4  # with fewer runs the quartiles say nothing
CI_METHOD = ("95%% percentile bootstrap of the median (%d resamples, fixed seed)"
             % BOOTSTRAP_RESAMPLES)
OUTLIER_RULE = ("Tukey fences: beyond 1.5 x IQR outside the quartiles (needs >= %d runs); "
                "flagged, not dropped" % OUTLIER_MIN_N)


def median(values):
    s = sorted(values)
    n = len(s)
    if n == 0:
        return None
    mid = n // 2
    return s[mid] if n % 2 else (s[mid - 1] + s[mid]) / 2.0


def mean(values):
    return sum(values) / len(values) if values else None


def stdev(values):
    """Sample standard deviation (n - 1); 0 for a single value."""
    n = len(values)
    if n == 0:
        return None
    if n == 1:
        return 0.0
    m = mean(values)
    return math.sqrt(sum((v - m) ** 2 for v in values) / (n - 1))


def quantile(values, q):
    """Linear interpolation between order statistics (numpy's default, R type 7)."""
    s = sorted(values)
    if not s:
        return None
    pos = (len(s) - 1) * q
    lo = int(math.floor(pos))
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def outliers(values):
    """Indices (into values, in their order) outside Tukey's 1.5 IQR fences."""
    if len(values) < OUTLIER_MIN_N:
        return []
    q1, q3 = quantile(values, 0.25), quantile(values, 0.75)
    fence = 1.5 * (q3 - q1)
    return [i for i, v in enumerate(values) if v < q1 - fence or v > q3 + fence]


def geomean(values):
    values = [v for v in values if v is not None and v > 0]
    if not values:
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))


def ratio(a, b):
    if a is None or b is None or b <= 0:
        return None
    return a / b


def _percentile_interval(estimates):
    estimates.sort()
    alpha = (1.0 - CONFIDENCE) / 2.0
    return [quantile(estimates, alpha), quantile(estimates, 1.0 - alpha)]


def bootstrap_median_ci(values, resamples=BOOTSTRAP_RESAMPLES, seed=BOOTSTRAP_SEED):
    """[low, high] 95% percentile-bootstrap interval of the median."""
    if not values:
        return None
    if len(values) == 1:
        return [values[0], values[0]]
    rng = random.Random(seed)
    n = len(values)
    estimates = [median([values[rng.randrange(n)] for _ in range(n)])
                 for _ in range(resamples)]
    return _percentile_interval(estimates)


def bootstrap_ratio_ci(numer, denom, scale=1.0, resamples=BOOTSTRAP_RESAMPLES,
                       seed=BOOTSTRAP_SEED):
    """Interval of scale * median(numer) / median(denom), resampling both independently.

    Used for speedups (scale = N, numer = T(1), denom = T(N)) and for ratios
    between builds.
    """
    if not numer or not denom:
        return None
    rng = random.Random(seed)
    estimates = []
    for _ in range(resamples):
        a = median([numer[rng.randrange(len(numer))] for _ in numer])
        b = median([denom[rng.randrange(len(denom))] for _ in denom])
        if b > 0:
            estimates.append(scale * a / b)
    return _percentile_interval(estimates) if estimates else None


def t_mean_ci(values):
    """[low, high] t-based 95% interval of the mean (None below two values)."""
    n = len(values)
    if n < 2:
        return None
    m = mean(values)
    t = distributions.t_quantile(1.0 - (1.0 - CONFIDENCE) / 2.0, n - 1)
    half = t * stdev(values) / math.sqrt(n)
    return [m - half, m + half]


def summarize(values):
    """Everything a report shows about one cell's timings, as a JSON-ready dict."""
    if not values:
        return {"n": 0, "median": None, "mean": None, "stdev": None, "min": None,
                "max": None, "ci95": None, "ci95_mean": None, "outliers": []}
    return {
        "n": len(values),
        "median": median(values),
        "mean": mean(values),
        "stdev": stdev(values),
        "min": min(values),
        "max": max(values),
        "ci95": bootstrap_median_ci(values),
        "ci95_mean": t_mean_ci(values),
        "outliers": outliers(values),
    }
