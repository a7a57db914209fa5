# Stress: 4 threads write lines to one open file, then 2 threads read it
# back. File reads and writes release the global lock (gil build) and take
# the file's own lock; every line must arrive whole.
import os
import threading

path = "/tmp/twinpy_stress_shared_file_%d.txt" % os.getpid()
f = open(path, "w")


def writer(k):
    for i in range(2000):
        f.write("w" + str(k) + " " + str(i) + "\n")


threads = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
f.close()
counts = [0, 0]


def reader(slot):
    with open(path) as g:
        for line in g:
            assert line.startswith("w") and line.endswith("\n"), line
            counts[slot] += 1


readers = [threading.Thread(target=reader, args=(i,)) for i in range(2)]
for t in readers:
    t.start()
for t in readers:
    t.join()
os.remove(path)
assert counts == [8000, 8000], counts
print("ok")
