# Output before an uncaught ZeroDivisionError is kept; the exit code is 1.
print("before")
x = 10
y = x - 10
print(x / y)
print("never printed")
