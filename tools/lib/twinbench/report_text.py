"""Tables laid out for the terminal (fixed-width columns)."""


def render(table):
    rows = [r for r in table.rows if r is not None]
    widths = [len(h) for h in table.header]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row)]

    def line(cells):
        out = []
        for i, (c, w) in enumerate(zip(cells, widths)):
            out.append(c.ljust(w) if table.align[i] == "l" else c.rjust(w))
        return "  ".join(out).rstrip()

    rule = "  ".join("-" * w for w in widths)
    out = [table.title, "=" * len(table.title)]
    if any(table.header):
        out += [line(table.header), rule]
    for row in table.rows:
        out.append(rule if row is None else line(row))
    for note in table.notes:
        out.append(note)
    return "\n".join(out)


def render_all(tables):
    return "\n\n".join(render(t) for t in tables if t.rows)
