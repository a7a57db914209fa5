#!/usr/bin/env bash
# Makes sure the Debian packages the build needs are installed.
# Used by tools/test and tools/compare, so a fresh Debian 12 machine needs no
# manual set-up: as root it installs what is missing; as anyone else it prints
# the one command to run and fails, because a half-set-up build only confuses.
#
# Usage: tools/lib/ensure_packages.sh [--check] [--fuzz]
#   --check: report, never install
#   --fuzz:  also what tools/fuzz needs (clang, its libFuzzer and sanitizer
#            runtimes, make); the normal build and tests do not need them.
set -euo pipefail

PACKAGES=(
  bazel-bootstrap
  libabsl-dev
  libmimalloc-dev
  libgmp-dev
  libgtest-dev
  libbenchmark-dev
  python3-matplotlib
)

FUZZ_PACKAGES=(
  clang
  libclang-rt-14-dev
  make
)

check_only=0
for arg in "$@"; do
  case "$arg" in
    --check) check_only=1 ;;
    --fuzz) PACKAGES+=("${FUZZ_PACKAGES[@]}") ;;
    *) echo "ensure_packages.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

missing=()
for pkg in "${PACKAGES[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
  if [[ "$status" != "install ok installed" ]]; then
    missing+=("$pkg")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

echo "twinpy: missing Debian packages: ${missing[*]}" >&2
if [[ $check_only -eq 1 ]]; then
  exit 1
fi

if [[ "$(id -u)" -ne 0 ]]; then
  echo "twinpy: not root, so not installing; run (after 'sudo apt-get update' if the lists are old):" >&2
  echo "sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update </dev/null
apt-get install -y "${missing[@]}" </dev/null
