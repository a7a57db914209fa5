"""Source lines of files, cached (written for twinpy, CPython's API)."""

_cache = {}


def getlines(filename, module_globals=None):
    if filename in _cache:
        return _cache[filename]
    try:
        with open(filename) as f:
            lines = f.readlines()
    except (OSError, TypeError, ValueError):
        lines = []
    _cache[filename] = lines
    return lines


def getline(filename, lineno, module_globals=None):
    lines = getlines(filename, module_globals)
    if 1 <= lineno <= len(lines):
        return lines[lineno - 1]
    return ""


def clearcache():
    _cache.clear()


def checkcache(filename=None):
    pass
