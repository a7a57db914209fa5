# int() of a non-numeric string raises ValueError quoting the text.
print(int("12"))
print(int("12abc"))
