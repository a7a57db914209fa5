# Recursion without loops still reaches the eval breaker at every call.
def f(n):
    return 0 if n == 0 else f(n - 1) + f(n - 1)
try:
    f(60)
except KeyboardInterrupt:
    print("interrupted")
