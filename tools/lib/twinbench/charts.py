"""scaling.svg and overhead.svg (and PNG copies), drawn with matplotlib (Agg).

Both charts are meant to be pasted into a post as they are: a title, axis
labels with units, a legend, the machine and commit in a footnote.
"""

import math
import os
import tempfile

from . import machine as machine_mod
from . import results as results_mod

FORMATS = ("svg", "png")
IDEAL_CPU = "ideal: N up to %d cores"
IDEAL_IO = "ideal for io scripts: N"
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "<", ">", "*"]
COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
          "#7f7f7f", "#bcbd22", "#17becf"]


def _pyplot():
    """matplotlib.pyplot on the Agg backend, with a writable config dir
    (under Bazel HOME may be read-only or unset)."""
    if not os.environ.get("MPLCONFIGDIR"):
        home = os.path.expanduser("~")
        if not os.access(home, os.W_OK):
            os.environ["MPLCONFIGDIR"] = os.path.join(
                os.environ.get("TEST_TMPDIR") or tempfile.gettempdir(), "twinbench-mpl")
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    plt.rcParams.update({"svg.hashsalt": "twinbench", "font.size": 9,
                         "axes.titlesize": 10, "axes.titleweight": "bold"})
    return plt


def available():
    try:
        _pyplot()
        return True
    except ImportError:
        return False


def _label(build):
    mode = {True: "GIL", False: "no GIL"}.get(build.get("gil_enabled"))
    return "%s (%s)" % (build["name"], mode) if mode else build["name"]


def _colors(results):
    return {b["name"]: COLORS[i % len(COLORS)] for i, b in enumerate(results["builds"])}


def _footnote(fig, results, extra):
    text = machine_mod.footnote(results["machine"], results.get("date", ""))
    fig.text(0.01, 0.008, text + "\n" + extra, fontsize=7, color="#555555",
             ha="left", va="bottom")


def _frame(fig, title, handles, labels, bottom_in=0.95, left_in=0.65):
    """Title and legend above the axes, footnote below, margins fixed in inches
    so panels keep their size whatever the grid."""
    w, h = fig.get_figwidth(), fig.get_figheight()
    fig.suptitle(title, fontsize=11, fontweight="bold", y=1 - 0.12 / h, va="top")
    fig.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, 1 - 0.42 / h),
               ncol=min(len(handles), 5), frameon=False, fontsize=8.5)
    fig.subplots_adjust(top=1 - 1.0 / h, bottom=bottom_in / h, left=left_in / w,
                        right=1 - 0.2 / w)


def _save(fig, plt, stem):
    paths = []
    for fmt in FORMATS:
        path = "%s.%s" % (stem, fmt)
        fig.savefig(path, format=fmt, dpi=150, metadata={"Date": None} if fmt == "svg" else None)
        paths.append(path)
    plt.close(fig)
    return paths


def _rounds_note(results):
    return ("median of %s timed round(s) per point; bars: 95%% bootstrap CI"
            % results.get("config", {}).get("rounds", "?"))


def scaling(results, stem):
    """Speedup vs threads, one panel per script, one line per build, ideal dashed."""
    plt = _pyplot()
    cells = results_mod.index(results)
    scripts = [s["name"] for s in results["scripts"]]
    categories = {s["name"]: s.get("category") for s in results["scripts"]}
    threads = sorted({r["threads"] for r in results["runs"]})
    cores = results["machine"].get("cores") or 1
    colors = _colors(results)
    # Wider grids for long suites, so the figure stays closer to a page's shape.
    ncols = max(1, min(len(scripts), 3 if len(scripts) <= 9 else 4 if len(scripts) <= 20 else 5))
    nrows = max(1, math.ceil(len(scripts) / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(4.4 * ncols, 3.1 * nrows + 1.95),
                             squeeze=False)
    handles = {}
    for i in range(nrows * ncols):
        ax = axes[i // ncols][i % ncols]
        if i >= len(scripts):
            ax.axis("off")
            continue
        script = scripts[i]
        if categories.get(script) == "io":
            # Waiting threads need no core: N of them can all wait at once.
            ideal = list(threads)
            line, = ax.plot(threads, ideal, "k:", linewidth=1.2)
            handles[IDEAL_IO] = line
        else:
            ideal = [min(t, cores) for t in threads]
            line, = ax.plot(threads, ideal, "k--", linewidth=1.2)
            handles[IDEAL_CPU % cores] = line
        if threads[-1] > cores:
            ax.axvspan(cores, threads[-1], color="#000000", alpha=0.06, linewidth=0)
            ax.text(threads[-1], 0.02, "oversubscribed ", ha="right", va="bottom",
                    fontsize=7, color="#666666", transform=ax.get_xaxis_transform())
        top = max(ideal)
        multi = False
        for b in results["builds"]:
            pts = [cells.get((script, b["name"], t)) for t in threads]
            pts = [p for p in pts if p and p["status"] == "ok" and p.get("speedup")]
            if not pts:
                continue
            multi = multi or any(p["threads"] > 1 for p in pts)
            xs = [p["threads"] for p in pts]
            ys = [p["speedup"] for p in pts]
            lo = [max(0.0, y - (p.get("speedup_ci95") or [y, y])[0]) for y, p in zip(ys, pts)]
            hi = [max(0.0, (p.get("speedup_ci95") or [y, y])[1] - y) for y, p in zip(ys, pts)]
            # T(1)/T(1) is 1 by definition: no interval at N = 1.
            lo = [0.0 if x == 1 else v for x, v in zip(xs, lo)]
            hi = [0.0 if x == 1 else v for x, v in zip(xs, hi)]
            k = list(colors).index(b["name"])
            cont = ax.errorbar(xs, ys, yerr=[lo, hi], marker=MARKERS[k % len(MARKERS)],
                               markersize=5, capsize=3, linewidth=1.6, color=colors[b["name"]],
                               alpha=0.9)
            handles[_label(b)] = cont.lines[0]
            top = max(top, max(y + h for y, h in zip(ys, hi)))
        if not multi and len(threads) > 1:
            ax.text(0.5, 0.3, "only 1 thread ran:\nN > 1 not run or failed\n(see the table)",
                    ha="center", va="center", transform=ax.transAxes, fontsize=8,
                    color="#b00020")
        ax.set_title(script)
        ax.set_xlabel("threads N")
        ax.set_ylabel("speedup  N x T(1) / T(N)")
        if threads[-1] / threads[0] >= 8:
            ax.set_xscale("log", base=2)
        ax.set_xticks(threads)
        ax.set_xticklabels([str(t) for t in threads])
        ax.set_ylim(0, top * 1.15)
        ax.grid(True, alpha=0.3)
    # Legend in build order, whichever panel drew a build first.
    order = [IDEAL_CPU % cores, IDEAL_IO] + [_label(b) for b in results["builds"]]
    keys = [k for k in order if k in handles]
    _frame(fig, "Speedup vs threads (weak scaling: every thread does the same work; "
           "higher is better)", [handles[k] for k in keys], keys)
    fig.subplots_adjust(hspace=0.75 / 3.3 * 2, wspace=0.28)
    _footnote(fig, results, _rounds_note(results))
    return _save(fig, plt, stem)


def overhead(results, stem):
    """Single-thread time of each build relative to the baseline, per script and geomean."""
    plt = _pyplot()
    cells = results_mod.index(results)
    base = results_mod.baseline_of(results)
    scripts = [s["name"] for s in results["scripts"]]
    others = [b for b in results["builds"] if b["name"] != base]
    geo = results.get("summary", {}).get("geomean_vs_baseline_1thread", {})
    groups = scripts + ["geomean"]
    colors = _colors(results)
    group_in = max(1.25, 0.45 * max(1, len(others)) + 0.5)  # room for a script name
    width_in = max(7.0, len(groups) * group_in + 1.5)
    fig, ax = plt.subplots(figsize=(width_in, 5.0))
    width = 0.8 / max(1, len(others))
    top = 1.0
    drawn = 0
    for i, b in enumerate(others):
        xs, ys, lo, hi = [], [], [], []
        for g, name in enumerate(groups):
            if name == "geomean":
                v, ci = geo.get(b["name"]), None
            else:
                r = cells.get((name, b["name"], 1))
                v = r.get("vs_baseline") if r else None
                ci = r.get("vs_baseline_ci95") if r else None
            x = g - 0.4 + width * (i + 0.5)
            if v is None:
                ax.text(x, 0.03, "n/a", ha="center", va="bottom", fontsize=7, rotation=90,
                        color="#777777")
                continue
            xs.append(x)
            ys.append(v)
            lo.append(max(0.0, v - ci[0]) if ci else 0.0)
            hi.append(max(0.0, ci[1] - v) if ci else 0.0)
        if not xs:
            continue
        drawn += len(xs)
        ax.bar(xs, ys, width * 0.92, color=colors[b["name"]], label=_label(b))
        bars = [(x, y, l, h) for x, y, l, h in zip(xs, ys, lo, hi) if l or h]
        if bars:  # the geomean has no interval: no empty caps on it
            bx, by, bl, bh = zip(*bars)
            ax.errorbar(bx, by, yerr=[bl, bh], fmt="none", ecolor="black", elinewidth=0.8,
                        capsize=2)
        for x, y, h in zip(xs, ys, hi):
            ax.text(x, y + h + 0.02, "%.2f" % y, ha="center", va="bottom", fontsize=7)
            top = max(top, y + h)
    ax.axhline(1.0, color="black", linestyle="--", linewidth=1.1,
               label="%s = 1.0 (baseline)" % base)
    if len(groups) > 1:
        ax.axvline(len(groups) - 1.5, color="#999999", linestyle=":", linewidth=1)
    ax.set_xticks(range(len(groups)))
    ax.set_xticklabels(groups)
    ax.set_xlim(-0.6, len(groups) - 0.4)
    ax.set_ylabel("time relative to %s, 1 thread (lower is faster)" % base)
    ax.set_ylim(0, top * 1.12)
    ax.grid(True, axis="y", alpha=0.3)
    if not others:
        ax.text(0.5, 0.5, "only %s ran: nothing to compare" % base, ha="center",
                transform=ax.transAxes)
    elif not drawn:
        ax.text(0.5, 0.5, "no ratio to show: %s or the other builds have no successful "
                "1-thread run\n(see the failed cells in the report)" % base, ha="center",
                va="center", transform=ax.transAxes, color="#b00020")
    handles, labels = ax.get_legend_handles_labels()
    _frame(fig, "Single-thread time relative to %s, per script and geometric mean" % base,
           handles, labels, bottom_in=0.9)
    _footnote(fig, results, _rounds_note(results))
    return _save(fig, plt, stem)


def draw_all(results, directory):
    """{"scaling": "scaling.svg", "overhead": "overhead.svg"} (names relative to directory)."""
    out = {}
    for key, fn in (("scaling", scaling), ("overhead", overhead)):
        paths = fn(results, os.path.join(directory, key))
        out[key] = os.path.basename(paths[0])
    return out
