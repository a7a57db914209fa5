"""What each interpreter is (version, GIL mode, compiler) and its start-up time.

Start-up (`-c pass`, timed by the tool from spawn to exit) is measured apart
from the scripts, because a script's own `elapsed` line excludes it.
"""

import hashlib
import os
import re
import shutil

from . import runner, stats

COMPILER_MARK = re.compile(rb"(GCC: \([^)\n]{0,80}\) [0-9][0-9.]*|clang version [0-9][0-9.]*)")
PROBE_TIMEOUT = 20.0


def _output(build, args):
    try:
        code, out, err, _ = runner.execute([build.path] + args, None, PROBE_TIMEOUT,
                                           runner.script_env())
    except OSError:
        return None
    if code != 0:
        return None
    text = (out or err).decode("utf-8", errors="replace").strip()
    return text or None


def binary_compiler(path, limit=128 << 20):
    """The compiler named in a binary's .comment section ('GCC: (Debian 12.2.0-14) 12.2.0')."""
    try:
        if os.path.getsize(path) > limit:
            return ""
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return ""
    found = COMPILER_MARK.findall(data)
    return found[-1].decode("ascii", errors="replace") if found else ""


def file_digest(path):
    """sha256 of the executable (resolved through PATH), or "" when unreadable."""
    real = path if os.sep in path else (shutil.which(path) or path)
    h = hashlib.sha256()
    try:
        with open(real, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return ""
    return h.hexdigest()


def check_unchanged(builds):
    """Marks (and returns) the builds whose executable changed since describe():
    someone rebuilt bazel-bin mid-run, so their times mix two binaries."""
    changed = []
    for b in builds:
        if b.sha256 and file_digest(b.path) != b.sha256:
            b.changed_during_run = True
            changed.append(b)
    return changed


def describe(build):
    """Fills build.version, build.gil_enabled, build.compiler and build.sha256.

    A reference interpreter given as a launcher (a pyenv shim is a shell
    script) is replaced by the real executable, so its start-up time is not
    the launcher's.
    """
    if build.kind == "ref":
        real = _output(build, ["-c", "import sys; print(sys.executable)"])
        if real and os.path.isabs(real) and os.access(real, os.X_OK):
            build.path = real
    version = _output(build, ["--version"])
    build.version = version.splitlines()[0] if version else ""
    gil = _output(build, ["-c", "import sys\nprint(sys._is_gil_enabled())"])
    if gil in ("True", "False"):
        build.gil_enabled = gil == "True"
    elif build.kind == "ref":
        build.gil_enabled = True  # CPython before 3.13 has no switch: always a GIL
    build.compiler = binary_compiler(build.path)
    build.sha256 = file_digest(build.path)
    return build


def measure_startup(builds, reps, timeout=60.0, progress=None):
    """Times `BUILD -c pass` reps times per build, interleaved, after one warm-up.

    Sets build.startup to a dict: times, median, min, max, ci95 (seconds), or
    status "failed" with the reason.
    """
    samples = {b.name: [] for b in builds}
    failures = {}
    for rnd in range(reps + 1):
        shift = rnd % max(1, len(builds))
        for build in builds[shift:] + builds[:shift]:
            if build.name in failures:
                continue
            if progress:
                progress(build.name, rnd)
            try:
                code, _, err, wall = runner.execute([build.path, "-c", "pass"], None, timeout,
                                                    runner.script_env())
            except OSError as e:
                failures[build.name] = "could not start: %s" % e
                continue
            if code != 0:
                tail = err.decode("utf-8", errors="replace").strip().splitlines()
                failures[build.name] = "`-c pass` exit %s%s" % (
                    code, ": " + tail[-1] if tail else "")
            elif rnd > 0:
                samples[build.name].append(wall)
    for build in builds:
        if build.name in failures:
            build.startup = {"status": "failed", "reason": failures[build.name], "times": []}
        else:
            times = samples[build.name]
            summary = stats.summarize(times)
            build.startup = {"status": "ok", "reason": None, "times": times,
                             "median": summary["median"], "min": summary["min"],
                             "max": summary["max"], "ci95": summary["ci95"]}
