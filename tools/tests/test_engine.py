"""tools/compare end to end with fake interpreters (tiny shell scripts).

Builds: gil (GIL, time grows with threads), ft (no GIL, scales to 2 threads,
crashes on crash.py), wrongy (prints a different result on wrong.py) and a
fake python3 as the reference. Scripts: crash.py, single.py (declines
threads > 1 with exit 2, like today's bench scripts) and wrong.py.
"""

import csv
import os
import shutil
import subprocess
import tempfile
import unittest
import xml.dom.minidom

import testing
from twinbench import results as results_mod
from twinbench import schema


def compare(*args, timeout=120):
    return subprocess.run([testing.SYSTEM_PYTHON, testing.COMPARE] + list(args),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL)


class EngineTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="twinbench-test-")
        d = cls.tmp
        fakes = {
            "gil": testing.make_fake(d, "gil", base=0.1),
            "ft": testing.make_fake(d, "ft", gil="False", base=0.13, scale="ft", misbehave="crash"),
            "wrongy": testing.make_fake(d, "wrongy", base=0.11, misbehave="wrong"),
            "python3": testing.make_fake(d, "py", base=0.09),
        }
        bench = testing.make_bench(os.path.join(d, "bench"))
        cls.out = os.path.join(d, "out")
        cls.proc = compare(
            "--no-build", "--bench-dir", bench, "--out", cls.out,
            "--build", "gil=" + fakes["gil"], "--build", "ft=" + fakes["ft"],
            "--build", "wrongy=" + fakes["wrongy"], "--ref", "python3=" + fakes["python3"],
            "--threads", "1,2,4", "--repeat", "4", "--startup-reps", "2", "--timeout", "20")
        cls.results = results_mod.load(os.path.join(cls.out, "results.json"))
        cls.cells = results_mod.index(cls.results)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_exit_status_reports_failures(self):
        self.assertEqual(self.proc.returncode, 1, self.proc.stderr[-2000:])

    def test_files(self):
        for name in ("results.json", "results.csv", "stats.csv", "scaling.svg", "scaling.png",
                     "overhead.svg", "overhead.png", "report.html", "report.md"):
            path = os.path.join(self.out, name)
            self.assertTrue(os.path.isfile(path), name)
            self.assertGreater(os.path.getsize(path), 100, name)

    def test_results_match_schema(self):
        self.assertEqual(schema.validate(self.results), [])

    def test_machine_block(self):
        m = self.results["machine"]
        self.assertEqual(m["cores"], os.cpu_count() if not hasattr(os, "sched_getaffinity")
                         else len(os.sched_getaffinity(0)))
        self.assertLessEqual({"ft", "gil"}, set(m["variants"]))  # read from variants.bzl
        self.assertTrue(m["kernel"])

    def test_timed_cells(self):
        gil2 = self.cells[("crash.py", "gil", 2)]
        self.assertEqual(gil2["status"], "ok")
        self.assertEqual(gil2["times"], [0.2] * 4)
        self.assertAlmostEqual(gil2["speedup"], 1.0)
        ft_single = self.cells[("single.py", "ft", 1)]
        self.assertAlmostEqual(ft_single["vs_baseline"], 1.3)
        self.assertAlmostEqual(self.cells[("wrong.py", "ft", 4)]["speedup"], 2.0)
        self.assertEqual(self.cells[("wrong.py", "python3", 2)]["stats"],
                         {"gil.switches": [20.0] * 4})

    def test_failed_and_not_run_cells(self):
        crash = self.cells[("crash.py", "ft", 1)]
        self.assertEqual(crash["status"], "failed")
        self.assertIn("RuntimeError: fake crash", crash["reason"])
        self.assertEqual(crash["times"], [])
        wrong = self.cells[("wrong.py", "wrongy", 1)]
        self.assertEqual(wrong["status"], "failed")
        self.assertIn("output differs from python3", wrong["reason"])
        for build in ("gil", "ft", "wrongy", "python3"):
            cell = self.cells[("single.py", build, 2)]
            self.assertEqual(cell["status"], "not-run")
            self.assertIn("only threads=1", cell["reason"])

    def test_builds_probed(self):
        builds = {b["name"]: b for b in self.results["builds"]}
        self.assertIs(builds["gil"]["gil_enabled"], True)
        self.assertIs(builds["ft"]["gil_enabled"], False)
        self.assertEqual(builds["ft"]["version"], "fake ft 1.0")
        self.assertEqual(builds["gil"]["startup"]["status"], "ok")
        self.assertEqual(len(builds["gil"]["startup"]["times"]), 2)
        self.assertEqual(len(builds["gil"]["sha256"]), 64)
        self.assertIs(builds["gil"]["changed_during_run"], False)

    def test_csv_columns(self):
        with open(os.path.join(self.out, "results.csv")) as f:
            rows = list(csv.DictReader(f))
        self.assertEqual(list(rows[0].keys()), results_mod.CSV_COLUMNS)
        self.assertEqual(len(rows), 3 * 4 * 3)
        row = [r for r in rows
               if (r["script"], r["build"], r["threads"]) == ("crash.py", "gil", "2")][0]
        self.assertEqual((row["status"], row["n"], float(row["median_s"])), ("ok", "4", 0.2))

    def test_svg_charts_are_xml_and_png_are_png(self):
        for name in ("scaling", "overhead"):
            doc = xml.dom.minidom.parse(os.path.join(self.out, name + ".svg"))
            self.assertEqual(doc.documentElement.tagName, "svg")
            with open(os.path.join(self.out, name + ".png"), "rb") as f:
                self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")

    def test_html_report_is_self_contained(self):
        with open(os.path.join(self.out, "report.html")) as f:
            page = f.read()
        self.assertEqual(page.count('src="data:image/svg+xml;base64,'), 2)
        self.assertNotIn('src="scaling', page)
        for text in ("Single-thread time", "Scaling", "Failed and not-run", "fake crash",
                     "Interpreter start-up", "Machine", "bootstrap", "gil.switches"):
            self.assertIn(text, page)

    def test_markdown_report(self):
        with open(os.path.join(self.out, "report.md")) as f:
            md = f.read()
        self.assertIn("![speedup vs threads](scaling.svg)", md)
        self.assertIn("| script | gil | ft | wrongy | python3 |", md)
        self.assertIn("| single.py | all | 2,4 | not run |", md)

    def test_terminal_summary(self):
        out = self.proc.stdout
        self.assertIn("Single-thread time (1 thread)", out)
        self.assertIn("geomean single-thread time vs gil: ft 1.30x", out)
        self.assertIn("FAILED", out)
        self.assertIn("results.json", out)

    def test_progress_line(self):
        self.assertIn("[round 4/4]", self.proc.stderr)
        self.assertIn("left", self.proc.stderr)

    def test_report_from_redraws(self):
        again = os.path.join(self.tmp, "again")
        proc = compare("--report-from", os.path.join(self.out, "results.json"), "--out", again)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertTrue(os.path.isfile(os.path.join(again, "report.html")))
        self.assertTrue(os.path.isfile(os.path.join(again, "scaling.svg")))


class QuickTest(unittest.TestCase):
    def test_quick_runs_the_marked_scripts_with_their_arguments(self):
        tmp = tempfile.mkdtemp(prefix="twinbench-quick-")
        try:
            gil = testing.make_fake(tmp, "gil")
            py = testing.make_fake(tmp, "py")
            bench = testing.make_bench(os.path.join(tmp, "bench"), quick={"wrong.py": "9"})
            out = os.path.join(tmp, "out")
            proc = compare("--no-build", "--quick", "--bench-dir", bench, "--out", out,
                           "--builds", "gil,python3", "--build", "gil=" + gil,
                           "--ref", "python3=" + py, "--threads", "1,2", "--startup-reps", "1")
            self.assertEqual(proc.returncode, 0, proc.stderr[-2000:])
            results = results_mod.load(out)
            self.assertEqual([s["name"] for s in results["scripts"]], ["wrong.py"])
            self.assertEqual(results["scripts"][0]["args"], ["9"])
            self.assertTrue(results["config"]["quick"])
            self.assertIn("`# quick:` header", results["config"]["selection"])
            self.assertEqual(results["config"]["rounds"], 5)  # fast fakes: the maximum
            self.assertIn("--quick runs the scripts with a `# quick:` header", proc.stderr)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


class CommandLineTest(unittest.TestCase):
    def test_help_runs_through_the_shebang(self):
        proc = subprocess.run([testing.COMPARE, "--help"], stdout=subprocess.PIPE, text=True,
                              timeout=60)
        self.assertEqual(proc.returncode, 0)
        for option in ("--quick", "--threads", "--ref", "--compare-to", "--out", "--no-build"):
            self.assertIn(option, proc.stdout)

    def test_bad_threads(self):
        proc = compare("--threads", "0,2")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("positive", proc.stderr)


if __name__ == "__main__":
    unittest.main()
