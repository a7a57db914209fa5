"""One run of one script under one build, and what its output says.

The protocol a benchmark script follows (bench/scripts/*.py):
  * argv[1] is the thread count; the script does that many threads' work;
  * it prints a deterministic result, then `elapsed SECONDS` (its own timing
    of the work, so interpreter start-up is excluded) as the last line;
  * optional `stat NAME NUMBER` lines, on stdout or stderr and anywhere, carry
    statistics the script or interpreter collected (e.g. GIL switches); they
    are recorded per run and left out of the output comparison;
  * it exits with status 2 when it does not support the thread count (the
    cell is then "not run", not failed);
  * a successful run prints nothing else on stderr (a sanitizer report or a
    stray debug line fails the run).
"""

import os
import re
import signal
import subprocess
import time

ELAPSED = re.compile(r"^elapsed\s+([0-9.eE+-]+)\s*$")
STAT = re.compile(r"^stat\s+([A-Za-z_][\w.:-]*)\s+(-?[0-9.eE+-]+|nan|inf)\s*$")
UNSUPPORTED_EXIT = 2


class Run:
    """What one execution produced. ok means: exit 0, an elapsed line, and
    (once checked) the same output as the reference build."""

    def __init__(self, script, build, threads, rnd):
        self.script = script
        self.build = build
        self.threads = threads
        self.round = rnd  # 0 for a warm-up
        self.returncode = None
        self.elapsed = None
        self.wall = None
        self.body = ""
        self.message = ""  # last line of stderr, else of stdout: why it failed
        self.stats = {}
        self.error = None

    @property
    def ok(self):
        return self.error is None

    @property
    def declined(self):
        """The script refused this thread count (exit status 2)."""
        return self.returncode == UNSUPPORTED_EXIT

    def to_json(self):
        return {
            "script": self.script, "build": self.build, "threads": self.threads,
            "round": self.round, "ok": self.ok, "elapsed": self.elapsed, "wall": self.wall,
            "returncode": self.returncode, "error": self.error,
        }


def take_stats(lines, into):
    """Lines that are not `stat` lines; the stat values go into `into`."""
    kept = []
    for line in lines:
        m = STAT.match(line.strip())
        if m:
            try:
                into[m.group(1)] = float(m.group(2))
                continue
            except ValueError:
                pass
        kept.append(line)
    return kept


def split_output(stdout, stats=None):
    """(output without the elapsed and stat lines, elapsed seconds or None).

    The elapsed line must be the last non-empty line once stat lines are gone.
    """
    lines = take_stats(stdout.splitlines(), stats if stats is not None else {})
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


def execute(cmd, cwd, timeout, env=None):
    """(returncode or None on timeout, stdout bytes, stderr bytes, wall seconds).

    The child gets its own process group so a timeout kills everything it
    started, not only the interpreter (a leftover child would keep the pipes
    open and hang the tool).
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
        code = proc.returncode
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        out, err = proc.communicate()
        code = None
    except BaseException:
        # Ctrl-C: the child is in its own session and did not get the signal.
        _kill_group(proc)
        proc.wait()
        raise
    return code, out, err, time.perf_counter() - start


def _kill_group(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def script_env():
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def _last_line(text):
    lines = [l for l in text.strip().splitlines() if l.strip()]
    return lines[-1].strip() if lines else ""


def run_once(build, script, threads, rnd, timeout):
    run = Run(script.name, build.name, threads, rnd)
    directory, name = os.path.split(script.path)
    try:
        code, out, err, run.wall = execute([build.path, name, str(threads)] + script.args,
                                           directory, timeout, script_env())
    except OSError as e:
        run.error = "could not start: %s" % e
        return run
    if code is None:
        run.error = "timed out after %.0f s" % timeout
        return run
    run.returncode = code
    stdout = out.decode("utf-8", errors="replace")
    stderr_lines = take_stats(err.decode("utf-8", errors="replace").splitlines(), run.stats)
    run.body, run.elapsed = split_output(stdout, run.stats)
    run.message = _last_line("\n".join(stderr_lines)) or _last_line(run.body)
    if code != 0:
        if code < 0:
            what = "killed by signal %d" % -code
        else:
            what = "exit code %d" % code
        run.error = what + (": " + run.message[:160] if run.message else "")
    elif run.elapsed is None:
        run.error = "no 'elapsed SECONDS' last line (last line: %r)" % _last_line(run.body)[:80]
    elif any(line.strip() for line in stderr_lines):
        # CPython prints nothing there; a sanitizer report or a debug print is news.
        first = next(line for line in stderr_lines if line.strip())
        run.error = "unexpected output on stderr: %r" % first.strip()[:120]
    return run


def check_against(run, expected_body, reference_name):
    """Marks run failed when its output differs from the reference build's."""
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
        run.error = "output differs from %s at line %d: %r, expected %r" % (
            reference_name, i + 1, got_line[:80], want_line[:80])
