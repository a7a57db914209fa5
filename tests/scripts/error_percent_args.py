# Too many arguments for a %-format.
print("%s-%s" % (1, 2))
print("%s" % (1, 2))
