"""The picture: per area and engine, fidelity (colour and figure) and coverage, as an SVG table."""

from __future__ import annotations

from html import escape

from conformance.catalog import AREAS
from conformance.scoreboard.collect import coverage, fidelity, ordered_areas

CELL_W, CELL_H, LABEL_W, HEAD_H = 118, 34, 260, 58


def colour(rate: float | None) -> str:
    if rate is None:  # nothing in the area could be judged for this engine
        return "#e6e6e6"
    red, green = int(220 - 170 * rate), int(80 + 120 * rate)
    return f"rgb({red},{green},90)"


def percent(rate: float | None) -> str:
    return "–" if rate is None else f"{100 * rate:.0f}%"


def svg(entries: list[dict]) -> str:
    engines = [e for e in entries if e.get("installed")]
    not_run = [e["name"] for e in entries if not e.get("installed")]
    areas = ordered_areas(a for e in engines for a in e["areas"])
    width = max(LABEL_W + CELL_W * len(engines) + 10, 800)  # at least as wide as the legend
    height = HEAD_H + CELL_H * (len(areas) + 1) + 44 + (16 if not_run else 0)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        "<title>Fidelity and coverage per area and engine</title>",
        f'<rect width="{width}" height="{height}" fill="white"/>',
    ]
    for j, e in enumerate(engines):
        x = LABEL_W + j * CELL_W + CELL_W / 2
        name, _, note = e["name"].partition(" (")  # "PaddlePaddle (torch mode)": the note on its own line
        head = [(name, ' font-weight="bold"'), (f"({note}" if note else "", ' font-size="10"')]
        head.append((str(e["version"]).split(", ")[0], ' fill="#555" font-size="10"'))  # the first package's
        for line, (text, style) in enumerate(head):
            out.append(
                f'<text x="{x}" y="{16 + 14 * line}" text-anchor="middle"{style}>{escape(text[:20])}</text>'
            )
    rows = [(AREAS.get(a, a), {e["name"]: e["areas"].get(a) for e in engines}) for a in areas]
    rows.append(("All checks", {e["name"]: e["totals"] for e in engines}))
    for i, (title, cells) in enumerate(rows):
        y = HEAD_H + i * CELL_H
        weight = ' font-weight="bold"' if i == len(rows) - 1 else ""
        out.append(f'<text x="{LABEL_W - 8}" y="{y + 21}" text-anchor="end"{weight}>{escape(title)}</text>')
        for j, e in enumerate(engines):
            counts = cells[e["name"]]
            fid = fidelity(counts) if counts else None
            cov = coverage(counts) if counts else None
            x = LABEL_W + j * CELL_W
            judged = counts["pass"] + counts["fail"] + counts["error"] if counts else 0
            tip = (
                f"{e['name']}, {title}: fidelity {percent(fid)} ({counts['pass']} of {judged} judged), "
                f"coverage {percent(cov)}"
                if counts
                else f"{e['name']}, {title}: no checks"
            )
            out.append(
                f'<rect x="{x + 1}" y="{y + 1}" width="{CELL_W - 2}" height="{CELL_H - 2}" '
                f'fill="{colour(fid)}"><title>{escape(tip)}</title></rect>'
            )
            if cov:  # coverage as a bar along the cell's foot, too
                out.append(
                    f'<rect x="{x + 1}" y="{y + CELL_H - 4}" width="{(CELL_W - 2) * cov:.1f}" height="3" '
                    'fill="#333" fill-opacity="0.55"/>'
                )
            out.append(
                f'<text x="{x + CELL_W / 2}" y="{y + 16}" text-anchor="middle"{weight}>{percent(fid)}</text>'
            )
            out.append(
                f'<text x="{x + CELL_W / 2}" y="{y + 29}" text-anchor="middle" font-size="10" fill="#333">'
                f"coverage {percent(cov)}</text>"
            )
    out.append(
        f'<text x="10" y="{height - 24}" fill="#555">Big figure and colour: fidelity, passed / (passed'
        " + failed + errors) of the implemented checks (grey: none judged).</text>"
    )
    out.append(
        f'<text x="10" y="{height - 8}" fill="#555">Small figure: coverage, the share of the area\'s checks'
        " the engine implements (not n/a), also the bar at the foot.</text>"
    )
    if not_run:  # an engine missing from the picture is named, so its absence is not read as a result
        out.append(
            f'<text x="10" y="{height - 40}" fill="#a33">Not run here (not installed): '
            f"{escape(', '.join(not_run))}.</text>"
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"
