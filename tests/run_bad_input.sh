#!/usr/bin/env bash
# Bazel test wrapper for tests/run_bad_input.py (Debian's CPython runs it).
set -euo pipefail
exec /usr/bin/python3 tests/run_bad_input.py "$@"
