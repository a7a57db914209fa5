"""Script discovery and the header comment of a script."""

import os
import tempfile
import unittest

import testing  # noqa: F401
from twinbench import suite

HEADER = """# fib: naive recursive Fibonacci. Measures function calls,
# argument passing and small ints.
# category: cpu
# usage: fib.py [threads=1] [n=33]
# quick: 25
import sys
"""


class SuiteTest(unittest.TestCase):
    def test_header_and_filters(self):
        with tempfile.TemporaryDirectory() as d:
            for name in ("fib.py", "dict_ops.py", "notes.txt"):
                with open(os.path.join(d, name), "w") as f:
                    f.write(HEADER if name == "fib.py" else "print(1)\n")
            found = suite.discover(d)
            self.assertEqual([s.name for s in found], ["dict_ops.py", "fib.py"])
            fib = found[1]
            self.assertEqual(fib.category, "cpu")
            self.assertEqual(fib.summary, "fib: naive recursive Fibonacci. Measures function "
                             "calls, argument passing and small ints.")
            self.assertEqual(fib.quick_args, ["25"])
            self.assertEqual(fib.args, [])  # the full run uses the script's defaults
            quick = suite.discover(d, ["fib"], quick=True)
            self.assertEqual([(s.name, s.args) for s in quick], [("fib.py", ["25"])])
            self.assertEqual([s.name for s in suite.discover(d, ["fib"])], ["fib.py"])
            self.assertEqual([s.name for s in suite.discover(d, ["d*_ops.py"])], ["dict_ops.py"])

    def test_quick_selection(self):
        def script(name, category, quick=None):
            return suite.Script("/b/" + name, category, "", quick)
        plain = [script("a.py", "cpu"), script("b.py", "cpu"), script("c.py", "io"),
                 script("d.py", "contention"), script("e.py", "io")]
        chosen, how = suite.quick_selection(plain)
        self.assertEqual([s.name for s in chosen], ["a.py", "c.py", "d.py"])
        self.assertIn("first script of each category", how)
        marked = plain + [script("f.py", "cpu", ["5"]), script("g.py", "io", [])]
        chosen, how = suite.quick_selection(marked)
        self.assertEqual([s.name for s in chosen], ["f.py", "g.py"])
        self.assertIn("`# quick:` header", how)


if __name__ == "__main__":
    unittest.main()
