# String processing: palindromes, run-length encoding, Caesar-like shifts via find.
def is_pal(s):
    s = s.lower().replace(" ", "")
    return s == s[::-1]


def rle(s):
    if not s:
        return ""
    out = []
    prev = s[0]
    count = 1
    for ch in s[1:]:
        if ch == prev:
            count += 1
        else:
            out.append(prev + str(count))
            prev = ch
            count = 1
    out.append(prev + str(count))
    return "".join(out)


def shift(s, n):
    alpha = "abcdefghijklmnopqrstuvwxyz"
    out = ""
    for ch in s:
        i = alpha.find(ch)
        if i < 0:
            out += ch
        else:
            out += alpha[(i + n) % 26]
    return out


print(is_pal("A man a plan a canal Panama"), is_pal("hello"), is_pal(""))
print(rle("aaabccddddde"), rle(""), rle("x"))
print(shift("hello, world", 3), shift(shift("round trip", 11), -11))
words = "one two three two one three three".split()
seen = []
for w in words:
    if w not in seen:
        seen.append(w)
print(seen, ",".join(seen).upper(), len(" ".join(words)))
