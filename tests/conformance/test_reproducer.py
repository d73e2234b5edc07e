"""Reproducers: standalone scripts that print different lines on torch and on the failing backend."""

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import torch

from conformance.catalog import Check
from conformance.execute import run_check
from conformance.profiles import PROFILES
from conformance.reproducer import engine_import, make_reproducer
from conformance.strategies import float_dtypes, shapes, tensor_data
from tests.conformance.fake_backends import WRONG, wrong_exp

ROOT = Path(__file__).resolve().parents[2]


def exp_with_warning_and_error(torch, obs, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    y = torch.exp(x)
    obs.record("y", y)
    with obs.raises("backward of a non-scalar"):
        y.backward()
    with obs.warns("grad of a non-leaf"):
        y.grad  # noqa: B018
    obs.record("shape and dtype", (y.shape, y.dtype))


def make_check():
    # A rule-like stand-in: a real Rule would register itself in the catalog of this test process.
    rule = SimpleNamespace(id="TREPRO-001", title="exp, as a reproducer sees it", area="ops")
    strategies = {"dtype": float_dtypes(), "data": tensor_data(shapes(min_dims=1, max_dims=2))}
    return Check(rule, "exp", exp_with_warning_and_error, strategies)


def run_script(path, *argv):
    proc = subprocess.run(
        [sys.executable, str(path), *argv], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def shown_values(values):
    """The values as the reproducer prints them (6 significant digits)."""
    return repr([float(f"{v:.6g}") for v in values])


def test_a_failing_example_gives_a_script_that_shows_the_difference(tmp_path):
    result = run_check(make_check(), torch, wrong_exp, PROFILES["dev"], 1)
    assert result["outcome"] == "fail", result
    script = result["reproducer"]
    assert "def exp_with_warning_and_error(torch, obs, dtype, data):" in script
    assert "data=((2,), [0.0, 0.0])," in script  # the shrunk example, as a literal
    path = tmp_path / "repro.py"
    path.write_text(script)

    on_torch = run_script(path).splitlines()  # no argument: real torch
    on_backend = run_script(path, WRONG).splitlines()
    labels = [line.split(":", 1)[0] for line in on_torch]
    assert labels == ["y", "backward of a non-scalar", "grad of a non-leaf", "shape and dtype"]
    # only y differs: the backend's exp is wrong, everything else it does is torch's
    assert [a != b for a, b in zip(on_torch, on_backend)] == [True, False, False, False]
    zeros = torch.zeros(2)
    assert f"'values': {shown_values(torch.exp(zeros).tolist())}" in on_torch[0]
    assert f"'values': {shown_values(wrong_exp.exp(zeros).tolist())}" in on_backend[0]
    assert on_torch[1].startswith("backward of a non-scalar: raised RuntimeError: ")
    assert on_torch[2].startswith("grad of a non-leaf: warnings [") and "UserWarning: " in on_torch[2]
    assert "Triggered internally" not in on_torch[2]  # build paths are noise, as in observe
    assert on_torch[3] == "shape and dtype: (('Size', (2,)), ('dtype', 'torch.float32'))"


def test_a_check_may_bring_its_own_script():
    check = make_check()
    check.script = lambda kwargs: f"print({kwargs['n']!r})\n"
    assert make_reproducer(check, {"n": 3}) == "print(3)\n"


def test_nan_and_inf_arguments_are_valid_python(tmp_path):
    flat = [float("nan"), float("inf"), -1.0]
    script = make_reproducer(make_check(), {"dtype": "float64", "data": ((3,), flat)})
    path = tmp_path / "repro.py"
    path.write_text(script)
    expected = shown_values(torch.exp(torch.tensor(flat, dtype=torch.float64)).tolist())
    assert f"'values': {expected}" in run_script(path)


def test_a_registered_backend_name_runs_its_adapter_as_for_conformance_run(monkeypatch):
    # `python repro.py mygrad` must run the mygrad adapter, as `--backend mygrad` does, not the raw
    # mygrad module (whose API is not torch's, so the script would fail for an unrelated reason).
    import importlib.metadata

    adapter = SimpleNamespace(name="the adapter")
    fake = SimpleNamespace(name="someengine", load=lambda: adapter)
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda group: [fake] if group else [])
    for argv, expected in [(["repro.py", "someengine"], adapter), (["repro.py"], torch)]:
        monkeypatch.setattr(sys, "argv", argv)
        namespace = {}
        exec(engine_import(), namespace)
        assert namespace["torch"] is expected, argv


def test_a_reproducer_runs_from_any_directory_and_says_when_it_cannot_find_the_backend(tmp_path):
    # written by a run from the project root, run from elsewhere: the run's directory is the fallback
    script = make_reproducer(make_check(), {"dtype": "float32", "data": ((2,), [0.0, 0.0])})
    path = tmp_path / "repro.py"
    path.write_text(script)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    proc = subprocess.run([sys.executable, str(path), WRONG], cwd=elsewhere, capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("y: "), proc.stderr
    proc = subprocess.run(
        [sys.executable, str(path), "no_such_engine"], cwd=elsewhere, capture_output=True, text=True
    )
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.strip().startswith("error: no backend 'no_such_engine'")
    assert len(proc.stderr.strip().splitlines()) == 1


def test_the_reproducer_embeds_the_suites_own_observer():
    from conformance import observe
    from conformance.reproducer import observer_source

    script = make_reproducer(make_check(), {"dtype": "float32", "data": ((1,), [0.0])})
    assert observer_source() in script and "def observe_tensor(t):" in observer_source()
    assert "def compare(" not in observer_source()  # the comparison stays in the suite
    assert observe.Observer.add.__doc__ in script


def stale_view(torch, obs):
    base = torch.ones(2, 3, requires_grad=True) * 2
    with torch.no_grad():
        view = base.t()
    base.add_(1)
    obs.record("the view", view)  # reading its grad_fn raises in torch


def test_a_property_that_raises_is_printed_not_fatal(tmp_path):
    rule = SimpleNamespace(id="TREPRO-002", title="stale view", area="inplace")
    path = tmp_path / "repro.py"
    path.write_text(make_reproducer(Check(rule, "stale", stale_view, {}), {}))
    on_torch, on_minigrad = run_script(path), run_script(path, "minigrad")
    assert "'grad_fn': {'raised': 'RuntimeError', 'message': " in on_torch
    assert "A view was created in no_grad mode" in on_torch
    assert "<body raised>" not in on_torch
    assert on_torch == on_minigrad
