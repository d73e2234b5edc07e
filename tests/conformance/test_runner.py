"""run_suite on a fake catalog: outcomes, timeouts, crashes, selection and sharding."""

import importlib.metadata

import pytest

from conformance.backends import ENTRY_POINT_GROUP, BackendError, load_backend
from conformance.runner import ConfigError, matches, parse_shard, resolve_jobs, run_suite, shard_ids
from tests.conformance.fake_backends import CRASH, HANG, WRONG
from tests.conformance.fake_rules import BASIC, BROKEN

BASIC_CHECKS = {
    "TACC-001::two-backwards",
    "TLEAF-001::requires-grad",
    "TOPS-001::exp",
    "TOPS-002::no-arguments",
    "TOPS-002::scalar",
}


def outcomes(result):
    return {c.id: c.outcome for c in result.checks}


def test_torch_agrees_with_itself_on_every_check_with_two_workers():
    result = run_suite("torch", profile="dev", jobs=2, catalog=[BASIC])
    assert outcomes(result) == dict.fromkeys(BASIC_CHECKS, "pass")
    by_id = result.by_id()
    assert by_id["TOPS-002::no-arguments"].examples == 1
    assert by_id["TLEAF-001::requires-grad"].examples > 1
    assert by_id["TOPS-001::exp"].area == "ops" and by_id["TOPS-001::exp"].rule == "TOPS-001"
    meta = result.meta
    assert meta["backend"]["name"] == "torch" and meta["backend"]["version"]
    assert meta["profile"] == "dev" and isinstance(meta["seed"], int)
    assert meta["interrupted"] is False and meta["started"] <= meta["finished"]
    assert result.gate_passed()


def test_a_wrong_backend_fails_only_the_check_that_sees_it_with_the_smallest_example():
    result = run_suite(WRONG, profile="dev", catalog=[BASIC])
    assert outcomes(result) == {**dict.fromkeys(BASIC_CHECKS, "pass"), "TOPS-001::exp": "fail"}
    failed = result.by_id()["TOPS-001::exp"]
    assert "y.values" in failed.message and "backend" in failed.message
    # shrunk: the smallest input that shows the bug (exp is only wrong for 2+ elements) is two zeros
    assert failed.kwargs.endswith("data=((2,), [0.0, 0.0])")
    assert "def exp_and_grad(torch, obs, dtype, data):" in failed.reproducer
    assert result.meta["backend"]["version"] == "0.0.1-wrong"
    assert not result.gate_passed()


@pytest.mark.parametrize(
    "backend, timeout, expected",
    [(HANG, 10.0, "timed out after 10 s"), (CRASH, 60.0, "died while running this check (exit code 7)")],
)
def test_a_hang_or_a_crash_is_an_error_and_the_run_goes_on(backend, timeout, expected):
    # Only exp and the checks after it, which are trivial (ones + k): a short limit is reached by the
    # hang alone, however busy the machine is.
    result = run_suite(backend, profile="dev", timeout=timeout, catalog=[BASIC], rules="TOPS-*")
    # every check has a result: the worker was replaced and the checks after exp ran
    tops = {i for i in BASIC_CHECKS if i.startswith("TOPS-")}
    assert outcomes(result) == {**dict.fromkeys(tops, "pass"), "TOPS-001::exp": "error"}
    assert expected in result.by_id()["TOPS-001::exp"].message
    assert result.meta["interrupted"] is False


def test_torch_raising_is_a_broken_check_and_a_missing_module_is_a_skip():
    result = run_suite("torch", profile="dev", catalog=[BROKEN])
    assert outcomes(result) == {"TBRK-001::torch-raises": "error", "TBRK-001::needs-module": "skip"}
    broken = result.by_id()["TBRK-001::torch-raises"]
    assert broken.message.startswith("the check is broken: torch itself raised RuntimeError")
    assert "a_module_nobody_has" in result.by_id()["TBRK-001::needs-module"].message


def test_rules_patterns_shards_and_bad_settings():
    result = run_suite("torch", profile="dev", rules="TOPS-*,*::two-backwards", shard="2/2", catalog=[BASIC])
    selected = sorted(i for i in BASIC_CHECKS if i.startswith("TOPS-") or i.endswith("::two-backwards"))
    assert [c.id for c in result.checks] == selected[1::2]
    assert result.meta["shard"] == "2/2" and result.meta["rules"] == "TOPS-*,*::two-backwards"


def test_selection_helpers():
    ids = [f"R-{n:03}::c" for n in range(10)]
    shards = [shard_ids(reversed(ids), (i, 3)) for i in (1, 2, 3)]
    assert sorted(sum(shards, [])) == sorted(ids)  # a partition: every check in exactly one shard
    assert shards[0] == ["R-000::c", "R-003::c", "R-006::c", "R-009::c"]
    assert matches("R-00*", "R-001::c") and matches("*::c", "R-001::c") and not matches("X*", "R-001::c")
    assert matches(None, "anything")
    assert matches("*exp*", "OP-EXP::forward") and matches("op-exp", "OP-EXP::forward")  # case is ignored
    assert parse_shard("2/5") == (2, 5) and parse_shard(None) is None
    for bad in ("0/2", "3/2", "x", "1/2/3"):
        with pytest.raises(ConfigError, match="--shard"):
            parse_shard(bad)
    assert resolve_jobs("auto") >= 1 and resolve_jobs("3") == 3
    with pytest.raises(ConfigError):
        resolve_jobs("0")


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"backend": "no_such_module_xyz"}, "not found"),
        ({"backend": "torch", "profile": "fast"}, "unknown profile"),
        ({"backend": "torch", "timeout": 0}, "--timeout"),
        ({"backend": "torch", "expect": "/nonexistent/expect.toml"}, "does not exist"),
    ],
)
def test_configuration_errors_are_raised_before_anything_runs(kwargs, message):
    with pytest.raises(ConfigError, match=message):
        run_suite(catalog=[BASIC], **kwargs)


def test_backends_load_by_module_path_or_registered_entry_point(monkeypatch):
    assert load_backend(WRONG).engine.__name__ == WRONG
    registered = importlib.metadata.EntryPoint(name="my-engine", value=WRONG, group=ENTRY_POINT_GROUP)
    monkeypatch.setattr(
        importlib.metadata, "entry_points", lambda group: [registered] if group == ENTRY_POINT_GROUP else []
    )
    backend = load_backend("my-engine")
    assert backend.engine.__name__ == WRONG and backend.origin == f"entry point {WRONG}"
    assert backend.version == "0.0.1-wrong"
    with pytest.raises(BackendError, match="not a module path or a registered name"):
        load_backend("other-engine")
