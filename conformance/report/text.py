"""Shared bits of the text renderings: the summary table and safe code fences."""

from __future__ import annotations

import re

from conformance.catalog import AREAS
from conformance.report.model import OUTCOMES, SuiteResult


def area_title(area: str) -> str:
    return AREAS.get(area, area)


def percent(share: float | None) -> str:
    return "-" if share is None else f"{100 * share:.0f}%"


COVERAGE_HEADER = ["coverage", "fidelity"]
COVERAGE_NOTE = (
    "n/a: skipped because the backend lacks what the check uses (counted under skip too); "
    "coverage: the share of checks the backend implements (all but n/a); "
    "fidelity: the share of those that pass"
)


def summary_rows(result: SuiteResult) -> list[list[str]]:
    """Header, one row per area, then the totals: area, outcome counts, total, coverage, fidelity."""
    coverage = result.coverage()
    rows = [["area", *OUTCOMES, "n/a", "total", *COVERAGE_HEADER]]
    areas = list(result.area_counts().items()) + [("total", result.counts())]
    for area, counts in areas:
        c = coverage[area]
        rows.append(
            [
                "total" if area == "total" else area_title(area),
                *(str(counts[o]) for o in OUTCOMES),
                str(c.not_applicable),
                str(c.checks),
                percent(c.coverage),
                percent(c.fidelity),
            ]
        )
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
