"""The results.json schema checker, and derived fields of synthetic results."""

import copy
import json
import os
import tempfile
import unittest

import testing
from twinbench import results as results_mod
from twinbench import schema


def sample():
    return testing.synthetic({
        ("fib.py", "gil", 1): [1.0, 1.1, 0.9, 1.0],
        ("fib.py", "gil", 2): [2.0, 2.1, 1.9, 2.0],
        ("fib.py", "ft", 1): [1.2, 1.3, 1.25, 1.2],
        ("fib.py", "ft", 2): [1.2, 1.25, 1.3, 1.2],
        ("fib.py", "python3", 1): [0.8, 0.85, 0.82, 0.81],
        ("fib.py", "python3", 2): "not-run",
    })


class SchemaTest(unittest.TestCase):
    def test_valid_results_pass(self):
        self.assertEqual(schema.validate(sample()), [])

    def test_round_trip_through_json(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "results.json")
            results_mod.write_json(path, sample())
            loaded = results_mod.load(d)  # a directory works too
            self.assertEqual(schema.validate(loaded), [])
            with open(path) as f:
                self.assertEqual(json.load(f)["schema"], results_mod.SCHEMA)

    def test_each_kind_of_error_is_reported(self):
        cases = [
            (lambda r: r["machine"].pop("cores"), "missing key 'cores'"),
            (lambda r: r["runs"][0].update(status="great"), "not one of"),
            (lambda r: r["runs"][0].update(threads="1"), "expected int"),
            (lambda r: r["runs"][0].update(ci95=[2.0, 1.0]), "above high"),
            (lambda r: r["runs"][0].update(times=[]), "ok but n="),
            (lambda r: r["runs"][0].update(median=5.0), "median outside"),
            (lambda r: r["runs"].append(dict(r["runs"][0])), "duplicate cell"),
            (lambda r: r["builds"][0].update(kind="other"), "$.builds[0].kind"),
            (lambda r: r["machine"].update(dirty="no"), "expected bool"),
            (lambda r: r["runs"][0]["stats"].update(x=["a"]), "$.runs[0].stats.x[0]"),
            (lambda r: r.update(schema=99), "$.schema"),
        ]
        for mutate, expected in cases:
            broken = copy.deepcopy(sample())
            mutate(broken)
            errors = schema.validate(broken)
            self.assertTrue(any(expected in e for e in errors), (expected, errors))

    def test_not_run_needs_reason_and_no_times(self):
        broken = sample()
        cell = [r for r in broken["runs"] if r["status"] == "not-run"][0]
        cell["reason"] = None
        cell["times"] = [1.0]
        errors = schema.validate(broken)
        self.assertTrue(any("without a reason" in e for e in errors))
        self.assertTrue(any("but has times" in e for e in errors))

    def test_bool_is_not_a_number(self):
        self.assertTrue(schema.check(True, int))
        self.assertEqual(schema.check(3, int), [])


class DerivedTest(unittest.TestCase):
    def test_speedup_and_baseline_ratio(self):
        cells = results_mod.index(sample())
        self.assertAlmostEqual(cells[("fib.py", "gil", 2)]["speedup"], 1.0)
        self.assertAlmostEqual(cells[("fib.py", "ft", 2)]["speedup"], 2 * 1.225 / 1.225)
        self.assertAlmostEqual(cells[("fib.py", "ft", 1)]["vs_baseline"], 1.225)
        self.assertIsNone(cells[("fib.py", "python3", 2)]["speedup"])
        lo, hi = cells[("fib.py", "ft", 2)]["speedup_ci95"]
        self.assertLess(lo, 2.0)
        self.assertGreater(hi, 2.0)

    def test_summary(self):
        s = sample()["summary"]
        self.assertEqual(s["baseline"], "gil")
        self.assertAlmostEqual(s["geomean_vs_baseline_1thread"]["ft"], 1.225)
        self.assertEqual(s["cells"], {"ok": 5, "failed": 0, "not-run": 1})

    def test_first_build_is_baseline_without_gil(self):
        r = testing.synthetic({("a.py", "ft", 1): [1.0, 1.0], ("a.py", "python3", 1): [2.0, 2.0]},
                              builds=("ft", "python3"))
        self.assertEqual(r["summary"]["baseline"], "ft")
        self.assertAlmostEqual(results_mod.index(r)[("a.py", "python3", 1)]["vs_baseline"], 2.0)

    def test_schema_1_is_upgraded(self):
        old = {"schema": 1, "date": "2026-01-01", "machine": {"cpu": "X", "cores": 2,
               "kernel": "6", "machine": "x86_64"}, "source": {"commit": "abc", "dirty": True},
               "config": {"repeat": 2, "threads": [1]},
               "builds": [{"name": "gil", "path": "/g", "kind": "variant", "flags": {"gil": 1}}],
               "scripts": [{"name": "a.py"}],
               "cells": [{"script": "a.py", "build": "gil", "threads": 1, "ok": True,
                          "times": [1.0, 1.2], "failure": None}],
               "runs": []}
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "compare-old.json")
            with open(path, "w") as f:
                json.dump(old, f)
            r = results_mod.load(path)
        self.assertEqual(r["machine"]["commit"], "abc")
        self.assertEqual(results_mod.index(r)[("a.py", "gil", 1)]["median"], 1.1)
        self.assertEqual(schema.validate(r), [])


if __name__ == "__main__":
    unittest.main()
