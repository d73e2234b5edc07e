"""The engines on the scoreboard, running the suite on each, and the figures it shows.

Two figures per engine, in total and per area:

- **coverage**: the share of the catalog's checks the engine implements, i.e. that are not ``n/a``
  (an adapter said the engine has no such concept, or the engine lacks the name);
- **fidelity**: the share of the implemented checks that were judged and passed,
  passed / (passed + failed + errors). Skipped checks (the suite could not judge them: a module torch
  lacks, a body that cannot be sent to another environment) count in neither.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import shutil
import time
from dataclasses import dataclass

from conformance.backends.environments import ENVIRONMENTS
from conformance.catalog import AREAS

NOT_APPLICABLE = "not applicable: "
# What the scoreboard counts, in the order it shows them.
KINDS = ("pass", "fail", "error", "n/a", "skip")
# Characters of a check's message the board keeps (a run's own report has all of it).
MESSAGE = 600
DIST = "minigrad-conformance"  # this project's distribution: its extras install the engines


@dataclass(frozen=True)
class Engine:
    name: str  # as the scoreboard shows it
    backend: str  # what `conformance run --backend` takes
    home: str
    how: str  # how the suite reaches it, in a few words
    module: str | None = None  # the import that tells whether it is installed here...
    environment: str | None = None  # ...or the environment of its own it lives in
    extra: str | None = None  # the pyproject extra that installs it
    system: tuple[str, ...] = ()  # Debian packages it needs, with the program that shows they are there

    def installed(self) -> bool:
        if self.environment is not None:
            return ENVIRONMENTS[self.environment].exists()
        return importlib.util.find_spec(self.module) is not None

    def missing_programs(self) -> list[str]:
        return [package for package, program in self.system if shutil.which(program) is None]

    def install_command(self) -> str:
        if self.environment is not None:
            return ENVIRONMENTS[self.environment].setup_command()
        steps = [f"apt-get install {package}" for package, _ in self.system]
        steps.append(f'pip install -e ".[{self.extra}]"' if self.extra else "pip install -e .")
        return " && ".join(steps)


ENGINES = (
    Engine("minigrad", "minigrad", "this repository", "module minigrad", module="minigrad"),
    Engine(
        "torch",
        "torch",
        "https://pytorch.org",
        "module torch: the oracle, checked against itself",
        module="torch",
        extra="suite",
    ),
    Engine(
        "PaddlePaddle (torch mode)",
        "paddle",
        "https://www.paddlepaddle.org.cn",
        "paddle.enable_compat()'s torch module, in the suite's process",
        module="paddle",
        extra="paddle",
    ),
    Engine(
        "JTorch",
        "jtorch",
        "https://github.com/JittorMatrix/jtorch",
        "its own torch package, in an environment of its own: " + ENVIRONMENTS["jtorch"].why,
        environment="jtorch",
    ),
    Engine("MyGrad", "mygrad", "https://github.com/rsokl/MyGrad", "adapter", module="mygrad", extra="peers"),
    Engine(
        "tinygrad",
        "tinygrad",
        "https://github.com/tinygrad/tinygrad",
        "adapter, on tinygrad's CPU device",
        module="tinygrad",
        extra="peers",
        system=(("clang", "clang"),),
    ),
    Engine(
        "HIPS autograd",
        "autograd",
        "https://github.com/HIPS/autograd",
        "adapter",
        module="autograd",
        extra="peers",
    ),
    Engine(
        "micrograd",
        "micrograd",
        "https://github.com/karpathy/micrograd",
        "adapter: tensors as arrays of Values",
        module="micrograd",
        extra="peers",
    ),
)


def extra_requirements(extra: str) -> list[str]:
    """The requirements of this project's ``extra`` (pyproject.toml is the one list of them)."""
    marker = f'extra == "{extra}"'
    return [r.split(";")[0].strip() for r in importlib.metadata.requires(DIST) or () if marker in r]


def kind(check) -> str:
    """pass / fail / error / n/a / skip for one CheckResult (an xfail is a failure here)."""
    if check.outcome == "skip":
        return "n/a" if (check.message or "").startswith(NOT_APPLICABLE) else "skip"
    return {"xfail": "fail", "xpass": "pass"}.get(check.outcome, check.outcome)


def counts(kinds) -> dict:
    out = dict.fromkeys(KINDS, 0)
    for k in kinds:
        out[k] += 1
    return out


def coverage(c: dict) -> float | None:
    """Implemented share: checks that are not n/a, over all checks."""
    total = sum(c[k] for k in KINDS)
    return (total - c["n/a"]) / total if total else None


def fidelity(c: dict) -> float | None:
    """Passed share of the judged implemented checks."""
    judged = c["pass"] + c["fail"] + c["error"]
    return c["pass"] / judged if judged else None


def _rule_kind(kinds: list[str]) -> str:
    """A rule's cell: the worst of its checks (error, fail, pass, then n/a / skip)."""
    for k in ("error", "fail", "pass", "n/a", "skip"):
        if k in kinds:
            return k
    return "skip"


def ordered_areas(areas) -> list[str]:
    """The catalog's areas in its order, then any other area a result names."""
    order = list(AREAS)
    return sorted(set(areas), key=lambda a: (order.index(a) if a in order else len(order), a))


def summarise(engine: Engine, result, seconds: float) -> dict:
    """One engine's entry of scoreboard.json."""
    by_area: dict[str, list[str]] = {}
    by_rule: dict[str, list[str]] = {}
    checks = []
    for c in result.checks:
        k = kind(c)
        by_area.setdefault(c.area, []).append(k)
        by_rule.setdefault(c.rule, []).append(k)
        entry = {
            "id": c.id,
            "rule": c.rule,
            "area": c.area,
            "outcome": c.outcome,
            "kind": k,
            "message": c.message if len(c.message) <= MESSAGE else c.message[:MESSAGE] + " …",
        }
        if k in ("fail", "error") and c.kwargs:
            entry["kwargs"] = c.kwargs
        checks.append(entry)
    areas = {area: counts(by_area[area]) for area in ordered_areas(by_area)}
    totals = counts(kind(c) for c in result.checks)
    backend = result.meta["backend"]
    return {
        "name": engine.name,
        "backend": engine.backend,
        "home": engine.home,
        "how": engine.how,
        "install": engine.install_command(),
        "installed": True,
        "version": backend["version"] or (engine.module and _dist_version(engine.module)),
        "origin": backend.get("origin"),
        "seconds": round(seconds, 1),
        "interrupted": result.meta.get("interrupted", False),
        "totals": totals,
        "coverage": coverage(totals),
        "fidelity": fidelity(totals),
        "areas": areas,
        "rules": {r: _rule_kind(ks) for r, ks in sorted(by_rule.items())},
        "checks": checks,
    }


def _dist_version(module: str) -> str | None:
    """The version of the distribution that provides ``module`` (minigrad: this project's)."""
    for dist in importlib.metadata.packages_distributions().get(module, []):
        return importlib.metadata.version(dist)
    return None


def absent(engine: Engine) -> dict:
    return {
        "name": engine.name,
        "backend": engine.backend,
        "home": engine.home,
        "how": engine.how,
        "install": engine.install_command(),
        "installed": False,
    }


def collect(engines, profile: str, jobs, on_result=None, run=None):
    """Run the suite on each installed engine; returns (engine entries, rule info, results by name).

    ``run(backend, profile, jobs)`` runs the suite (conformance.runner.run_suite by default)."""
    if run is None:
        from conformance.runner import run_suite

        def run(backend, profile, jobs):
            return run_suite(backend=backend, profile=profile, jobs=jobs)

    entries, rules, results = [], {}, {}
    for engine in engines:
        if not engine.installed():
            entries.append(absent(engine))
            continue
        start = time.monotonic()
        result = run(engine.backend, profile, jobs)
        entry = summarise(engine, result, time.monotonic() - start)
        entries.append(entry)
        results[engine.name] = result
        rules.update(result.rules)
        if on_result:
            on_result(entry)
    return entries, rules, results
