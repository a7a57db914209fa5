# String indexing, slicing, concatenation, repetition, membership, comparison.
s = "hello, world"
print(s, len(s), len(""), s[0], s[4], s[-1], s[-12])
print(s[0:5], s[7:], s[:5], s[-5:], s[:-7], s[3:3], s[5:2], s[-100:3], s[8:100])
print(s[::2], s[::-1], s[1::3], s[-1:-6:-1], s[10:2:-2], s[::-3])
print("ab" + "cd", "ab" * 3, 3 * "xy", "ab" * 0, "ab" * -2, "" * 5, "" + "")
print("ell" in s, "xyz" in s, "" in s, "h" not in s, "world" in s, "World" in s)
print("abc" < "abd", "Z" < "a", "" < "a", "ab" < "abc", "b" > "abc", "abc" == "abc")
print("abc" != "abd", "a" <= "a", "b" >= "c")
t = ""
for ch in "python":
    t = ch + t
print(t)
u = "x"
u += "y"
u *= 3
print(u, len(u))
print("multi\nline", "tab\there", "back\\slash", 'single "double"', "it's")
