# Adding an int and a str raises TypeError naming both types.
print(1 + 2, "a" + "b")
print(1 + "a")
