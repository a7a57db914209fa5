# String building in native code (replace, split, join, format, repr of a
# big list, f-strings) raises MemoryError and the program goes on.
s = 'a' * 5 * 10**7
big = [123456] * (10**7)
cases = [
    ("replace", lambda: s.replace('a', 'bbbbbbbbbb')),
    ("split", lambda: s.split('b') * 2 and (s + 'b').split('a')),
    ("join", lambda: 'xxxxxxxxxx'.join(s)),
    ("format", lambda: '{}{}{}{}{}{}{}{}{}{}'.format(*[s] * 10)),
    ("percent", lambda: '%s%s%s%s%s%s%s%s%s%s' % tuple([s] * 10)),
    ("f-string", lambda: f'{s}{s}{s}{s}{s}{s}{s}{s}{s}{s}'),
    ("repr", lambda: repr(big * 8)),
    ("str", lambda: str([s] * 10)),
    ("concat", lambda: s + s + s + s + s + s + s + s + s + s),
    ("repeat", lambda: s * 10),
]
for name, fn in cases:
    try:
        fn()
        print(name, "fit")
    except MemoryError:
        print(name, "MemoryError")
print("done")
