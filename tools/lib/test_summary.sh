#!/usr/bin/env bash
# Reads a `bazel test` log and prints "N passed, N failed" from the per-target
# result lines, e.g.
#   //tests:scripts_test_gil        PASSED in 1.2s
#   //tests:scripts_test_ft         (cached) PASSED in 1.3s
#   //tests:alloc_test_ft           FAILED in 0.4s
#   //tests:broken                  FAILED TO BUILD
#   //tests:later                   NO STATUS
# FLAKY (failed, then passed on retry) counts as passed; every other status
# (FAILED, TIMEOUT, FAILED TO BUILD, NO STATUS, INCOMPLETE, SKIPPED, ...)
# counts as failed, since the test did not show that it passes.
#
# Usage: test_summary.sh LOG [BAZEL_EXIT_CODE]
# When Bazel failed but no test is listed as failed (a target that does not
# even analyse is not listed at all), the build itself counts as one failure,
# so the closing line never reads "0 failed" for a failed run.
set -euo pipefail
log="${1:--}"
status="${2:-0}"

# Strip colour/cursor escapes first: with --color=yes the status is wrapped.
sed -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' -e 's/\r/\n/g' "$log" | awk '
  /^(@[A-Za-z0-9_.~-]*)?\/\/[^ \t]*[ \t]+/ {
    rest = $0
    sub(/^[^ \t]+[ \t]+/, "", rest)
    sub(/^\(cached\)[ \t]+/, "", rest)
    if (rest ~ /^(PASSED|FLAKY)/) { passed++; next }
    if (rest ~ /^(FAILED|TIMEOUT|NO STATUS|INCOMPLETE|SKIPPED|REMOTE FAILURE)/) { failed++; next }
  }
  END {
    if (status != 0 && failed == 0) {
      printf "(bazel exited %d with no failed test listed: counting the build as 1 failure)\n", status
      failed = 1
    }
    printf "%d passed, %d failed\n", passed, failed
  }
' status="$status"
