"""The tables of a report, as plain data (title, header, rows of strings, notes).

Built from a results dict only; report_text, report_md and report_html only
lay them out, so the terminal, the Markdown and the HTML say the same thing.
"""

import re

from . import builds as builds_mod
from . import results as results_mod
from . import stats


class Table:
    def __init__(self, title, header, rows, notes=(), align=None, key=None):
        self.title = title
        self.header = header
        self.rows = rows  # lists of str; None is a separator line
        self.notes = list(notes)
        self.align = align or (["l"] + ["r"] * (len(header) - 1))
        self.key = key  # a short id (HTML anchors, tests)


def fmt_seconds(v):
    if v is None:
        return "-"
    if v >= 100:
        return "%.0f s" % v
    if v >= 10:
        return "%.1f s" % v
    if v >= 1:
        return "%.2f s" % v
    if v >= 0.001:
        return "%.1f ms" % (v * 1e3) if v < 0.1 else "%.3f s" % v
    return "%.0f us" % (v * 1e6)


def fmt_ratio(r):
    return "-" if r is None else "%.2fx" % r


def ci_halfwidth_pct(record):
    ci = record.get("ci95")
    if not ci or not record.get("median"):
        return None
    m = record["median"]
    return 100.0 * max(m - ci[0], ci[1] - m) / m


def fmt_cell_time(record):
    """'0.383 s ±1.2%' (half-width of the 95% CI), '*' when outliers were flagged."""
    if record is None:
        return "-"
    if record["status"] == "failed":
        return "FAILED"
    if record["status"] == "not-run":
        return "not run"
    text = fmt_seconds(record["median"])
    half = ci_halfwidth_pct(record)
    if half is not None:
        text += " ±%.1f%%" % half
    if record.get("outliers"):
        text += "*"
    return text


def _names(results):
    return [b["name"] for b in results["builds"]]


def _scripts(results):
    return [s["name"] for s in results["scripts"]]


def _threads(results):
    return sorted({r["threads"] for r in results["runs"]})


def ratio_columns(names, baseline):
    """(label, numerator, denominator): every build against the baseline, and
    every variant against python3 (python3/gil would only repeat gil/python3)."""
    cols = []
    for base in dict.fromkeys((baseline, builds_mod.ORACLE)):
        if base not in names:
            continue
        for name in names:
            if name == base or (base == baseline and name == builds_mod.ORACLE):
                continue
            cols.append(("%s/%s" % (name, base), name, base))
    return cols


def single_thread(results):
    cells = results_mod.index(results)
    names = _names(results)
    base = results_mod.baseline_of(results)
    rcols = ratio_columns(names, base)
    header = ["script"] + names + [c[0] for c in rcols]
    rows, per_col = [], {c[0]: [] for c in rcols}
    for script in _scripts(results):
        row = [script] + [fmt_cell_time(cells.get((script, n, 1))) for n in names]
        for label, num, den in rcols:
            a, b = cells.get((script, num, 1)), cells.get((script, den, 1))
            r = stats.ratio(a and a["median"], b and b["median"])
            per_col[label].append(r)
            row.append(fmt_ratio(r))
        rows.append(row)
    if rcols and len(rows) > 1:
        rows.append(None)
        rows.append(["geomean"] + [""] * len(names)
                    + [fmt_ratio(stats.geomean(per_col[c[0]])) for c in rcols])
    notes = ["Median of the timed runs, each the script's own `elapsed` (start-up excluded); "
             "± is the larger distance from the median to an end of its 95% confidence "
             "interval (percentile bootstrap); * marks a cell with outlier runs (flagged, kept). "
             "Ratios are of medians: below 1 is faster than the denominator."]
    return Table("Single-thread time (1 thread)", header, rows, notes, key="single")


def scaling(results):
    cells = results_mod.index(results)
    threads = _threads(results)
    header = ["script", "build"] + ["%d thr" % t for t in threads]
    rows = []
    for script in _scripts(results):
        for name in _names(results):
            row = [script, name]
            for t in threads:
                r = cells.get((script, name, t))
                if r is None:
                    row.append("-")
                elif r["status"] != "ok":
                    row.append(fmt_cell_time(r))
                else:
                    row.append("%s (%s)" % (fmt_ratio(r.get("speedup")), fmt_seconds(r["median"])))
            rows.append(row)
        rows.append(None)
    if rows and rows[-1] is None:
        rows.pop()
    cores = results["machine"].get("cores")
    notes = ["Weak scaling: each of N threads does the 1-thread work; speedup = N x T(1) / T(N) "
             "(median time in brackets). Ideal is N up to the %s cores (N for io scripts, "
             "whose threads mostly wait); a build with a global lock stays near 1." % cores]
    return Table("Scaling (speedup vs threads)", header, rows, notes,
                 align=["l", "l"] + ["r"] * len(threads), key="scaling")


def startup(results):
    rows = []
    for b in results["builds"]:
        s = b.get("startup") or {}
        if s.get("status") == "ok":
            half = ""
            if s.get("ci95") and s.get("median"):
                half = " ±%.1f%%" % (100.0 * max(s["median"] - s["ci95"][0],
                                                 s["ci95"][1] - s["median"]) / s["median"])
            rows.append([b["name"], fmt_seconds(s["median"]) + half,
                         "%s - %s" % (fmt_seconds(s["min"]), fmt_seconds(s["max"])),
                         str(len(s.get("times", [])))])
        else:
            rows.append([b["name"], "FAILED" if s else "not measured",
                         s.get("reason") or "", ""])
    notes = ["`BUILD -c pass`, timed by the tool from spawn to exit; not part of the script times."]
    return Table("Interpreter start-up", ["build", "median", "min - max", "runs"], rows, notes,
                 align=["l", "r", "r", "r"], key="startup")


def _reason_key(reason):
    return re.sub(r" \((warm-up|round \d+)\)$", "", reason or "")


def problems(results):
    """Failed and not-run cells: one row per (script, threads, status, reason),
    naming the builds ("all" when every build shares it)."""
    per_build = {}
    for r in results["runs"]:
        if r["status"] != "ok":
            key = (r["script"], r["build"], r["status"], _reason_key(r["reason"]))
            per_build.setdefault(key, []).append(r["threads"])
    merged = {}
    for (script, build, status, reason), threads in per_build.items():
        key = (script, ",".join(str(t) for t in sorted(threads)), status, reason)
        merged.setdefault(key, []).append(build)
    order = {s: i for i, s in enumerate(_scripts(results))}
    all_names = _names(results)
    rows = []
    for (script, threads, status, reason), names in sorted(
            merged.items(), key=lambda kv: (order.get(kv[0][0], 0), kv[0])):
        shown = "all" if len(all_names) > 1 and sorted(names) == sorted(all_names) else ", ".join(
            n for n in all_names if n in names)
        label = "not run" if status == "not-run" else "FAILED"
        rows.append([script, shown, threads, label, reason])
    notes = ["\"not run\": the script declined that thread count (exit status 2) under every "
             "build, e.g. a script that supports only 1 thread so far; these cells are left "
             "out of charts. \"FAILED\": non-zero exit, timeout, or output different from the "
             "reference build; such a cell is not timed."] if rows else []
    return Table("Failed and not-run cells", ["script", "builds", "threads", "status", "reason"],
                 rows, notes, align=["l", "l", "l", "l", "l"], key="problems")


def gil_stats(results):
    rows = []
    for r in results["runs"]:
        for name, values in sorted(r.get("stats", {}).items()):
            rows.append([r["script"], r["build"], str(r["threads"]), name,
                         "%.6g" % stats.median(values), str(len(values))])
    notes = ["Values a script or interpreter printed as `stat NAME VALUE` lines "
             "(median over the timed runs)."] if rows else []
    return Table("GIL and runtime statistics", ["script", "build", "threads", "stat",
                                                "median", "runs"],
                 rows, notes, align=["l", "l", "r", "l", "r", "r"], key="stats")


def machine(results):
    m = results["machine"]
    commit = m.get("commit") or "unknown"
    rows = [["CPU", m.get("cpu", "")], ["cores", str(m.get("cores", ""))],
            ["kernel", "%s %s (%s)" % (m.get("system", ""), m.get("kernel", ""),
                                       m.get("arch", ""))],
            ["compiler", m.get("compiler", "")],
            ["commit", commit + (" (uncommitted changes)" if m.get("dirty") else "")],
            ["date", results.get("date", "")]]
    for name, flags in m.get("variants", {}).items():
        rows.append(["variant " + name, ", ".join("%s=%s" % kv for kv in flags.items())])
    return Table("Machine", ["", ""], rows, align=["l", "l"], key="machine")


def builds(results):
    rows = []
    for b in results["builds"]:
        gil = {True: "yes", False: "no"}.get(b.get("gil_enabled"), "?")
        rows.append([b["name"], b["kind"], b.get("version") or "", gil, b["path"]])
    changed = [b["name"] for b in results["builds"] if b.get("changed_during_run")]
    notes = ["WARNING: the executable of %s changed during the run (rebuilt while it ran?), "
             "so its times mix two binaries." % ", ".join(changed)] if changed else []
    return Table("Builds", ["build", "kind", "version", "GIL", "path"], rows, notes,
                 align=["l"] * 5, key="builds")


def scripts(results):
    rows = [[s["name"], s.get("category", ""), s.get("summary", "")] for s in results["scripts"]]
    return Table("Scripts", ["script", "category", "what it measures"], rows,
                 align=["l", "l", "l"], key="scripts")


def method(results):
    c = results.get("config", {})
    rows = [["rounds", "%s timed (between %s and %s, time budget %s s), %s warm-up(s) per "
             "script and build" % (c.get("rounds"), c.get("min_rounds"), c.get("max_rounds"),
                                   c.get("budget_s"), c.get("warmups"))],
            ["order", "round by round; within a round the builds of each (script, threads) "
             "run in an order rotated per round, to cancel drift"],
            ["threads", ", ".join(str(t) for t in c.get("threads", []))],
            ["scripts", c.get("selection") or "all scripts"],
            ["confidence interval", stats.CI_METHOD],
            ["outliers", stats.OUTLIER_RULE],
            ["output check", "every run's output (minus `elapsed`/`stat` lines) must equal "
             "python3's at the same thread count (else the first build that ran)"],
            ["baseline", str(results_mod.baseline_of(results))]]
    return Table("Method", ["", ""], rows, align=["l", "l"], key="method")


def overhead_summary(results):
    """One line per build: geometric mean of single-thread time relative to the baseline."""
    base = results_mod.baseline_of(results)
    geo = results.get("summary", {}).get("geomean_vs_baseline_1thread", {})
    parts = ["%s %s" % (n, fmt_ratio(v)) for n, v in geo.items() if n != base and v]
    return "geomean single-thread time vs %s: %s" % (base, ", ".join(parts) or "-")
