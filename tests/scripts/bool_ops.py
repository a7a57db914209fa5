# and/or return an operand and short-circuit; truthiness of every basic type.
def t(name, value):
    print("touch", name)
    return value


print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or "dflt", "" or 0, [] and 5, "x" and "")
print(t("a", 0) and t("b", 1))
print(t("c", 1) or t("d", 0))
print(t("e", 0) or t("f", 0) or t("g", 3))
print(t("h", 1) and t("i", 2) and t("j", None))
print(not 0, not 1, not "", not "a", not [], not [0], not None, not 0.0, not -0.0, not 2 ** 100)
vals = [0, 1, -1, 0.0, 0.5, "", "0", " ", [], [0], (), (0,), {}, {0: 0}, None, True, False, 2 ** 70]
for v in vals:
    if v:
        print(repr(v), "truthy", bool(v))
    else:
        print(repr(v), "falsy", bool(v))
print(bool(), bool(0), bool(3), bool(range(0)), bool(range(1)))
x = 0
r = x if x else "zero"
print(r, "big" if x > 10 else "small" if x > 5 else "tiny", (1 if True else 2) + 1)
print(True and False, True or False, not True, True is not False)
flag = 3 > 2
print(flag, flag == True, flag + 1)
