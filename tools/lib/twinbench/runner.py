"""One run of one script under one build, and the check of its output."""

import os
import re
import subprocess
import time

ELAPSED = re.compile(r"^elapsed\s+([0-9.eE+-]+)\s*$")


class Run:
    """What one execution produced. ok means: exit 0, an elapsed line, and
    (once checked) the same output as the oracle."""

    def __init__(self, script, build, threads, rep):
        self.script = script
        self.build = build
        self.threads = threads
        self.rep = rep  # -1 for the warm-up
        self.returncode = None
        self.elapsed = None
        self.wall = None
        self.body = ""
        self.stderr_tail = ""
        self.error = None

    @property
    def ok(self):
        return self.error is None

    def to_json(self):
        return {
            "script": self.script, "build": self.build, "threads": self.threads,
            "rep": self.rep, "ok": self.ok, "elapsed": self.elapsed, "wall": self.wall,
            "returncode": self.returncode, "error": self.error,
        }


def split_output(stdout):
    """(output without the elapsed line, elapsed seconds or None).

    The elapsed line must be the last non-empty line.
    """
    lines = stdout.splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        return "", None
    m = ELAPSED.match(lines[-1].strip())
    if not m:
        return "\n".join(lines), None
    try:
        seconds = float(m.group(1))
    except ValueError:
        return "\n".join(lines), None
    return "\n".join(lines[:-1]), seconds


def run_once(build, script, threads, rep, timeout, extra_args=()):
    run = Run(script.name, build.name, threads, rep)
    directory, name = os.path.split(script.path)
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONIOENCODING"] = "utf-8"
    cmd = [build.path, name, str(threads)] + list(extra_args)
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=directory, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        run.wall = time.perf_counter() - start
        run.error = "timed out after %.0f s" % timeout
        return run
    except OSError as e:
        run.error = "could not start: %s" % e
        return run
    run.wall = time.perf_counter() - start
    run.returncode = proc.returncode
    stdout = proc.stdout.decode("utf-8", errors="replace")
    stderr = proc.stderr.decode("utf-8", errors="replace").strip().splitlines()
    run.stderr_tail = stderr[-1] if stderr else ""
    run.body, run.elapsed = split_output(stdout)
    if proc.returncode != 0:
        run.error = "exit code %d%s" % (proc.returncode,
                                        ": " + run.stderr_tail if run.stderr_tail else "")
    elif run.elapsed is None:
        last = run.body.splitlines()[-1] if run.body else ""
        run.error = "no 'elapsed SECONDS' last line (last line: %r)" % last[:80]
    return run


def check_against(run, expected_body):
    """Marks run failed when its output differs from the oracle's."""
    if not run.ok or expected_body is None:
        return
    if run.body != expected_body:
        got = run.body.splitlines()
        want = expected_body.splitlines()
        i = 0
        while i < min(len(got), len(want)) and got[i] == want[i]:
            i += 1
        got_line = got[i] if i < len(got) else "<end of output>"
        want_line = want[i] if i < len(want) else "<end of output>"
        run.error = "output differs from python3 at line %d: %r, expected %r" % (
            i + 1, got_line[:80], want_line[:80])
