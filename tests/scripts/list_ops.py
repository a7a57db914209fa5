# List methods and operators.
a = [3, 1, 4, 1, 5]
a.append(9)
print(a, len(a))
print(a.pop(), a.pop(0), a.pop(-2), a)
a.insert(0, 7)
a.insert(100, 8)
a.insert(-1, 6)
a.insert(-100, 0)
print(a)
a.extend([2, 2])
a.extend((10, 11))
a.extend([])
print(a, a.index(2), a.index(10), a.count(2), a.count(99), a.count(1))
a.remove(2)
print(a)
a.reverse()
print(a)
a.sort()
print(a)
b = [3, 1.5, 2, -1, 0.0, -2.5]
b.sort()
print(b)
s = ["pear", "apple", "fig", "Banana", "apple"]
s.sort()
print(s)
e = []
e.sort()
e.reverse()
print(e, len(e), [] == e, [1, 2] + [3], [0] * 4, 2 * [1, 2], [1] * 0, [1] * -1)
print(3 in [1, 2, 3], 4 in [1, 2, 3], "a" not in ["b"], [1, 2] in [[1, 2], 3], 1.0 in [1])
print([1, 2, 3] == [1, 2, 3], [1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 9], [] < [0])
c = [5, 6, 7]
c[0] = 50
c[-1] = 70
print(c, c[1], c[-2], c[len(c) - 1])
d = c
d.append(8)
print(c, d is c, c[:] is c, c[:] == c)
f = [1, 2, 3]
f += [4]
f *= 2
print(f, len(f))
st = []
st.append(1)
st.append(2)
print(st.pop(), st.pop(), st)
print(list(), list("abc"), list((1, 2)), list(range(4)), list({"x": 1, "y": 2}), list([1, [2]]))
