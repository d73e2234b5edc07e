"""Each adapter against a few known behaviours of its engine, observed through torch's API.

These pin what the engines do today (not what torch does), so an engine upgrade that changes its
behaviour fails here with a readable message. Engines that are not installed are skipped.
"""

import importlib

import pytest

from conformance.backends import NotApplicable, load_backend
from conformance.catalog import load_catalog
from conformance.execute import run_check
from conformance.profiles import get_profile


def adapter(name):
    pytest.importorskip(name)
    return importlib.import_module(f"conformance.backends.{name}_adapter")


def test_registered_under_the_entry_point_group():
    for name in ("mygrad", "tinygrad", "autograd", "micrograd"):
        pytest.importorskip(name)
        assert load_backend(name).origin == f"entry point conformance.backends.{name}_adapter"


# -- MyGrad ------------------------------------------------------------------------------------


def test_mygrad_float_tensors_require_grad_by_default_and_grads_do_not_accumulate():
    torch = adapter("mygrad")
    x = torch.tensor([1.0, 2.0])
    assert x.requires_grad and x.is_leaf and x.grad_fn is None  # MyGrad: floats are variables
    (x * 3).sum().backward()
    (x * 3).sum().backward()
    assert x.grad.tolist() == [3.0, 3.0]  # each backward() replaces .grad
    assert x.grad.requires_grad is False and x.grad.dtype == torch.float64


def test_mygrad_grad_fn_is_the_creator_operation_in_torch_names():
    torch = adapter("mygrad")
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * 3
    assert y.grad_fn.name() == "MulBackward0"
    assert [(f if f is None else f.name(), i) for f, i in y.grad_fn.next_functions] == [
        ("torch::autograd::AccumulateGrad", 0),
        (None, 0),
    ]
    assert y.grad_fn is not None and not y.is_leaf


def test_mygrad_grad_cannot_be_assigned_and_identity_is_kept():
    torch = adapter("mygrad")
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    (x * x).sum().backward()
    assert x.grad is x.grad
    with pytest.raises(AttributeError, match="no setter"):
        x.grad = None


def test_mygrad_no_grad_maps_to_no_autodiff():
    torch = adapter("mygrad")
    x = torch.tensor([1.0], requires_grad=True)
    with torch.no_grad():
        assert torch.is_grad_enabled() is False
        y = x * 2
    assert torch.is_grad_enabled() is True
    assert y.grad_fn is None


# -- tinygrad ----------------------------------------------------------------------------------


def test_tinygrad_backward_accumulates_and_reading_values_keeps_the_graph():
    torch = adapter("tinygrad")
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * 3
    assert y.tolist() == [3.0, 6.0]  # reading an intermediate must not cut it from the graph
    (y * y).sum().backward()
    assert x.grad.tolist() == [18.0, 36.0]
    (x * 3).sum().backward()
    assert x.grad.tolist() == [21.0, 39.0]
    # Intermediates get a .grad too, and tinygrad dedups identical lazy graphs: the second x * 3 is
    # y's graph, so y's .grad took the second backward's ones as well.
    assert y.grad.tolist() == [7.0, 13.0]


def test_tinygrad_lacks_graph_nodes_and_opting_out():
    torch = adapter("tinygrad")
    x = torch.tensor([1.0, 2.0])
    assert x.requires_grad is True and torch.tensor([1, 2]).requires_grad is False
    with pytest.raises(NotApplicable, match="tinygrad has no grad_fn"):
        x.grad_fn  # noqa: B018
    with pytest.raises(NotApplicable, match="no way to opt out"):
        x.requires_grad_(False)


# -- HIPS autograd -----------------------------------------------------------------------------


def test_autograd_arrays_are_untracked_and_jacobian_is_autograds():
    torch = adapter("autograd")
    x = torch.tensor([1.0, 2.0])
    assert (x.requires_grad, x.is_leaf, x.grad_fn, x.dtype) == (False, True, None, torch.float64)
    jac = torch.autograd.functional.jacobian(lambda t: t * t, x)
    assert jac.tolist() == [[2.0, 0.0], [0.0, 4.0]]
    with pytest.raises(NotApplicable, match="no requires_grad=True"):
        torch.tensor([1.0], requires_grad=True)
    with pytest.raises(NotApplicable, match="no grad"):
        x.grad  # noqa: B018


# -- micrograd ---------------------------------------------------------------------------------


def test_micrograd_scalar_values_accumulate_and_grad_starts_at_zero():
    torch = adapter("micrograd")
    x = torch.tensor(2.0)
    assert x.grad == 0 and x.is_leaf and x.shape == ()
    (x * x).backward()
    (x * x).backward()
    assert x.grad == 8.0  # the leaf accumulates across backward() calls
    with pytest.raises(NotApplicable, match="tensor-shaped"):
        torch.tensor([1.0, 2.0])
    with pytest.raises(NotApplicable, match="no requires_grad"):
        x.requires_grad  # noqa: B018


# -- the runner turns NotApplicable into a skip with the reason ----------------------------------


def test_not_applicable_is_reported_as_a_skip_with_its_reason():
    torch = adapter("autograd")
    import torch as real

    check = next(c for c in load_catalog().checks() if c.id == "ACCUM-001::k-passes")
    result = run_check(check, real, torch, get_profile("dev"), 0)
    assert result["outcome"] == "skip"
    assert result["message"].startswith("not applicable: HIPS autograd has no requires_grad=True")
