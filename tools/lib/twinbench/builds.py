"""The interpreters a comparison runs: twinpy variants and reference Pythons."""

import os
import re
import shutil
import subprocess

ORACLE = "python3"  # the default reference; when present, every build's output must match it
BASELINE = "gil"    # overhead and ratios are relative to this build when it runs


class Build:
    """A named interpreter. kind is "variant" (a twinpy build) or "ref"."""

    def __init__(self, name, path, kind, flags=None):
        self.name = name
        self.path = path
        self.kind = kind
        self.flags = flags or {}
        # Filled in by probe.describe() before the matrix runs.
        self.version = ""
        self.gil_enabled = None
        self.compiler = ""
        self.startup = None
        self.sha256 = ""  # of the executable when the run started
        self.changed_during_run = False

    def available(self):
        if os.sep in self.path:
            return os.access(self.path, os.X_OK)
        return shutil.which(self.path) is not None

    def to_json(self):
        return {"name": self.name, "path": self.path, "kind": self.kind, "flags": self.flags,
                "version": self.version, "gil_enabled": self.gil_enabled,
                "compiler": self.compiler, "startup": self.startup, "sha256": self.sha256,
                "changed_during_run": self.changed_during_run}


def read_variants(root):
    """VARIANTS from variants.bzl as {name: {choice: int}}, in declaration order.

    Parsed as text (each entry is `"name": dict(k = v, ...)` on one line) so a
    new variant shows up in the comparison with no change here.
    """
    with open(os.path.join(root, "variants.bzl"), encoding="utf-8") as f:
        text = f.read()
    block = re.search(r"^VARIANTS\s*=\s*\{(.*?)^\}", text, re.S | re.M)
    if not block:
        raise ValueError("variants.bzl: no VARIANTS = {...} block")
    variants = {}
    for m in re.finditer(r'"([\w.-]+)"\s*:\s*dict\(([^)]*)\)', block.group(1)):
        flags = {}
        for k, v in re.findall(r"(\w+)\s*=\s*(-?\d+)", m.group(2)):
            flags[k] = int(v)
        variants[m.group(1)] = flags
    return variants


def default_oracle_path():
    if os.path.exists("/usr/bin/python3"):
        return "/usr/bin/python3"
    return shutil.which("python3") or "python3"


def parse_assignment(text):
    """'NAME=PATH' -> (NAME, PATH)."""
    if "=" not in text:
        raise ValueError("expected NAME=PATH, got %r" % text)
    name, path = text.split("=", 1)
    if not name or not path:
        raise ValueError("expected NAME=PATH, got %r" % text)
    return name, path


def resolve(path):
    return os.path.abspath(path) if os.sep in path else path


def assemble(root, overrides=(), refs=(), with_python3=True):
    """Every variant (bazel-bin/interp/twinpy-NAME), then python3, then refs.

    overrides: (name, path) pairs replacing a variant's binary or adding a
    build of kind "variant" (useful before the binaries exist, or to compare
    an older build). refs: (name, path) pairs of extra reference interpreters.
    """
    builds = []
    overrides = dict(overrides)
    for name, flags in read_variants(root).items():
        path = overrides.pop(name, os.path.join(root, "bazel-bin", "interp", "twinpy-" + name))
        builds.append(Build(name, resolve(path), "variant", flags))
    for name, path in overrides.items():
        if name == ORACLE:
            continue
        builds.append(Build(name, resolve(path), "variant"))
    oracle_path = dict(refs).get(ORACLE) or overrides.get(ORACLE)
    if oracle_path or with_python3:
        builds.append(Build(ORACLE, resolve(oracle_path or default_oracle_path()), "ref"))
    for name, path in refs:
        if name != ORACLE:
            builds.append(Build(name, resolve(path), "ref"))
    return builds


def bazel_build(root, targets=("//interp:all",), extra=()):
    """Builds the interpreters; returns Bazel's exit code."""
    cmd = ["bazel", "build"] + list(extra) + ["--"] + list(targets)
    return subprocess.call(cmd, cwd=root, stdin=subprocess.DEVNULL)
