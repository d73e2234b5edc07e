"""The suite as pytest items: ``pytest --conformance-backend=NAME``.

Installed as a ``pytest11`` plugin, it does nothing unless ``--conformance-backend`` is given. Then
every check of the catalog (``CONFORMANCE_CATALOG`` selects another, as for ``conformance run``) is a
test item named by its id, so pytest's own selection and reporting work on it: ``-k ACCUM``, ``-x``,
``--lf``, ``-n auto`` (pytest-xdist), ``--junitxml``. Checks run exactly as ``conformance run`` runs
them: in a worker process that imports the backend (a crash or a hang is that check's error, not
pytest's), with the same profiles, seeds, outcomes and expectations file; a failure shows the
difference, the smallest example and the reproducer, which ``--conformance-repro-dir`` also writes
as ``repro/<CHECK>.py``.

    pytest --conformance-backend=minigrad --conformance-profile=ci \\
           --conformance-expect=conformance/expectations/minigrad.toml -n auto
"""

from __future__ import annotations

import os

import pytest

PROFILES = ("dev", "ci", "thorough")


def pytest_addoption(parser):
    group = parser.getgroup("conformance", "autograd conformance against torch (minigrad-conformance)")
    group.addoption(
        "--conformance-backend",
        metavar="NAME",
        help="collect the conformance checks and run them on NAME (a module path or registered name)",
    )
    group.addoption("--conformance-profile", default="ci", choices=PROFILES, help="default ci")
    group.addoption("--conformance-expect", metavar="FILE", help="expectations TOML (known failures)")
    group.addoption("--conformance-seed", type=int, metavar="N", help="default: 0 for ci, random otherwise")
    group.addoption("--conformance-timeout", default="60", metavar="SECONDS", help="per check (default 60)")
    group.addoption(
        "--conformance-import-timeout", default="300", metavar="SECONDS", help="for the backend's import"
    )
    group.addoption("--conformance-allow-xpass", action="store_true", help="an unexpected pass does not fail")
    group.addoption("--conformance-repro-dir", metavar="DIR", help="write repro/<CHECK>.py of each failure")


class _Session:
    """The worker pool and settings of one pytest process (each xdist worker has its own)."""

    def __init__(self, config):
        from conformance.profiles import choose_seed, get_profile
        from conformance.runner import ConfigError, catalog_from_env, check_timeout, load_expectations

        self.backend = config.getoption("conformance_backend")
        try:
            self.timeout = check_timeout(config.getoption("conformance_timeout"), "--conformance-timeout")
            self.import_timeout = check_timeout(
                config.getoption("conformance_import_timeout"), "--conformance-import-timeout"
            )
            self.expectations = load_expectations(config.getoption("conformance_expect"))
        except ConfigError as e:
            raise pytest.UsageError(str(e)) from None
        self.profile = get_profile(config.getoption("conformance_profile"))
        self.seed = choose_seed(self.profile, config.getoption("conformance_seed"))
        self.catalog = catalog_from_env()
        self.allow_xpass = config.getoption("conformance_allow_xpass")
        self.repro_dir = config.getoption("conformance_repro_dir")
        self.pool = None
        self.listing: dict | None = None

    def start(self) -> dict:
        """Start a worker (it imports torch, the backend and the catalog) and return its listing."""
        from conformance.pool import Pool, PoolError
        from conformance.runner import ConfigError, worker_init

        if self.listing is None:
            init = worker_init(self.backend, self.profile.name, self.seed, self.catalog)
            try:
                self.pool = Pool(1, init, self.import_timeout)
                self.listing = self.pool.listing()
                rule_of = {cid: r for r in self.listing["rules"] for cid in r["checks"]}
                self.expectations.validate([r["id"] for r in self.listing["rules"]], rule_of)
            except (PoolError, ConfigError) as e:
                self.close()
                raise pytest.UsageError(f"conformance: {e}") from None
            except Exception as e:  # ExpectationsError
                self.close()
                raise pytest.UsageError(f"conformance: {e}") from None
        return self.listing

    def run(self, check_id: str) -> dict:
        found: list[dict] = []
        self.pool.run([check_id], self.timeout, found.append)
        return found[0]

    def close(self):
        if self.pool is not None:
            self.pool.close(kill=True)
            self.pool = None


def pytest_configure(config):
    if config.getoption("conformance_backend"):
        config.stash[_KEY] = _Session(config)


def pytest_unconfigure(config):
    session = config.stash.get(_KEY, None)
    if session is not None:
        session.close()


def pytest_report_header(config):
    session = config.stash.get(_KEY, None)
    if session is not None:
        return (
            f"conformance: backend {session.backend}, profile {session.profile.name}, seed {session.seed}"
            + (f", expectations {session.expectations.path}" if session.expectations.path else "")
        )
    return None


_KEY = pytest.StashKey[_Session]()


class ConformanceSuite(pytest.Collector):
    """The catalog, as a node ``conformance`` holding one node per rule."""

    def collect(self):
        listing = self.config.stash[_KEY].start()
        for rule in sorted(listing["rules"], key=lambda r: r["id"]):
            node = ConformanceRule.from_parent(self, name=rule["id"])
            node.rule = rule
            yield node


class ConformanceRule(pytest.Collector):
    """A rule; its checks are its items, so a check's node id is ``conformance::RULE-ID::check``."""

    rule: dict

    def collect(self):
        for check_id in sorted(self.rule["checks"]):
            item = ConformanceCheck.from_parent(self, name=check_id.split("::", 1)[1])
            item.rule, item.check_id = self.rule, check_id
            item.extra_keyword_matches.add(self.rule["area"])
            yield item


class ConformanceFailure(Exception):
    """A check whose outcome fails the gate; its text is what the report would show."""


class ConformanceCheck(pytest.Item):
    rule: dict
    check_id: str

    def runtest(self):
        from conformance.reproducer import repro_path
        from conformance.runner import judge

        session = self.config.stash[_KEY]
        check = judge(session.run(self.check_id), self.rule, session.expectations)
        self.user_properties.append(("outcome", check.outcome))
        if check.reproducer and session.repro_dir and check.outcome in ("fail", "xfail", "error"):
            path = os.path.join(session.repro_dir, repro_path(check.id))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(check.reproducer)
        if check.outcome == "pass":
            return
        if check.outcome == "skip":
            pytest.skip(check.message or "skipped")
        if check.outcome == "xfail":
            pytest.xfail(check.reason or "listed in the expectations file")
        if check.outcome == "xpass":
            if session.allow_xpass:
                return
            raise ConformanceFailure(
                f"XPASS: it passed (torch and {session.backend} agreed on every example), but the "
                f"expectations file lists it as failing ({check.reason}); delete its entry"
            )
        parts = [f"{check.outcome.upper()} on {session.backend} (seed {session.seed}): {check.message}"]
        if check.kwargs:
            parts.append(f"Smallest failing example: {check.kwargs}")
        if check.reproducer:
            where = f" ({os.path.join(session.repro_dir, repro_path(check.id))})" if session.repro_dir else ""
            parts.append(
                f"Reproducer{where}; python FILE runs it on torch, python FILE BACKEND on the backend:"
            )
            parts.append(check.reproducer)
        raise ConformanceFailure("\n\n".join(parts))

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, ConformanceFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, None, f"conformance {self.check_id}"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session, config, items):
    """Add the checks before pytest's own selection (-k, --lf, deselection) sees the items."""
    if _KEY not in config.stash:
        return
    suite = ConformanceSuite.from_parent(session, name="conformance", nodeid="conformance")
    items.extend(item for rule in suite.collect() for item in rule.collect())
