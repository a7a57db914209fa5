"""The run matrix: scripts x builds x thread counts x rounds, interleaved.

Warm-up: every (script, build) runs once (--warmups) at the first thread
count, untimed. Then rounds: each round runs every live cell once, group by
group ((script, threads) in order), the builds of a group in an order rotated
per round and per group, so slow drift of the machine (heat, other load)
spreads over all builds instead of favouring one. Rounds being the outer loop
also means a run cut short still has complete rounds.

Each run's output (minus `elapsed` and `stat` lines) must equal the
reference output of its (script, threads): python3's when it ran there, else
the first other build's that did. A cell whose run fails stops being timed.
"""

import time

from . import builds as builds_mod
from . import runner
from .schedule import rotation


class Cell:
    """The timed runs of one (script, build, threads)."""

    def __init__(self):
        self.times = []   # the script's own elapsed seconds, one per timed run
        self.walls = []   # spawn-to-exit seconds of the same runs
        self.stats = []   # {name: value} of `stat` lines, one per timed run
        self.failed_run = None
        self.reference = None

    @property
    def live(self):
        return self.failed_run is None


class Matrix:
    def __init__(self, scripts, builds, threads, policy, warmups=1, timeout=300.0,
                 run_once=runner.run_once, clock=time.monotonic):
        self.scripts = scripts
        self.builds = builds
        self.threads = threads
        self.policy = policy
        self.warmups = warmups
        self.timeout = timeout
        self.run_once = run_once
        self.clock = clock
        self.attempts = []    # every Run, warm-ups included, in execution order
        self.references = {}  # (script, threads) -> (build name, body)
        self.rounds = 0
        self.interrupted = False  # Ctrl-C: keep what ran, stop there
        self.cells = {(s.name, b.name, t): Cell()
                      for s in scripts for b in builds for t in threads}
        # The reference output comes from python3 when it can, else the first build.
        self._priority = sorted(builds, key=lambda b: b.name != builds_mod.ORACLE)

    def groups(self):
        return [(s, t) for s in self.scripts for t in self.threads]

    def live_cells(self, script, threads):
        return [b for b in self.builds if self.cells[(script.name, b.name, threads)].live]

    def _evaluate(self, script, threads, runs, timed):
        key = (script.name, threads)
        if key not in self.references:
            by_name = {r.build: r for r in runs if r.ok}
            for b in self._priority:
                if b.name in by_name:
                    self.references[key] = (b.name, by_name[b.name].body)
                    break
        ref_name, ref_body = self.references.get(key, (None, None))
        for run in runs:
            runner.check_against(run, ref_body, ref_name)
            self.attempts.append(run)
            cell = self.cells[(script.name, run.build, threads)]
            cell.reference = ref_name
            if not run.ok:
                cell.failed_run = run
            elif timed:
                cell.times.append(run.elapsed)
                cell.walls.append(run.wall)
                cell.stats.append(run.stats)

    def _run_group(self, script, threads, order, rnd, timed, progress):
        runs = []
        for build in order:
            if progress:
                progress.starting(script.name, build.name, threads, rnd)
            run = self.run_once(build, script, threads, rnd, self.timeout)
            if progress:
                progress.finished((script.name, build.name, threads), run.wall)
            runs.append(run)
        self._evaluate(script, threads, runs, timed)

    def execute(self, progress=None):
        try:
            self._execute(progress)
        except KeyboardInterrupt:
            self.interrupted = True
        return self

    def _execute(self, progress):
        first = self.threads[0]
        for _ in range(self.warmups):
            for script in self.scripts:
                order = [b for b in self._priority if b in self.live_cells(script, first)]
                self._run_group(script, first, order, 0, False, progress)
        while self.policy.another() and self.any_live():
            self.rounds += 1
            if progress:
                progress.new_round(self.rounds)
            started = self.clock()
            for gi, (script, threads) in enumerate(self.groups()):
                order = rotation(self.live_cells(script, threads), self.rounds + gi)
                if order:
                    self._run_group(script, threads, order, self.rounds, True, progress)
            self.policy.finished_round(self.clock() - started)

    def any_live(self):
        return any(c.live for c in self.cells.values())

    def live_count(self):
        return sum(1 for c in self.cells.values() if c.live)

    def status(self, script, build, threads):
        """("ok" | "failed" | "not-run", reason or None) of one cell.

        A cell is "not run" when its script declined the thread count (exit 2)
        and no build produced output there; a refusal where another build ran
        is a failure.
        """
        cell = self.cells[(script, build, threads)]
        run = cell.failed_run
        if run is None:
            if cell.times:
                return "ok", None
            return "not-run", "no timed run"
        if run.declined and (script, threads) not in self.references:
            return "not-run", run.message or "script declined %d threads" % threads
        return "failed", run.error + (" (warm-up)" if run.round == 0 else " (round %d)" % run.round)
