# Hand-written sorts checked against list.sort on pseudo-random data.
def lcg(seed, n):
    out = []
    x = seed
    for i in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        out.append(x % 1000 - 500)
    return out


def insertion_sort(a):
    a = a[:]
    for i in range(1, len(a)):
        item = a[i]
        j = i - 1
        while j >= 0 and a[j] > item:
            a[j + 1] = a[j]
            j -= 1
        a[j + 1] = item
    return a


def merge_sort(a):
    if len(a) <= 1:
        return a
    mid = len(a) // 2
    left = merge_sort(a[:mid])
    right = merge_sort(a[mid:])
    out = []
    i = 0
    j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    return out + left[i:] + right[j:]


data = lcg(42, 300)
expected = data[:]
expected.sort()
print(data[:8])
print(insertion_sort(data) == expected, merge_sort(data) == expected, expected[:5], expected[-5:])
words = "delta alpha charlie bravo echo alpha".split()
print(merge_sort(words), insertion_sort([3.5, -1, 2, 2.25]))
