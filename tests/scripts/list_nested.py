# Nested lists: aliasing, shared rows, deep equality and printing.
rows = [[0] * 3] * 2
rows[0][1] = 5
print(rows, rows[0] is rows[1])
m = []
i = 0
while i < 3:
    row = []
    j = 0
    while j < 3:
        row.append(i * 3 + j)
        j += 1
    m.append(row)
    i += 1
print(m, m[1][2], m[-1][-1], len(m), len(m[0]))
m[1][1] = [9, [10]]
print(m, m[1][1][1][0])
t = []
for r in m:
    t.append(r[0])
print(t)
print([[1, 2], [3]] == [[1, 2], [3]], [[1, 2]] == [[1, 3]], [[1], [2]] < [[1], [3]])
x = [1]
y = [x, x]
x.append(2)
print(y)
