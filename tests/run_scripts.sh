#!/usr/bin/env bash
# Bazel test wrapper: runs tests/run_scripts.py under Debian's CPython, which is
# also the oracle. Bazel starts tests in the runfiles root, where the
# interpreter ($(location ...) in args) and tests/scripts/ are laid out.
set -euo pipefail
exec /usr/bin/python3 tests/run_scripts.py "$@"
