#!/usr/bin/env python3
"""Runs every tests/scripts/*.py under a twinpy build and under CPython.

CPython is the oracle: for each script the interpreter under test must print
the same stdout and exit with the same code; when that code is non-zero the
last line of stderr (CPython's "ExcType: message") must match as well.

Both interpreters run from the script's own directory with the script's bare
file name, so argv[0] and traceback file names agree. A first-lines comment
`# args: a b c` gives the script its command-line arguments.

    tests/run_scripts.py --interp bazel-bin/interp/twinpy-gil
    tests/run_scripts.py --interp /usr/bin/python3 -k str   # only *str*

Standard library only: it runs inside Bazel's sandbox under /usr/bin/python3.
"""

import argparse
import concurrent.futures
import difflib
import fnmatch
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SCRIPTS = os.path.join(HERE, "scripts")
MAX_DIFF_LINES = 40
MAX_STDERR_LINES = 20
HEADER_LINES = 5  # where `# args:` may appear


def default_oracle():
    if os.path.exists("/usr/bin/python3"):
        return "/usr/bin/python3"
    return shutil.which("python3") or "python3"


def script_args(path):
    """argv from a `# args: ...` comment among the first lines, else []."""
    with open(path, encoding="utf-8") as f:
        for _ in range(HEADER_LINES):
            line = f.readline()
            if not line:
                break
            stripped = line.strip()
            if stripped.startswith("# args:"):
                return stripped[len("# args:"):].split()
    return []


class Outcome:
    def __init__(self, returncode, stdout, stderr, seconds, timed_out=False):
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        self.seconds = seconds
        self.timed_out = timed_out


def run(interp, path, args, timeout):
    directory, name = os.path.split(path)
    env = dict(os.environ)
    # Keep CPython's own behaviour fixed whatever the caller's environment.
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONHASHSEED"] = "0"
    env.pop("PYTHONSTARTUP", None)
    env.pop("PYTHONWARNINGS", None)
    start = time.monotonic()
    try:
        proc = subprocess.run(
            [interp, name] + args,
            cwd=directory or ".",
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            timeout=timeout,
            env=env,
        )
    except subprocess.TimeoutExpired as e:
        return Outcome(None, e.stdout or b"", e.stderr or b"",
                       time.monotonic() - start, timed_out=True)
    except OSError as e:
        return Outcome(None, b"", str(e).encode(), time.monotonic() - start)
    return Outcome(proc.returncode, proc.stdout, proc.stderr,
                   time.monotonic() - start)


def text(data):
    return data.decode("utf-8", errors="replace")


def last_line(data):
    lines = [l for l in text(data).splitlines() if l.strip()]
    return lines[-1] if lines else ""


def trimmed(lines, limit):
    if len(lines) <= limit:
        return lines
    return lines[:limit] + ["... (%d more lines)" % (len(lines) - limit)]


def first_difference(a, b):
    """1-based number of the first line where a and b differ."""
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return i + 1


def compare(name, got, want):
    """Returns a list of problem descriptions (empty when the script passes)."""
    problems = []
    if got.timed_out:
        problems.append("timed out after %.0f s" % got.seconds)
    elif got.returncode is None:
        problems.append("could not start: " + text(got.stderr))
    if want.timed_out or want.returncode is None:
        problems.append("the oracle itself failed (timeout or could not start)")
        return problems
    if got.returncode is not None and got.returncode != want.returncode:
        problems.append("exit code %s, CPython %s" % (got.returncode, want.returncode))
    if got.stdout != want.stdout:
        want_lines = text(want.stdout).splitlines()
        got_lines = text(got.stdout).splitlines()
        diff = difflib.unified_diff(want_lines, got_lines,
                                    "cpython/" + name, "twinpy/" + name, lineterm="")
        problems.append("stdout differs from line %d:\n" % first_difference(want_lines, got_lines)
                        + "\n".join(trimmed(list(diff), MAX_DIFF_LINES)))
    if want.returncode != 0 and got.returncode == want.returncode:
        want_err, got_err = last_line(want.stderr), last_line(got.stderr)
        if want_err != got_err:
            problems.append("last stderr line differs:\n  CPython: %s\n  twinpy:  %s"
                            % (want_err, got_err))
    return problems


def check(interp, oracle, path, timeout):
    args = script_args(path)
    want = run(oracle, path, args, timeout)
    got = run(interp, path, args, timeout)
    return path, got, compare(os.path.basename(path), got, want)


def find_scripts(directory, names, patterns):
    if names:
        paths = [os.path.abspath(n) for n in names]
    else:
        paths = sorted(os.path.join(directory, n) for n in os.listdir(directory)
                       if n.endswith(".py"))
    if patterns:
        paths = [p for p in paths
                 if any(fnmatch.fnmatch(os.path.basename(p), "*%s*" % pat)
                        for pat in patterns)]
    return [os.path.abspath(p) for p in paths]


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--interp", required=True,
                        help="interpreter under test (e.g. bazel-bin/interp/twinpy-gil)")
    parser.add_argument("--oracle", default=default_oracle(),
                        help="reference CPython (default /usr/bin/python3)")
    parser.add_argument("--scripts-dir", default=DEFAULT_SCRIPTS)
    parser.add_argument("-k", dest="patterns", action="append", default=[],
                        help="run only scripts whose name contains this (repeatable)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per run")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--max-details", type=int, default=10,
                        help="show diffs and stderr for this many failures, then one line each")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="print every script, not only failures")
    parser.add_argument("scripts", nargs="*", help="explicit script paths")
    opts = parser.parse_args(argv)

    interp = os.path.abspath(opts.interp) if os.sep in opts.interp else opts.interp
    oracle = os.path.abspath(opts.oracle) if os.sep in opts.oracle else opts.oracle
    paths = find_scripts(opts.scripts_dir, opts.scripts, opts.patterns)
    if not paths:
        print("no scripts found in %s" % opts.scripts_dir)
        print("0 passed, 1 failed")
        return 1

    print("interpreter: %s\noracle:      %s\nscripts:     %d" % (interp, oracle, len(paths)))
    sys.stdout.flush()
    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, opts.jobs)) as pool:
        futures = [pool.submit(check, interp, oracle, p, opts.timeout) for p in paths]
        for future in futures:  # in submission order, so the log is stable
            path, got, problems = future.result()
            name = os.path.basename(path)
            if not problems:
                passed += 1
                if opts.verbose:
                    print("PASS %s (%.2f s)" % (name, got.seconds))
                continue
            failed += 1
            if failed > opts.max_details:
                print("FAIL %s: %s" % (name, problems[0].splitlines()[0].rstrip(":")))
                continue
            print("FAIL %s" % name)
            for problem in problems:
                print("  " + problem.replace("\n", "\n  "))
            err = text(got.stderr).splitlines()
            if err:
                print("  interpreter stderr:")
                for line in trimmed(err, MAX_STDERR_LINES):
                    print("    " + line)
            sys.stdout.flush()
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
