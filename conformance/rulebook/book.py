"""Collecting what the rule book shows: rules by area, their examples run now, graphs, engine results.

Everything here is data; ``html`` and ``markdown`` render it. The book records a hash of the catalog it
was generated from (not a date), so regenerating an unchanged catalog gives the same files and a test can
tell when the committed book is stale.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from conformance.catalog import AREAS
from conformance.explain import DEFAULT_TIMEOUT, ExampleRun, run_examples
from conformance.rulebook.claims import CLAIMS, GRAPH_REMARK, GRAPH_REMARK_RULES, Claim

HASH_PATTERN = re.compile(r"catalog-hash: (sha256:[0-9a-f]{64})")


def catalog_hash(rules) -> str:
    """A hash of everything the book prints from the catalog: areas, ids, titles, texts, examples."""
    content = {
        "areas": AREAS,
        "rules": [
            {
                "id": r.id,
                "area": r.area,
                "title": r.title,
                "explanation": r.explanation,
                "example": r.example,
                "claim": r.claim,
                "verdict": r.verdict,
                "source": r.source,
                "graph_of": getattr(r, "graph_of", None),
                "checks": [c.id for c in r.checks],
            }
            for r in sorted(rules, key=lambda r: r.id)
        ],
    }
    blob = json.dumps(content, sort_keys=True, ensure_ascii=False).encode()
    return "sha256:" + hashlib.sha256(blob).hexdigest()


def stored_hash(path: str) -> str | None:
    """The catalog hash recorded in a generated file, or None."""
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        found = HASH_PATTERN.search(f.read())
    return found.group(1) if found else None


@dataclass
class Graph:
    """The picture of one example value on one engine: DOT, SVG when Graphviz ran, or why there is none."""

    engine: str
    dot: str | None
    svg: str | None = None
    error: str | None = None


@dataclass
class RuleEntry:
    rule: object
    torch_run: ExampleRun
    backend_run: ExampleRun
    graphs: list[Graph] = field(default_factory=list)
    # engine name -> outcome for this rule ("pass", "fail 2/3", ...), from the run reports found
    outcomes: dict[str, str] = field(default_factory=dict)


@dataclass
class ClaimEntry:
    claim: Claim
    rules: list  # the RuleEntries that cover it
    summary: str  # "torch agrees", "torch differs", "torch differs in part"


@dataclass
class Book:
    catalog_hash: str
    torch_version: str
    backend: str
    areas: dict[str, list[RuleEntry]]
    claims: list[ClaimEntry]
    graph_remark: ClaimEntry
    engines: list[str]  # engines with results shown, in column order
    graphviz: bool

    @property
    def entries(self) -> list[RuleEntry]:
        return [e for area in self.areas.values() for e in area]


# ---- engine results ------------------------------------------------------------------------------


def rule_outcomes(checks: list[dict]) -> dict[str, str]:
    """Per rule, the scoreboard's cell: pass / fail / error / n/a / skip (``report.model.rule_kind``
    of the checks' kinds), from results.json's or scoreboard.json's check entries."""
    from conformance.report.model import CheckResult, rule_kind

    by_rule: dict[str, list[str]] = {}
    for check in checks:
        rule = check.get("rule") or str(check.get("id", "")).split("::")[0]
        if "kind" in check:  # scoreboard.json stores the kind itself
            kind = check["kind"]
        else:
            kind = CheckResult(
                str(check.get("id")),
                rule,
                "",
                check.get("outcome", "error"),
                message=check.get("message") or "",
            ).kind
        by_rule.setdefault(rule, []).append(kind)
    return {rule: rule_kind(kinds) for rule, kinds in by_rule.items()}


def load_results(path: str) -> dict[str, str] | None:
    """Per-rule kinds from a run's results.json (``conformance run``), or None if there is none."""
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return rule_outcomes(json.load(f).get("checks", []))


def load_scoreboard(path: str) -> dict[str, dict[str, str]]:
    """Engine -> per-rule cells of a scoreboard.json, exactly as the scoreboard shows them: its
    ``"rules"`` table where an engine has one, else computed from its checks. Engines that were not
    run are left out (the book says "not run" for them)."""
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        data = json.load(f)
    engines = data.get("engines", {}) if isinstance(data, dict) else {}
    if isinstance(engines, list):
        engines = {e.get("name") or e.get("backend", {}).get("name", "?"): e for e in engines}
    found = {}
    for name, entry in engines.items():
        if isinstance(entry.get("rules"), dict):
            found[name] = {
                rule: value.get("kind", value.get("outcome", "?")) if isinstance(value, dict) else str(value)
                for rule, value in entry["rules"].items()
            }
        elif isinstance(entry.get("checks"), list):
            found[name] = rule_outcomes(entry["checks"])
    return found


# ---- building the book -----------------------------------------------------------------------------


def _svg_or_error(dot: str) -> tuple[str | None, str | None]:
    from minigrad.viz import to_svg

    try:
        return to_svg(dot), None
    except Exception as e:  # a Graphviz failure leaves the DOT text in the book
        return None, f"Graphviz failed: {type(e).__name__}: {e}"


def _graphs(rule, runs: list[ExampleRun]) -> list[Graph]:
    if not getattr(rule, "graph_of", None):
        return []
    graphs = []
    for run in runs:
        if run.graph_dot is None:
            why = run.graph_error or f"the example did not get as far as {rule.graph_of!r} ({run.status})"
            graphs.append(Graph(run.engine, None, error=why))
            continue
        svg, error = _svg_or_error(run.graph_dot)
        graphs.append(Graph(run.engine, run.graph_dot, svg, error))
    return graphs


def _claim_summary(entries: list[RuleEntry]) -> str:
    differs = [e for e in entries if not e.rule.verdict.startswith("agrees")]
    if not entries:
        return "no rule covers this claim"
    if not differs:
        return "torch agrees"
    return "torch differs" if len(differs) == len(entries) else "torch differs in part"


def build_book(
    rules,
    backend: str = "minigrad",
    results_path: str | None = None,
    scoreboard_path: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Book:
    """Run every example on torch and on ``backend`` and gather everything the book shows."""
    from minigrad.viz import has_graphviz

    rules = sorted(rules, key=lambda r: (list(AREAS).index(r.area), r.id))
    examples = [r.example for r in rules]
    graph_of = [getattr(r, "graph_of", None) for r in rules]
    with ThreadPoolExecutor(2) as pool:  # torch and the backend run at the same time
        torch_job = pool.submit(run_examples, examples, "torch", timeout, graph_of)
        backend_job = pool.submit(run_examples, examples, backend, timeout, graph_of)
        torch_runs, backend_runs = torch_job.result(), backend_job.result()

    # The scoreboard's cells first, as it shows them; the backend's own report only for a backend the
    # scoreboard does not have, so the two pages never disagree about an engine.
    engine_results = load_scoreboard(scoreboard_path) if scoreboard_path else {}
    backend_results = load_results(results_path) if results_path else None
    if backend_results is not None and backend not in engine_results:
        engine_results[backend] = backend_results

    areas: dict[str, list[RuleEntry]] = {}
    for rule, torch_run, backend_run in zip(rules, torch_runs, backend_runs):
        entry = RuleEntry(rule, torch_run, backend_run, _graphs(rule, [torch_run, backend_run]))
        entry.outcomes = {name: found.get(rule.id, "not run") for name, found in engine_results.items()}
        areas.setdefault(rule.area, []).append(entry)

    by_id = {e.rule.id: e for area in areas.values() for e in area}
    claims = []
    for number, claim in sorted(CLAIMS.items()):
        covering = [e for e in by_id.values() if e.rule.claim == number]
        claims.append(ClaimEntry(claim, covering, _claim_summary(covering)))
    remark_rules = [by_id[i] for i in GRAPH_REMARK_RULES if i in by_id]
    return Book(
        catalog_hash=catalog_hash(rules),
        torch_version=torch_runs[0].version if torch_runs else "?",
        backend=backend,
        areas=areas,
        claims=claims,
        graph_remark=ClaimEntry(GRAPH_REMARK, remark_rules, "see the rules"),
        engines=list(engine_results),
        graphviz=has_graphviz(),
    )
