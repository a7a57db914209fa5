# if / elif / else chains and nested conditions.
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        if n % 2 == 0:
            return "small even"
        else:
            return "small odd"
    elif n < 100:
        return "medium"
    else:
        return "large"


for n in [-5, 0, 3, 4, 42, 1000, 2 ** 70]:
    print(n, classify(n))
x = 7
if x > 5:
    print("gt5")
if x > 10:
    print("gt10")
else:
    print("le10")
if []:
    print("empty list true?")
elif {}:
    print("empty dict true?")
elif "s":
    print("non-empty string")
if x:
    pass
else:
    print("unreachable")
if x == 7 and not x == 8 or x == 9:
    print("logic ok")
