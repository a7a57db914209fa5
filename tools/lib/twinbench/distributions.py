"""Probability distributions the tests of significance need, in plain Python.

Only what tools/compare uses: the normal CDF, Student's t (CDF and quantile,
through the regularised incomplete beta function) and the exact null
distribution of the Mann-Whitney U statistic.
"""

import math


def normal_cdf(x):
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


def _beta_continued_fraction(a, b, x):
    """Continued fraction of I_x(a, b), evaluated with the modified Lentz method."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c = 1.0
    d = 1.0 - qab * x / qap
    d = tiny if abs(d) < tiny else d
    d = 1.0 / d
    h = d
    for m in range(1, 500):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = tiny if abs(d) < tiny else d
        c = 1.0 + aa / c
        c = tiny if abs(c) < tiny else c
        d = 1.0 / d
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = tiny if abs(d) < tiny else d
        c = 1.0 + aa / c
        c = tiny if abs(c) < tiny else c
        d = 1.0 / d
        step = d * c
        h *= step
        if abs(step - 1.0) < 1e-15:
            break
    return h


def betainc(a, b, x):
    """Regularised incomplete beta function I_x(a, b) for a, b > 0."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
                 + a * math.log(x) + b * math.log1p(-x))
    front = math.exp(log_front)
    # The fraction converges fast only on one side of the mean; use symmetry.
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _beta_continued_fraction(a, b, x) / a
    return 1.0 - front * _beta_continued_fraction(b, a, 1.0 - x) / b


def t_cdf(t, df):
    """P(T <= t) for Student's t with df degrees of freedom (df may be fractional)."""
    if df <= 0:
        raise ValueError("degrees of freedom must be positive")
    if t == 0:
        return 0.5
    tail = 0.5 * betainc(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t > 0 else tail


def t_quantile(p, df):
    """The t with P(T <= t) = p, by bisection on t_cdf (monotonic, so always converges)."""
    if not 0.0 < p < 1.0:
        raise ValueError("p must be in (0, 1)")
    if p == 0.5:
        return 0.0
    lo, hi = -1.0, 1.0
    while t_cdf(lo, df) > p:
        lo *= 2.0
    while t_cdf(hi, df) < p:
        hi *= 2.0
    for _ in range(200):
        mid = (lo + hi) / 2.0
        if t_cdf(mid, df) < p:
            lo = mid
        else:
            hi = mid
        if hi - lo < 1e-12 * max(1.0, abs(mid)):
            break
    return (lo + hi) / 2.0


def mann_whitney_counts(n1, n2):
    """counts[u] = how many of the C(n1+n2, n1) orderings give U = u (no ties).

    Recurrence on whether the largest value belongs to the first sample
    (it then beats all n2 values of the second) or to the second.
    """
    # table[j] holds the distribution for (i, j) while i grows row by row.
    table = [[1] for _ in range(n2 + 1)]  # i = 0: U is always 0
    for i in range(1, n1 + 1):
        row = [[1]]  # j = 0: U is always 0
        for j in range(1, n2 + 1):
            size = i * j + 1
            counts = [0] * size
            from_first = table[j]  # (i-1, j), shifted by j
            for u, c in enumerate(from_first):
                counts[u + j] += c
            for u, c in enumerate(row[j - 1]):  # (i, j-1)
                counts[u] += c
            row.append(counts)
        table = row
    return table[n2]


def mann_whitney_exact_cdf(u, n1, n2):
    """P(U <= u) under the null hypothesis, for samples without ties."""
    counts = mann_whitney_counts(n1, n2)
    total = math.comb(n1 + n2, n1)
    upto = int(math.floor(u + 1e-9))
    if upto < 0:
        return 0.0
    return sum(counts[:upto + 1]) / total
