# repr() quoting rules and strings inside printed containers.
print(repr("a"), repr(""), repr("it's"), repr('say "hi"'), repr("both ' and \""))
print(repr("line\nbreak"), repr("tab\t"), repr("back\\slash"), repr("\r"))
print(["a", "it's"], ("x",), {"k": "v"}, [""], ["'"], ['"'])
print(str("plain"), str(["nested", ["deep", "'q'"]]))
print([1, "1", 1.0, None, True, [], (), {}])
print(repr(repr("x")), len(repr("ab")))
