# sys._gil_stats(), the switch interval and sys._is_gil_enabled(): their shape, whichever build
# (CPython has no _gil_stats, so this script checks for it and prints the same either way).
import sys
import threading

sys.setswitchinterval(0.002)
print("interval", sys.getswitchinterval())


def work():
    total = 0
    for i in range(50000):
        total += i
    return total


threads = [threading.Thread(target=work) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
if hasattr(sys, "_gil_stats"):
    stats = sys._gil_stats()
    ok = isinstance(stats, dict) and "threads" in stats and "alloc" in stats
    ok = ok and stats["gil"] == sys._is_gil_enabled()
    ok = ok and all("acquisitions" in t and "wait_max_s" in t for t in stats["threads"])
else:
    ok = True
print("stats ok", ok)
