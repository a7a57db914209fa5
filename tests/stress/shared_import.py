# Stress: 8 threads import the same modules at once (a module next to the
# script, a package's submodule, modules importing each other, embedded
# modules). Each body runs once, and nobody gets a half-initialised module
# except through a circular import, as in CPython.
import os
import sys
import threading

THREADS = 8
root = os.path.join(os.environ.get("TEST_TMPDIR", "/tmp"),
                    "shared_import_%d" % os.getpid())
os.mkdir(root)
sys.path.insert(0, root)
sys.import_log = []

# Each body logs its run, takes a while (so the importers overlap), and
# defines DONE last.
BODY = """import sys, time
sys.import_log.append(__name__)
total = 0
for i in range(3000):
    total += i
time.sleep(0.02)
DONE = True
"""
files = {
    "plain_mod.py": BODY,
    "pkg_mod/__init__.py": BODY,
    "pkg_mod/sub.py": "from pkg_mod import DONE as PARENT_DONE\n" + BODY,
    # Each imports the other after a pause, so the threads that start with
    # cyc_a and those that start with cyc_b each hold one and want the
    # other: the import system must see the cycle and hand out a partly
    # initialised module (no DONE yet) rather than deadlock, as CPython
    # does. Hence they only use each other's attributes later.
    "cyc_a.py": "import time\ntime.sleep(0.05)\nimport cyc_b\n" + BODY,
    "cyc_b.py": "import time\ntime.sleep(0.05)\nimport cyc_a\n" + BODY,
}
os.mkdir(os.path.join(root, "pkg_mod"))
for name, text in files.items():
    with open(os.path.join(root, name), "w") as f:
        f.write(text)


def import_all(k, seen, errors):
    try:
        import plain_mod
        import pkg_mod.sub
        if k % 2:
            import cyc_a
            import cyc_b
        else:
            import cyc_b
            import cyc_a
        import queue
        import heapq
        for m in (plain_mod, pkg_mod, pkg_mod.sub, cyc_a, cyc_b, queue, heapq):
            seen.append(m)
        assert plain_mod.DONE and pkg_mod.DONE and pkg_mod.sub.DONE
        assert pkg_mod.sub.PARENT_DONE
        assert cyc_a.DONE and cyc_b.DONE, "circular import left half done"
        assert queue.Queue and heapq.heappush
    except BaseException as e:
        errors.append(repr(e))


def remove_tree(path):
    for entry in os.listdir(path):
        full = os.path.join(path, entry)
        if os.path.isdir(full):
            remove_tree(full)
        else:
            os.remove(full)
    os.rmdir(path)


seen = []
errors = []
try:
    threads = [threading.Thread(target=import_all, args=(k, seen, errors))
               for k in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
finally:
    remove_tree(root)
assert not errors, errors
for name in ("plain_mod", "pkg_mod", "pkg_mod.sub", "cyc_a", "cyc_b"):
    assert sys.import_log.count(name) == 1, (name, sys.import_log)
assert len(sys.import_log) == 5, sys.import_log
# One module object per name, the one in sys.modules.
assert len(seen) == 7 * THREADS
for m in seen:
    assert sys.modules[m.__name__] is m, m.__name__
print("ok")
