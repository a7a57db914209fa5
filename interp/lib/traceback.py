"""Printing and formatting stacks and exceptions (twinpy, CPython's API)."""

import linecache
import sys


def _entry(filename, lineno, name, carets=""):
    text = '  File "' + filename + '", line ' + str(lineno) + ", in " + name + "\n"
    line = linecache.getline(filename, lineno).strip()
    if line:
        text += "    " + line + "\n"
        if carets:
            text += "    " + carets
    return text


class FrameSummary:
    def __init__(self, filename, lineno, name, line=None, carets=""):
        self.filename = filename
        self.lineno = lineno
        self.name = name
        self._line = line
        self._carets = carets  # marker line under the source, from a traceback

    @property
    def line(self):
        if self._line is None:
            self._line = linecache.getline(self.filename, self.lineno).strip()
        return self._line

    def __iter__(self):
        return iter((self.filename, self.lineno, self.name, self.line))

    def __repr__(self):
        return ("<FrameSummary file " + self.filename + ", line " +
                str(self.lineno) + " in " + self.name + ">")


def extract_stack(f=None, limit=None):
    if f is None:
        f = sys._getframe(1)
    entries = []
    while f is not None:
        entries.append(FrameSummary(f.f_code.co_filename, f.f_lineno, f.f_code.co_name))
        f = f.f_back
    entries.reverse()
    if limit is not None:
        entries = entries[-limit:]
    return entries


_RECURSIVE_CUTOFF = 3


def _repeated(count):
    count -= _RECURSIVE_CUTOFF
    return ("  [Previous line repeated " + str(count) + " more time" +
            ("s" if count > 1 else "") + "]\n")


def format_list(extracted):
    # Runs of the same frame line (recursion) print three times, then a count.
    result = []
    last = None
    count = 0
    for e in extracted:
        key = (e.filename, e.lineno, e.name)
        if key != last:
            if count > _RECURSIVE_CUTOFF:
                result.append(_repeated(count))
            last = key
            count = 0
        count += 1
        if count <= _RECURSIVE_CUTOFF:
            result.append(_entry(e.filename, e.lineno, e.name,
                                 getattr(e, "_carets", "")))
    if count > _RECURSIVE_CUTOFF:
        result.append(_repeated(count))
    return result


def format_stack(f=None, limit=None):
    if f is None:
        f = sys._getframe(1)
    return format_list(extract_stack(f, limit))


def print_stack(f=None, limit=None, file=None):
    if f is None:
        f = sys._getframe(1)
    if file is None:
        file = sys.stderr
    for line in format_stack(f, limit):
        file.write(line)


def extract_tb(tb, limit=None):
    entries = []
    while tb is not None:
        code = tb.tb_frame.f_code
        entries.append(FrameSummary(code.co_filename, tb.tb_lineno, code.co_name,
                                    carets=tb._twinpy_carets))
        tb = tb.tb_next
    if limit is not None:
        entries = entries[:limit]
    return entries


def format_tb(tb, limit=None):
    return format_list(extract_tb(tb, limit))


def format_exception_only(exc, value=None):
    if value is None and isinstance(exc, BaseException):
        value = exc
    if value is None:
        return [exc.__name__ + "\n"]
    text = str(value)
    name = type(value).__name__
    return [name + (": " + text if text else "") + "\n"]


def _chain(value, seen):
    lines = []
    if value.__cause__ is not None and id(value.__cause__) not in seen:
        seen.add(id(value.__cause__))
        lines += _chain(value.__cause__, seen)
        lines.append("\nThe above exception was the direct cause of the following exception:\n\n")
    elif value.__context__ is not None and id(value.__context__) not in seen:
        seen.add(id(value.__context__))
        lines += _chain(value.__context__, seen)
        lines.append("\nDuring handling of the above exception, another exception occurred:\n\n")
    if value.__traceback__ is not None:
        lines.append("Traceback (most recent call last):\n")
        lines += format_tb(value.__traceback__)
    lines += format_exception_only(value)
    return lines


def format_exception(exc, value=None, tb=None, limit=None, chain=True):
    if value is None and isinstance(exc, BaseException):
        value = exc
    if value is None:
        return format_exception_only(exc)
    return _chain(value, {id(value)})


def print_exception(exc, value=None, tb=None, limit=None, file=None, chain=True):
    if file is None:
        file = sys.stderr
    for line in format_exception(exc, value, tb, limit, chain):
        file.write(line)


def format_exc(limit=None, chain=True):
    value = sys.exc_info()[1]
    if value is None:
        return "NoneType: None\n"
    return "".join(format_exception(value))


def print_exc(limit=None, file=None, chain=True):
    if file is None:
        file = sys.stderr
    file.write(format_exc(limit, chain))
