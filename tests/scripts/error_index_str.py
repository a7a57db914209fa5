# Indexing past the end of a str raises IndexError with the str wording.
s = "abc"
print(s[-3])
print(s[-4])
