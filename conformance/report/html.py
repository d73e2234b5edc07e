"""index.html: one self-contained page (inline CSS, no scripts, no external assets) that opens offline."""

from __future__ import annotations

from html import escape

from conformance.report.markdown import PROBLEM_SECTIONS
from conformance.report.model import OUTCOMES, SuiteResult
from conformance.report.text import area_title

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
.interrupted { background: #fff3e0; border-left: 4px solid #ef6c00; padding: .5rem 1rem; }
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
    out = ["<table>", "<tr><th>area</th><th>pass rate</th>"]
    out += [f"<th>{o}</th>" for o in OUTCOMES] + ["<th>total</th></tr>"]
    rows = list(result.area_counts().items()) + [("total", result.counts())]
    for area, counts in rows:
        total = sum(counts.values())
        rate = f"{100 * counts['pass'] / total:.0f}%" if total else "-"
        name = "<b>total</b>" if area == "total" else escape(area_title(area))
        cells = "".join(f'<td class="n">{counts[o]}</td>' for o in OUTCOMES)
        out.append(f'<tr><td>{name}</td><td>{_bar(counts)} {rate}</td>{cells}<td class="n">{total}</td></tr>')
    out.append("</table>")
    legend = "".join(f"<span>{_badge(o)}</span>" for o in OUTCOMES)
    out.append(f'<p class="legend">{legend}</p>')
    return out


def _check(c) -> list[str]:
    out = [f"<details><summary>{_badge(c.outcome)} <code>{escape(c.id)}</code></summary>"]
    if c.reason:
        out.append(f"<p>Expected to fail because: {escape(c.reason)}</p>")
    if c.message:
        out.append(f"<pre>{escape(c.message)}</pre>")
    if c.kwargs:
        out.append(f"<p>Smallest failing example:</p><pre>{escape(c.kwargs)}</pre>")
    if c.reproducer:
        out.append(
            "<p>Reproducer (<code>python repro.py</code> runs it on torch, "
            "<code>python repro.py BACKEND</code> on a backend):</p>"
        )
        out.append(f"<pre>{escape(c.reproducer)}</pre>")
    out.append("</details>")
    return out


def render(result: SuiteResult) -> str:
    meta = result.meta
    backend = meta.get("backend", {})
    name = escape(str(backend.get("name")))
    passed = result.gate_passed()
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Conformance of {name} to torch.autograd</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>Conformance of <code>{name}</code> to torch.autograd</h1>",
    ]
    if meta.get("interrupted"):
        out.append(
            '<p class="interrupted"><b>Interrupted</b>: this report holds only the checks that finished '
            "before the run was stopped.</p>"
        )
    color = COLORS["pass"] if passed else COLORS["fail"]
    verdict = "matches the expectations" if passed else "does NOT match the expectations"
    out.append(f'<p class="verdict" style="background:{color}">Outcome: {verdict}</p>')
    facts = [
        ("backend", f"{backend.get('name')} {backend.get('version') or ''}"),
        ("torch (oracle)", meta.get("torch_version")),
        ("profile / seed", f"{meta.get('profile')} / {meta.get('seed')}"),
        ("started / finished", f"{meta.get('started')} / {meta.get('finished')}"),
        ("python / platform", f"{meta.get('python')} / {meta.get('platform')}"),
    ] + [(k, meta[k]) for k in ("rules", "shard", "expectations") if meta.get(k)]
    out.append(
        "<table>" + "".join(f"<tr><th>{escape(k)}</th><td>{escape(str(v))}</td></tr>" for k, v in facts)
    )
    out.append("</table>")

    out.append("<h2>Summary by area</h2>")
    out += _summary(result)

    out.append("<h2>Rules by outcome</h2>")
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
            out.append(f"<li><code>{escape(rule_id)}</code> {escape(info.get('title', ''))}</li>")
        out.append("</ul>")

    for outcome, heading in PROBLEM_SECTIONS:
        checks = [c for c in sorted(result.checks, key=lambda c: c.id) if c.outcome == outcome]
        if checks:
            out.append(f"<h2>{escape(heading)} ({len(checks)})</h2>")
            for c in checks:
                out += _check(c)
    out.append("</body></html>")
    return "\n".join(out) + "\n"
