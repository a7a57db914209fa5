# json_roundtrip: serialises a generated document of nested dicts, lists,
# strings, ints, floats, booleans and None to JSON text with a hand-written
# encoder, parses it back with a recursive-descent decoder and compares.
# Measures string building and scanning, recursion, isinstance dispatch.
# category: cpu
# usage: json_roundtrip.py [threads=1] [records=9000]
import sys
import time
from _harness import agreed, parse_args, run_workers

ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
UNESCAPES = {'"': '"', "\\": "\\", "/": "/", "n": "\n", "t": "\t", "r": "\r",
             "b": "\b", "f": "\f"}


def encode_str(s, out):
    out.append('"')
    for ch in s:
        esc = ESCAPES.get(ch)
        if esc is not None:
            out.append(esc)
        elif ch < " ":
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')


def encode(value, out):
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(str(value))
    elif isinstance(value, float):
        out.append(repr(value))
    elif isinstance(value, str):
        encode_str(value, out)
    elif isinstance(value, list):
        out.append("[")
        first = True
        for item in value:
            if not first:
                out.append(",")
            first = False
            encode(item, out)
        out.append("]")
    elif isinstance(value, dict):
        out.append("{")
        first = True
        for key, item in value.items():
            if not first:
                out.append(",")
            first = False
            encode_str(key, out)
            out.append(":")
            encode(item, out)
        out.append("}")
    else:
        raise TypeError("cannot encode %r" % (value,))


def dumps(value):
    out = []
    encode(value, out)
    return "".join(out)


class Decoder:
    def __init__(self, text):
        self.text = text
        self.pos = 0

    def skip_space(self):
        text = self.text
        pos = self.pos
        while pos < len(text) and text[pos] in " \t\n\r":
            pos += 1
        self.pos = pos

    def value(self):
        self.skip_space()
        ch = self.text[self.pos]
        if ch == "{":
            return self.obj()
        if ch == "[":
            return self.arr()
        if ch == '"':
            return self.string()
        if self.text.startswith("null", self.pos):
            self.pos += 4
            return None
        if self.text.startswith("true", self.pos):
            self.pos += 4
            return True
        if self.text.startswith("false", self.pos):
            self.pos += 5
            return False
        return self.number()

    def obj(self):
        result = {}
        self.pos += 1
        self.skip_space()
        if self.text[self.pos] == "}":
            self.pos += 1
            return result
        while True:
            self.skip_space()
            key = self.string()
            self.skip_space()
            if self.text[self.pos] != ":":
                raise ValueError("expected ':' at %d" % self.pos)
            self.pos += 1
            result[key] = self.value()
            self.skip_space()
            ch = self.text[self.pos]
            self.pos += 1
            if ch == "}":
                return result
            if ch != ",":
                raise ValueError("expected ',' or '}' at %d" % self.pos)

    def arr(self):
        result = []
        self.pos += 1
        self.skip_space()
        if self.text[self.pos] == "]":
            self.pos += 1
            return result
        while True:
            result.append(self.value())
            self.skip_space()
            ch = self.text[self.pos]
            self.pos += 1
            if ch == "]":
                return result
            if ch != ",":
                raise ValueError("expected ',' or ']' at %d" % self.pos)

    def string(self):
        text = self.text
        pos = self.pos + 1
        chunks = []
        start = pos
        while True:
            ch = text[pos]
            if ch == '"':
                chunks.append(text[start:pos])
                self.pos = pos + 1
                return "".join(chunks)
            if ch == "\\":
                chunks.append(text[start:pos])
                kind = text[pos + 1]
                if kind == "u":
                    chunks.append(chr(int(text[pos + 2:pos + 6], 16)))
                    pos += 6
                else:
                    chunks.append(UNESCAPES[kind])
                    pos += 2
                start = pos
            else:
                pos += 1

    def number(self):
        text = self.text
        start = self.pos
        pos = start
        is_float = False
        while pos < len(text) and text[pos] in "+-0123456789.eE":
            if text[pos] in ".eE":
                is_float = True
            pos += 1
        self.pos = pos
        token = text[start:pos]
        return float(token) if is_float else int(token)


def loads(text):
    dec = Decoder(text)
    result = dec.value()
    dec.skip_space()
    if dec.pos != len(text):
        raise ValueError("trailing data at %d" % dec.pos)
    return result


def make_document(records):
    seed = 4242
    people = []
    for i in range(records):
        seed = (seed * 1103515245 + 12345) % 2147483648
        people.append({
            "id": i,
            "name": "person \"%d\"\t#%d" % (i, seed % 1000),
            "score": (seed % 100000) / 128.0,
            "active": seed % 3 != 0,
            "tags": ["t%d" % (seed % 7), "group-%d" % (i % 13), None],
            "address": {"street": "%d Main St\n" % (seed % 500),
                        "zip": seed % 100000, "geo": [i * 0.5, -i * 0.25]},
        })
    return {"version": 3, "people": people, "empty": {}, "none": [], "ctrl": "\x01"}


def roundtrip(records):
    doc = make_document(records)
    text = dumps(doc)
    back = loads(text)
    again = dumps(back)
    return back == doc, len(text), text == again, text[:60]


def main():
    threads, records = parse_args(9000)
    results, elapsed = run_workers(threads, roundtrip, (records,))
    equal, length, stable, head = agreed(results)
    print("json_roundtrip records", records, "equal", equal, "stable", stable)
    print("text length", length, "starts", head)
    print("elapsed %.6f" % elapsed)


main()
