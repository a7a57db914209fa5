#!/usr/bin/env python3
"""Runs every tests/bad_input/NAME.py under a twinpy build and checks its error.

Each case is a script NAME.py (any bytes: bad UTF-8 and NUL are cases too) and
NAME.expect, which states what the interpreter must do:

    exit: 1                 exit status (negative: killed by that signal)
    ulimit_v: 400000        optional: address-space limit in KiB (MemoryError cases)
    deep: 1                 optional: nests as deep as CPython allows, which needs
                            the stack of an optimised build (skipped under ASan)
    sigint_after: 0.5       optional: send SIGINT this many seconds after start
    timeout: 20             optional: seconds before the case counts as hung (default 20)
    stdout:                 optional: the exact stdout follows, up to "stderr:"
    stderr:                 the exact stderr follows, to the end of the file

With TWINPY_ASAN=1 in the environment (bazel test --config=asan sets it),
cases with ulimit_v are skipped: AddressSanitizer reserves terabytes of
shadow address space, so no address-space limit leaves it room to start.
So are `deep` cases: ASan's frames are several times larger, and nesting that
fits an optimised build's 8 MiB stack overflows it.

The script runs from tests/bad_input with its bare file name as argv[0]; the
directory is stripped from the output, so file names read "NAME.py". Where CPython gives
the same text, the .expect file holds CPython's text (check with --oracle).

    tests/run_bad_input.py --interp bazel-bin/interp/twinpy-gil
    tests/run_bad_input.py --interp /usr/bin/python3 --oracle   # which cases CPython agrees with
    tests/run_bad_input.py --interp bazel-bin/interp/twinpy-gil -k recursion
"""

import argparse
import difflib
import fnmatch
import os
import resource
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "bad_input")
KEYS = ("exit", "ulimit_v", "sigint_after", "timeout", "deep")


def parse_expect(path):
    """Returns (settings dict, expected stdout or None, expected stderr)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    settings = {}
    stdout = None
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if line in ("stdout:", "stderr:"):
            rest_start = i
            if line == "stdout:":
                j = lines.index("stderr:", i)
                stdout = "\n".join(lines[i:j]) + "\n" if j > i else ""
                rest_start = j + 1
            return settings, stdout, "\n".join(lines[rest_start:])
        if not line.strip():
            continue
        key, _, value = line.partition(":")
        if key not in KEYS:
            raise ValueError("%s: unknown key %r" % (path, key))
        settings[key] = float(value) if "." in value else int(value)
    raise ValueError("%s: no 'stderr:' section" % path)


def run_case(interp, name, settings):
    limit = settings.get("ulimit_v")

    def preexec():
        if limit:
            nbytes = int(limit) * 1024
            resource.setrlimit(resource.RLIMIT_AS, (nbytes, nbytes))

    proc = subprocess.Popen(
        [interp, name + ".py"], cwd=CASES, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=preexec,
        env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    delay = settings.get("sigint_after")
    if delay is not None:
        time.sleep(float(delay))
        proc.send_signal(signal.SIGINT)
    try:
        out, err = proc.communicate(timeout=settings.get("timeout", 20))
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        return None, out, err
    return proc.returncode, out, err


def diff(label, want, got):
    lines = difflib.unified_diff(want.splitlines(), got.splitlines(),
                                 "expected " + label, "actual " + label,
                                 lineterm="")
    return "\n".join(list(lines)[:40])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--interp", required=True)
    parser.add_argument("-k", default="*", help="only cases whose name matches *K*")
    parser.add_argument("--oracle", action="store_true",
                        help="report agreement only (for checking against CPython)")
    args = parser.parse_args()
    interp = os.path.abspath(args.interp)
    names = sorted(n[:-7] for n in os.listdir(CASES) if n.endswith(".expect"))
    names = [n for n in names if fnmatch.fnmatch(n, "*%s*" % args.k)]
    failed = []
    skipped = 0
    under_asan = os.environ.get("TWINPY_ASAN") == "1"
    for name in names:
        settings, want_out, want_err = parse_expect(os.path.join(CASES, name + ".expect"))
        if under_asan and ("ulimit_v" in settings or "deep" in settings):
            print("skip %s (%s under ASan)" % (name, "ulimit_v" if "ulimit_v" in settings else "deep"))
            skipped += 1
            continue
        code, out, err = run_case(interp, name, settings)
        # CPython names the main script by its absolute path; compare bare names.
        out = out.decode("utf-8", "replace").replace(CASES + os.sep, "")
        err = err.decode("utf-8", "replace").replace(CASES + os.sep, "")
        problems = []
        if code is None:
            problems.append("hung: killed after %ss" % settings.get("timeout", 20))
        elif code != settings.get("exit", 1):
            problems.append("exit %s, expected %s" % (code, settings.get("exit", 1)))
        if err != want_err:
            problems.append(diff("stderr", want_err, err))
        if want_out is not None and out != want_out:
            problems.append(diff("stdout", want_out, out))
        if problems:
            failed.append(name)
            print("FAIL %s\n  %s" % (name, "\n  ".join(problems)))
        else:
            print("ok   %s" % name)
    print("%d passed, %d failed, %d skipped" %
          (len(names) - len(failed) - skipped, len(failed), skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
