# try/except/else/finally, raise from, bare raise, assert, break/continue/return through finally.
def f(x):
    try:
        return 10 // x
    except ZeroDivisionError as e:
        print("caught", e)
        return -1
    finally:
        print("finally", x)
print(f(2), f(0))
try:
    try:
        {}["k"]
    except KeyError:
        raise ValueError("bad")
except ValueError as e:
    print("outer", repr(e), repr(e.__context__))
for i in range(3):
    try:
        if i == 1:
            continue
        if i == 2:
            break
        print("body", i)
    finally:
        print("fin", i)
def g():
    for i in range(5):
        try:
            return i
        finally:
            print("g fin")
print(g())
try:
    raise TypeError
except (ValueError, TypeError) as e:
    print("tuple", type(e).__name__ if False else "TypeError")
else:
    print("no")
try:
    pass
except Exception:
    print("x")
else:
    print("else runs")
def h():
    try:
        1/0
    except ZeroDivisionError:
        raise
try:
    h()
except ZeroDivisionError as e:
    print("reraised", e)
try:
    try:
        raise KeyError("a")
    finally:
        print("inner finally")
except KeyError as e:
    print("got", e)
assert True
try:
    assert 1 == 2, "msg"
except AssertionError as e:
    print("assert", e)
try:
    raise ValueError("x") from KeyError("y")
except ValueError as e:
    print(repr(e.__cause__))
x = 0
while True:
    try:
        x += 1
        if x > 3:
            break
    except Exception:
        pass
print("x", x)
