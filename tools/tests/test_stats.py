"""Descriptive statistics against values worked out by hand or with numpy/scipy."""

import unittest

import testing  # noqa: F401  (puts tools/lib on sys.path)
from twinbench import stats


class DescriptiveTest(unittest.TestCase):
    def test_median_odd_even_empty(self):
        self.assertEqual(stats.median([3, 1, 2]), 2)
        self.assertEqual(stats.median([4, 1, 3, 2]), 2.5)
        self.assertIsNone(stats.median([]))

    def test_mean_and_sample_stdev(self):
        self.assertAlmostEqual(stats.mean([2, 4, 4, 4, 5, 5, 7, 9]), 5.0)
        # sum of squared deviations 32 over n - 1 = 7
        self.assertAlmostEqual(stats.stdev([2, 4, 4, 4, 5, 5, 7, 9]), (32 / 7) ** 0.5)
        self.assertEqual(stats.stdev([1.5]), 0.0)

    def test_quantile_is_linear_interpolation(self):
        # numpy.quantile values
        self.assertAlmostEqual(stats.quantile([1, 2, 3, 4], 0.25), 1.75)
        self.assertAlmostEqual(stats.quantile([3, 1, 4, 1, 5, 9, 2, 6], 0.25), 1.75)
        self.assertAlmostEqual(stats.quantile([3, 1, 4, 1, 5, 9, 2, 6], 0.75), 5.25)
        self.assertEqual(stats.quantile([7], 0.9), 7)

    def test_outliers_tukey(self):
        values = [1.00, 1.01, 0.99, 1.02, 1.00, 1.60]
        self.assertEqual(stats.outliers(values), [5])
        self.assertEqual(stats.outliers([1.0, 1.01, 0.99, 1.02, 1.0]), [])
        self.assertEqual(stats.outliers([0.5, 1.0, 1.01, 0.99, 1.02]), [0])

    def test_outliers_need_four_runs(self):
        self.assertEqual(stats.outliers([1.0, 1.0, 9.0]), [])

    def test_geomean_skips_missing(self):
        self.assertAlmostEqual(stats.geomean([2.0, 8.0]), 4.0)
        self.assertAlmostEqual(stats.geomean([2.0, None, 8.0]), 4.0)
        self.assertIsNone(stats.geomean([None]))

    def test_ratio(self):
        self.assertEqual(stats.ratio(3.0, 2.0), 1.5)
        self.assertIsNone(stats.ratio(None, 2.0))
        self.assertIsNone(stats.ratio(1.0, 0.0))


class IntervalTest(unittest.TestCase):
    def test_t_interval_of_the_mean(self):
        # scipy: mean +- t(0.975, 4) * s / sqrt(5)
        lo, hi = stats.t_mean_ci([0.5, 0.51, 0.49, 0.52, 0.5])
        self.assertAlmostEqual(lo, 0.48984285223017726, places=9)
        self.assertAlmostEqual(hi, 0.5181571477698228, places=9)
        self.assertIsNone(stats.t_mean_ci([1.0]))

    def test_bootstrap_median_interval(self):
        values = [0.50, 0.52, 0.49, 0.55, 0.51, 0.50, 0.53]
        lo, hi = stats.bootstrap_median_ci(values)
        self.assertLessEqual(min(values), lo)
        self.assertLessEqual(lo, stats.median(values))
        self.assertLessEqual(stats.median(values), hi)
        self.assertLessEqual(hi, max(values))
        self.assertLess(lo, hi)
        # fixed seed: the report is reproducible
        self.assertEqual([lo, hi], stats.bootstrap_median_ci(values))

    def test_bootstrap_degenerate(self):
        self.assertEqual(stats.bootstrap_median_ci([0.3, 0.3, 0.3]), [0.3, 0.3])
        self.assertEqual(stats.bootstrap_median_ci([0.3]), [0.3, 0.3])
        self.assertIsNone(stats.bootstrap_median_ci([]))

    def test_bootstrap_ratio_interval_brackets_the_ratio(self):
        one = [1.00, 1.02, 0.98, 1.01, 0.99]
        two = [0.52, 0.50, 0.51, 0.49, 0.50]
        lo, hi = stats.bootstrap_ratio_ci(one, two, scale=2)
        point = 2 * stats.median(one) / stats.median(two)
        self.assertLessEqual(lo, point)
        self.assertLessEqual(point, hi)
        self.assertGreater(lo, 3.5)
        self.assertLess(hi, 4.5)

    def test_summarize(self):
        s = stats.summarize([0.2, 0.1, 0.3, 0.1, 0.9])
        self.assertEqual(s["n"], 5)
        self.assertEqual(s["median"], 0.2)
        self.assertEqual((s["min"], s["max"]), (0.1, 0.9))
        self.assertEqual(s["outliers"], [4])
        empty = stats.summarize([])
        self.assertEqual(empty["n"], 0)
        self.assertIsNone(empty["median"])


if __name__ == "__main__":
    unittest.main()
