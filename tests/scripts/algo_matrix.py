# Matrix product and power on nested lists; exact big-int Fibonacci via matrices.
def matmul(a, b):
    n = len(a)
    m = len(b[0])
    k = len(b)
    out = []
    for i in range(n):
        row = []
        for j in range(m):
            s = 0
            for t in range(k):
                s += a[i][t] * b[t][j]
            row.append(s)
        out.append(row)
    return out


def matpow(a, e):
    result = [[1, 0], [0, 1]]
    while e > 0:
        if e & 1:
            result = matmul(result, a)
        a = matmul(a, a)
        e >>= 1
    return result


print(matmul([[1, 2], [3, 4]], [[5, 6], [7, 8]]))
print(matmul([[1.5, 0], [0, 2]], [[2, 1], [1, 2]]))
f = matpow([[1, 1], [1, 0]], 300)
print(f[0][1])
print(len(str(matpow([[1, 1], [1, 0]], 1000)[0][1])))
