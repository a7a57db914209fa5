"""Distributions and two-sample tests against scipy's values (computed once)."""

import itertools
import unittest

import testing  # noqa: F401
from twinbench import distributions, significance


class DistributionTest(unittest.TestCase):
    def test_t_quantiles_match_tables(self):
        for df, want in ((1, 12.706204736432095), (2, 4.302652729911275),
                         (5, 2.5705818366147395), (10, 2.2281388519649385),
                         (30, 2.0422724563012373), (7.5, 2.333039626555376)):
            self.assertAlmostEqual(distributions.t_quantile(0.975, df), want, places=7)
        self.assertAlmostEqual(distributions.t_quantile(0.95, 10), 1.8124611228107335, places=7)
        self.assertAlmostEqual(distributions.t_quantile(0.025, 5), -2.5705818366147395, places=7)

    def test_t_cdf(self):
        self.assertEqual(distributions.t_cdf(0.0, 4), 0.5)
        self.assertAlmostEqual(distributions.t_cdf(1.5, 3), 0.8847080673775886, places=10)
        self.assertAlmostEqual(distributions.t_cdf(-2.0, 12.3), 0.03403962413393959, places=10)

    def test_incomplete_beta(self):
        self.assertAlmostEqual(distributions.betainc(2.5, 1.5, 0.3), 0.0889437231706656, places=12)
        self.assertEqual(distributions.betainc(2, 3, 0.0), 0.0)
        self.assertEqual(distributions.betainc(2, 3, 1.0), 1.0)

    def test_normal_cdf(self):
        self.assertAlmostEqual(distributions.normal_cdf(0), 0.5)
        self.assertAlmostEqual(distributions.normal_cdf(1.959963984540054), 0.975, places=9)

    def test_mann_whitney_distribution_matches_enumeration(self):
        for n1, n2 in ((1, 1), (2, 3), (3, 3), (4, 2), (4, 5)):
            counts = [0] * (n1 * n2 + 1)
            for first in itertools.combinations(range(n1 + n2), n1):
                rest = [i for i in range(n1 + n2) if i not in first]
                counts[sum(1 for a in first for b in rest if a > b)] += 1
            self.assertEqual(distributions.mann_whitney_counts(n1, n2), counts, (n1, n2))


class TestsTest(unittest.TestCase):
    def test_mann_whitney_exact(self):
        u, p, how = significance.mann_whitney_u([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])
        self.assertEqual((u, how), (0.0, "exact"))
        self.assertAlmostEqual(p, 0.007936507936507936, places=12)
        u, p, _ = significance.mann_whitney_u([1, 3, 5, 7, 9], [2, 4, 6, 8, 10])
        self.assertEqual(u, 10.0)
        self.assertAlmostEqual(p, 0.6904761904761905, places=12)

    def test_mann_whitney_with_ties_uses_normal_approximation(self):
        u, p, how = significance.mann_whitney_u([1.0, 2.0, 2.0, 3.0, 4.0, 5.0],
                                                [2.0, 3.0, 3.0, 5.0, 6.0, 7.0, 8.0])
        self.assertEqual((u, how), (9.5, "normal"))
        self.assertAlmostEqual(p, 0.1115593054507822, places=10)

    def test_mann_whitney_all_equal(self):
        _, p, _ = significance.mann_whitney_u([1.0, 1.0], [1.0, 1.0])
        self.assertEqual(p, 1.0)

    def test_welch(self):
        a = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7,
             21.4]
        b = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5,
             24.4]
        t, df, p = significance.welch_t(a, b)
        self.assertAlmostEqual(t, -2.455356398286006, places=9)
        self.assertAlmostEqual(df, 24.98852929023142, places=6)
        self.assertAlmostEqual(p, 0.021378001462866985, places=9)

    def test_min_exact_p(self):
        self.assertAlmostEqual(significance.min_exact_p(3, 3), 0.1)
        self.assertAlmostEqual(significance.min_exact_p(5, 5), 2 / 252)

    def test_verdict_small_samples_use_welch_on_logs(self):
        v = significance.Verdict([0.380, 0.383, 0.379], [0.401, 0.405, 0.399])
        self.assertEqual(v.test, "Welch t on log times")
        self.assertAlmostEqual(v.p, 0.0009204899632116322, places=9)
        self.assertTrue(v.significant)
        self.assertEqual(v.change(), "1.06x slower")
        self.assertEqual(v.label(), "significant")

    def test_verdict_mann_whitney_and_faster(self):
        v = significance.Verdict([1.0, 1.1, 1.05, 1.02, 1.08], [0.5, 0.55, 0.52, 0.51, 0.53])
        self.assertTrue(v.test.startswith("Mann-Whitney"))
        self.assertTrue(v.significant)
        self.assertEqual(v.change(), "2.02x faster")

    def test_verdict_overlapping_is_not_significant(self):
        v = significance.Verdict([1.0, 1.2, 0.9, 1.1, 1.05], [1.02, 1.15, 0.95, 1.08, 1.0])
        self.assertFalse(v.significant)
        self.assertEqual(v.label(), "not significant")

    def test_verdict_single_run(self):
        v = significance.Verdict([1.0], [2.0])
        self.assertIsNone(v.p)
        self.assertEqual(v.label(), "not tested")
        self.assertEqual(v.change(), "2.00x slower")


if __name__ == "__main__":
    unittest.main()
