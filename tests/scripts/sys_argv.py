# args: alpha 42 -x 7
import sys

print(sys.argv[0])
print(len(sys.argv), sys.argv[1:])
total = 0
for a in sys.argv[1:]:
    if a.isdigit():
        total += int(a)
print("numeric total", total)
