"""Reports of a run: results.json (the data) and, rendered from it, report.md, index.html, junit.xml.

``write_reports`` writes all four atomically (see ``atomic``); ``load`` reads results.json back.
"""

from __future__ import annotations

import os

from conformance.report import html, json_report, junit, markdown
from conformance.report.atomic import signals_held, write_atomically
from conformance.report.json_report import ResultsError, load
from conformance.report.merge import MergeError, merge
from conformance.report.model import OUTCOMES, SCHEMA_VERSION, CheckResult, SuiteResult
from conformance.report.text import summary_table

RENDERERS = (json_report, markdown, html, junit)

__all__ = [
    "OUTCOMES",
    "SCHEMA_VERSION",
    "CheckResult",
    "MergeError",
    "ResultsError",
    "SuiteResult",
    "load",
    "merge",
    "summary_table",
    "write_reports",
]


def write_reports(result: SuiteResult, directory: str, renderers=RENDERERS) -> list[str]:
    """Render every report in memory, then write each one atomically; returns the paths written."""
    texts = [(os.path.join(directory, r.FILENAME), r.render(result)) for r in renderers]
    with signals_held():
        for path, text in texts:
            write_atomically(path, text)
    return [path for path, _ in texts]
