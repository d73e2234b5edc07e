"""scoreboard.md and index.html from the scoreboard's data (the dict written to scoreboard.json)."""

from __future__ import annotations

from html import escape

from conformance.catalog import AREAS
from conformance.scoreboard.chart import svg
from conformance.scoreboard.collect import KINDS

SYMBOL = {"pass": "✓", "fail": "✗", "error": "E", "n/a": "–", "skip": "s"}
CHART_FILE = "pass-rates.svg"


def _installed(data):
    return [e for e in data["engines"] if e.get("installed")]


def _total_line(e) -> str:
    t = e["totals"]
    return " | ".join(str(t[k]) for k in KINDS)


def markdown(data: dict) -> str:
    engines = _installed(data)
    lines = [
        "# Scoreboard: autograd engines against torch",
        "",
        f"Suite {data['suite_version']}, torch {data['torch_version']} as the oracle,"
        f" profile `{data['profile']}` (seed {data['seed']}), generated {data['generated']}"
        f" by `{data['command']}` in {data['seconds']} s.",
        "",
        "A check passes when the engine, driven through its adapter (`conformance/backends/*_adapter.py`),"
        " shows what torch shows. `n/a`: the engine has no such concept (the reason is its adapter's).",
        "",
        "| engine | version | pass | fail | error | n/a | skip |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += [f"| {e['name']} | {e['version']} | {_total_line(e)} |" for e in engines]
    lines += [f"| {e['name']} | not installed | | | | | |" for e in data["engines"] if not e.get("installed")]
    lines += [
        "",
        f"![Pass rate per area and engine]({CHART_FILE})",
        "",
        "## Per area (pass / fail / n/a)",
        "",
    ]
    lines += ["| area | " + " | ".join(e["name"] for e in engines) + " |", "|---" * (len(engines) + 1) + "|"]
    for area, title in AREAS.items():
        if not any(area in e["areas"] for e in engines):
            continue
        cells = []
        for e in engines:
            c = e["areas"].get(area)
            cells.append(f"{c['pass']} / {c['fail'] + c['error']} / {c['n/a'] + c['skip']}" if c else "")
        lines.append(f"| {title} | " + " | ".join(cells) + " |")
    lines += ["", "## Rules by engine", "", "✓ pass, ✗ fail, E error, – not applicable, s skipped.", ""]
    lines += ["| rule | " + " | ".join(e["name"] for e in engines) + " |", "|---" * (len(engines) + 1) + "|"]
    for rule in sorted(data["rules"]):
        cells = [SYMBOL.get(e["rules"].get(rule, ""), "") for e in engines]
        lines.append(f"| {rule} {data['rules'][rule]} | " + " | ".join(cells) + " |")
    lines += ["", "## Failures, with reproducers", ""]
    lines.append("Run a reproducer with torch (`python FILE`) and with the engine (`python FILE BACKEND`).")
    for e in engines:
        failing = [c for c in e["checks"] if c["kind"] in ("fail", "error")]
        lines += ["", f"### {e['name']} ({len(failing)})", ""]
        if failing:
            lines += [f"On {e['name']}: `python FILE {e['backend']}`.", ""]
        for c in failing:
            repro = f" [reproducer]({c['reproducer']})" if c.get("reproducer") else ""
            first = (c["message"].splitlines() or [""])[0][:200]
            lines.append(f"- `{c['id']}`{repro}: {first}")
    lines += ["", "## Not applicable: the reasons", ""]
    for e in engines:
        reasons = sorted({c["message"] for c in e["checks"] if c["kind"] == "n/a"})
        if reasons:
            lines.append(f"- {e['name']}: " + "; ".join(r.removeprefix("not applicable: ") for r in reasons))
    return "\n".join(lines) + "\n"


STYLE = """
body{font-family:sans-serif;margin:2em;max-width:1400px}table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #ccc;padding:3px 7px;text-align:center}td.l,th.l{text-align:left}
.pass{background:#c8f0c8}.fail{background:#f7c4c4}.error{background:#f5d08a}.n\\/a,.na{background:#eee;color:#888}
.skip{background:#eee}pre{background:#f6f6f6;padding:8px;overflow:auto;font-size:12px}
details{margin:.4em 0}summary{cursor:pointer}a{color:#0645ad}
"""


def _cell_class(k: str) -> str:
    return "na" if k == "n/a" else k


def _anchor(engine: str, check_id: str) -> str:
    return "f-" + "".join(ch if ch.isalnum() else "-" for ch in f"{engine}-{check_id}")


def html(data: dict) -> str:
    engines = _installed(data)
    out = [
        "<!doctype html><html><head><meta charset='utf-8'><title>Autograd engines against torch</title>",
        f"<style>{STYLE}</style></head><body>",
        "<h1>Scoreboard: autograd engines against torch</h1>",
        f"<p>Suite {escape(data['suite_version'])}, torch {escape(str(data['torch_version']))} as the"
        f" oracle, profile <code>{escape(data['profile'])}</code> (seed {data['seed']}), generated"
        f" {escape(data['generated'])} by <code>{escape(data['command'])}</code> in {data['seconds']} s."
        " <em>n/a</em>: the engine has no such concept (the reason comes from its adapter).</p>",
        "<table><tr><th class=l>engine</th><th>version</th>"
        + "".join(f"<th>{k}</th>" for k in KINDS)
        + "</tr>",
    ]
    for e in data["engines"]:
        if not e.get("installed"):
            out.append(f"<tr><td class=l>{escape(e['name'])}</td><td colspan=6>not installed</td></tr>")
            continue
        cells = "".join(f"<td>{e['totals'][k]}</td>" for k in KINDS)
        out.append(
            f"<tr><td class=l><a href='{escape(e['home'])}'>{escape(e['name'])}</a></td>"
            f"<td>{escape(str(e['version']))}</td>{cells}</tr>"
        )
    out += ["</table>", "<h2>Pass rate per area</h2>", svg(data["engines"])]
    out += ["<h2>Rules by engine</h2><p>Click a failing cell for its differences and reproducer.</p><table>"]
    out.append(
        "<tr><th class=l>rule</th>" + "".join(f"<th>{escape(e['name'])}</th>" for e in engines) + "</tr>"
    )
    first_failure = {
        (e["name"], c["rule"]): c["id"]
        for e in engines
        for c in reversed(e["checks"])
        if c["kind"] in ("fail", "error")
    }
    for rule in sorted(data["rules"]):
        row = [f"<td class=l title='{escape(data['rules'][rule])}'>{rule} {escape(data['rules'][rule])}</td>"]
        for e in engines:
            k = e["rules"].get(rule, "")
            symbol = SYMBOL.get(k, "")
            target = first_failure.get((e["name"], rule))
            if target:
                symbol = f"<a href='#{_anchor(e['name'], target)}'>{symbol}</a>"
            row.append(f"<td class='{_cell_class(k)}'>{symbol}</td>")
        out.append("<tr>" + "".join(row) + "</tr>")
    out.append("</table><h2>Failures</h2>")
    for e in engines:
        failing = [c for c in e["checks"] if c["kind"] in ("fail", "error")]
        out.append(f"<h3>{escape(e['name'])} ({len(failing)})</h3>")
        for c in failing:
            repro = ""
            if c.get("reproducer"):
                repro = (
                    f"<p><a href='{escape(c['reproducer'])}'>{escape(c['reproducer'])}</a>: run "
                    f"<code>python {escape(c['reproducer'].split('/')[-1])}</code> (torch) and "
                    f"<code>python {escape(c['reproducer'].split('/')[-1])} {escape(e['backend'])}</code></p>"
                    f"<pre>{escape(c['script'])}</pre>"
                )
            out.append(
                f"<details id='{_anchor(e['name'], c['id'])}'>"
                f"<summary>{escape(c['id'])} ({c['kind']})</summary>"
                f"<pre>{escape(c['message'])}</pre>{repro}</details>"
            )
    out.append("<h2>Not applicable: the reasons</h2><ul>")
    for e in engines:
        reasons = sorted(
            {c["message"].removeprefix("not applicable: ") for c in e["checks"] if c["kind"] == "n/a"}
        )
        if reasons:
            items = "".join(f"<li>{escape(r)}</li>" for r in reasons)
            out.append(f"<li>{escape(e['name'])}<ul>{items}</ul></li>")
    out.append("</ul></body></html>")
    return "\n".join(out) + "\n"
