"""report.md: the report as Markdown, for pasting into a post.

Charts are referenced by file name (scaling.svg / overhead.svg next to it;
PNG copies exist for sites that do not take SVG).
"""

from . import tables as tables_mod


def _cell(text):
    return text.replace("|", "\\|")


def render_table(table):
    out = ["### " + table.title, ""]
    header = [h or " " for h in table.header]
    out.append("| " + " | ".join(_cell(h) for h in header) + " |")
    out.append("|" + "|".join(" ---: " if a == "r" else " --- " for a in table.align) + "|")
    for row in table.rows:
        if row is None:
            continue
        out.append("| " + " | ".join(_cell(c) for c in row) + " |")
    for note in table.notes:
        out += ["", note]
    return "\n".join(out)


def render(results, charts, title="twinpy: gil vs ft"):
    """charts: {"scaling": "scaling.svg", ...} of the chart files that exist."""
    m = results["machine"]
    commit = (m.get("commit") or "unknown")[:10] + ("+dirty" if m.get("dirty") else "")
    out = ["# " + title, "",
           "%s, %s cores, %s %s; %s; commit %s; %s." % (
               m.get("cpu"), m.get("cores"), m.get("system", ""), m.get("kernel"),
               m.get("compiler") or "compiler unknown", commit, results.get("date", "")),
           "", tables_mod.overhead_summary(results), ""]
    sections = [tables_mod.single_thread(results)]
    if "overhead" in charts:
        sections.append("![single-thread time relative to %s](%s)" % (
            results.get("summary", {}).get("baseline"), charts["overhead"]))
    sections.append(tables_mod.scaling(results))
    if "scaling" in charts:
        sections.append("![speedup vs threads](%s)" % charts["scaling"])
    for t in (tables_mod.problems(results), tables_mod.gil_stats(results),
              tables_mod.startup(results), tables_mod.scripts(results),
              tables_mod.builds(results),
              tables_mod.machine(results), tables_mod.method(results)):
        if t.rows:
            sections.append(t)
    for s in sections:
        out.append(s if isinstance(s, str) else render_table(s))
        out.append("")
    out.append("Raw data: `results.json` (every run), `results.csv` (one row per cell).")
    return "\n".join(out) + "\n"
