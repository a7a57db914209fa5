# while loops with break and continue, including nested loops.
n = 27
steps = 0
while n != 1:
    if n % 2 == 0:
        n = n // 2
    else:
        n = 3 * n + 1
    steps += 1
print("collatz steps", steps)
i = 0
while True:
    i += 1
    if i % 2:
        continue
    if i > 10:
        break
    print(i)
print("out at", i)
outer = 0
hits = 0
while outer < 5:
    inner = 0
    while inner < 5:
        if inner > outer:
            break
        hits += 1
        inner += 1
    outer += 1
print("hits", hits)
x = 10
while x:
    x -= 3
    if x < 0:
        break
print("x", x)
lst = [5, 4, 3]
while lst:
    print("pop", lst.pop())
