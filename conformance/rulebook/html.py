"""The rule book as one offline HTML page: inline CSS, graphs as inline SVG, no scripts, no network."""

from __future__ import annotations

import re
from html import escape

from conformance.catalog import AREAS
from conformance.explain import engine_title
from conformance.rulebook.book import Book, ClaimEntry, Graph, RuleEntry
from conformance.rulebook.text import intro, outcome_class, render_command, verdict_class

FILENAME = "index.html"

CSS = """
:root { --ink: #1d2430; --muted: #5b6577; --line: #d9dee7; --paper: #ffffff; --tint: #f5f7fa;
        --ok: #1f7a3a; --ok-bg: #e5f4e8; --bad: #a4262c; --bad-bg: #fbe9ea;
        --warn: #8a5a00; --warn-bg: #fff3d6; --accent: #2f5d9c; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC",
       "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--tint); }
a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
code, pre { font: 13px/1.45 ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; }
.layout { display: grid; grid-template-columns: 250px minmax(0, 1fr); }
nav { position: sticky; top: 0; height: 100vh; overflow-y: auto; padding: 18px 14px; background: #1f2a3c;
      color: #dfe6f1; font-size: 14px; }
nav a { color: #dfe6f1; display: block; padding: 2px 6px; border-radius: 4px; }
nav a:hover { background: #2e3d57; text-decoration: none; }
nav h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: #9fb0c9;
         margin: 16px 0 6px; }
nav .count { float: right; color: #9fb0c9; }
main { padding: 24px 36px 80px; max-width: 1280px; }
header h1 { margin: 0 0 6px; font-size: 26px; }
header p { margin: 6px 0; color: var(--muted); max-width: 900px; }
h2.area { margin: 42px 0 10px; padding-bottom: 6px; border-bottom: 2px solid var(--line); font-size: 22px; }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px;
        margin: 16px 0; }
.card h3 { margin: 0 0 8px; font-size: 17px; }
.card h3 .id { font-family: ui-monospace, Menlo, Consolas, monospace; color: var(--muted);
               margin-right: 8px; }
.card h4 { margin: 12px 0 4px; font-size: 13px; color: var(--muted); text-transform: uppercase;
           letter-spacing: .04em; }
.badges { margin: 4px 0 8px; }
.badge { display: inline-block; font-size: 12px; padding: 1px 8px; border-radius: 10px; margin: 2px 4px 2px 0;
         background: var(--tint); border: 1px solid var(--line); }
.badge.ok { background: var(--ok-bg); color: var(--ok); border-color: #b7dcc0; }
.badge.bad { background: var(--bad-bg); color: var(--bad); border-color: #efc2c5; }
.badge.warn { background: var(--warn-bg); color: var(--warn); border-color: #ecd39a; }
.claim { border-left: 4px solid var(--accent); background: #f2f6fc; padding: 8px 14px; margin: 10px 0;
         border-radius: 0 6px 6px 0; }
.claim .zh { font-size: 15px; margin: 0 0 4px; }
.claim .en { margin: 0 0 4px; color: var(--muted); }
.claim .verdict { margin: 0; font-weight: 600; }
.verdict.ok { color: var(--ok); } .verdict.bad { color: var(--bad); } .verdict.warn { color: var(--warn); }
.pair { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 14px; }
pre { margin: 0; padding: 10px 12px; border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; }
pre.code { background: #f4f6f9; border: 1px solid var(--line); }
pre.out { background: #10151e; color: #e3e8ef; }
pre.out.differs { border: 2px solid var(--bad); }
p.same { color: var(--ok); margin: 8px 0 0; font-size: 14px; }
.graphs { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 14px; margin-top: 6px; }
figure { margin: 0; background: #fbfcfe; border: 1px solid var(--line); border-radius: 6px; padding: 8px;
         text-align: center; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 13px; color: var(--muted); margin-top: 4px; }
.meta { font-size: 13px; color: var(--muted); margin: 10px 0 0; overflow-wrap: anywhere; }
table.summary { border-collapse: collapse; width: 100%; background: var(--paper); font-size: 14px; }
table.summary th, table.summary td { border: 1px solid var(--line); padding: 4px 8px; text-align: left;
                                     vertical-align: top; }
table.summary th { background: var(--tint); }
ul.claim-rules { margin: 6px 0 0; padding-left: 20px; }
@media (max-width: 1000px) { .layout { grid-template-columns: 1fr; } nav { position: static; height: auto; }
                             .pair, .graphs { grid-template-columns: 1fr; } main { padding: 16px; } }
"""


def _text(text: str) -> str:
    """Escaped prose with `code` spans; blank lines separate paragraphs."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    rendered = []
    for paragraph in paragraphs:
        escaped = escape(" ".join(paragraph.split()))
        rendered.append("<p>" + re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped) + "</p>")
    return "\n".join(rendered)


def _inline(text: str) -> str:
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(text))


def _badge(text: str, kind: str = "") -> str:
    return f'<span class="badge {kind}">{escape(text)}</span>'


def _svg(svg: str, prefix: str) -> str:
    """Graphviz's SVG without its XML prolog, ids prefixed so several pictures share one page."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r'\bid="', f'id="{prefix}-', svg)
    return re.sub(r'(xlink:href|href)="#', rf'\1="#{prefix}-', svg)


def _figure(graph: Graph, rule_id: str, what: str) -> str:
    caption = f"{graph.engine}: the graph behind <code>{escape(what)}</code>"
    if graph.svg:
        body = _svg(graph.svg, f"{rule_id}-{graph.engine}".replace(".", "-"))
    elif graph.dot:
        command = escape(render_command(rule_id, graph.engine))
        hint = f'<p class="meta">Render it with <code>{command}</code></p>'
        body = f'<pre class="code">{escape(graph.dot)}</pre>{hint}'
    else:
        body = f'<p class="meta">No picture: {escape(graph.error or "")}</p>'
    return f"<figure>{body}<figcaption>{caption}</figcaption></figure>"


def _outcome_badges(entry: RuleEntry) -> str:
    return "".join(_badge(f"{name}: {o}", outcome_class(o)) for name, o in entry.outcomes.items())


def _claim_box(entry: RuleEntry) -> str:
    from conformance.rulebook.claims import CLAIMS

    claim, rule = CLAIMS[entry.rule.claim], entry.rule
    return (
        '<div class="claim">'
        f'<p class="zh" lang="zh">{rule.claim}) {escape(claim.chinese)}</p>'
        f'<p class="en">{_inline(claim.english)}</p>'
        f'<p class="verdict {verdict_class(rule.verdict)}">Verdict: torch {escape(rule.verdict)}</p>'
        "</div>"
    )


def _outputs(entry: RuleEntry) -> str:
    torch_run, backend_run = entry.torch_run, entry.backend_run
    parts = [
        '<div class="pair">',
        f'<div><h4>Example</h4><pre class="code">{escape(entry.rule.example)}</pre></div>',
        f"<div><h4>{escape(engine_title(torch_run))} prints (run when this book was made)</h4>"
        f'<pre class="out">{escape(torch_run.output) or "(nothing)"}</pre></div>',
        "</div>",
    ]
    if backend_run.output == torch_run.output:
        parts.append(f'<p class="same">✓ {escape(backend_run.engine)} prints the same.</p>')
    else:
        parts.append(
            f"<h4>{escape(engine_title(backend_run))} prints something else</h4>"
            f'<pre class="out differs">{escape(backend_run.output) or "(nothing)"}</pre>'
        )
    return "\n".join(parts)


def _rule_card(entry: RuleEntry) -> str:
    rule = entry.rule
    badges = ""
    if rule.claim is not None:
        badges += _badge(
            f"article claim {rule.claim}: torch {rule.verdict.split(':')[0]}", verdict_class(rule.verdict)
        )
    badges += _outcome_badges(entry)
    parts = [
        f'<article class="card" id="{escape(rule.id)}">',
        f'<h3><a class="id" href="#{escape(rule.id)}">{escape(rule.id)}</a>{escape(rule.title)}</h3>',
        f'<div class="badges">{badges}</div>' if badges else "",
        _text(rule.explanation),
        _claim_box(entry) if rule.claim is not None else "",
        _outputs(entry),
    ]
    if entry.graphs:
        figures = "".join(_figure(g, rule.id, rule.graph_of) for g in entry.graphs)
        parts.append(f'<h4>Graphs, drawn by minigrad.viz</h4><div class="graphs">{figures}</div>')
    meta = []
    if rule.source:
        meta.append(f'source: <a href="{escape(rule.source)}">{escape(rule.source)}</a>')
    if rule.checks:
        meta.append("checks: " + ", ".join(f"<code>{escape(c.id)}</code>" for c in rule.checks))
    if meta:
        parts.append(f'<p class="meta">{" · ".join(meta)}</p>')
    parts.append("</article>")
    return "\n".join(p for p in parts if p)


def _claim_card(entry: ClaimEntry, numbered: bool = True) -> str:
    claim = entry.claim
    anchor = f"claim-{claim.number}" if numbered else "claim-graph"
    heading = f"Claim {claim.number}" if numbered else "The closing remark: a dynamic graph, a DAG"
    rows = []
    for e in entry.rules:
        verdict = f" — torch {escape(e.rule.verdict)}" if e.rule.verdict else ""
        rows.append(f'<li><a href="#{e.rule.id}">{e.rule.id}</a> {escape(e.rule.title)}{verdict}</li>')
    evidence = ""
    if entry.rules:  # the first rule that shows torch differing, else the first one: its example and output
        shown = next((e for e in entry.rules if (e.rule.verdict or "agrees") != "agrees"), entry.rules[0])
        evidence = (
            f'<div class="pair"><div><h4>Example ({shown.rule.id})</h4><pre class="code">'
            f"{escape(shown.rule.example)}</pre></div><div><h4>{escape(engine_title(shown.torch_run))} prints"
            f'</h4><pre class="out">{escape(shown.torch_run.output)}</pre></div></div>'
        )
    summary = entry.summary if numbered else "see the rules below"
    return (
        f'<article class="card" id="{anchor}"><h3>{heading}: '
        f'<span class="verdict {verdict_class(summary)}">{escape(summary)}</span></h3>'
        f'<div class="claim"><p class="zh" lang="zh">{escape(claim.chinese)}</p>'
        f'<p class="en">{_inline(claim.english)}</p></div>'
        f'<ul class="claim-rules">{"".join(rows)}</ul>{evidence}</article>'
    )


def _area_table(book: Book, entries: list[RuleEntry]) -> str:
    head = "<tr><th>Rule</th><th>What torch does</th><th>Article</th>"
    head += "".join(f"<th>{escape(name)}</th>" for name in book.engines) + "</tr>"
    rows = []
    for e in entries:
        claim = f"claim {e.rule.claim}: {escape(e.rule.verdict.split(':')[0])}" if e.rule.claim else ""
        cells = "".join(
            f"<td>{_badge(e.outcomes[name], outcome_class(e.outcomes[name]))}</td>" for name in book.engines
        )
        rows.append(
            f'<tr><td><a href="#{e.rule.id}">{e.rule.id}</a></td><td>{escape(e.rule.title)}</td>'
            f"<td>{claim}</td>{cells}</tr>"
        )
    return f'<table class="summary">{head}{"".join(rows)}</table>'


def _nav(book: Book) -> str:
    links = ["<h2>The article</h2>", '<a href="#claims">The eight claims</a>']
    links += [
        f'<a href="#claim-{c.claim.number}">Claim {c.claim.number}: {escape(c.summary)}</a>'
        for c in book.claims
    ]
    links.append("<h2>Areas</h2>")
    for area, entries in book.areas.items():
        links.append(
            f'<a href="#area-{area}">{escape(AREAS[area])}<span class="count">{len(entries)}</span></a>'
        )
    return "<nav>" + "\n".join(links) + "</nav>"


def render(book: Book) -> str:
    body = [f"<header><h1>The rule book: how torch.autograd behaves</h1>{_text(intro(book))}</header>"]
    body.append('<h2 class="area" id="claims">The article\'s eight claims, checked against torch</h2>')
    body += [_claim_card(c) for c in book.claims]
    if book.graph_remark.rules:
        body.append(_claim_card(book.graph_remark, numbered=False))
    for area, entries in book.areas.items():
        body.append(f'<h2 class="area" id="area-{area}">{escape(AREAS[area])} <small>({area})</small></h2>')
        body.append(_area_table(book, entries))
        body += [_rule_card(e) for e in entries]
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta name="catalog-hash" content="{book.catalog_hash}">\n'
        f"<!-- generated by `conformance rulebook`; do not edit. catalog-hash: {book.catalog_hash} -->\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Rule book: torch.autograd, checked against torch {escape(book.torch_version)}</title>\n"
        f'<style>{CSS}</style></head>\n<body><div class="layout">{_nav(book)}\n<main>\n'
        + "\n".join(body)
        + "\n</main></div></body></html>\n"
    )
