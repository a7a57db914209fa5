x = 0
assert x < 1 and x > 2, 'm'
