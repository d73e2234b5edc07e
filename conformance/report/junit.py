"""junit.xml: one testcase per check (classname ``area.rule``), for CI systems that show JUnit."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from conformance.report.markdown import verdict_line
from conformance.report.model import SuiteResult

FILENAME = "junit.xml"

# Characters XML 1.0 cannot hold; a backend's message may contain anything.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("?", text or "")


def _body(c) -> str:
    parts = [c.message]
    if c.kwargs:
        parts.append(f"Smallest failing example: {c.kwargs}")
    if c.reproducer:
        parts.append("Reproducer:\n" + c.reproducer)
    return _clean("\n\n".join(p for p in parts if p))


def render(result: SuiteResult) -> str:
    meta = result.meta
    allow_xpass = bool(meta.get("allow_xpass"))
    backend = (meta.get("backend") or {}).get("name", "backend")
    checks = sorted(result.checks, key=lambda c: c.id)
    counts = result.counts()
    failures = counts["fail"] + (0 if allow_xpass else counts["xpass"])
    interrupted = bool(meta.get("interrupted"))
    total_time = f"{sum(c.duration for c in checks):.3f}"
    stats = {
        "tests": str(len(checks) + interrupted),
        "failures": str(failures),
        "errors": str(counts["error"] + interrupted),
        "skipped": str(counts["skip"] + counts["xfail"]),
        "time": total_time,
    }
    root = ET.Element("testsuites", {"name": "conformance", **stats})
    suite = ET.SubElement(
        root,
        "testsuite",
        {"name": f"conformance.{backend}", **stats, "timestamp": str(meta.get("started", ""))},
    )
    props = ET.SubElement(suite, "properties")
    for key in ("torch_version", "profile", "seed", "interrupted", "shard", "rules", "expectations"):
        ET.SubElement(props, "property", {"name": key, "value": _clean(str(meta.get(key)))})
    for c in checks:
        name = c.id.split("::", 1)[1] if "::" in c.id else c.id
        case = ET.SubElement(
            suite, "testcase", {"classname": f"{c.area}.{c.rule}", "name": name, "time": f"{c.duration:.3f}"}
        )
        first_line = _clean(c.message.splitlines()[0] if c.message else c.outcome)
        if c.outcome == "fail" or (c.outcome == "xpass" and not allow_xpass):
            element = ET.SubElement(case, "failure", {"message": first_line, "type": c.outcome})
            element.text = _body(c)
        elif c.outcome == "error":
            element = ET.SubElement(case, "error", {"message": first_line, "type": "error"})
            element.text = _body(c)
        elif c.outcome in ("skip", "xfail"):
            reason = _clean(f"{c.outcome}: {c.reason or c.message}")
            ET.SubElement(case, "skipped", {"message": reason})
    if interrupted:  # a JUnit reader must show the run red: it judged only part of the checks
        case = ET.SubElement(suite, "testcase", {"classname": "conformance.run", "name": "interrupted"})
        why = _clean(verdict_line(result))
        ET.SubElement(case, "error", {"message": why, "type": "interrupted"}).text = why
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
