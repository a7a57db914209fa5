# text_processing: generates pseudo-random English-like text, then tokenises it,
# counts words and word pairs, finds the most frequent ones and rewrites lines.
# Measures str methods (lower, strip, split, join, replace, startswith),
# dict counting with str and tuple keys, and sorting with key functions.
# category: cpu
# usage: text_processing.py [threads=1] [lines=60000]
import sys
import time
from _harness import agreed, parse_args, run_workers

VOCABULARY = (
    "the quick brown fox jumps over lazy dog while a small cat watches from "
    "under old wooden table near window where bright morning light falls on "
    "green plants and several books about history science music travel are "
    "stacked beside empty cup of tea that someone forgot yesterday evening "
    "after long conversation with friends who visited city for first time"
).split()

PUNCTUATION = [",", ".", ";", "!", "?", ":"]


def generate(lines):
    """Deterministic text from a linear congruential generator."""
    seed = 20240601
    out = []
    nwords = len(VOCABULARY)
    for _ in range(lines):
        seed = (seed * 1103515245 + 12345) % 2147483648
        length = 6 + seed % 11
        words = []
        for i in range(length):
            seed = (seed * 1103515245 + 12345) % 2147483648
            w = VOCABULARY[(seed >> 8) % nwords]
            if i == 0:
                w = w.capitalize()
            elif seed % 17 == 0:
                w = w.upper()
            if seed % 9 == 0:
                w = w + PUNCTUATION[seed % len(PUNCTUATION)]
            words.append(w)
        out.append(" ".join(words) + ".")
    return out


def tokenize(line):
    for p in PUNCTUATION:
        line = line.replace(p, " ")
    return line.lower().split()


def analyse(lines):
    counts = {}
    pairs = {}
    lengths = {}
    total = 0
    for line in lines:
        tokens = tokenize(line)
        total += len(tokens)
        prev = None
        for tok in tokens:
            counts[tok] = counts.get(tok, 0) + 1
            n = len(tok)
            lengths[n] = lengths.get(n, 0) + 1
            if prev is not None:
                key = (prev, tok)
                if key in pairs:
                    pairs[key] += 1
                else:
                    pairs[key] = 1
            prev = tok
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    top_pairs = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    return total, len(counts), len(pairs), top, top_pairs, sorted(lengths.items())


def rewrite(lines):
    """Title-cases lines that mention a fox and joins words with dashes; returns
    a checksum of the rewritten text."""
    checksum = 0
    for line in lines:
        stripped = line.strip(".")
        if "fox" in stripped or stripped.startswith("The"):
            stripped = stripped.title()
        joined = "-".join(stripped.split(" "))
        checksum = (checksum * 131 + len(joined) + joined.count("e")) % 1000000007
        if joined.endswith("!"):
            checksum ^= 1
    return checksum


def work(nlines):
    lines = generate(nlines)
    summary = analyse(lines)
    return summary, rewrite(lines)


def main():
    threads, nlines = parse_args(60000)
    results, elapsed = run_workers(threads, work, (nlines,))
    (total, distinct, npairs, top, top_pairs, lengths), checksum = agreed(results)
    print("words", total, "distinct", distinct, "pairs", npairs)
    print("top words", top)
    print("top pairs", top_pairs)
    print("length histogram", lengths)
    print("rewrite checksum", checksum)
    print("elapsed %.6f" % elapsed)


main()
