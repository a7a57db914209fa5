# The global statement, and the difference between global and local names.
counter = 0
log = []


def bump():
    global counter
    counter += 1
    return counter


def shadow():
    counter = 100
    return counter


def mutate():
    log.append(len(log))


def create():
    global created
    created = "made"


def read_later():
    return later


print(bump(), bump(), counter, shadow(), counter)
mutate()
mutate()
print(log)
create()
print(created)
later = "defined after def"
print(read_later())


def total(n):
    global counter
    i = 0
    while i < n:
        counter = counter + i
        i += 1


total(5)
print(counter)
