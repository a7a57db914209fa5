"""report.html: one self-contained page (charts inlined as data: URIs, no external files)."""

import base64
import html
import os

from . import tables as tables_mod

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em;
       color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 0.3em; font-size: 0.92em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; }
th { background: #f2f2f2; }
td.r { text-align: right; font-variant-numeric: tabular-nums; }
tr.sep td { border: none; height: 0.4em; padding: 0; }
td.bad { color: #b00020; font-weight: 600; }
td.skip { color: #777; }
p.note { color: #555; font-size: 0.88em; margin-top: 0.2em; }
img.chart { max-width: 100%; border: 1px solid #eee; }
"""


def render_table(table):
    out = ['<h2 id="%s">%s</h2>' % (html.escape(table.key or ""), html.escape(table.title)),
           "<table>"]
    if any(table.header):
        out.append("<tr>" + "".join("<th>%s</th>" % html.escape(h) for h in table.header) + "</tr>")
    for row in table.rows:
        if row is None:
            out.append('<tr class="sep"><td colspan="%d"></td></tr>' % len(table.header))
            continue
        cells = []
        for text, align in zip(row, table.align):
            classes = ["r"] if align == "r" else []
            if text.startswith("FAILED") or text == "failed":
                classes.append("bad")
            elif text in ("not run", "not-run"):
                classes.append("skip")
            cells.append('<td class="%s">%s</td>' % (" ".join(classes), html.escape(text)))
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    for note in table.notes:
        out.append('<p class="note">%s</p>' % html.escape(note))
    return "\n".join(out)


def inline_image(path, alt):
    mime = "image/svg+xml" if path.endswith(".svg") else "image/png"
    with open(path, "rb") as f:
        data = base64.b64encode(f.read()).decode("ascii")
    return '<img class="chart" alt="%s" src="data:%s;base64,%s">' % (html.escape(alt), mime, data)


def render(results, charts, directory, title="twinpy: gil vs ft"):
    """charts: {"scaling": "scaling.svg", ...} relative to directory."""
    m = results["machine"]
    commit = (m.get("commit") or "unknown")[:10] + ("+dirty" if m.get("dirty") else "")
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             "<title>%s</title><style>%s</style></head><body>" % (html.escape(title), STYLE),
             "<h1>%s</h1>" % html.escape(title),
             "<p>%s</p>" % html.escape("%s, %s cores, %s %s; %s; commit %s; %s." % (
                 m.get("cpu"), m.get("cores"), m.get("system", ""), m.get("kernel"),
                 m.get("compiler") or "compiler unknown", commit, results.get("date", ""))),
             "<p><b>%s</b></p>" % html.escape(tables_mod.overhead_summary(results))]

    def chart(key, alt):
        if key in charts:
            parts.append("<p>%s</p>" % inline_image(os.path.join(directory, charts[key]), alt))

    parts.append(render_table(tables_mod.single_thread(results)))
    chart("overhead", "single-thread time relative to the baseline")
    parts.append(render_table(tables_mod.scaling(results)))
    chart("scaling", "speedup vs threads")
    for t in (tables_mod.problems(results), tables_mod.gil_stats(results),
              tables_mod.startup(results), tables_mod.scripts(results),
              tables_mod.builds(results),
              tables_mod.machine(results), tables_mod.method(results)):
        if t.rows:
            parts.append(render_table(t))
    parts.append('<p class="note">Raw data: results.json (every run), results.csv '
                 "(one row per cell).</p></body></html>")
    return "\n".join(parts) + "\n"
