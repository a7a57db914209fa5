# set.remove of a missing element raises KeyError with the element.
s = {1, 2, 3}
s.remove(2)
print(s)
s.remove(5)
print("not reached")
