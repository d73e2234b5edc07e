"""The suite catches known bugs: each broken backend in tests/broken_backends fails the check it names.

A broken backend is real torch with exactly one semantic bug; its module-level ``CAUGHT_BY`` names the
check (``RULE-ID::check``) that must catch it. For each one, the suite's runner runs that check on the
backend: it must *fail* (an error would mean the suite could not judge), and the failure's reproducer,
run as a script on torch and on the backend, must print something different.

Controls keep this honest: the bug-free ``_faithful`` backend (the same machinery) passes every check
named here, and every broken backend still computes a plain forward pass exactly as torch does.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from conformance.backends import load_backend
from conformance.catalog import load_catalog
from conformance.execute import run_check
from conformance.observe import compare, run_body
from conformance.profiles import choose_seed, get_profile
from conformance.runner import exact, run_suite
from tests import broken_backends

ROOT = Path(__file__).resolve().parents[2]
BACKENDS = broken_backends.names()
CHECKS = {check.id: check for check in load_catalog().checks()}
# The ci profile: derandomized, and enough examples that a bug shown by one draw in five is found
# (dev's 8 random draws miss such bugs now and then). Its cost is small next to a worker's start-up.
PROFILE = "ci"

# Bugs no rule of the catalog checks yet: strict xfail, so this list must shrink when a rule appears.
NOT_CAUGHT_YET: dict[str, str] = {}


def load(name: str):
    return importlib.import_module(f"tests.broken_backends.{name}")


def run_reproducer(script: Path, module: str | None) -> subprocess.Popen:
    argv = [sys.executable, str(script)] + ([module] if module else [])
    # cwd=ROOT: the reproducer puts the current directory on sys.path, so `tests.` imports.
    return subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_there_are_enough_broken_backends():
    assert len(BACKENDS) >= 28, BACKENDS


@pytest.mark.parametrize("name", BACKENDS)
def test_each_backend_documents_its_bug_and_its_check(name):
    backend = load(name)
    assert backend.__doc__ and backend.__doc__.startswith("Bug: "), name
    assert isinstance(backend.CAUGHT_BY, str) and backend.CAUGHT_BY in backend.__doc__, name
    assert backend.CAUGHT_BY in CHECKS, f"{name}: {backend.CAUGHT_BY} is not a check of the catalog"


def plain_forward(torch, obs, dtype):
    a = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], dtype=getattr(torch, dtype))
    b = torch.arange(3, dtype=getattr(torch, dtype))
    obs.record("values", ((a * b + 1).exp().sum(1) - a.mean()).tolist())
    obs.record("matmul", (a @ a.t()).tolist())


# Per check or script: far above what a loaded machine needs, so only a real hang can reach it.
LIMIT = 600


@pytest.mark.parametrize("name", BACKENDS)
def test_a_plain_forward_pass_still_matches_torch(name):
    """The bug is in autograd behaviour; arithmetic on tensors that don't require grad is torch's."""
    for dtype in ("float32", "float64"):
        ref = run_body(plain_forward, torch, {"dtype": dtype})
        assert compare(ref, run_body(plain_forward, load(name), {"dtype": dtype})) == []


def test_the_faithful_backend_passes_every_check_named_here():
    """Same machinery without a bug: the failures below come from the bugs, not from the wrapping."""
    named = sorted({load(name).CAUGHT_BY for name in BACKENDS})
    result = run_suite(
        backend="tests.broken_backends._faithful",
        profile=PROFILE,
        rules=",".join(exact(check_id) for check_id in named),
        jobs=1,
        timeout=LIMIT,
    )
    assert sorted(c.id for c in result.checks) == named
    bad = [f"{c.id}: {c.outcome}: {c.message}" for c in result.checks if c.outcome != "pass"]
    assert bad == []


def caught(name):
    reason = NOT_CAUGHT_YET.get(name)
    return pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=reason)) if reason else name


@pytest.mark.parametrize("name", [caught(name) for name in BACKENDS])
def test_the_suite_catches_the_bug(name, tmp_path):
    module = f"tests.broken_backends.{name}"
    check_id = load(name).CAUGHT_BY
    # Judged in this process as a worker judges it (load_backend, then run_check): a worker per backend
    # would start torch and the whole catalog 46 times. The runner's own path is the faithful test's.
    profile = get_profile(PROFILE)
    result = run_check(
        CHECKS[check_id], torch, load_backend(module).engine, profile, choose_seed(profile, None)
    )
    assert result["outcome"] == "fail", f"{check_id} did not fail on {name}: {result}"

    script = tmp_path / "repro.py"
    script.write_text(result["reproducer"])
    on_torch, on_backend = run_reproducer(script, None), run_reproducer(script, module)
    (torch_out, torch_err), (backend_out, backend_err) = (
        on_torch.communicate(LIMIT),
        on_backend.communicate(LIMIT),
    )
    assert on_torch.returncode == 0, torch_err
    assert on_backend.returncode == 0, backend_err
    assert torch_out.strip(), f"the reproducer of {check_id} printed nothing on torch"
    assert torch_out != backend_out, f"the reproducer of {check_id} prints the same on torch and {name}"
