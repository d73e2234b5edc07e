"""Backends observed in another Python process (``MODULE@PYTHON``, registered environments).

The other process here is this venv's own interpreter (so ``torch@python`` is the real torch seen
from another process, and ``minigrad@python`` minigrad), which exercises everything JTorch's
environment needs: the body sent as source, observations pickled back, failures, crashes, skips.
"""

import sys
from types import SimpleNamespace

import pytest
import torch
from hypothesis import strategies as st

from conformance.backends import BackendError, load_backend
from conformance.backends.elsewhere import Elsewhere
from conformance.backends.environments import ENVIRONMENTS
from conformance.catalog import Check, load_catalog
from conformance.execute import run_check
from conformance.profiles import get_profile

PYTHON = sys.executable
SOME_NUMBER = 3


def check(body, **strategies):
    rule = SimpleNamespace(id="ELSEWHERE-001", title="a check run in another process", area="leaves")
    return Check(rule, body.__name__, body, strategies)


@pytest.fixture
def elsewhere():
    started = []

    def start(module):
        backend = load_backend(f"{module}@{PYTHON}")
        started.append(backend.engine)
        return backend

    yield start
    for engine in started:
        engine.close()


def judge(one_check, engine):
    return run_check(one_check, torch, engine, get_profile("dev"), 0)


def test_torch_in_another_process_agrees_with_torch_here(elsewhere):
    backend = elsewhere("torch")
    assert backend.version == torch.__version__ and backend.origin == f"module torch in {PYTHON}"
    first_of_each_area = {}
    for c in load_catalog().checks():
        if c.area != "programs":
            first_of_each_area.setdefault(c.area, c)
    for c in first_of_each_area.values():
        result = judge(c, backend.engine)
        assert result["outcome"] == "pass", (c.id, result["message"])


def records_the_engine_name(torch, obs, x):
    obs.record("engine", torch.__name__)
    obs.record("tensor", torch.tensor(x, requires_grad=True) * 2)


def test_a_difference_is_found_shrunk_and_reproduced(elsewhere):
    result = judge(check(records_the_engine_name, x=st.floats(-2, 2)), elsewhere("minigrad").engine)
    assert result["outcome"] == "fail"
    assert result["message"] == "engine: torch 'torch', backend 'minigrad'"
    assert (
        result["kwargs"] == "x=0.0" and "def records_the_engine_name(torch, obs, x):" in result["reproducer"]
    )


def uses_a_module_global(torch, obs):
    obs.record("n", SOME_NUMBER)


def test_a_body_that_is_not_self_contained_is_skipped_with_the_names(elsewhere):
    result = judge(check(uses_a_module_global), elsewhere("minigrad").engine)
    assert result["outcome"] == "skip"
    assert result["message"] == (
        "cannot run in another Python environment: the body uses names of its module (SOME_NUMBER)"
    )


def dies_on_minigrad(torch, obs):
    if torch.__name__ == "minigrad":
        __import__("os")._exit(3)
    obs.record("x", torch.ones(1))


def lacks_a_concept_on_minigrad(torch, obs):
    if torch.__name__ == "minigrad":
        raise type("NotApplicable", (BaseException,), {"reason": "minigrad has no such concept"})()
    obs.record("x", torch.ones(1))


def test_a_dead_engine_is_an_error_the_next_check_starts_it_again_and_not_applicable_is_a_skip(elsewhere):
    engine = elsewhere("minigrad").engine
    died = judge(check(dies_on_minigrad), engine)
    assert died["outcome"] == "error"
    assert (
        died["message"]
        == "the engine's process (minigrad@" + PYTHON + ") died running the check: exit code 3"
    )
    lacking = judge(check(lacks_a_concept_on_minigrad), engine)
    assert (lacking["outcome"], lacking["message"]) == (
        "skip",
        "not applicable: minigrad has no such concept",
    )
    assert judge(check(records_the_engine_name, x=st.just(1.0)), engine)["outcome"] == "fail"


def test_bad_names_are_one_line_backend_errors(tmp_path):
    with pytest.raises(BackendError, match="is not an executable Python interpreter"):
        load_backend(f"torch@{tmp_path}/python")
    with pytest.raises(BackendError, match="write MODULE@PYTHON"):
        load_backend(f"not a module@{PYTHON}")
    with pytest.raises(BackendError, match="failed to import: .* could not import no_such_engine_here"):
        load_backend(f"no_such_engine_here@{PYTHON}")


def test_an_environment_that_is_not_set_up_says_how_to_set_it_up(monkeypatch, tmp_path):
    monkeypatch.setenv("CONFORMANCE_ENVS", str(tmp_path))
    with pytest.raises(BackendError, match="run `conformance scoreboard --setup --engines jtorch`"):
        load_backend("jtorch")


@pytest.mark.skipif(not ENVIRONMENTS["jtorch"].exists(), reason="JTorch's environment is not set up")
def test_jtorch_is_judged_in_its_own_environment():
    backend = load_backend("jtorch")
    assert isinstance(backend.engine, Elsewhere) and backend.version.startswith("jtorch ")
    try:
        one = next(c for c in load_catalog().checks() if c.id == "ACCUM-006::mismatch")
        result = judge(one, backend.engine)
    finally:
        backend.engine.close()
    # JTorch accepts a .grad of the wrong shape where torch raises.
    assert result["outcome"] == "fail" and "backend 'no exception'" in result["message"]
