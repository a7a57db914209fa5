"""Thread counts, the round policy, and the matrix's order and bookkeeping."""

import unittest

import testing  # noqa: F401
from twinbench import plan, runner, schedule, suite
from twinbench.builds import Build


class ThreadsTest(unittest.TestCase):
    def test_default_threads(self):
        self.assertEqual(schedule.default_threads(1), [1, 2])
        self.assertEqual(schedule.default_threads(2), [1, 2, 4])
        self.assertEqual(schedule.default_threads(6), [1, 2, 4, 6, 12])
        self.assertEqual(schedule.default_threads(64), [1, 2, 4, 8, 16, 32, 64, 128])

    def test_parse_threads_adds_one(self):
        self.assertEqual(schedule.parse_threads("1,2,8"), [1, 2, 8])
        self.assertEqual(schedule.parse_threads("8, 2"), [1, 2, 8])
        with self.assertRaises(ValueError):
            schedule.parse_threads("0,2")

    def test_rotation(self):
        self.assertEqual(schedule.rotation([1, 2, 3], 1), [2, 3, 1])
        self.assertEqual(schedule.rotation([1, 2, 3], 5), [3, 1, 2])
        self.assertEqual(schedule.rotation([], 2), [])


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


class RoundPolicyTest(unittest.TestCase):
    def test_stops_at_budget_after_minimum(self):
        clock = FakeClock()
        policy = schedule.RoundPolicy(3, 10, budget=100.0, clock=clock)
        rounds = 0
        while policy.another():
            clock.now += 20.0
            policy.finished_round(20.0)
            rounds += 1
        self.assertEqual(rounds, 5)  # 5 x 20 s fits 100 s, a sixth would not

    def test_minimum_beats_budget(self):
        clock = FakeClock()
        policy = schedule.RoundPolicy(3, 10, budget=10.0, clock=clock)
        rounds = 0
        while policy.another():
            clock.now += 20.0
            policy.finished_round(20.0)
            rounds += 1
        self.assertEqual(rounds, 3)

    def test_fixed_repeat(self):
        policy = schedule.RoundPolicy(4, 4, budget=None, clock=FakeClock())
        rounds = 0
        while policy.another():
            policy.finished_round(1.0)
            rounds += 1
        self.assertEqual(rounds, 4)


def fake_run(behaviour, log):
    """A run_once stand-in: behaviour(build, script, threads) -> (body, elapsed, code)."""
    def run_once(build, script, threads, rnd, timeout):
        log.append((rnd, script.name, threads, build.name))
        run = runner.Run(script.name, build.name, threads, rnd)
        run.body, run.elapsed, run.returncode = behaviour(build.name, script.name, threads)
        run.wall = run.elapsed or 0.01
        if run.returncode:
            run.message = "declined" if run.returncode == 2 else "boom"
            run.error = "exit code %d: %s" % (run.returncode, run.message)
        return run
    return run_once


class MatrixTest(unittest.TestCase):
    def make(self, behaviour, rounds=3, threads=(1, 2)):
        self.log = []
        builds = [Build(n, "/bin/true", "variant") for n in ("gil", "ft")]
        builds.append(Build("python3", "/bin/true", "ref"))
        scripts = [suite.Script("/x/a.py"), suite.Script("/x/b.py")]
        policy = schedule.RoundPolicy(rounds, rounds, None)
        m = plan.Matrix(scripts, builds, list(threads), policy, warmups=1,
                        run_once=fake_run(behaviour, self.log))
        return m.execute()

    def test_interleaving_rotates_build_order(self):
        m = self.make(lambda b, s, t: ("ok", 0.1, 0))
        warm = [e for e in self.log if e[0] == 0]
        self.assertEqual([e[3] for e in warm[:3]], ["python3", "gil", "ft"])  # reference first
        firsts = {e[3] for e in self.log if e[0] > 0 and e[1] == "a.py" and e[2] == 1}
        self.assertEqual(firsts, {"gil", "ft", "python3"})
        orders = [tuple(e[3] for e in self.log if e[0] == r and e[1] == "a.py" and e[2] == 1)
                  for r in (1, 2, 3)]
        self.assertEqual(len(set(o[0] for o in orders)), 3)  # a different build leads each round
        self.assertEqual(m.rounds, 3)
        self.assertEqual(len(m.cells[("a.py", "gil", 2)].times), 3)
        self.assertEqual(m.status("a.py", "gil", 1), ("ok", None))

    def test_rounds_are_the_outer_loop(self):
        self.make(lambda b, s, t: ("ok", 0.1, 0))
        rounds = [e[0] for e in self.log]
        self.assertEqual(rounds, sorted(rounds))

    def test_failures_and_refusals(self):
        def behaviour(build, script, threads):
            if script == "b.py" and threads == 2:
                return "", None, 2  # every build declines
            if build == "ft" and script == "a.py" and threads == 2:
                return "", None, 2  # only ft declines: a failure
            if build == "gil" and script == "a.py" and threads == 1:
                return "other", 0.1, 0  # wrong output
            return "ok", 0.1, 0
        m = self.make(behaviour)
        self.assertEqual(m.status("b.py", "gil", 2), ("not-run", "declined"))
        status, reason = m.status("a.py", "ft", 2)
        self.assertEqual(status, "failed")
        self.assertIn("exit code 2", reason)
        status, reason = m.status("a.py", "gil", 1)
        self.assertEqual(status, "failed")
        self.assertIn("output differs from python3", reason)
        self.assertIn("(warm-up)", reason)
        # a failed cell is not run again
        self.assertEqual(sum(1 for e in self.log if e[1:] == ("a.py", 1, "gil")), 1)
        self.assertEqual(m.status("a.py", "python3", 2), ("ok", None))

    def test_interrupt_keeps_finished_groups(self):
        calls = []

        def behaviour(build, script, threads):
            calls.append(1)
            if len(calls) == 23:  # 6 warm-ups, 12 in round 1, then mid-way through (a.py, 2)
                raise KeyboardInterrupt
            return "ok", 0.1, 0
        m = self.make(behaviour, rounds=5)
        self.assertTrue(m.interrupted)
        self.assertEqual(m.rounds, 2)
        self.assertEqual(len(m.cells[("a.py", "gil", 1)].times), 2)
        self.assertEqual(len(m.cells[("b.py", "gil", 2)].times), 1)

    def test_reference_falls_back_without_python3(self):
        def behaviour(build, script, threads):
            if build == "python3":
                return "", None, 1
            return ("x" if build == "gil" else "y"), 0.1, 0
        m = self.make(behaviour, rounds=1, threads=(1,))
        self.assertEqual(m.references[("a.py", 1)][0], "gil")
        self.assertIn("differs from gil", m.status("a.py", "ft", 1)[1])


if __name__ == "__main__":
    unittest.main()
