"""What a run produced: one CheckResult per check plus the run's metadata.

``SuiteResult.to_dict()`` is exactly the content of ``results.json`` (see SCHEMA_VERSION); every
report is rendered from that dict, so ``conformance report`` and ``conformance merge`` can
re-render reports without the catalog or the backend.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field

SCHEMA_VERSION = 1

# A skip whose message starts so is "n/a": the backend lacks what the check uses (an op, a concept).
NOT_APPLICABLE = "not applicable: "

# What a check's outcome says about the backend alone, expectations aside (scoreboard and rule book
# cells): an xfail is a failure, an xpass a pass, a skip for a missing concept n/a.
KINDS = ("pass", "fail", "error", "n/a", "skip")
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

    @property
    def kind(self) -> str:
        if self.outcome == "skip":
            return "n/a" if self.not_applicable else "skip"
        return {"xfail": "fail", "xpass": "pass"}.get(self.outcome, self.outcome)

    @property
    def not_applicable(self) -> bool:
        return self.outcome == "skip" and (self.message or "").startswith(NOT_APPLICABLE)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> CheckResult:
        if not isinstance(d, dict):
            raise ValueError(f"a check entry is {type(d).__name__}, not an object")
        known = {k: d[k] for k in cls.__dataclass_fields__ if k in d}
        for name in ("id", "rule", "area", "outcome"):
            if not isinstance(known.get(name), str):
                raise ValueError(f"a check entry's {name!r} is missing or not a string")
        if known["outcome"] not in OUTCOMES:
            raise ValueError(f"check {known['id']} has unknown outcome {known['outcome']!r}")
        for name, types in _FIELD_TYPES.items():
            value = known.get(name)
            if name in known and (not isinstance(value, types) or isinstance(value, bool)):
                raise ValueError(f"check {known['id']}: {name!r} is {type(value).__name__}")
        return cls(**known)


_FIELD_TYPES = {
    "duration": (int, float),
    "examples": int,
    "message": str,
    "reproducer": (str, type(None)),
    "kwargs": (str, type(None)),
    "reason": (str, type(None)),
}


def rule_kind(kinds) -> str:
    """A rule's kind: the worst of its checks' (error, fail, pass, then n/a and skip)."""
    kinds = set(kinds)
    return next((k for k in ("error", "fail", "pass", "n/a") if k in kinds), "skip")


@dataclass
class Coverage:
    """How much of the catalog a backend implements, and how much of that matches torch.

    ``checks`` all checks; ``not_applicable`` those the backend lacks something for (n/a);
    ``implemented`` the rest; ``passed`` the implemented ones that passed (xpass included)."""

    checks: int = 0
    not_applicable: int = 0
    passed: int = 0

    @property
    def implemented(self) -> int:
        return self.checks - self.not_applicable

    @property
    def coverage(self) -> float | None:
        return self.implemented / self.checks if self.checks else None

    @property
    def fidelity(self) -> float | None:
        return self.passed / self.implemented if self.implemented else None

    def add(self, check: CheckResult):
        self.checks += 1
        self.not_applicable += check.not_applicable
        self.passed += check.outcome in ("pass", "xpass")

    def to_dict(self) -> dict:
        return {
            "checks": self.checks,
            "implemented": self.implemented,
            "not_applicable": self.not_applicable,
            "passed": self.passed,
            "coverage": None if self.coverage is None else round(self.coverage, 4),
            "fidelity": None if self.fidelity is None else round(self.fidelity, 4),
        }


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

    def coverage(self) -> dict[str, Coverage]:
        """area -> Coverage, areas in the catalog's order, then "total"."""
        out = {area: Coverage() for area in self.area_counts()}
        total = Coverage()
        for c in self.checks:
            out[c.area].add(c)
            total.add(c)
        out["total"] = total
        return out

    def verdict(self) -> str:
        """ "passed", "failed" or "interrupted" (an incomplete run judged nothing as a whole)."""
        if self.meta.get("interrupted"):
            return "interrupted"
        return "passed" if self.gate_passed() else "failed"

    def rule_outcomes(self) -> dict[str, str]:
        """rule id -> the worst outcome among its checks."""
        worst: dict[str, str] = {}
        for c in self.checks:
            now = worst.get(c.rule)
            if now is None or _SEVERITY.index(c.outcome) < _SEVERITY.index(now):
                worst[c.rule] = c.outcome
        return dict(sorted(worst.items()))

    def gate_passed(self, allow_xpass: bool | None = None) -> bool:
        """True when the outcome matches the expectations: no failure, no error, no unexpected pass,
        and the run was complete (an interrupted run never passes)."""
        if self.meta.get("interrupted"):
            return False
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
        meta["outcome"] = self.verdict()
        meta["coverage"] = {area: c.to_dict() for area, c in self.coverage().items()}
        meta["rule_info"] = self.rules  # title and area per rule ("rules" is the --rules pattern)
        meta["checks"] = [c.to_dict() for c in sorted(self.checks, key=lambda c: c.id)]
        # schema_version first: a reader sees which schema it has before anything else.
        return {"schema_version": SCHEMA_VERSION, **{k: v for k, v in meta.items() if k != "schema_version"}}

    @classmethod
    def from_dict(cls, d: dict) -> SuiteResult:
        if not isinstance(d, dict):
            raise ValueError(f"it holds a JSON {type(d).__name__}, not an object")
        version = d.get("schema_version")
        if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
            raise ValueError(
                f"it was written by a newer suite (schema_version {version}; this one reads "
                f"{SCHEMA_VERSION}): upgrade minigrad-conformance"
            )
        if version != SCHEMA_VERSION:
            raise ValueError(f"it has schema_version {version!r}; this suite reads {SCHEMA_VERSION}")
        checks, rule_info = d.get("checks"), d.get("rule_info", {})
        if not isinstance(checks, list):
            raise ValueError("its 'checks' is missing or not a list")
        if not isinstance(rule_info, dict) or not all(isinstance(v, dict) for v in rule_info.values()):
            raise ValueError("its 'rule_info' is not an object of objects")
        if not isinstance(d.get("backend", {}), dict):
            raise ValueError("its 'backend' is not an object")
        for key in ("interrupted", "allow_xpass"):
            if not isinstance(d.get(key, False), bool):
                raise ValueError(f"its {key!r} is not true or false")
        derived = {
            "schema_version",
            "summary",
            "totals",
            "gate_passed",
            "outcome",
            "coverage",
            "rule_info",
            "checks",
        }
        meta = {k: v for k, v in d.items() if k not in derived}
        return cls(checks=[CheckResult.from_dict(c) for c in checks], meta=meta, rules=dict(rule_info))
