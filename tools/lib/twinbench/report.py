"""Text tables for the terminal and the JSON record of a comparison."""

import datetime
import json
import os
import platform
import subprocess

from . import builds as builds_mod
from .stats import geomean, ratio

BASELINE = "gil"


def _fmt_time(cell):
    if not cell.ok:
        return "FAILED"
    return "%.3f [%.3f-%.3f]" % (cell.median, cell.low, cell.high)


def _fmt_ratio(r):
    return "-" if r is None else "%.2fx" % r


def ratio_columns(build_names):
    """(label, numerator, denominator): every build against gil and python3.

    python3/gil is left out: it is the reciprocal of gil/python3.
    """
    cols = []
    for base in (BASELINE, builds_mod.ORACLE):
        if base not in build_names:
            continue
        for name in build_names:
            if name == base or (base == BASELINE and name == builds_mod.ORACLE):
                continue
            cols.append(("%s/%s" % (name, base), name, base))
    return cols


def table(matrix):
    """One row per (script, threads): median [min-max] seconds per build, then ratios."""
    names = [b.name for b in matrix.builds]
    rcols = ratio_columns(names)
    multi_threads = len(matrix.threads) > 1
    header = ["script"] + (["thr"] if multi_threads else []) + names + [c[0] for c in rcols]
    rows = []
    per_col = {c[0]: [] for c in rcols}
    for script in matrix.scripts:
        for threads in matrix.threads:
            cells = {n: matrix.cells[(script.name, n, threads)] for n in names}
            row = [script.name] + ([str(threads)] if multi_threads else [])
            row += [_fmt_time(cells[n]) for n in names]
            for label, num, den in rcols:
                r = ratio(cells[num].median, cells[den].median)
                per_col[label].append(r)
                row.append(_fmt_ratio(r))
            rows.append(row)
    if rcols and len(rows) > 1:
        foot = ["geomean"] + ([""] if multi_threads else []) + [""] * len(names)
        foot += [_fmt_ratio(geomean(per_col[c[0]])) for c in rcols]
        rows.append(None)
        rows.append(foot)
    widths = [len(h) for h in header]
    for row in rows:
        if row:
            widths = [max(w, len(c)) for w, c in zip(widths, row)]

    def line(cells):
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                         for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    out = [line(header), "  ".join("-" * w for w in widths)]
    for row in rows:
        out.append("  ".join("-" * w for w in widths) if row is None else line(row))
    return "\n".join(out)


def _run(cmd, cwd):
    try:
        return subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def machine_info():
    cpu = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {
        "cpu": cpu or platform.processor(),
        "cores": os.cpu_count(),
        "kernel": platform.release(),
        "system": platform.system(),
        "machine": platform.machine(),
        "hostname": platform.node(),
    }


def commit_info(root):
    head = _run(["git", "rev-parse", "HEAD"], root)
    dirty = bool(_run(["git", "status", "--porcelain", "--untracked-files=no"], root))
    return {"commit": head, "dirty": dirty}


def to_json(matrix, root, config):
    return {
        "schema": 1,
        "tool": "tools/compare",
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "source": commit_info(root),
        "config": config,
        "builds": [b.to_json() for b in matrix.builds],
        "scripts": [s.to_json() for s in matrix.scripts],
        "cells": [dict(script=s, build=b, threads=t, **c.to_json())
                  for (s, b, t), c in sorted(matrix.cells.items())],
        "runs": [r.to_json() for r in matrix.runs],
    }


def write_json(path, data):
    directory = os.path.dirname(path)
    if directory:
        os.makedirs(directory, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1, sort_keys=False)
        f.write("\n")
