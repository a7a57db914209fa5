"""--compare-to: the change of every cell between an old and a new results.json."""

from . import results as results_mod
from . import significance, stats
from .tables import Table, fmt_seconds


def _describe(results, label):
    m = results.get("machine", {})
    commit = (m.get("commit") or "unknown")[:10] + ("+dirty" if m.get("dirty") else "")
    return "%s: %s, commit %s, %s cores" % (label, results.get("date", "?"), commit, m.get("cores"))


def compare(old, new, alpha=significance.ALPHA):
    """A Table with one row per cell present in both (script, build, threads)."""
    old_cells, new_cells = results_mod.index(old), results_mod.index(new)
    rows, notes = [], []
    ratios = {}
    significant = {}
    unchanged_bad = 0
    for r in new["runs"]:
        key = (r["script"], r["build"], r["threads"])
        o = old_cells.get(key)
        if o is None:
            continue
        label = [r["script"], r["build"], str(r["threads"])]
        if o["status"] == r["status"] != "ok":
            unchanged_bad += 1
            continue
        if o["status"] != "ok" or r["status"] != "ok":
            state = "%s -> %s" % (o["status"], r["status"])
            rows.append(label + [fmt_seconds(o["median"]), fmt_seconds(r["median"]), state,
                                 "-", "-"])
            continue
        v = significance.Verdict(o["times"], r["times"], alpha)
        ratios.setdefault(r["build"], []).append(v.ratio)
        significant.setdefault(r["build"], [0, 0])
        significant[r["build"]][0] += v.significant
        significant[r["build"]][1] += 1
        p = "-" if v.p is None else ("%.3f" % v.p if v.p >= 0.001 else "<0.001")
        rows.append(label + [fmt_seconds(v.old_median), fmt_seconds(v.new_median), v.change(), p,
                             "%s (%s)" % (v.label(), v.test)])
    if unchanged_bad:
        notes.append("%d cell(s) failed or did not run in both (left out)" % unchanged_bad)
    old_args = {sc["name"]: sc.get("args", []) for sc in old.get("scripts", [])}
    differ = sorted(sc["name"] for sc in new.get("scripts", [])
                    if sc["name"] in old_args and old_args[sc["name"]] != sc.get("args", []))
    if differ:
        notes.append("WARNING: these scripts ran with different arguments (scale), so their "
                     "times are not comparable: %s" % ", ".join(differ))
    only_old = sorted(set(old_cells) - set(new_cells))
    only_new = sorted(set(new_cells) - set(old_cells))
    if only_old:
        notes.append("only in the old results: %d cell(s), e.g. %s" % (
            len(only_old), ", ".join("%s/%s/%d" % k for k in only_old[:4])))
    if only_new:
        notes.append("only in the new results: %d cell(s), e.g. %s" % (
            len(only_new), ", ".join("%s/%s/%d" % k for k in only_new[:4])))
    for build, rs in ratios.items():
        g = stats.geomean(rs)
        if g is None:
            continue
        change = significance.Verdict([1.0], [g]).change()
        notes.append("%s: geometric mean of new/old medians %s over %d cell(s), "
                     "%d significant at p < %.2f" % (build, change, len(rs),
                                                     significant[build][0], alpha))
    notes.append("Change is new median / old median. Test: Mann-Whitney U on the runs (exact "
                 "when small and untied); Welch's t on log times when the samples are too "
                 "small for U to reach p < %.2f." % alpha)
    notes.insert(0, _describe(new, "new"))
    notes.insert(0, _describe(old, "old"))
    header = ["script", "build", "thr", "old", "new", "change", "p", "verdict"]
    return Table("Change from old to new", header, rows, notes,
                 align=["l", "l", "r", "r", "r", "r", "r", "l"], key="compare")
