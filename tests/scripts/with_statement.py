# The with statement with a user context manager that suppresses an exception.
class Ctx:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, t, v, tb):
        print("exit", t)
        return True
with Ctx() as c:
    print("inside")
    raise KeyError("x")
print("after")
