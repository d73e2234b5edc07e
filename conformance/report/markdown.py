"""report.md: summary per area, rules by outcome, failures with their reproducers."""

from __future__ import annotations

from conformance.report.model import OUTCOMES, SuiteResult
from conformance.report.text import area_title, fence, summary_rows

FILENAME = "report.md"

# Sections of failures, in the order the report shows them.
PROBLEM_SECTIONS = (
    ("error", "Errors (the suite could not judge these checks)"),
    ("fail", "Failures"),
    ("xpass", "Unexpected passes (listed as xfail, but they pass)"),
    ("xfail", "Expected failures"),
)


def describe_run(meta: dict) -> list[str]:
    backend = meta.get("backend", {})
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
    return lines


def check_details(c) -> list[str]:
    out = [f"### `{c.id}` ({c.outcome})", ""]
    if c.reason:
        out += [f"Expected to fail because: {c.reason}", ""]
    if c.message:
        out += [fence(c.message), ""]
    if c.kwargs:
        out += ["Smallest failing example:", "", fence(c.kwargs, "python"), ""]
    if c.reproducer:
        out += [
            "Reproducer (`python repro.py` runs it on torch, `python repro.py BACKEND` on a backend):",
            "",
            fence(c.reproducer, "python"),
            "",
        ]
    return out


def render(result: SuiteResult) -> str:
    meta = result.meta
    backend = meta.get("backend", {}).get("name")
    out = [f"# Conformance of `{backend}` to torch.autograd", ""]
    if meta.get("interrupted"):
        out += [
            "> **Interrupted**: this report holds only the checks that finished before the run was stopped.",
            "",
        ]
    verdict = "matches the expectations" if result.gate_passed() else "does NOT match the expectations"
    out += [f"**Outcome: {verdict}.**", ""]
    out += describe_run(meta) + [""]

    out += ["## Summary", ""]
    rows = summary_rows(result)
    out.append("| " + " | ".join(rows[0]) + " |")
    out.append("|" + "---|" + "---:|" * (len(rows[0]) - 1))
    for row in rows[1:-1]:
        out.append("| " + " | ".join(row) + " |")
    out.append("| **" + "** | **".join(rows[-1]) + "** |")
    out.append("")

    out += ["## Rules by outcome", ""]
    by_outcome: dict[str, list[str]] = {}
    for rule_id, outcome in result.rule_outcomes().items():
        by_outcome.setdefault(outcome, []).append(rule_id)
    for outcome in OUTCOMES:
        ids = by_outcome.get(outcome)
        if not ids:
            continue
        out += [f"### {outcome} ({len(ids)})", ""]
        for rule_id in ids:
            info = result.rules.get(rule_id, {})
            out.append(f"- `{rule_id}` {info.get('title', '')} ({area_title(info.get('area', ''))})")
        out.append("")

    for outcome, heading in PROBLEM_SECTIONS:
        checks = [c for c in sorted(result.checks, key=lambda c: c.id) if c.outcome == outcome]
        if not checks:
            continue
        out += [f"## {heading}", ""]
        for c in checks:
            out += check_details(c)
    return "\n".join(out).rstrip() + "\n"
