# sys.exit() with no argument exits with code 0; later code never runs.
import sys

for i in range(5):
    if i == 2:
        print("leaving at", i)
        sys.exit()
    print(i)
print("not reached")
