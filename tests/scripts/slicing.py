# Slices with omitted bounds, negative bounds, out-of-range bounds and steps.
a = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
print(a[2:5], a[:3], a[7:], a[-3:], a[:-3], a[-3:-1], a[5:5], a[8:2], a[-100:100])
print(a[::2], a[1::2], a[::-1], a[::-2], a[8:2:-2], a[2:8:-1], a[-1:-4:-1], a[:-11:-3])
print(a[3::-1], a[:3:-1], a[100::-1], a[:-100:-1], a[5:100:3], a[0:0:-1])
t = (0, 1, 2, 3, 4)
print(t[1:3], t[::-1], t[:0], t[-2:], t[::3])
s = "abcdefgh"
print(s[2:5], s[::-1], s[::3], s[-2::-2], s[100:], s[:100])
b = a[:]
b[0] = 99
print(a[0], b[0], a[2:4] + a[6:8], len(a[::4]))
print(a[1:9][1:7][::2], "xyz"[::-1][1:])
n = 3
print(a[n - 1:n + 1], a[-n:], a[:n * 2:n])
