# dict | dict and |= (3.9).
a = {"x": 1, "y": 2}
b = {"y": 20, "z": 30}
print(a | b, b | a, a, b)
c = dict(a)
c |= b
print(c)
c |= [("w", 0), ("x", -1)]
print(c)
c |= {}
print(c, {} | {}, {1: 2} | {1: 3})
