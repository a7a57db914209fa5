# Strings are sequences of code points, not bytes.
s = "caf\u00e9"
print(s, len(s), s[3], s[-1] == "\u00e9", "\u00e9" in s, s.upper())
t = "\u4e2d\u6587 ok"
print(t, len(t), t[0], t[::-1], t.split())
print(repr("\u00e9"), ["\u00e9"], "na\u00efve".replace("\u00ef", "i"))
