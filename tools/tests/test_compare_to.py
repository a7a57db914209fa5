"""--compare-to on two synthetic results files."""

import os
import shutil
import subprocess
import tempfile
import unittest

import testing
from twinbench import compare_to, results as results_mod


def pair():
    old = testing.synthetic({
        ("fib.py", "gil", 1): [1.00, 1.01, 0.99, 1.02, 1.005],
        ("fib.py", "ft", 1): [1.30, 1.28, 1.31, 1.29, 1.30],
        ("fib.py", "ft", 2): [1.30, 1.33, 1.31, 1.29, 1.30],
        ("gone.py", "gil", 1): [1.0, 1.0],
    }, builds=("gil", "ft"), commit="aaaaaaaaaa")
    new = testing.synthetic({
        ("fib.py", "gil", 1): [1.20, 1.21, 1.19, 1.22, 1.206],  # 1.2x slower, clearly
        ("fib.py", "ft", 1): [1.31, 1.27, 1.30, 1.32, 1.28],    # noise
        ("fib.py", "ft", 2): "failed",
    }, builds=("gil", "ft"), commit="bbbbbbbbbb")
    return old, new


class CompareToTest(unittest.TestCase):
    def test_table(self):
        table = compare_to.compare(*pair())
        rows = {tuple(r[:3]): r for r in table.rows}
        gil = rows[("fib.py", "gil", "1")]
        self.assertEqual(gil[5], "1.20x slower")
        self.assertTrue(gil[7].startswith("significant (Mann-Whitney U (exact))"))
        self.assertEqual(gil[6], "0.008")
        ft = rows[("fib.py", "ft", "1")]
        self.assertTrue(ft[7].startswith("not significant"))
        self.assertEqual(rows[("fib.py", "ft", "2")][5], "ok -> failed")
        notes = "\n".join(table.notes)
        self.assertIn("only in the old results: 1 cell(s), e.g. gone.py/gil/1", notes)
        self.assertIn("commit aaaaaaaaaa", notes)
        self.assertIn("gil: geometric mean of new/old medians 1.20x slower over 1 cell(s), "
                      "1 significant", notes)
        self.assertNotIn("not comparable", notes)

    def test_unchanged_failures_are_left_out_and_scale_changes_flagged(self):
        old, new = pair()
        for results in (old, new):
            cell = results_mod.index(results)[("fib.py", "ft", 1)]
            cell.update(status="failed", times=[], reason="crash")
        new["scripts"][0]["args"] = ["10"]
        table = compare_to.compare(old, new)
        self.assertNotIn(("fib.py", "ft", "1"), {tuple(r[:3]) for r in table.rows})
        notes = "\n".join(table.notes)
        self.assertIn("1 cell(s) failed or did not run in both", notes)
        self.assertIn("not comparable: fib.py", notes)

    def test_command_line_compares_files_without_running(self):
        tmp = tempfile.mkdtemp()
        try:
            old, new = pair()
            os.makedirs(os.path.join(tmp, "old"))
            results_mod.write_json(os.path.join(tmp, "old", "results.json"), old)
            results_mod.write_json(os.path.join(tmp, "new.json"), new)
            proc = subprocess.run(
                [testing.SYSTEM_PYTHON, testing.COMPARE, "--compare-to", os.path.join(tmp, "old"),
                 "--new", os.path.join(tmp, "new.json")],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=60)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.assertIn("1.20x slower", proc.stdout)
            self.assertIn("not significant", proc.stdout)
            self.assertNotIn("round", proc.stderr)  # nothing ran
        finally:
            shutil.rmtree(tmp)


if __name__ == "__main__":
    unittest.main()
