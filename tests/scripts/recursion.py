# Recursive functions: results, depth and mutual recursion.
def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))


def hanoi(n, src, dst, via, moves):
    if n == 0:
        return 0
    count = hanoi(n - 1, src, via, dst, moves)
    moves.append((src, dst))
    return count + 1 + hanoi(n - 1, via, dst, src, moves)


def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)


def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)


def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)


def gcd(a, b):
    if b == 0:
        return a
    return gcd(b, a % b)


def flatten(x, out):
    if isinstance(x, list) or isinstance(x, tuple):
        for item in x:
            flatten(item, out)
    else:
        out.append(x)
    return out


print(fact(20), fact(30), fact(0))
print(fib(20), fib(15), fib(1), fib(0))
print(ackermann(2, 3), ackermann(3, 3))
moves = []
print(hanoi(5, "A", "C", "B", moves), moves[:3], len(moves))
print(is_even(100), is_odd(7), is_even(7))
print(depth(500))
print(gcd(2 ** 100, 6 ** 40), gcd(1071, 462), gcd(0, 5))
print(flatten([1, [2, [3, (4, 5)], []], 6], []))
