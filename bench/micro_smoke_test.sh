#!/bin/sh
# Runs the micro binary briefly and checks that its JSON names every
# mechanism. Usage: micro_smoke_test.sh path/to/micro
set -eu
micro=$1
out=$(mktemp "${TEST_TMPDIR:-/tmp}/micro.XXXXXX")
"$micro" --benchmark_min_time=0.001 --benchmark_filter='refcount|alloc|gil' \
  --benchmark_format=json >"$out"
status=0
for name in '"name": "BM_refcount_' '"name": "BM_alloc_' '"name": "BM_gil_' \
    '"benchmarks": \['; do
  if ! grep -q "$name" "$out"; then
    echo "missing in output: $name" >&2
    status=1
  fi
done
# Google Benchmark reports a failed state.SkipWithError this way.
if grep -q '"error_occurred": true' "$out"; then
  echo "a benchmark reported an error" >&2
  status=1
fi
rm -f "$out"
exit $status
