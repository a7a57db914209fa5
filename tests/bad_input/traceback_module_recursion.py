import traceback, sys
def f(n):
    if n == 0:
        raise ValueError("deep")
    return f(n - 1)
try:
    f(10)
    pass
except ValueError:
    text = traceback.format_exc()
    print(text.replace(__file__, "F"))
def g(n):
    if n == 0:
        raise ValueError("deep")
    return g(n - 1)
try:
    g(4)
except ValueError as e:
    print("".join(traceback.format_tb(e.__traceback__)).replace(__file__, "F"))
