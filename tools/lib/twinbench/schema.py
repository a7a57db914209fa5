"""The shape of results.json, as a small checker (no jsonschema package).

A spec is a Python type (or tuple of types), a list [spec] (every item
matches spec), a dict {key: spec} (those keys required; other keys allowed),
a set of allowed literal values, or a function returning an error or None.
`check` returns every mismatch as "path: problem", so a test can show them.
"""

from . import results as results_mod

NUM = (int, float)
OPT_NUM = (int, float, type(None))
OPT_STR = (str, type(None))


def _pair_or_none(value, path):
    if value is None:
        return None
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(v, NUM) and not isinstance(v, bool) for v in value)):
        return "%s: expected [low, high] numbers or null, got %r" % (path, value)
    if value[0] > value[1] + 1e-12:
        return "%s: low %r above high %r" % (path, value[0], value[1])
    return None


def _dict_of(spec):
    def check_values(value, path):
        if not isinstance(value, dict):
            return "%s: expected an object" % path
        errors = []
        for k, v in value.items():
            errors += check(v, spec, "%s.%s" % (path, k))
        return errors or None
    return check_values


STARTUP = {"status": {"ok", "failed"}, "times": [NUM]}

BUILD = {
    "name": str, "path": str, "kind": {"variant", "ref"}, "flags": _dict_of(int),
    "version": str, "gil_enabled": (bool, type(None)), "compiler": str,
    "startup": lambda v, p: None if v is None else check(v, STARTUP, p) or None,
    "sha256": str, "changed_during_run": bool,
}

MACHINE = {
    "cpu": str, "cores": int, "kernel": str, "arch": str, "compiler": str,
    "commit": str, "dirty": bool, "variants": _dict_of(_dict_of(int)),
}

RUN = {
    "script": str, "build": str, "threads": int,
    "status": set(results_mod.STATUSES), "reason": OPT_STR,
    "times": [NUM], "wall": [NUM], "n": int,
    "median": OPT_NUM, "mean": OPT_NUM, "stdev": OPT_NUM, "min": OPT_NUM, "max": OPT_NUM,
    "ci95": _pair_or_none, "outliers": [int],
    "speedup": OPT_NUM, "speedup_ci95": _pair_or_none,
    "vs_baseline": OPT_NUM, "vs_baseline_ci95": _pair_or_none,
    "stats": _dict_of([NUM]),
}

RESULTS = {
    "schema": {results_mod.SCHEMA}, "tool": str, "date": str,
    "machine": MACHINE,
    "config": {"threads": [int], "rounds": int, "baseline": OPT_STR},
    "builds": [BUILD],
    "scripts": [{"name": str}],
    "runs": [RUN],
    "attempts": [{"script": str, "build": str, "threads": int, "round": int, "ok": bool}],
    "summary": {"baseline": OPT_STR, "geomean_vs_baseline_1thread": dict, "cells": dict},
}


def check(value, spec, path="$"):
    if callable(spec) and not isinstance(spec, type):
        problem = spec(value, path)
        if problem is None:
            return []
        return problem if isinstance(problem, list) else [problem]
    if isinstance(spec, set):
        if value in spec:
            return []
        return ["%s: %r not one of %s" % (path, value, sorted(spec, key=str))]
    if isinstance(spec, list):
        if not isinstance(value, list):
            return ["%s: expected a list, got %s" % (path, type(value).__name__)]
        errors = []
        for i, item in enumerate(value):
            errors += check(item, spec[0], "%s[%d]" % (path, i))
        return errors
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            return ["%s: expected an object, got %s" % (path, type(value).__name__)]
        errors = []
        for key, sub in spec.items():
            if key not in value:
                errors.append("%s: missing key %r" % (path, key))
            else:
                errors += check(value[key], sub, "%s.%s" % (path, key))
        return errors
    # A type or tuple of types; bool is not a number here.
    types = spec if isinstance(spec, tuple) else (spec,)
    if isinstance(value, bool) and bool not in types:
        return ["%s: expected %s, got bool" % (path, "/".join(t.__name__ for t in types))]
    if not isinstance(value, types):
        return ["%s: expected %s, got %s" % (
            path, "/".join(t.__name__ for t in types), type(value).__name__)]
    return []


def consistency(results):
    """Rules across fields: an ok run has times and a median inside [min, max];
    a failed or not-run cell has a reason and no times; one record per cell."""
    errors = []
    seen = set()
    for i, r in enumerate(results.get("runs", [])):
        path = "$.runs[%d]" % i
        key = (r.get("script"), r.get("build"), r.get("threads"))
        if key in seen:
            errors.append("%s: duplicate cell %r" % (path, key))
        seen.add(key)
        if r.get("status") == "ok":
            if not r.get("times") or r.get("n") != len(r["times"]):
                errors.append("%s: ok but n=%r for %d times"
                              % (path, r.get("n"), len(r.get("times") or [])))
            elif not r["min"] <= r["median"] <= r["max"]:
                errors.append("%s: median outside [min, max]" % path)
        else:
            if not r.get("reason"):
                errors.append("%s: %s without a reason" % (path, r.get("status")))
            if r.get("times"):
                errors.append("%s: %s but has times" % (path, r.get("status")))
    return errors


def validate(results):
    """Every schema and consistency error of a results dict ([] when valid)."""
    return check(results, RESULTS) + consistency(results)
