# Reading a name bound nowhere raises NameError.
def f():
    return undefined_thing_xyz + 1


print("start")
print(f())
