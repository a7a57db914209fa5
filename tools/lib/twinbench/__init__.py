"""twinbench: the engine behind tools/compare.

One run = one script under one build at one thread count, one repetition;
a cell = all repetitions of one (script, build, threads). One concern per
module:

  cli            command line and the order of the steps
  builds         what runs: variants from variants.bzl, python3, --ref
  probe          each build's version, GIL mode, compiler; start-up time
  machine        the machine block (CPU, cores, kernel, compiler, commit)
  suite          which scripts
  runner         one run, its output protocol, the output check
  schedule       default thread counts, rounds and the time budget
  plan           the interleaved matrix and each cell's status
  progress       the progress line and time left
  stats          medians, bootstrap intervals, outliers
  distributions  normal, Student's t, Mann-Whitney U null distribution
  significance   two-sample tests for --compare-to
  results        results.json / results.csv: assemble, derive, write, load
  schema         the shape of results.json, checked
  tables         report tables as data
  report_text, report_md, report_html   the same tables laid out
  charts         scaling and overhead charts (matplotlib)
  compare_to     old vs new results

Standard library only, except matplotlib for the charts.
"""
