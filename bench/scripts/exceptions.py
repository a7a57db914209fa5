# exceptions: raises and handles exceptions in a hot loop: custom exception
# classes caught by base class through several frames, try/finally cleanup,
# with-statement context managers that suppress errors, KeyError/IndexError
# from failed lookups and re-raising. Measures the unwinding machinery.
# category: cpu
# usage: exceptions.py [threads=1] [n=300000]
import sys
import time
from _harness import agreed, parse_args, run_workers


class AppError(Exception):
    pass


class NotFound(AppError):
    def __init__(self, key):
        super().__init__("missing %s" % key)
        self.key = key


class Invalid(AppError):
    pass


class Suppress:
    """Context manager that swallows AppError and counts it."""

    def __init__(self, log):
        self.log = log

    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        if kind is not None and issubclass(kind, AppError):
            self.log[0] += 1
            return True
        return False


TABLE = {i: i * i for i in range(0, 64, 3)}


def lookup(key):
    try:
        return TABLE[key]
    except KeyError:
        raise NotFound(key) from None


def validate(value):
    if value % 5 == 0:
        raise Invalid("multiple of five")
    return value


def middle(i, cleanups):
    try:
        return validate(lookup(i % 64))
    finally:
        cleanups[0] += 1


def work(n):
    found = missing = invalid = 0
    cleanups = [0]
    suppressed = [0]
    indexes = 0
    items = [1, 2, 3]
    for i in range(n):
        try:
            middle(i, cleanups)
            found += 1
        except NotFound as e:
            missing += e.key & 1
        except AppError:
            invalid += 1
        with Suppress(suppressed):
            if i % 7 == 0:
                raise Invalid("seven")
        try:
            items[i % 5]
        except IndexError:
            indexes += 1
        if i % 1000 == 0:
            try:
                try:
                    raise ValueError(i)
                except ValueError:
                    raise
            except ValueError as e:
                indexes += e.args[0] % 2
    return found, missing, invalid, cleanups[0], suppressed[0], indexes


def main():
    threads, n = parse_args(300000)
    results, elapsed = run_workers(threads, work, (n,))
    print("exceptions", n, "=", agreed(results))
    print("elapsed %.6f" % elapsed)


main()
