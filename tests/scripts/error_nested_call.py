# An error deep in a call chain still ends the program with exit code 1,
# after everything printed so far.
def level3(d):
    return d["nope"]


def level2(d):
    print("level2")
    return level3(d) + 1


def level1():
    for i in range(3):
        print("iteration", i)
    return level2({"yes": 1})


level1()
