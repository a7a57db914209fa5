"""Shared helpers of the tools/compare tests: import path, fake interpreters,
synthetic results. Not a test module itself (no test_ prefix)."""

import os
import stat
import sys
import textwrap

TESTS = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(TESTS))
COMPARE = os.path.join(ROOT, "tools", "compare")
SYSTEM_PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
sys.path.insert(0, os.path.join(ROOT, "tools", "lib"))

from twinbench import results as results_mod  # noqa: E402
from twinbench import stats  # noqa: E402

# A fake interpreter: `-c` probes, `--version`, and SCRIPT THREADS runs that
# print a deterministic result, a stat line and `elapsed` computed from the
# thread count. Knobs (set per fake): GIL (True/False), BASE (seconds of one
# thread's work), SCALE ("gil": time grows with N; "ft": with N/2 beyond 2
# threads), and MISBEHAVE (crash: exit 1 on crash.py; wrong: different
# result on wrong.py; stderr: a stray line on stderr; stderrstat: a stat line there).
FAKE = textwrap.dedent("""\
    #!/bin/sh
    GIL={gil}; BASE={base}; SCALE={scale}; MISBEHAVE={misbehave}
    if [ "$1" = "--version" ]; then echo "fake {name} 1.0"; exit 0; fi
    if [ "$1" = "-c" ]; then
      case "$2" in *_is_gil_enabled*) echo "$GIL";; esac
      exit 0
    fi
    script="$1"; threads="${{2:-1}}"
    if [ "$script" = "single.py" ] && [ "$threads" != 1 ]; then
      echo "single.py: only threads=1 is supported for now"; exit 2
    fi
    if [ "$MISBEHAVE" = crash ] && [ "$script" = "crash.py" ]; then
      echo "Traceback (most recent call last):" >&2
      echo "RuntimeError: fake crash" >&2
      exit 1
    fi
    if [ "$MISBEHAVE" = stderr ]; then echo "debug: stray line" >&2; fi
    if [ "$MISBEHAVE" = stderrstat ]; then echo "stat gil.waits 7" >&2; fi
    result=42
    if [ "$MISBEHAVE" = wrong ] && [ "$script" = "wrong.py" ]; then result=43; fi
    echo "$script threads=$threads result=$result${{3:+ scale=$3}}"
    echo "stat gil.switches $((threads * 10))"
    awk -v b="$BASE" -v n="$threads" -v s="$SCALE" 'BEGIN {{
      f = n; if (s == "ft") f = (n > 2 ? n / 2 : 1);
      printf "elapsed %.6f\\n", b * f }}'
    """)

SCRIPTS = ("crash.py", "single.py", "wrong.py")


def make_fake(directory, name, gil="True", base=0.1, scale="gil", misbehave="none"):
    path = os.path.join(directory, name)
    with open(path, "w") as f:
        f.write(FAKE.format(name=name, gil=gil, base=base, scale=scale, misbehave=misbehave))
    os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def make_bench(directory, quick=None):
    """A bench dir of header-only scripts (the fakes only look at their names).

    quick: {script name: "ARGS"} for `# quick: ARGS` header lines.
    """
    os.makedirs(directory, exist_ok=True)
    for name in SCRIPTS:
        with open(os.path.join(directory, name), "w") as f:
            f.write("# %s: a fake benchmark for the tests.\n# category: cpu\n" % name)
            if quick and name in quick:
                f.write("# quick: %s\n" % quick[name])
    return directory


def synthetic(cells, builds=("gil", "ft", "python3"), cores=2, date="2026-01-01T00:00:00+00:00",
              commit="0123456789abcdef"):
    """A valid results dict from {(script, build, threads): [times] or "failed"/"not-run"}."""
    scripts = sorted({k[0] for k in cells})
    runs = []
    for (script, build, threads), times in sorted(cells.items()):
        status = times if isinstance(times, str) else "ok"
        times = [] if isinstance(times, str) else list(times)
        record = {"script": script, "build": build, "threads": threads, "status": status,
                  "reason": None if status == "ok" else "synthetic " + status,
                  "times": times, "wall": [t + 0.01 for t in times], "reference": "python3",
                  "stats": {}}
        record.update(stats.summarize(times))
        runs.append(record)
    results = {
        "schema": results_mod.SCHEMA, "tool": results_mod.TOOL, "date": date, "duration_s": 1.0,
        "machine": {"cpu": "Test CPU", "cores": cores, "kernel": "6.0", "system": "Linux",
                    "arch": "x86_64", "hostname": "test", "compiler": "GCC: (Test) 12.2.0",
                    "commit": commit, "dirty": False,
                    "variants": {"gil": {"gil": 1}, "ft": {"gil": 0}}},
        "config": {"threads": sorted({k[2] for k in cells}), "rounds": 5, "baseline": "gil"},
        "builds": [{"name": b, "path": "/bin/" + b, "kind": "ref" if b == "python3" else "variant",
                    "flags": {}, "version": b + " 1.0", "gil_enabled": b != "ft",
                    "compiler": "", "startup": None, "sha256": "", "changed_during_run": False}
                   for b in builds],
        "scripts": [{"name": s, "category": "cpu", "summary": ""} for s in scripts],
        "runs": runs,
        "attempts": [],
    }
    return results_mod.derive(results)
