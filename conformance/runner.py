"""The runner: selects checks, runs them in worker processes, applies the expectations.

``run_suite`` is the Python API the CLI is a thin layer over::

    result = run_suite("minigrad", profile="ci", jobs=2)
    result.checks  # [CheckResult(id, rule, area, outcome, duration, examples, message, reproducer, ...)]
    result.meta    # backend, versions, platform, profile, seed, started/finished, interrupted, ...

Configuration problems (unknown backend or profile, bad shard, a --rules pattern matching nothing,
a malformed expectations file, ...) raise ``ConfigError`` with a one-line message before or
instead of running anything. Ctrl-C stops the run and returns what finished, marked interrupted.
"""

from __future__ import annotations

import datetime
import fnmatch
import importlib
import importlib.metadata
import math
import os
import platform
import sys
import traceback

import conformance
from conformance.expectations import Expectations, ExpectationsError, apply
from conformance.pool import Pool, PoolError
from conformance.profiles import choose_seed, get_profile
from conformance.report.model import CheckResult, SuiteResult

# Tests (and people trying a catalog of their own) point the suite at other rule modules with this
# variable: a comma-separated list of modules to import instead of conformance.rules.*.
CATALOG_ENV = "CONFORMANCE_CATALOG"

__all__ = [
    "CATALOG_ENV",
    "CatalogError",
    "CheckResult",
    "ConfigError",
    "SuiteResult",
    "judge",
    "load_checks",
    "run_suite",
]


class ConfigError(Exception):
    """A usage or configuration error; the message is one line saying what and how to fix it."""


class CatalogError(ConfigError):
    """The rule catalog does not import."""


def catalog_from_env() -> list[str] | None:
    value = os.environ.get(CATALOG_ENV, "").strip()
    return [m.strip() for m in value.split(",") if m.strip()] or None


def _where(e: BaseException) -> str:
    frames = traceback.extract_tb(e.__traceback__)
    return f" ({frames[-1].filename}:{frames[-1].lineno})" if frames else ""


def load_checks(modules: list[str] | None = None):
    """The checks of the catalog: conformance.rules.* by default, or those defined in ``modules``."""
    from conformance.catalog import REGISTRY, load_catalog

    try:
        if modules is None:
            return load_catalog().checks()
        for name in modules:
            importlib.import_module(name)
    except Exception as e:
        which = ", ".join(modules) if modules else "conformance.rules"
        raise CatalogError(
            f"the rule catalog ({which}) does not import: {type(e).__name__}: {e}{_where(e)}"
        ) from None
    return [c for c in REGISTRY.checks() if c.body.__module__ in modules]


def parse_shard(shard) -> tuple[int, int] | None:
    if shard is None:
        return None
    try:
        i, n = (int(part) for part in (shard.split("/") if isinstance(shard, str) else shard))
    except (ValueError, TypeError):
        raise ConfigError(f"bad --shard {shard!r}; write I/N with 1 <= I <= N, e.g. --shard 1/4") from None
    if not 1 <= i <= n:
        raise ConfigError(f"bad --shard {shard!r}; write I/N with 1 <= I <= N, e.g. --shard 1/4")
    return i, n


def shard_ids(ids, shard: tuple[int, int] | None) -> list[str]:
    """A stable split: checks sorted by id, the i-th of every n (1-based)."""
    ids = sorted(ids)
    if shard is None:
        return ids
    i, n = shard
    return ids[i - 1 :: n]


def matches(pattern: str | None, check_id: str) -> bool:
    """fnmatch over the check id and its rule id, ignoring case ('*exp*' finds OP-EXP); a comma separates
    alternatives."""
    if not pattern:
        return True
    check_id = check_id.lower()
    rule_id = check_id.split("::", 1)[0]
    return any(
        fnmatch.fnmatchcase(check_id, p) or fnmatch.fnmatchcase(rule_id, p)
        for p in (p.strip().lower() for p in pattern.split(","))
        if p
    )


def exact(check_id: str) -> str:
    """A --rules pattern that matches ``check_id`` and nothing else (its glob characters escaped)."""
    return "".join(f"[{ch}]" if ch in "*?[" else ch for ch in check_id.replace(",", "?"))


def resolve_jobs(jobs) -> int:
    if jobs in ("auto", None):
        return os.cpu_count() or 1
    try:
        n = int(jobs)
    except (TypeError, ValueError):
        raise ConfigError(f"bad -n {jobs!r}; use a number of workers or auto") from None
    if n < 1:
        raise ConfigError(f"bad -n {jobs!r}; use at least 1 worker (or auto)")
    return n


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


def _torch_version() -> str | None:
    try:
        return importlib.metadata.version("torch")
    except importlib.metadata.PackageNotFoundError:
        return None


class SilentProgress:
    """The progress interface run_suite reports to, showing nothing (the CLI's display is
    conformance.progress.ProgressDisplay): start(total), result(check) per check, tick() about
    every second, finish()."""

    def start(self, total: int):
        pass

    def result(self, check: CheckResult):
        pass

    def tick(self):
        pass

    def finish(self):
        pass


def check_timeout(value, option: str = "--timeout") -> float:
    """A positive, finite number of seconds, or ConfigError."""
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        raise ConfigError(f"bad {option} {value!r}; give a positive number of seconds") from None
    if not math.isfinite(seconds) or seconds <= 0:
        raise ConfigError(f"bad {option} {value!r}; give a positive number of seconds")
    return seconds


def check_backend(backend) -> str:
    """A backend name that is not blank, or ConfigError."""
    if not isinstance(backend, str) or not backend.strip():
        raise ConfigError("give a backend: --backend NAME (a module path or a registered name)")
    return backend


def judge(raw: dict, rule: dict, expectations: Expectations) -> CheckResult:
    """A worker's raw result for one check, with the expectations applied: the one place where an
    outcome is decided (``conformance run`` and the pytest plugin both use it)."""
    expectation = expectations.lookup(raw["id"])
    return CheckResult(
        id=raw["id"],
        rule=rule["id"],
        area=rule["area"],
        outcome=apply(raw["outcome"], expectation),
        duration=raw.get("duration", 0.0),
        examples=raw.get("examples", 0),
        message=raw.get("message", ""),
        reproducer=raw.get("reproducer"),
        kwargs=raw.get("kwargs"),
        reason=expectation.reason if expectation else None,
    )


def load_expectations(expect) -> Expectations:
    try:
        return Expectations.load(expect) if isinstance(expect, str) else (expect or Expectations.empty())
    except ExpectationsError as e:
        raise ConfigError(str(e)) from None


def worker_init(backend: str, profile: str, seed: int, catalog: list[str] | None) -> dict:
    """What a worker needs to start (see ``conformance.worker``)."""
    return {
        "backend": backend,
        "catalog": catalog,
        "sys_path": list(sys.path),
        "profile": profile,
        "seed": seed,
    }


def run_suite(
    backend: str = "minigrad",
    profile: str = "dev",
    rules: str | None = None,
    jobs=1,
    timeout: float = 60.0,
    shard=None,
    expect: str | Expectations | None = None,
    allow_xpass: bool = False,
    seed: int | None = None,
    catalog: list[str] | None = None,
    progress=None,
    stop=None,
    import_timeout: float = 300.0,
) -> SuiteResult:
    """Run the selected checks of the catalog on ``backend`` against torch; see the module doc.

    The backend is imported only in the worker processes: whatever it does while importing (exit,
    crash, hang past ``import_timeout``) is a ConfigError with one line saying so, and no result.

    ``stop`` (a ``threading.Event``) interrupts the run like Ctrl-C when set; the CLI's signal
    handlers set it. Set before any check ran, it raises KeyboardInterrupt (nothing to report).
    """
    try:
        chosen = get_profile(profile)
    except ValueError as e:
        raise ConfigError(str(e)) from None
    shard_spec = parse_shard(shard)
    n_jobs = resolve_jobs(jobs)
    timeout = check_timeout(timeout)
    import_timeout = check_timeout(import_timeout, "--import-timeout")
    check_backend(backend)
    if stop is not None and stop.is_set():
        raise KeyboardInterrupt
    expectations = load_expectations(expect)
    catalog = catalog if catalog is not None else catalog_from_env()
    progress = progress or SilentProgress()
    run_seed = choose_seed(chosen, seed)

    meta = {
        "suite_version": conformance.__version__,
        "torch_version": _torch_version(),
        "backend": {"name": backend, "version": None, "origin": None},
        "platform": platform.platform(),
        "python": platform.python_version(),
        "profile": chosen.name,
        "seed": run_seed,
        "jobs": n_jobs,
        "timeout": timeout,
        "shard": f"{shard_spec[0]}/{shard_spec[1]}" if shard_spec else None,
        "rules": rules,
        "expectations": expectations.path,
        "allow_xpass": allow_xpass,
        "catalog": catalog,
        "started": _now(),
    }
    result = SuiteResult(meta=meta)
    interrupted = False
    pool = None
    try:
        pool = Pool(n_jobs, worker_init(backend, chosen.name, run_seed, catalog), import_timeout, stop)
        listing = pool.listing()
        meta["backend"] = listing["backend"]
        rule_of = {cid: r for r in listing["rules"] for cid in r["checks"]}
        try:
            expectations.validate([r["id"] for r in listing["rules"]], rule_of)
        except ExpectationsError as e:
            raise ConfigError(str(e)) from None
        selected = [cid for cid in rule_of if matches(rules, cid)]
        if not selected:
            raise ConfigError(
                f"--rules {rules!r} matches no rule or check id; see `conformance list` for the ids"
                if rules
                else "the catalog has no checks; are the rule modules in conformance/rules/?"
            )
        meta["matched"] = len(selected)  # before sharding: merge checks that the shards add up to it
        selected = shard_ids(selected, shard_spec)
        if not selected:
            raise ConfigError(
                f"--shard {meta['shard']} selects no check: only {meta['matched']} checks match; "
                "use fewer shards"
            )
        result.meta["selected"] = len(selected)
        result.rules = {
            r["id"]: {"title": r["title"], "area": r["area"]}
            for r in listing["rules"]
            if any(cid in selected for cid in r["checks"])
        }
        progress.start(len(selected))

        def record(raw: dict):
            check = judge(raw, rule_of[raw["id"]], expectations)
            if raw.get("orphans"):
                meta["orphans_ended"] = meta.get("orphans_ended", 0) + raw["orphans"]
            result.checks.append(check)
            progress.result(check)

        to_run = []
        for cid in selected:
            expectation = expectations.lookup(cid)
            if expectation is not None and expectation.kind == "skip":
                record({"id": cid, "outcome": "skip", "message": "skipped by the expectations file"})
            else:
                to_run.append(cid)
        if to_run:
            pool.keep(min(n_jobs, len(to_run)))
            pool.run(to_run, timeout, record, progress.tick)
    except KeyboardInterrupt:
        interrupted = True
    except PoolError as e:
        raise ConfigError(str(e)) from None
    finally:
        if pool is not None:
            pool.close(kill=interrupted)
        progress.finish()
    if interrupted and not result.checks and "selected" not in meta:
        raise KeyboardInterrupt  # stopped before the backend was even loaded: nothing to report
    result.meta["finished"] = _now()
    result.meta["interrupted"] = interrupted
    result.checks.sort(key=lambda c: c.id)
    return result
