"""What a run produced: one CheckResult per check plus the run's metadata.

``SuiteResult.to_dict()`` is exactly the content of ``results.json`` (see SCHEMA_VERSION); every
report is rendered from that dict, so ``conformance report`` and ``conformance merge`` can
re-render reports without the catalog or the backend.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field

SCHEMA_VERSION = 1

# Outcomes, in the order summaries list them.
OUTCOMES = ("pass", "fail", "xfail", "xpass", "error", "skip")
# A rule's outcome is the worst of its checks' outcomes, in this order of badness.
_SEVERITY = ("error", "fail", "xpass", "xfail", "pass", "skip")


@dataclass
class CheckResult:
    id: str
    rule: str
    area: str
    outcome: str
    duration: float = 0.0
    examples: int = 0
    message: str = ""
    reproducer: str | None = None
    kwargs: str | None = None  # repr of the failing example's drawn arguments
    reason: str | None = None  # the expectations file's reason, for xfail/xpass/skip

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> CheckResult:
        known = {k: d[k] for k in cls.__dataclass_fields__ if k in d}
        return cls(**known)


@dataclass
class SuiteResult:
    checks: list[CheckResult] = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    # rule id -> {"title": ..., "area": ...}: lets reports name rules without the catalog.
    rules: dict = field(default_factory=dict)

    def by_id(self) -> dict[str, CheckResult]:
        return {c.id: c for c in self.checks}

    def counts(self) -> Counter:
        return Counter(c.outcome for c in self.checks)

    def area_counts(self) -> dict[str, Counter]:
        """area -> Counter of outcomes, areas in the catalog's order."""
        from conformance.catalog import AREAS

        out: dict[str, Counter] = {}
        for c in self.checks:
            out.setdefault(c.area, Counter())[c.outcome] += 1
        order = list(AREAS)
        return dict(
            sorted(out.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else len(order), kv[0]))
        )

    def rule_outcomes(self) -> dict[str, str]:
        """rule id -> the worst outcome among its checks."""
        worst: dict[str, str] = {}
        for c in self.checks:
            now = worst.get(c.rule)
            if now is None or _SEVERITY.index(c.outcome) < _SEVERITY.index(now):
                worst[c.rule] = c.outcome
        return dict(sorted(worst.items()))

    def gate_passed(self, allow_xpass: bool | None = None) -> bool:
        """True when the outcome matches the expectations: no failure, no error, no unexpected pass."""
        if allow_xpass is None:
            allow_xpass = bool(self.meta.get("allow_xpass"))
        counts = self.counts()
        if counts["fail"] or counts["error"]:
            return False
        return allow_xpass or not counts["xpass"]

    def to_dict(self) -> dict:
        meta = dict(self.meta)
        meta["schema_version"] = SCHEMA_VERSION
        meta["summary"] = {area: {o: n[o] for o in OUTCOMES} for area, n in self.area_counts().items()}
        meta["totals"] = {o: self.counts()[o] for o in OUTCOMES}
        meta["gate_passed"] = self.gate_passed()
        meta["rule_info"] = self.rules  # title and area per rule ("rules" is the --rules pattern)
        meta["checks"] = [c.to_dict() for c in sorted(self.checks, key=lambda c: c.id)]
        # schema_version first: a reader sees which schema it has before anything else.
        return {"schema_version": SCHEMA_VERSION, **{k: v for k, v in meta.items() if k != "schema_version"}}

    @classmethod
    def from_dict(cls, d: dict) -> SuiteResult:
        version = d.get("schema_version")
        if version != SCHEMA_VERSION:
            raise ValueError(
                f"results.json has schema_version {version!r}; this suite reads {SCHEMA_VERSION}"
            )
        derived = {"schema_version", "summary", "totals", "gate_passed", "rule_info", "checks"}
        meta = {k: v for k, v in d.items() if k not in derived}
        checks = [CheckResult.from_dict(c) for c in d.get("checks", [])]
        return cls(checks=checks, meta=meta, rules=dict(d.get("rule_info", {})))
