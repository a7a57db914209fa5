"""The `machine` block of results.json: hardware, OS, compiler, commit, variants."""

import os
import platform
import subprocess

from . import builds as builds_mod


def _run(cmd, cwd=None):
    try:
        return subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              stdin=subprocess.DEVNULL, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def usable_cores():
    """Cores this process may run on (the affinity mask), else the machine's count."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def commit_info(root):
    head = _run(["git", "rev-parse", "HEAD"], root)
    if not head:
        return "", False
    dirty = bool(_run(["git", "status", "--porcelain", "--untracked-files=no"], root))
    return head, dirty


def host_compiler():
    line = _run(["cc", "--version"]).splitlines()
    return line[0] if line else ""


def describe(root, builds):
    """The machine block. The compiler is read from the first twinpy binary
    (what actually built it), else from `cc --version`."""
    compiler = next((b.compiler for b in builds if b.kind == "variant" and b.compiler), "")
    commit, dirty = commit_info(root)
    try:
        variants = builds_mod.read_variants(root)
    except (OSError, ValueError):
        variants = {}
    return {
        "cpu": cpu_model(),
        "cores": usable_cores(),
        "kernel": platform.release(),
        "system": platform.system(),
        "arch": platform.machine(),
        "hostname": platform.node(),
        "compiler": compiler or host_compiler(),
        "commit": commit,
        "dirty": dirty,
        "variants": variants,
        "tool_python": platform.python_version(),
    }


def footnote(machine, date=""):
    """One line naming the machine and the commit, for the foot of a chart."""
    commit = machine.get("commit") or "unknown commit"
    short = commit[:10] + ("+dirty" if machine.get("dirty") else "")
    parts = ["%s, %s cores" % (machine.get("cpu") or "unknown CPU", machine.get("cores")),
             "Linux " + machine.get("kernel", "") if machine.get("system") == "Linux"
             else machine.get("kernel", ""),
             machine.get("compiler", ""), "commit " + short]
    if date:
        parts.append(date[:16].replace("T", " "))
    return " | ".join(p for p in parts if p)
