"""results.json and results.csv: assembling, deriving, writing and reading them.

Everything after the runs (tables, charts, reports, --compare-to) works from
this dict alone, so any report can be redrawn from a results.json.
"""

import csv
import json
import os

from . import stats

SCHEMA = 2
TOOL = "tools/compare"
STATUSES = ("ok", "failed", "not-run")

CSV_COLUMNS = [
    "script", "build", "kind", "threads", "status", "n",
    "median_s", "ci95_low_s", "ci95_high_s", "mean_s", "stdev_s", "min_s", "max_s",
    "outliers", "speedup", "speedup_ci95_low", "speedup_ci95_high",
    "vs_baseline", "reason",
]


def _merge_stats(per_run):
    merged = {}
    for entry in per_run:
        for name, value in entry.items():
            merged.setdefault(name, []).append(value)
    return merged


def assemble(matrix, machine, config, date, duration):
    """The results dict of an executed plan.Matrix."""
    records = []
    for script in matrix.scripts:
        for build in matrix.builds:
            for threads in matrix.threads:
                cell = matrix.cells[(script.name, build.name, threads)]
                status, reason = matrix.status(script.name, build.name, threads)
                ok = status == "ok"
                record = {"script": script.name, "build": build.name, "threads": threads,
                          "status": status, "reason": reason,
                          "times": list(cell.times) if ok else [],
                          "wall": list(cell.walls) if ok else [],
                          "reference": cell.reference,
                          "stats": _merge_stats(cell.stats) if ok else {}}
                record.update(stats.summarize(record["times"]))
                records.append(record)
    results = {
        "schema": SCHEMA,
        "tool": TOOL,
        "date": date,
        "duration_s": round(duration, 3),
        "machine": machine,
        "config": dict(config, rounds=matrix.rounds),
        "builds": [b.to_json() for b in matrix.builds],
        "scripts": [s.to_json() for s in matrix.scripts],
        "runs": records,
        "attempts": [r.to_json() for r in matrix.attempts],
    }
    derive(results)
    return results


def baseline_of(results):
    names = [b["name"] for b in results["builds"]]
    wanted = results.get("config", {}).get("baseline", "gil")
    return wanted if wanted in names else (names[0] if names else None)


def index(results):
    """{(script, build, threads): run record}."""
    return {(r["script"], r["build"], r["threads"]): r for r in results["runs"]}


def derive(results):
    """Adds speedup and ratio-to-baseline to every run record, and a summary."""
    cells = index(results)
    base = baseline_of(results)
    for r in results["runs"]:
        r["speedup"] = r["speedup_ci95"] = None
        r["vs_baseline"] = r["vs_baseline_ci95"] = None
        if r["status"] != "ok":
            continue
        one = cells.get((r["script"], r["build"], 1))
        if one and one["status"] == "ok":
            n = r["threads"]
            r["speedup"] = n * one["median"] / r["median"]
            r["speedup_ci95"] = stats.bootstrap_ratio_ci(one["times"], r["times"], scale=n)
        ref = cells.get((r["script"], base, r["threads"]))
        if ref and ref["status"] == "ok":
            r["vs_baseline"] = r["median"] / ref["median"]
            r["vs_baseline_ci95"] = stats.bootstrap_ratio_ci(r["times"], ref["times"])
    geo = {}
    for b in results["builds"]:
        ratios = [r["vs_baseline"] for r in results["runs"]
                  if r["build"] == b["name"] and r["threads"] == 1]
        geo[b["name"]] = stats.geomean(ratios)
    counts = {s: sum(1 for r in results["runs"] if r["status"] == s) for s in STATUSES}
    results["config"]["baseline"] = base
    results["summary"] = {"baseline": base, "geomean_vs_baseline_1thread": geo,
                          "cells": counts}
    return results


def write_json(path, results):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(results, f, indent=1)
        f.write("\n")


def _num(v, fmt="%.6g"):
    return "" if v is None else fmt % v


def write_csv(path, results):
    kinds = {b["name"]: b["kind"] for b in results["builds"]}
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(CSV_COLUMNS)
        for r in results["runs"]:
            ci = r.get("ci95") or [None, None]
            sci = r.get("speedup_ci95") or [None, None]
            w.writerow([
                r["script"], r["build"], kinds.get(r["build"], ""), r["threads"], r["status"],
                r["n"], _num(r["median"]), _num(ci[0]), _num(ci[1]), _num(r["mean"]),
                _num(r["stdev"]), _num(r["min"]), _num(r["max"]), len(r["outliers"]),
                _num(r.get("speedup"), "%.4f"), _num(sci[0], "%.4f"), _num(sci[1], "%.4f"),
                _num(r.get("vs_baseline"), "%.4f"), r.get("reason") or "",
            ])


def write_stats_csv(path, results):
    """stats.csv: the median of each `stat` value per cell; False when no script reported any."""
    rows = []
    for r in results["runs"]:
        for name, values in sorted(r.get("stats", {}).items()):
            rows.append([r["script"], r["build"], r["threads"], name,
                         _num(stats.median(values)), len(values)])
    if not rows:
        return False
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["script", "build", "threads", "stat", "median", "n"])
        w.writerows(rows)
    return True


def _upgrade_v1(old):
    """The first tools/compare wrote `cells` and a separate `source` block."""
    machine = dict(old.get("machine", {}))
    source = old.get("source", {})
    machine.setdefault("commit", source.get("commit", ""))
    machine.setdefault("dirty", source.get("dirty", False))
    machine.setdefault("compiler", "")
    machine.setdefault("arch", machine.get("machine", ""))
    machine.setdefault("variants", {b["name"]: b.get("flags", {})
                                    for b in old.get("builds", []) if b.get("kind") == "variant"})
    runs = []
    for c in old.get("cells", []):
        ok = c.get("ok") and c.get("times")
        times = list(c.get("times") or []) if ok else []
        record = {"script": c["script"], "build": c["build"], "threads": c["threads"],
                  "status": "ok" if ok else "failed", "reason": c.get("failure"),
                  "times": times, "wall": [], "reference": None, "stats": {}}
        record.update(stats.summarize(times))
        runs.append(record)
    builds = []
    for b in old.get("builds", []):
        defaults = {"version": "", "gil_enabled": None, "compiler": "", "startup": None,
                    "sha256": "", "changed_during_run": False}
        builds.append(dict(defaults, **b))
    results = {"schema": SCHEMA, "tool": TOOL, "date": old.get("date", ""),
               "duration_s": None, "machine": machine,
               "config": dict(old.get("config", {}), upgraded_from_schema=1,
                              rounds=old.get("config", {}).get("repeat", 0)),
               "builds": builds, "scripts": old.get("scripts", []), "runs": runs,
               "attempts": old.get("runs", [])}
    return derive(results)


def load(path):
    """A results dict from results.json (or a directory holding one); schema 1 is upgraded."""
    if os.path.isdir(path):
        path = os.path.join(path, "results.json")
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if data.get("schema") == 1:
        return _upgrade_v1(data)
    if data.get("schema") != SCHEMA:
        raise ValueError("%s: unknown results schema %r" % (path, data.get("schema")))
    return data
