"""One run: output parsing, the output check, timeouts."""

import os
import tempfile
import time
import unittest

import testing
from twinbench import probe, runner, suite
from twinbench.builds import Build


class ParseTest(unittest.TestCase):
    def test_split_output(self):
        body, elapsed = runner.split_output("fib 30 = 832040\nelapsed 0.25\n\n")
        self.assertEqual((body, elapsed), ("fib 30 = 832040", 0.25))

    def test_elapsed_must_be_last(self):
        body, elapsed = runner.split_output("elapsed 0.25\nmore\n")
        self.assertIsNone(elapsed)
        self.assertEqual(body, "elapsed 0.25\nmore")

    def test_stat_lines_are_collected_and_removed(self):
        got = {}
        body, elapsed = runner.split_output(
            "a\nstat gil.switches 12\nb\nelapsed 1e-3\nstat gil.wait_s 0.5\n", got)
        self.assertEqual((body, elapsed), ("a\nb", 0.001))
        self.assertEqual(got, {"gil.switches": 12.0, "gil.wait_s": 0.5})

    def test_check_against(self):
        run = runner.Run("s.py", "ft", 1, 1)
        run.body = "x\ny"
        runner.check_against(run, "x\nz", "python3")
        self.assertFalse(run.ok)
        self.assertIn("differs from python3 at line 2", run.error)
        same = runner.Run("s.py", "ft", 1, 1)
        same.body = "x"
        runner.check_against(same, "x", "python3")
        self.assertTrue(same.ok)


class ExecuteTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        testing.make_bench(self.dir)

    def tearDown(self):
        self.tmp.cleanup()

    def script(self, name):
        return suite.Script(os.path.join(self.dir, name))

    def test_run_once_ok(self):
        build = Build("gil", testing.make_fake(self.dir, "gil", base=0.25), "variant")
        run = runner.run_once(build, self.script("wrong.py"), 2, 1, 10)
        self.assertTrue(run.ok, run.error)
        self.assertEqual(run.elapsed, 0.5)
        self.assertEqual(run.body, "wrong.py threads=2 result=42")
        self.assertEqual(run.stats, {"gil.switches": 20.0})
        self.assertGreater(run.wall, 0)

    def test_script_args_follow_the_thread_count(self):
        build = Build("gil", testing.make_fake(self.dir, "gil", base=0.25), "variant")
        script = self.script("single.py")
        script.args = ["7"]
        run = runner.run_once(build, script, 1, 1, 10)
        self.assertEqual(run.body, "single.py threads=1 result=42 scale=7")

    def test_run_once_crash_and_decline(self):
        build = Build("ft", testing.make_fake(self.dir, "ft", misbehave="crash"), "variant")
        crash = runner.run_once(build, self.script("crash.py"), 1, 1, 10)
        self.assertEqual(crash.error, "exit code 1: RuntimeError: fake crash")
        declined = runner.run_once(build, self.script("single.py"), 2, 1, 10)
        self.assertTrue(declined.declined)
        self.assertIn("only threads=1", declined.message)

    def test_stray_stderr_fails_but_stat_lines_do_not(self):
        build = Build("dbg", testing.make_fake(self.dir, "dbg", misbehave="stderr"), "variant")
        run = runner.run_once(build, self.script("single.py"), 1, 1, 10)
        self.assertEqual(run.error, "unexpected output on stderr: 'debug: stray line'")
        stat = Build("st", testing.make_fake(self.dir, "st", misbehave="stderrstat"), "variant")
        run = runner.run_once(stat, self.script("single.py"), 1, 1, 10)
        self.assertTrue(run.ok, run.error)
        self.assertEqual(run.stats, {"gil.switches": 10.0, "gil.waits": 7.0})

    def test_a_rebuilt_binary_is_noticed(self):
        path = testing.make_fake(self.dir, "gil")
        build = probe.describe(Build("gil", path, "variant"))
        self.assertEqual(build.version, "fake gil 1.0")
        self.assertEqual(probe.check_unchanged([build]), [])
        with open(path, "a") as f:
            f.write("# rebuilt\n")
        self.assertEqual(probe.check_unchanged([build]), [build])
        self.assertTrue(build.changed_during_run)

    def test_timeout_kills_the_whole_group(self):
        start = time.monotonic()
        code, out, _, _ = runner.execute(["/bin/sh", "-c", "sleep 20 & sleep 20; echo late"],
                                         None, 0.3)
        self.assertIsNone(code)
        self.assertNotIn(b"late", out)
        self.assertLess(time.monotonic() - start, 5)


if __name__ == "__main__":
    unittest.main()
