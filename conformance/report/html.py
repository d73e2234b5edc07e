"""index.html: one self-contained page (inline CSS, no scripts, no external assets) that opens offline."""

from __future__ import annotations

from html import escape

from conformance.report.markdown import anchor, problems, verdict_line
from conformance.report.model import OUTCOMES, SuiteResult
from conformance.report.text import COVERAGE_NOTE, summary_rows
from conformance.reproducer import repro_path

FILENAME = "index.html"

COLORS = {
    "pass": "#2e7d32",
    "xfail": "#9e9d24",
    "skip": "#9e9e9e",
    "xpass": "#ef6c00",
    "fail": "#c62828",
    "error": "#6a1b9a",
}

CSS = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 70rem;
       padding: 0 1rem; color: #212121; background: #fff; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #ddd; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 13px; }
pre { background: #f6f8fa; padding: .75rem; overflow-x: auto; border-radius: 4px; white-space: pre-wrap; }
table { border-collapse: collapse; } td, th { padding: .25rem .6rem; border-bottom: 1px solid #eee; }
th { text-align: left; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.bar { display: flex; width: 18rem; height: .9rem; background: #eee; border-radius: 3px; overflow: hidden; }
.bar span { display: block; height: 100%; }
.verdict { padding: .5rem 1rem; border-radius: 4px; color: #fff; display: inline-block; }
.badge { color: #fff; border-radius: 3px; padding: 0 .4rem; font-size: 12px; }
details { margin: .4rem 0; border: 1px solid #e0e0e0; border-radius: 4px; padding: .3rem .7rem; }
summary { cursor: pointer; } ul.rules { columns: 2; } .legend span { margin-right: 1rem; }
"""


def _badge(outcome: str) -> str:
    return f'<span class="badge" style="background:{COLORS[outcome]}">{outcome}</span>'


def _bar(counts) -> str:
    total = sum(counts.values()) or 1
    segments = "".join(
        f'<span style="width:{100 * counts[o] / total:.2f}%;background:{COLORS[o]}" '
        f'title="{o}: {counts[o]}"></span>'
        for o in ("pass", "xfail", "skip", "xpass", "fail", "error")
        if counts[o]
    )
    return f'<div class="bar">{segments}</div>'


def _summary(result: SuiteResult) -> list[str]:
    rows = summary_rows(result)
    out = ["<table>", "<tr><th>area</th><th>pass rate</th>"]
    out += [f"<th>{escape(h)}</th>" for h in rows[0][1:]] + ["</tr>"]
    counts_of = list(result.area_counts().values()) + [result.counts()]
    for row, counts in zip(rows[1:], counts_of):
        total = sum(counts.values())
        rate = f"{100 * counts['pass'] / total:.0f}%" if total else "-"
        name = "<b>total</b>" if row is rows[-1] else escape(row[0])
        cells = "".join(f'<td class="n">{escape(v)}</td>' for v in row[1:])
        out.append(f"<tr><td>{name}</td><td>{_bar(counts)} {rate}</td>{cells}</tr>")
    out.append("</table>")
    out.append(f"<p>{escape(COVERAGE_NOTE)}.</p>")
    legend = "".join(f"<span>{_badge(o)}</span>" for o in OUTCOMES)
    out.append(f'<p class="legend">{legend}</p>')
    return out


def _check(c) -> list[str]:
    # Problems open by default: a reader of a failing report came to see them.
    is_open = " open" if c.outcome in ("fail", "error", "xpass") else ""
    out = [
        f'<details id="{anchor(c.id)}"{is_open}><summary>{_badge(c.outcome)} <code>{escape(c.id)}</code>'
        "</summary>"
    ]
    if c.reason:
        out.append(f"<p>Expected to fail because: {escape(c.reason)}</p>")
    if c.outcome == "xpass":
        out.append("<p>It passed: torch and the backend agreed on every example. Delete its expectation.</p>")
    if c.message:
        out.append(f"<p>The difference:</p><pre>{escape(c.message)}</pre>")
    if c.kwargs:
        out.append(f"<p>Smallest failing example:</p><pre>{escape(c.kwargs)}</pre>")
    if c.reproducer:
        path = escape(repro_path(c.id))
        out.append(
            f"<p>Reproducer (<code>{path}</code> beside this report, or <code>conformance repro "
            f"{escape(c.id)}</code>; <code>python FILE</code> runs it on torch, "
            "<code>python FILE BACKEND</code> on a backend):</p>"
        )
        out.append(f"<pre>{escape(c.reproducer)}</pre>")
    out.append("</details>")
    return out


def render(result: SuiteResult) -> str:
    meta = result.meta
    backend = meta.get("backend") or {}
    name = escape(str(backend.get("name")))
    verdict = result.verdict()
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Conformance of {name} to torch.autograd</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>Conformance of <code>{name}</code> to torch.autograd</h1>",
    ]
    color = {"passed": COLORS["pass"], "failed": COLORS["fail"], "interrupted": COLORS["xpass"]}[verdict]
    out.append(f'<p class="verdict" style="background:{color}">{escape(verdict_line(result))}</p>')

    sections = list(problems(result))
    for _, heading, checks in sections:  # what went wrong first: it is what a reader came for
        out.append(f"<h2>{escape(heading)} ({len(checks)})</h2>")
        for c in checks:
            out += _check(c)

    out.append("<h2>Summary by area</h2>")
    out += _summary(result)

    out.append("<h2>Rules by outcome</h2>")
    first_problem: dict[str, str] = {}
    for _, _, checks in sections:
        for c in checks:
            first_problem.setdefault(c.rule, c.id)
    by_outcome: dict[str, list[str]] = {}
    for rule_id, outcome in result.rule_outcomes().items():
        by_outcome.setdefault(outcome, []).append(rule_id)
    for outcome in OUTCOMES:
        ids = by_outcome.get(outcome)
        if not ids:
            continue
        out.append(
            f"<h3>{_badge(outcome)} {len(ids)} rule{'s' if len(ids) != 1 else ''}</h3><ul class='rules'>"
        )
        for rule_id in ids:
            info = result.rules.get(rule_id, {})
            label = f"<code>{escape(rule_id)}</code>"
            if rule_id in first_problem:
                label = f'<a href="#{anchor(first_problem[rule_id])}">{label}</a>'
            out.append(f"<li>{label} {escape(str(info.get('title', '')))}</li>")
        out.append("</ul>")

    out.append("<h2>The run</h2>")
    facts = [
        ("backend", f"{backend.get('name')} {backend.get('version') or ''}"),
        ("torch (oracle)", meta.get("torch_version")),
        ("profile / seed", f"{meta.get('profile')} / {meta.get('seed')}"),
        ("started / finished", f"{meta.get('started')} / {meta.get('finished')}"),
        ("python / platform", f"{meta.get('python')} / {meta.get('platform')}"),
    ] + [(k, meta[k]) for k in ("rules", "shard", "expectations", "orphans_ended") if meta.get(k)]
    out.append(
        "<table>" + "".join(f"<tr><th>{escape(k)}</th><td>{escape(str(v))}</td></tr>" for k, v in facts)
    )
    out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
