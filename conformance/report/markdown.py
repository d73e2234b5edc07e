"""report.md: the verdict, then what went wrong (with reproducers), then the summary and the rules."""

from __future__ import annotations

from conformance.report.model import OUTCOMES, SuiteResult
from conformance.report.text import COVERAGE_NOTE, area_title, fence, summary_rows
from conformance.reproducer import repro_path

FILENAME = "report.md"

# Sections of failures, in the order the report shows them.
PROBLEM_SECTIONS = (
    ("error", "Errors (the suite could not judge these checks)"),
    ("fail", "Failures"),
    ("xpass", "Unexpected passes (listed as xfail, but they pass)"),
    ("xfail", "Expected failures"),
)


def verdict_line(result: SuiteResult) -> str:
    """The one sentence every report opens with."""
    if result.meta.get("interrupted"):
        selected = result.meta.get("selected", "?")
        return (
            f"INTERRUPTED: the run was stopped after {len(result.checks)} of {selected} checks; "
            "it is incomplete and does not pass"
        )
    if result.gate_passed():
        return "PASSED: the outcome matches the expectations"
    return "FAILED: the outcome does NOT match the expectations"


def anchor(check_id: str) -> str:
    """The HTML/Markdown anchor of a check's details."""
    return "check-" + "".join(ch if ch.isalnum() else "-" for ch in check_id.lower())


def describe_run(meta: dict) -> list[str]:
    backend = meta.get("backend") or {}
    lines = [
        f"- backend: `{backend.get('name')}` {backend.get('version') or ''}".rstrip(),
        f"- torch (oracle): {meta.get('torch_version')}",
        f"- profile: {meta.get('profile')}, seed: {meta.get('seed')}",
        f"- started: {meta.get('started')}, finished: {meta.get('finished')}",
        f"- python {meta.get('python')} on {meta.get('platform')}, suite {meta.get('suite_version')}",
    ]
    for key in ("rules", "shard", "expectations"):
        if meta.get(key):
            lines.append(f"- {key}: `{meta[key]}`")
    if meta.get("orphans_ended"):
        lines.append(f"- processes the backend left running and the suite ended: {meta['orphans_ended']}")
    return lines


def check_details(c) -> list[str]:
    out = [f'<a id="{anchor(c.id)}"></a>', "", f"### `{c.id}` ({c.outcome})", ""]
    if c.reason:
        out += [f"Expected to fail because: {c.reason}", ""]
    if c.outcome == "xpass":
        out += ["It passed: torch and the backend agreed on every example. Delete its expectation.", ""]
    if c.message:
        out += [fence(c.message), ""]
    if c.kwargs:
        out += ["Smallest failing example:", "", fence(c.kwargs, "python"), ""]
    if c.reproducer:
        out += [
            f"Reproducer (`{repro_path(c.id)}` beside this report, or `conformance repro {c.id}`; "
            "`python FILE` runs it on torch, `python FILE BACKEND` on a backend):",
            "",
            fence(c.reproducer, "python"),
            "",
        ]
    return out


def problems(result: SuiteResult):
    """(outcome, heading, checks) for each section of problems that has any."""
    for outcome, heading in PROBLEM_SECTIONS:
        checks = [c for c in sorted(result.checks, key=lambda c: c.id) if c.outcome == outcome]
        if checks:
            yield outcome, heading, checks


def render(result: SuiteResult) -> str:
    meta = result.meta
    backend = (meta.get("backend") or {}).get("name")
    out = [f"# Conformance of `{backend}` to torch.autograd", "", f"**{verdict_line(result)}.**", ""]

    sections = list(problems(result))
    for _, heading, checks in sections:  # what went wrong first: it is what a reader came for
        out += [f"## {heading} ({len(checks)})", ""]
        for c in checks:
            out += check_details(c)

    out += ["## Summary", ""]
    rows = summary_rows(result)
    out.append("| " + " | ".join(rows[0]) + " |")
    out.append("|" + "---|" + "---:|" * (len(rows[0]) - 1))
    for row in rows[1:-1]:
        out.append("| " + " | ".join(row) + " |")
    out.append("| **" + "** | **".join(rows[-1]) + "** |")
    out += ["", COVERAGE_NOTE + ".", ""]

    out += ["## Rules by outcome", ""]
    by_outcome: dict[str, list[str]] = {}
    for rule_id, outcome in result.rule_outcomes().items():
        by_outcome.setdefault(outcome, []).append(rule_id)
    first_problem = {}
    for _, _, checks in sections:
        for c in checks:
            first_problem.setdefault(c.rule, c.id)
    for outcome in OUTCOMES:
        ids = by_outcome.get(outcome)
        if not ids:
            continue
        out += [f"### {outcome} ({len(ids)})", ""]
        for rule_id in ids:
            info = result.rules.get(rule_id, {})
            name = (
                f"[`{rule_id}`](#{anchor(first_problem[rule_id])})"
                if rule_id in first_problem
                else f"`{rule_id}`"
            )
            out.append(f"- {name} {info.get('title', '')} ({area_title(info.get('area', ''))})")
        out.append("")

    out += ["## The run", ""] + describe_run(meta)
    return "\n".join(out).rstrip() + "\n"
