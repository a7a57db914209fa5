# Augmented assignment on names, subscripts, and mutable vs immutable targets.
x = 10
x += 5
print(x)
x -= 20
print(x)
x *= -3
print(x)
x //= 4
print(x)
x %= 5
print(x)
x **= 3
print(x)
x /= 16
print(x)
y = 6
y <<= 70
print(y)
y >>= 68
print(y)
y &= 0b1010
y |= 0b0101
y ^= 0b0011
print(y)
f = 1.5
f += 1
f *= 2
f -= 0.25
f //= 2
print(f)
s = "ab"
s += "cd"
s *= 2
print(s)
lst = [1, 2]
alias = lst
lst += [3]
print(lst, alias, lst is alias)
t = (1, 2)
talias = t
t += (3,)
print(t, talias, t is talias)
d = {"a": 1}
d["a"] += 10
d["b"] = 0
d["b"] -= 1
print(d)
m = [[1, 2], [3, 4]]
m[1][0] *= 10
m[0] += [5]
print(m)
i = 0
n = [10, 20, 30]
n[i + 1] += 1
print(n)
big = 2 ** 62
big += big
print(big)
big -= 1
big -= big
print(big)
