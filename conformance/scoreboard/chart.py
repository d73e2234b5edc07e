"""The picture: per-area pass rates of each engine, as an SVG heat map (areas down, engines across)."""

from __future__ import annotations

from html import escape

from conformance.catalog import AREAS

CELL_W, CELL_H, LABEL_W, HEAD_H = 110, 26, 250, 46


def _colour(rate: float | None) -> str:
    if rate is None:  # nothing in the area applied to this engine
        return "#e6e6e6"
    red, green = int(220 - 170 * rate), int(80 + 120 * rate)
    return f"rgb({red},{green},90)"


def pass_rate(counts: dict) -> float | None:
    """Passed checks over the checks that could be judged (n/a and skips left out)."""
    judged = counts["pass"] + counts["fail"] + counts["error"]
    return counts["pass"] / judged if judged else None


def svg(entries: list[dict]) -> str:
    engines = [e for e in entries if e.get("installed")]
    areas = [a for a in AREAS if any(a in e["areas"] for e in engines)]
    width = LABEL_W + CELL_W * len(engines) + 10
    height = HEAD_H + CELL_H * len(areas) + 40
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        "<title>Pass rate per area and engine (passed / judged checks; grey: nothing applied)</title>",
        f'<rect width="{width}" height="{height}" fill="white"/>',
    ]
    for j, e in enumerate(engines):
        x = LABEL_W + j * CELL_W + CELL_W / 2
        out.append(f'<text x="{x}" y="20" text-anchor="middle" font-weight="bold">{escape(e["name"])}</text>')
        out.append(
            f'<text x="{x}" y="36" text-anchor="middle" fill="#555">{escape(str(e["version"]))}</text>'
        )
    for i, area in enumerate(areas):
        y = HEAD_H + i * CELL_H
        out.append(f'<text x="{LABEL_W - 8}" y="{y + 17}" text-anchor="end">{escape(AREAS[area])}</text>')
        for j, e in enumerate(engines):
            counts = e["areas"].get(area)
            rate = pass_rate(counts) if counts else None
            x = LABEL_W + j * CELL_W
            judged = counts["pass"] + counts["fail"] + counts["error"] if counts else 0
            label = "n/a" if rate is None else f"{round(100 * rate)}% of {judged}"
            out.append(
                f'<rect x="{x + 1}" y="{y + 1}" width="{CELL_W - 2}" height="{CELL_H - 2}" '
                f'fill="{_colour(rate)}">'
                f"<title>{escape(e['name'])}, {escape(area)}: {label}</title></rect>"
            )
            out.append(f'<text x="{x + CELL_W / 2}" y="{y + 17}" text-anchor="middle">{label}</text>')
    out.append(
        f'<text x="10" y="{height - 14}" fill="#555">Pass rate = passed / (passed + failed + errors); '
        "checks that do not apply to an engine are left out (grey: none applied).</text>"
    )
    out.append("</svg>")
    return "\n".join(out) + "\n"
