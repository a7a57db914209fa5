"""The run matrix: scripts x thread counts x builds x repetitions, interleaved.

For each (script, threads) every build first runs once as a warm-up (the
oracle first, so its output is known); then each repetition runs every build
once, in an order rotated per repetition so no build always goes first. A
build whose warm-up fails is not timed on that script.
"""

from . import builds as builds_mod
from . import runner
from .stats import Cell


class Matrix:
    def __init__(self, scripts, builds, threads, repeat, timeout):
        self.scripts = scripts
        self.builds = builds
        self.threads = threads
        self.repeat = repeat
        self.timeout = timeout
        self.runs = []   # every Run, warm-ups included
        self.cells = {}  # (script, build, threads) -> Cell

    def total(self):
        return len(self.scripts) * len(self.threads) * len(self.builds) * (self.repeat + 1)

    def execute(self, progress=lambda i, n, run_desc: None):
        n = self.total()
        i = 0
        oracle_first = sorted(self.builds, key=lambda b: b.name != builds_mod.ORACLE)
        for script in self.scripts:
            for threads in self.threads:
                expected = None
                failed = {}
                times = {b.name: [] for b in self.builds}
                for build in oracle_first:
                    i += 1
                    progress(i, n, "%s threads=%d %s warm-up" % (script.name, threads, build.name))
                    run = runner.run_once(build, script, threads, -1, self.timeout)
                    if build.name == builds_mod.ORACLE and run.ok:
                        expected = run.body
                    runner.check_against(run, expected)
                    self.runs.append(run)
                    if not run.ok:
                        failed[build.name] = run.error
                for rep in range(self.repeat):
                    shift = rep % len(self.builds)
                    order = self.builds[shift:] + self.builds[:shift]
                    for build in order:
                        i += 1
                        if build.name in failed:
                            continue
                        progress(i, n, "%s threads=%d %s rep %d/%d"
                                 % (script.name, threads, build.name, rep + 1, self.repeat))
                        run = runner.run_once(build, script, threads, rep, self.timeout)
                        runner.check_against(run, expected)
                        self.runs.append(run)
                        if run.ok:
                            times[build.name].append(run.elapsed)
                        else:
                            failed[build.name] = run.error
                for build in self.builds:
                    self.cells[(script.name, build.name, threads)] = Cell(
                        [] if build.name in failed else times[build.name],
                        failed.get(build.name))
        return self

    def failed(self):
        return sorted((k, c.failure) for k, c in self.cells.items() if not c.ok)
