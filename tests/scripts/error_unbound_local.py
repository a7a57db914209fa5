# A name assigned anywhere in a function is local everywhere in it.
x = 1


def f():
    print("in f")
    y = x + 1
    x = y
    return x


print(f())
