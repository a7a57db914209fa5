#!/usr/bin/env bash
# Bazel test wrapper: the tools/compare tests under Debian's CPython. Bazel
# starts tests in the runfiles root, where tools/ and variants.bzl are laid out.
set -euo pipefail
exec /usr/bin/python3 -m unittest discover -s tools/tests -t tools/tests -v "$@"
