# str_format: formats records into report lines with f-strings (width,
# precision, alignment, thousands separators, hex), %-formatting, format()
# and str.format, then parses numbers back out. Measures the formatting
# mini-languages and int/float to text conversion.
# category: cpu
# usage: str_format.py [threads=1] [n=90000]
import sys
import time
from _harness import agreed, parse_args, run_workers


def report(n):
    total_len = 0
    checksum = 0
    parsed = 0
    for i in range(n):
        price = (i * 7919 % 100000) / 100.0
        qty = i % 97
        name = "item%d" % (i % 1000)
        line = f"{i:>7}|{name:<10}|{price:10.2f}|{qty:03d}|{price * qty:,.2f}|{i:#x}"
        alt = "%-8s %8.3f %5d %s" % (name, price, qty, "yes" if qty % 2 else "no")
        third = "{0}:{1:.1f}:{2:>4}".format(name, price, qty)
        pct = format(qty / 97, ".1%")
        total_len += len(line) + len(alt) + len(third) + len(pct)
        fields = line.split("|")
        parsed += int(fields[0]) + int(fields[3]) + int(float(fields[2]))
        checksum = (checksum * 33 + len(fields[4]) + ord(alt[-1]) + ord(pct[0])) % 1000000007
    return total_len, parsed, checksum, line, alt, third, pct


def main():
    threads, n = parse_args(90000)
    results, elapsed = run_workers(threads, report, (n,))
    total_len, parsed, checksum, line, alt, third, pct = agreed(results)
    print("str_format", n, "length", total_len, "parsed", parsed, "checksum", checksum)
    print("last:", line, "/", alt, "/", third, "/", pct)
    print("elapsed %.6f" % elapsed)


main()
