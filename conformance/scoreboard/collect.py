"""Running the suite on each engine and summarising the outcomes per area and per rule."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import time
from dataclasses import dataclass

from conformance.catalog import AREAS

NOT_APPLICABLE = "not applicable: "
# What the scoreboard counts, in the order it shows them.
KINDS = ("pass", "fail", "error", "n/a", "skip")


@dataclass(frozen=True)
class Engine:
    name: str  # as the scoreboard shows it
    backend: str  # what `conformance run --backend` takes
    module: str  # the import that tells whether the engine is installed
    home: str
    dist: str | None = None  # the distribution whose version to show, when the module has none


ENGINES = (
    Engine("minigrad", "minigrad", "minigrad", "this repository", dist="minigrad-conformance"),
    Engine("torch", "torch", "torch", "https://pytorch.org (the oracle, checked against itself)"),
    Engine("MyGrad", "mygrad", "mygrad", "https://github.com/rsokl/MyGrad"),
    Engine("tinygrad", "tinygrad", "tinygrad", "https://github.com/tinygrad/tinygrad"),
    Engine("HIPS autograd", "autograd", "autograd", "https://github.com/HIPS/autograd"),
    Engine("micrograd", "micrograd", "micrograd", "https://github.com/karpathy/micrograd"),
)


def kind(check) -> str:
    """pass / fail / error / n/a / skip for one CheckResult (an xfail is a failure here)."""
    if check.outcome == "skip":
        return "n/a" if (check.message or "").startswith(NOT_APPLICABLE) else "skip"
    return {"xfail": "fail", "xpass": "pass"}.get(check.outcome, check.outcome)


def _counts(checks) -> dict:
    out = dict.fromkeys(KINDS, 0)
    for c in checks:
        out[kind(c)] += 1
    return out


def _rule_kind(kinds: list[str]) -> str:
    """A rule's cell: the worst of its checks (error, fail, pass, then n/a / skip)."""
    for k in ("error", "fail", "pass", "n/a", "skip"):
        if k in kinds:
            return k
    return "skip"


def summarise(engine: Engine, result, seconds: float, repro_path) -> dict:
    """One engine's entry of scoreboard.json; ``repro_path(check) -> relative path`` of a reproducer."""
    areas = {}
    for area in AREAS:
        in_area = [c for c in result.checks if c.area == area]
        if in_area:
            areas[area] = _counts(in_area)
    rules: dict[str, dict] = {}
    for c in result.checks:
        rules.setdefault(c.rule, []).append(c)
    checks = []
    for c in result.checks:
        entry = {"id": c.id, "rule": c.rule, "area": c.area, "kind": kind(c), "message": c.message}
        if entry["kind"] in ("fail", "error") and c.reproducer:
            entry["reproducer"] = repro_path(c)
            entry["kwargs"] = c.kwargs
        checks.append(entry)
    return {
        "name": engine.name,
        "backend": engine.backend,
        "home": engine.home,
        "installed": True,
        "version": result.meta["backend"]["version"]
        or (engine.dist and importlib.metadata.version(engine.dist)),
        "seconds": round(seconds, 1),
        "interrupted": result.meta.get("interrupted", False),
        "totals": _counts(result.checks),
        "areas": areas,
        "rules": {r: _rule_kind([kind(c) for c in cs]) for r, cs in sorted(rules.items())},
        "checks": checks,
    }


def installed(engine: Engine) -> bool:
    return importlib.util.find_spec(engine.module) is not None


def collect(engines, profile: str, jobs, repro_path, on_result=None, run=None):
    """Run the suite on each installed engine; returns (engine entries, rule titles, results by name).

    ``run(backend, profile, jobs)`` runs the suite (conformance.runner.run_suite by default)."""
    if run is None:
        from conformance.runner import run_suite

        def run(backend, profile, jobs):
            return run_suite(backend=backend, profile=profile, jobs=jobs)

    entries, titles, results = [], {}, {}
    for engine in engines:
        if not installed(engine):
            entries.append(
                {"name": engine.name, "backend": engine.backend, "home": engine.home, "installed": False}
            )
            continue
        start = time.monotonic()
        result = run(engine.backend, profile, jobs)
        entry = summarise(engine, result, time.monotonic() - start, lambda c, e=engine: repro_path(e, c))
        entries.append(entry)
        results[engine.name] = result
        titles.update({r: info["title"] for r, info in result.rules.items()})
        if on_result:
            on_result(entry)
    return entries, titles, results
