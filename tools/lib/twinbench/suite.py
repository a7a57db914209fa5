"""The benchmark scripts and the metadata in their header comments.

A script starts with a `#` comment block: what it measures (prose), then
`# category: NAME`, `# usage: ...`, and optionally `# quick: [ARGS]`, which
puts the script in the --quick suite and gives the arguments after the
thread count that --quick passes instead of the script's defaults (a
smaller scale, so the quick run stays quick; none means the defaults).
"""

import fnmatch
import os

HEADER_LINES = 12


class Script:
    def __init__(self, path, category="cpu", summary="", quick_args=None):
        self.path = path
        self.name = os.path.basename(path)
        self.category = category
        self.summary = summary
        self.quick = quick_args is not None  # has a `# quick:` line
        self.quick_args = list(quick_args or [])
        self.args = []  # what follows the thread count on the command line

    def to_json(self):
        return {"name": self.name, "category": self.category, "summary": self.summary,
                "args": self.args}


def read_header(path):
    """(category, summary, quick args) from the leading `#` comment block.

    The summary is the prose before the `category:`, `usage:` and `quick:`
    lines, joined into one line.
    """
    category = "cpu"
    prose = []
    quick = None
    with open(path, encoding="utf-8") as f:
        for _ in range(HEADER_LINES):
            line = f.readline()
            if not line.startswith("#"):
                break
            body = line[1:].strip()
            if body.startswith("category:"):
                category = body[len("category:"):].strip()
            elif body.startswith("quick:"):
                quick = body[len("quick:"):].split()
            elif body.startswith("usage:"):
                continue
            elif body:
                prose.append(body)
    return category, " ".join(prose), quick


def discover(directory, patterns=(), quick=False):
    """Scripts in directory, sorted; patterns are globs or substrings of the name.

    With quick, each script gets its `# quick:` arguments (if any).
    """
    # Names starting with "_" are helpers the scripts import, not benchmarks.
    names = sorted(n for n in os.listdir(directory)
                   if n.endswith(".py") and not n.startswith("_"))
    if patterns:
        def wanted(n):
            return any(fnmatch.fnmatch(n, p) or p in n for p in patterns)
        names = [n for n in names if wanted(n)]
    scripts = []
    for n in names:
        path = os.path.join(directory, n)
        category, summary, quick_args = read_header(path)
        script = Script(path, category, summary, quick_args)
        if quick:
            script.args = list(script.quick_args)
        scripts.append(script)
    return scripts


def quick_selection(scripts):
    """(the --quick suite, how it was chosen).

    The scripts with a `# quick:` line when any has one; otherwise the first
    script (by name) of each category, so every kind of workload shows up.
    """
    marked = [s for s in scripts if s.quick]
    if marked:
        return marked, "the scripts with a `# quick:` header line"
    seen = set()
    chosen = []
    for s in scripts:
        if s.category not in seen:
            seen.add(s.category)
            chosen.append(s)
    return chosen, ("the first script of each category (no script has a `# quick:` "
                    "header line)")
