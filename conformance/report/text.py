"""Shared bits of the text renderings: the summary table and safe code fences."""

from __future__ import annotations

import re

from conformance.catalog import AREAS
from conformance.report.model import OUTCOMES, SuiteResult


def area_title(area: str) -> str:
    return AREAS.get(area, area)


def summary_rows(result: SuiteResult) -> list[list[str]]:
    """Header, one row per area, then the totals: area, outcome counts, total."""
    rows = [["area", *OUTCOMES, "total"]]
    for area, counts in result.area_counts().items():
        rows.append([area_title(area), *(str(counts[o]) for o in OUTCOMES), str(sum(counts.values()))])
    totals = result.counts()
    rows.append(["total", *(str(totals[o]) for o in OUTCOMES), str(sum(totals.values()))])
    return rows


def summary_table(result: SuiteResult) -> str:
    """The summary as aligned plain text, for the terminal."""
    rows = summary_rows(result)
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:])]
        lines.append("  ".join(cells).rstrip())
        if n == 0 or n == len(rows) - 2:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def fence(text: str, lang: str = "") -> str:
    """A markdown code block that its content cannot close early."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{lang}\n{text.rstrip()}\n{ticks}"
