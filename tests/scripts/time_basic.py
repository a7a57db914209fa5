# time.perf_counter is monotonic and time.time looks like a Unix date.
import time

t0 = time.perf_counter()
total = 0
for i in range(20000):
    total += i
t1 = time.perf_counter()
print(total, t1 >= t0, t1 - t0 >= 0.0, t1 - t0 < 60.0)
now = time.time()
print(now > 1600000000.0, now < 4102444800.0, isinstance(now, float), isinstance(t0, float))
