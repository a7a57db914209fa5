# Tuples: literals, singletons, concatenation, comparison, nesting.
t = (1, 2, 3)
print(t, (), (1,), ((1,),), (1, (2, (3,))), len(t), len(()), t[0], t[-1], t[1:], t[::-1])
u = 4, 5
print(u, t + u, t * 2, () * 3, 2 * (0,), (1,) + (), t + ())
print(2 in t, 9 in t, (1, 2) == (1, 2), (1, 2) < (1, 3), (1, 2) < (1, 2, 0), () < (0,))
print((1, "a", 2.5, None, [1]), ((), []), tuple(), tuple([1, 2]), tuple("ab"), tuple(range(3)))
print((1, 2) == [1, 2], (1,) != (1.0,), (2 ** 70, -1) > (2 ** 70, -2))
n = (1, [2, 3])
n[1].append(4)
print(n)
