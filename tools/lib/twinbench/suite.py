"""The benchmark scripts and the metadata in their header comments."""

import fnmatch
import os

HEADER_LINES = 10


class Script:
    def __init__(self, path, category="cpu", summary=""):
        self.path = path
        self.name = os.path.basename(path)
        self.category = category
        self.summary = summary

    def to_json(self):
        return {"name": self.name, "category": self.category, "summary": self.summary}


def read_header(path):
    """(category, first summary line) from the leading `#` comment block."""
    category = "cpu"
    summary = ""
    with open(path, encoding="utf-8") as f:
        for _ in range(HEADER_LINES):
            line = f.readline()
            if not line.startswith("#"):
                break
            body = line[1:].strip()
            if body.startswith("category:"):
                category = body[len("category:"):].strip()
            elif not summary and body and ":" in body:
                summary = body
    return category, summary


def discover(directory, patterns=()):
    """Scripts in directory, sorted; patterns are globs or substrings of the name."""
    names = sorted(n for n in os.listdir(directory) if n.endswith(".py"))
    if patterns:
        def wanted(n):
            return any(fnmatch.fnmatch(n, p) or p in n for p in patterns)
        names = [n for n in names if wanted(n)]
    scripts = []
    for n in names:
        path = os.path.join(directory, n)
        category, summary = read_header(path)
        scripts.append(Script(path, category, summary))
    return scripts
