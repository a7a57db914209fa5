"""Report tables: number formats, grouping of problems, Markdown and HTML layout."""

import unittest

import testing
from twinbench import report_html, report_md, report_text, tables


def sample():
    return testing.synthetic({
        ("a.py", "gil", 1): [1.0, 1.0, 1.0, 1.0], ("a.py", "ft", 1): [1.5, 1.5, 1.5, 1.5],
        ("a.py", "python3", 1): [0.5, 0.5, 0.5, 0.5],
        ("a.py", "gil", 2): "not-run", ("a.py", "ft", 2): "not-run",
        ("a.py", "python3", 2): "not-run",
        ("b.py", "gil", 1): [0.2, 0.21, 0.2, 0.2, 0.9], ("b.py", "ft", 1): "failed",
        ("b.py", "python3", 1): [0.1, 0.1, 0.1, 0.1],
        ("b.py", "gil", 2): [0.4, 0.4, 0.4, 0.4], ("b.py", "ft", 2): "failed",
        ("b.py", "python3", 2): [0.2, 0.2, 0.2, 0.2],
    })


class FormatTest(unittest.TestCase):
    def test_seconds(self):
        self.assertEqual(tables.fmt_seconds(0.3831), "0.383 s")
        self.assertEqual(tables.fmt_seconds(0.0042), "4.2 ms")
        self.assertEqual(tables.fmt_seconds(12.345), "12.3 s")
        self.assertEqual(tables.fmt_seconds(None), "-")

    def test_ratio_columns(self):
        cols = [c[0] for c in tables.ratio_columns(["gil", "ft", "python3"], "gil")]
        self.assertEqual(cols, ["ft/gil", "gil/python3", "ft/python3"])


class TablesTest(unittest.TestCase):
    def test_single_thread(self):
        t = tables.single_thread(sample())
        self.assertEqual(t.header, ["script", "gil", "ft", "python3", "ft/gil", "gil/python3",
                                    "ft/python3"])
        a = t.rows[0]
        self.assertEqual(a[:4], ["a.py", "1.00 s ±0.0%", "1.50 s ±0.0%", "0.500 s ±0.0%"])
        self.assertEqual(a[4:], ["1.50x", "2.00x", "3.00x"])
        b = t.rows[1]
        self.assertTrue(b[1].endswith("*"))  # the 0.9 s run is an outlier
        self.assertEqual(b[2], "FAILED")
        self.assertEqual(t.rows[-1][0], "geomean")

    def test_problems_grouped(self):
        rows = tables.problems(sample()).rows
        self.assertIn(["a.py", "all", "2", "not run", "synthetic not-run"], rows)
        self.assertIn(["b.py", "ft", "1,2", "FAILED", "synthetic failed"], rows)

    def test_scaling(self):
        t = tables.scaling(sample())
        row = [r for r in t.rows if r and r[:2] == ["b.py", "python3"]][0]
        self.assertEqual(row[2:], ["1.00x (0.100 s)", "1.00x (0.200 s)"])

    def test_layouts(self):
        t = tables.problems(sample())
        text = report_text.render(t)
        self.assertIn("Failed and not-run cells\n========================", text)
        md = report_md.render_table(t)
        self.assertIn("| script | builds | threads | status | reason |", md)
        self.assertIn("| --- | --- | --- | --- | --- |", md)
        page = report_html.render_table(t)
        self.assertIn('<td class="bad">FAILED</td>', page)
        self.assertIn('<td class="skip">not run</td>', page)

    def test_markdown_escapes_pipes(self):
        t = tables.Table("T", ["a", "b"], [["x|y", "z"]])
        self.assertIn("x\\|y", report_md.render_table(t))


if __name__ == "__main__":
    unittest.main()
