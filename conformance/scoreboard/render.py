"""scoreboard.md and index.html from the scoreboard's data (the dict written to scoreboard.json)."""

from __future__ import annotations

from collections import Counter
from html import escape

from conformance.catalog import AREAS
from conformance.scoreboard.chart import percent, svg
from conformance.scoreboard.collect import KINDS, coverage, fidelity, ordered_areas

SYMBOL = {"pass": "✓", "fail": "✗", "error": "E", "n/a": "–", "skip": "s"}
CHART_FILE = "areas.svg"
TITLE = "Scoreboard: autograd engines against torch"
EXPLAIN = (
    "Every check runs the same program on torch (the oracle) and on the engine and compares what a user can"
    " observe. **Coverage**: the share of the catalog's checks the engine implements (not *n/a*: the check"
    " needs a concept the engine does not have, as its adapter says). **Fidelity**: the share of its"
    " implemented checks it passes, passed / (passed + failed + errors). *skip*: the suite could not judge"
    " the check; it counts in neither."
)
REPRODUCE = (
    "Reproduce a failure: `conformance repro CHECK_ID --backend NAME > repro.py`, then `python repro.py`"
    " (torch) and `python repro.py NAME` (the engine); for JTorch run the script with its environment's"
    " Python instead (`~/.cache/conformance/envs/jtorch/bin/python repro.py`), where `torch` is JTorch."
)


def _installed(data):
    return [e for e in data["engines"] if e.get("installed")]


def _header(data) -> str:
    checks = max((sum(e["totals"].values()) for e in _installed(data)), default=0)
    areas = ordered_areas(a for e in _installed(data) for a in e["areas"])
    return (
        f"Run on {data['generated']} with torch {data['torch_version']} as the oracle: suite"
        f" {data['suite_version']}, {checks} checks in {len(areas)} areas, profile `{data['profile']}`"
        f" (seed {data['seed']}); `{data['command']}` took {data['seconds']} s.{_older_runs(data, checks)}"
    )


def _older_runs(data, checks) -> str:
    """Engines whose entry comes from a run over a smaller catalog (kept when only some engines were rerun):
    their figures are over their own number of checks, and the page says so."""
    older = [
        f"{e['name']} ({sum(e['totals'].values())})"
        for e in _installed(data)
        if sum(e["totals"].values()) < checks
    ]
    if not older:
        return ""
    return (
        " Not rerun on this catalog, so their figures are over the smaller catalog they ran (checks in"
        f" brackets): {', '.join(older)}."
    )


def _area_cell(c) -> str:
    if not c:
        return ""
    judged = c["pass"] + c["fail"] + c["error"]
    figure = f"{percent(fidelity(c))} of {judged}" if judged else "none judged"
    return f"{figure} (cov {percent(coverage(c))})"


def _na_reasons(e) -> list[tuple[str, int]]:
    reasons = Counter(
        c["message"].removeprefix("not applicable: ") for c in e["checks"] if c["kind"] == "n/a"
    )
    return reasons.most_common()


def _failing(e) -> list[dict]:
    return [c for c in e["checks"] if c["kind"] in ("fail", "error")]


def _first_line(message: str, width: int = 220) -> str:
    line = (message.splitlines() or [""])[0]
    return line if len(line) <= width else line[:width] + "…"


def markdown(data: dict) -> str:
    engines = _installed(data)
    lines = [f"# {TITLE}", "", _header(data), "", EXPLAIN, ""]
    lines += [
        "| engine | version | coverage | fidelity | pass | fail | error | n/a | skip | run as |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for e in engines:
        t = e["totals"]
        counts = " | ".join(str(t[k]) for k in KINDS)
        home = e["home"] if e["home"].startswith("http") else "../../README.md"
        figures = f"{percent(e['coverage'])} | {percent(e['fidelity'])}"
        lines.append(f"| [{e['name']}]({home}) | {e['version']} | {figures} | {counts} | {e['how']} |")
    for e in data["engines"]:
        if not e.get("installed"):
            lines.append(f"| {e['name']} | not installed | | | | | | | | {e['how']} |")
    lines += ["", f"![Fidelity and coverage per area and engine]({CHART_FILE})", "", "## Install", ""]
    lines += [f"- {e['name']}: `{e['install']}`" for e in data["engines"]]
    lines += [
        "",
        "Everything at once, then the run: `conformance scoreboard --setup` (needs root for `apt-get`).",
        "",
        "## Per area: fidelity of the judged checks (coverage)",
        "",
    ]
    lines += ["| area | " + " | ".join(e["name"] for e in engines) + " |", "|---" * (len(engines) + 1) + "|"]
    for area in ordered_areas(a for e in engines for a in e["areas"]):
        cells = [_area_cell(e["areas"].get(area)) for e in engines]
        lines.append(f"| {AREAS.get(area, area)} | " + " | ".join(cells) + " |")
    lines += ["", "## Rules by engine", "", "✓ pass, ✗ fail, E error, – not applicable, s skipped.", ""]
    lines += ["| rule | " + " | ".join(e["name"] for e in engines) + " |", "|---" * (len(engines) + 1) + "|"]
    for rule, info in data["rules"].items():
        cells = [SYMBOL.get(e["rules"].get(rule, ""), "") for e in engines]
        lines.append(f"| {rule} {info['title']} | " + " | ".join(cells) + " |")
    lines += ["", "## Failures", "", REPRODUCE]
    for e in engines:
        failing = _failing(e)
        lines += ["", f"### {e['name']} ({len(failing)})", ""]
        lines += [f"- `{c['id']}`: {_first_line(c['message'])}" for c in failing]
    lines += ["", "## Not applicable: the reasons", ""]
    for e in engines:
        reasons = _na_reasons(e)
        if reasons:
            lines += [f"### {e['name']}", ""]
            lines += [f"- {n} × {reason}" for reason, n in reasons]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


STYLE = """
body{font-family:sans-serif;margin:2em;max-width:1500px}table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #ccc;padding:3px 7px;text-align:center}td.l,th.l{text-align:left}
.pass{background:#c8f0c8}.fail{background:#f7c4c4}.error{background:#f5d08a}.na{background:#eee;color:#888}
.skip{background:#eee}pre{background:#f6f6f6;padding:8px;overflow:auto;font-size:12px;white-space:pre-wrap}
details{margin:.4em 0}summary{cursor:pointer}a{color:#0645ad}code{background:#f3f3f3}
"""


def _cell_class(k: str) -> str:
    return "na" if k == "n/a" else k


def _anchor(engine: str, check_id: str) -> str:
    return "f-" + "".join(ch if ch.isalnum() else "-" for ch in f"{engine}-{check_id}")


def _md_code(text: str) -> str:
    """`code` spans of the fixed texts as <code>, the rest escaped."""
    parts = text.split("`")
    return "".join(
        f"<code>{escape(p)}</code>" if i % 2 else escape(p).replace("**", "") for i, p in enumerate(parts)
    )


def html(data: dict) -> str:
    engines = _installed(data)
    out = [
        f"<!doctype html><html><head><meta charset='utf-8'><title>{TITLE}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>{TITLE}</h1>",
        f"<p>{_md_code(_header(data))}</p>",
        f"<p>{_md_code(EXPLAIN).replace('*', '')}</p>",
        "<table><tr><th class=l>engine</th><th>version</th><th>coverage</th><th>fidelity</th>"
        + "".join(f"<th>{k}</th>" for k in KINDS)
        + "<th class=l>run as</th><th class=l>install</th></tr>",
    ]
    for e in data["engines"]:
        name = (
            f"<a href='{escape(e['home'])}'>{escape(e['name'])}</a>"
            if e["home"].startswith("http")
            else escape(e["name"])
        )
        if not e.get("installed"):
            how = f"<td class=l>{escape(e['how'])}</td><td class=l><code>{escape(e['install'])}</code></td>"
            out.append(
                f"<tr><td class=l>{name}</td><td colspan={3 + len(KINDS)}>not installed</td>{how}</tr>"
            )
            continue
        cells = "".join(f"<td>{e['totals'][k]}</td>" for k in KINDS)
        out.append(
            f"<tr><td class=l>{name}</td><td>{escape(str(e['version']))}</td>"
            f"<td>{percent(e['coverage'])}</td><td>{percent(e['fidelity'])}</td>{cells}"
            f"<td class=l>{escape(e['how'])}</td><td class=l><code>{escape(e['install'])}</code></td></tr>"
        )
    out += [
        "</table>",
        "<p>Everything at once, then the run: <code>conformance scoreboard --setup</code>"
        " (needs root for apt-get).</p>",
        "<h2>Fidelity and coverage per area</h2>",
        svg(data["engines"]),
        "<h2>Rules by engine</h2><p>Click a failing cell for the failure.</p><table>",
        "<tr><th class=l>rule</th>" + "".join(f"<th>{escape(e['name'])}</th>" for e in engines) + "</tr>",
    ]
    first_failure = {(e["name"], c["rule"]): c["id"] for e in engines for c in reversed(_failing(e))}
    for rule, info in data["rules"].items():
        row = [f"<td class=l>{escape(rule)} {escape(info['title'])}</td>"]
        for e in engines:
            k = e["rules"].get(rule, "")
            symbol = SYMBOL.get(k, "")
            target = first_failure.get((e["name"], rule))
            if target:
                symbol = f"<a href='#{_anchor(e['name'], target)}'>{symbol}</a>"
            row.append(f"<td class='{_cell_class(k)}'>{symbol}</td>")
        out.append("<tr>" + "".join(row) + "</tr>")
    out += ["</table><h2>Failures</h2>", f"<p>{_md_code(REPRODUCE)}</p>"]
    for e in engines:
        failing = _failing(e)
        out.append(f"<h3>{escape(e['name'])} ({len(failing)})</h3>")
        for c in failing:
            example = f"<p>example: <code>{escape(c['kwargs'])}</code></p>" if c.get("kwargs") else ""
            summary = f"{escape(c['id'])} ({c['kind']}): {escape(_first_line(c['message'], 140))}"
            command = f"conformance repro {c['id']} --backend {e['backend']}"
            out.append(
                f"<details id='{_anchor(e['name'], c['id'])}'><summary>{summary}</summary>"
                f"<pre>{escape(c['message'])}</pre>{example}<p><code>{escape(command)}</code></p></details>"
            )
    out.append("<h2>Not applicable: the reasons</h2>")
    for e in engines:
        reasons = _na_reasons(e)
        if reasons:
            items = "".join(f"<li>{n} × {escape(r)}</li>" for r, n in reasons)
            out.append(f"<h3>{escape(e['name'])}</h3><ul>{items}</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
