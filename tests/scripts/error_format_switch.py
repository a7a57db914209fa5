# Mixing automatic and manual field numbering.
print("{} {}".format(1, 2))
print("{} {1}".format(1, 2))
