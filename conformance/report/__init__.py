"""Reports of a run: results.json (the data) and, rendered from it, report.md, index.html, junit.xml,
and ``repro/<CHECK>.py``, the reproducer of every failure.

``write_reports`` writes them as one set, switched in at once (see ``atomic``); ``load`` reads
results.json back.
"""

from __future__ import annotations

from conformance.report import html, json_report, junit, markdown
from conformance.report.atomic import ReportDirError, ReportDirLock, write_directory
from conformance.report.json_report import ResultsError, load
from conformance.report.merge import MergeError, merge
from conformance.report.model import OUTCOMES, SCHEMA_VERSION, CheckResult, SuiteResult
from conformance.report.text import summary_table
from conformance.reproducer import repro_path

RENDERERS = (json_report, markdown, html, junit)

__all__ = [
    "OUTCOMES",
    "SCHEMA_VERSION",
    "CheckResult",
    "MergeError",
    "ReportDirError",
    "ReportDirLock",
    "ResultsError",
    "SuiteResult",
    "load",
    "merge",
    "summary_table",
    "write_reports",
]


def write_reports(result: SuiteResult, directory: str) -> list[str]:
    """Render every report and reproducer in memory, then switch them in as one set; returns the paths
    of the report files written (the reproducers are in ``directory/repro/``)."""
    files = {r.FILENAME: r.render(result) for r in RENDERERS}
    for check in result.checks:
        if check.reproducer and check.outcome in ("fail", "xfail", "error"):
            files[repro_path(check.id)] = check.reproducer
    written = write_directory(directory, files)
    return written[: len(RENDERERS)]
