"""tools/compare: build every twinpy variant and compare them.

Builds every variant with Bazel (bazel-bin/interp/twinpy-NAME for each entry
of VARIANTS in variants.bzl), then times every bench/scripts/*.py under each
variant, under python3 and under any --ref interpreter, at each thread count
(the script's first argument). A script times its own work and prints
`elapsed SECONDS` last, so interpreter start-up is excluded; start-up is
measured apart (`-c pass`). A run that exits non-zero, or whose output
differs from python3's, is reported as failed, not timed; a script that
exits 2 for a thread count it does not support yet is reported as not run.

Statistics: warm-up runs, then rounds with the builds interleaved in a
rotating order (at least a minimum number; more while they fit the time
budget); per cell the median, min/max, a 95% bootstrap confidence
interval of the median, and outliers (1.5 IQR) flagged. Output goes to
--out DIR (default results/<timestamp>/, also linked as results/latest):
results.json, results.csv, scaling.svg/.png, overhead.svg/.png, stats.csv
(when scripts print `stat NAME VALUE` lines), report.html (self-contained)
and report.md.

examples:
  tools/compare                          # build, then every script, rounds within 18 min
  tools/compare --quick                  # a few scripts, few rounds: under 3 min
  tools/compare --no-build --scripts fib --threads 1,2,8
  tools/compare --ref py313t=/opt/python3.13t/bin/python3.13t
  tools/compare --quick --compare-to results/OLD/results.json
  tools/compare --compare-to results/OLD --new results/latest   # no runs
  tools/compare --report-from results/latest                    # redraw charts and reports
"""

import argparse
import datetime
import os
import subprocess
import sys
import time

from . import builds as builds_mod
from . import (charts, compare_to, machine, plan, probe, report_html, report_md, report_text,
               results as results_mod, schedule, schema, stats, suite, tables)
from .progress import Progress, fmt_duration


def log(message):
    print("compare: " + message, file=sys.stderr, flush=True)


def parse_args(argv, root):
    doc = __doc__.split("\n\n")
    p = argparse.ArgumentParser(prog="tools/compare", description="\n\n".join(doc[:3]),
                                epilog=doc[-1],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    run = p.add_argument_group("what runs")
    run.add_argument("--no-build", action="store_true",
                     help="use the binaries already in bazel-bin "
                     "(no package check, no bazel build)")
    run.add_argument("--quick", action="store_true",
                     help="%d-%d rounds, time budget %.0f s, %.0f s timeout per run; only "
                     "the scripts with a `# quick: [ARGS]` header line, run with those ARGS "
                     "(else the first script of each category)"
                     % (schedule.QUICK.min_rounds, schedule.QUICK.max_rounds,
                        schedule.QUICK.budget, schedule.QUICK.timeout))
    run.add_argument("--threads", metavar="LIST",
                     help="comma-separated thread counts (1 is always added); default 1, 2, 4, "
                     "... up to the core count, plus 2 x cores")
    run.add_argument("--scripts", action="append", default=[], metavar="PATTERN",
                     help="only scripts whose name matches (glob or substring; repeatable)")
    run.add_argument("--builds", default="", metavar="LIST",
                     help="only these builds (comma-separated names, e.g. gil,ft,python3)")
    run.add_argument("--build", action="append", default=[], metavar="NAME=PATH",
                     help="use PATH for variant NAME, or add a build; repeatable")
    run.add_argument("--ref", action="append", default=[], metavar="NAME=PATH",
                     help="add a reference interpreter (e.g. a CPython 3.13t); repeatable")
    run.add_argument("--bench-dir", default=os.path.join(root, "bench", "scripts"),
                     help="where the scripts are (default bench/scripts)")
    run.add_argument("--bazel-arg", action="append", default=[], metavar="ARG",
                     help="extra argument for `bazel build` (e.g. --config=asan)")
    st = p.add_argument_group("statistics")
    st.add_argument("--repeat", type=int, metavar="N",
                    help="exactly N timed rounds (overrides the time budget)")
    st.add_argument("--budget", type=float, metavar="SECONDS",
                    help="stop adding rounds (past the minimum) when the next would end after "
                    "this many seconds from the start (default %.0f; --quick %.0f)"
                    % (schedule.FULL.budget, schedule.QUICK.budget))
    st.add_argument("--warmups", type=int, default=1, metavar="N",
                    help="untimed runs per script and build before timing (default 1)")
    st.add_argument("--startup-reps", type=int, metavar="N",
                    help="timed `-c pass` runs per build (default %d; --quick %d)"
                    % (schedule.FULL.startup_reps, schedule.QUICK.startup_reps))
    st.add_argument("--timeout", type=float, metavar="SECONDS",
                    help="per run (default %.0f; --quick %.0f)"
                    % (schedule.FULL.timeout, schedule.QUICK.timeout))
    out = p.add_argument_group("output")
    out.add_argument("--out", metavar="DIR", help="output directory (default results/<timestamp>/)")
    out.add_argument("--compare-to", metavar="OLD",
                     help="after the run, print the change of every cell against OLD "
                     "(a results.json or its directory), with significance")
    out.add_argument("--new", metavar="NEW",
                     help="with --compare-to: compare OLD with this results.json; nothing runs")
    out.add_argument("--report-from", metavar="RESULTS",
                     help="redraw charts and reports from a results.json (into --out, default "
                     "its directory); nothing runs")
    opts = p.parse_args(argv)
    profile = schedule.QUICK if opts.quick else schedule.FULL
    opts.profile = profile
    opts.budget = profile.budget if opts.budget is None else opts.budget
    opts.timeout = profile.timeout if opts.timeout is None else opts.timeout
    opts.startup_reps = profile.startup_reps if opts.startup_reps is None else opts.startup_reps
    if opts.repeat is not None and opts.repeat < 1:
        p.error("--repeat must be at least 1")
    if opts.warmups < 0 or opts.startup_reps < 0:
        p.error("--warmups and --startup-reps cannot be negative")
    if opts.new and not opts.compare_to:
        p.error("--new needs --compare-to OLD")
    try:
        opts.threads = schedule.parse_threads(opts.threads) if opts.threads else None
        opts.build = [builds_mod.parse_assignment(b) for b in opts.build]
        opts.ref = [builds_mod.parse_assignment(r) for r in opts.ref]
    except ValueError as e:
        p.error(str(e))
    return opts


def prepare(opts, root):
    """Packages and `bazel build`; returns 0 or the failing exit code."""
    if opts.no_build:
        return 0
    code = subprocess.call([os.path.join(root, "tools", "lib", "ensure_packages.sh")],
                           stdin=subprocess.DEVNULL)
    if code != 0:
        return code
    log("bazel build //interp:all")
    code = builds_mod.bazel_build(root, extra=opts.bazel_arg)
    if code != 0:
        log("bazel build failed (exit %d)" % code)
    return code


def select_builds(opts, root):
    """The builds to run, or None (after saying why) when the selection is wrong."""
    all_builds = builds_mod.assemble(root, opts.build, opts.ref)
    wanted = [n.strip() for n in opts.builds.split(",") if n.strip()]
    if wanted:
        unknown = set(wanted) - {b.name for b in all_builds}
        if unknown:
            log("unknown build(s): %s (known: %s)" % (
                ", ".join(sorted(unknown)), ", ".join(b.name for b in all_builds)))
            return None
        all_builds = [b for b in all_builds if b.name in wanted]
    chosen = []
    for b in all_builds:
        if b.available():
            chosen.append(b)
        elif b.kind == "ref" and b.name == builds_mod.ORACLE and not wanted:
            log("no python3 at %s: outputs are checked against the first build instead" % b.path)
        else:
            hint = "" if b.kind == "ref" else " (build it, or pass --build NAME=PATH)"
            log("skipping %s: %s is not there or not executable%s" % (b.name, b.path, hint))
    if not chosen:
        log("no build to run")
        return None
    return chosen


def default_out(root):
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    return os.path.join(root, "results", stamp)


def link_latest(out_dir):
    """results/latest -> the newest default output directory."""
    link = os.path.join(os.path.dirname(out_dir), "latest")
    try:
        if os.path.islink(link):
            os.unlink(link)
        if not os.path.exists(link):
            os.symlink(os.path.basename(out_dir), link)
    except OSError:
        pass


def report_title(results):
    return "twinpy: " + " vs ".join(b["name"] for b in results["builds"])


def render_outputs(results, directory):
    """Writes everything but results.json into directory; returns the file names."""
    os.makedirs(directory, exist_ok=True)
    files = []
    results_mod.write_csv(os.path.join(directory, "results.csv"), results)
    files.append("results.csv")
    if results_mod.write_stats_csv(os.path.join(directory, "stats.csv"), results):
        files.append("stats.csv")
    drawn = {}
    if charts.available():
        drawn = charts.draw_all(results, directory)
        for key in drawn:
            files += ["%s.%s" % (key, fmt) for fmt in charts.FORMATS]
    else:
        log("matplotlib is missing (Debian: python3-matplotlib): no charts")
    title = report_title(results)
    with open(os.path.join(directory, "report.md"), "w", encoding="utf-8") as f:
        f.write(report_md.render(results, drawn, title))
    with open(os.path.join(directory, "report.html"), "w", encoding="utf-8") as f:
        f.write(report_html.render(results, drawn, directory, title))
    return files + ["report.md", "report.html"]


def print_summary(results):
    shown = [tables.single_thread(results), tables.scaling(results), tables.problems(results),
             tables.gil_stats(results), tables.startup(results)]
    print(report_text.render_all(shown))
    print()
    print(tables.overhead_summary(results))


def show_path(path):
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def load_results(path):
    """A results dict, or None after saying why it cannot be read."""
    try:
        return results_mod.load(path)
    except (OSError, ValueError) as e:  # json errors are ValueErrors
        log("cannot read results from %s: %s" % (path, e))
        return None


def print_compare(old, new):
    text = report_text.render(compare_to.compare(old, new))
    print(text)
    return text


def make_policy(opts, started):
    if opts.repeat:
        return schedule.RoundPolicy(opts.repeat, opts.repeat, None, started)
    return schedule.RoundPolicy(opts.profile.min_rounds, opts.profile.max_rounds,
                                opts.budget, started)


def run_config(opts, matrix):
    """The `config` block of results.json: how this run was made."""
    policy = matrix.policy
    return {
        "quick": opts.quick, "threads": matrix.threads, "min_rounds": policy.min_rounds,
        "max_rounds": policy.max_rounds, "budget_s": policy.budget, "warmups": opts.warmups,
        "timeout_s": opts.timeout, "startup_reps": opts.startup_reps,
        "bench_dir": opts.bench_dir, "scripts_filter": opts.scripts, "argv": opts.argv,
        "selection": opts.selection,
        "ci": stats.CI_METHOD, "outliers": stats.OUTLIER_RULE, "speedup": "N x T(1) / T(N)",
        "baseline": builds_mod.BASELINE, "interrupted": matrix.interrupted,
    }


def measure(opts, builds, scripts, threads, started):
    """Start-up times, then the matrix; returns the executed plan.Matrix."""
    matrix = plan.Matrix(scripts, builds, threads, make_policy(opts, started), opts.warmups,
                         opts.timeout)
    log("%d script(s) x %d build(s) [%s] x threads %s; %d warm-up(s), then %s round(s)"
        % (len(scripts), len(builds), ", ".join(b.name for b in builds),
           ",".join(map(str, threads)), opts.warmups,
           opts.repeat or "%d-%d" % (matrix.policy.min_rounds, matrix.policy.max_rounds)))
    progress = Progress(matrix)
    if opts.startup_reps:
        probe.measure_startup(builds, opts.startup_reps, progress=lambda name, rnd: progress.show(
            "[start-up] %s -c pass %d/%d" % (name, rnd, opts.startup_reps)))
    matrix.execute(progress)
    progress.close()
    if matrix.interrupted:
        log("interrupted in round %d: reporting the runs that finished" % matrix.rounds)
    return matrix


def run_matrix(opts, root, started):
    old = None
    if opts.compare_to:  # read it now: a typo should not cost a whole run
        old = load_results(opts.compare_to)
        if old is None:
            return 2
    builds = select_builds(opts, root)
    if builds is None:
        return 2
    scripts = suite.discover(opts.bench_dir, opts.scripts, quick=opts.quick)
    if not scripts:
        log("no scripts match in %s" % opts.bench_dir)
        return 2
    opts.selection = "--scripts " + " ".join(opts.scripts) if opts.scripts else "all scripts"
    if opts.quick and not opts.scripts:
        scripts, opts.selection = suite.quick_selection(scripts)
        log("--quick runs %s: %s" % (opts.selection, ", ".join(s.name for s in scripts)))
    for b in builds:
        probe.describe(b)
    mach = machine.describe(root, builds)
    threads = opts.threads or schedule.default_threads(mach["cores"])
    out_dir = os.path.abspath(opts.out or default_out(root))
    os.makedirs(out_dir, exist_ok=True)
    date = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    matrix = measure(opts, builds, scripts, threads, started)
    for b in probe.check_unchanged(builds):
        log("WARNING: %s (%s) changed during the run (rebuilt?): its times mix two binaries"
            % (b.name, b.path))
    results = results_mod.assemble(matrix, mach, run_config(opts, matrix), date,
                                   time.monotonic() - started)
    problems = schema.validate(results)
    if problems:  # a bug in this tool; the data is still written for inspection
        log("results.json does not match its schema: " + "; ".join(problems[:5]))
    results_mod.write_json(os.path.join(out_dir, "results.json"), results)
    files = ["results.json"] + render_outputs(results, out_dir)
    if not opts.out:
        link_latest(out_dir)
    print_summary(results)
    if old is not None:
        print()
        with open(os.path.join(out_dir, "compare.txt"), "w", encoding="utf-8") as f:
            f.write(print_compare(old, results) + "\n")
        files.append("compare.txt")
    print()
    print("%d round(s) in %s; files in %s: %s" % (
        matrix.rounds, fmt_duration(time.monotonic() - started), show_path(out_dir),
        ", ".join(files)))
    if matrix.interrupted:
        return 130
    return 1 if results["summary"]["cells"]["failed"] else 0


def main(argv, root):
    started = time.monotonic()
    opts = parse_args(argv, root)
    opts.argv = list(argv)
    if opts.compare_to and opts.new:
        old, new = load_results(opts.compare_to), load_results(opts.new)
        if old is None or new is None:
            return 2
        print_compare(old, new)
        return 0
    if opts.report_from:
        results = load_results(opts.report_from)
        if results is None:
            return 2
        src = opts.report_from
        directory = opts.out or (
            src if os.path.isdir(src) else os.path.dirname(os.path.abspath(src)))
        files = render_outputs(results, directory)
        print_summary(results)
        print("\nfiles in %s: %s" % (show_path(directory), ", ".join(files)))
        return 0
    try:
        code = prepare(opts, root)
        if code != 0:
            return code
        return run_matrix(opts, root, started)
    except KeyboardInterrupt:  # outside the matrix (build, probes, start-up)
        log("interrupted")
        return 130
