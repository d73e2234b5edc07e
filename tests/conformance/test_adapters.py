"""Each adapter against a few known behaviours of its engine, observed through torch's API.

These pin what the engines do today (not what torch does), so an engine upgrade that changes its
behaviour fails here with a readable message. Engines that are not installed are skipped.
"""

import importlib
import importlib.util
import pathlib
import sys

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


def test_every_adapter_documents_what_it_maps_and_what_it_refuses():
    for name in ("mygrad", "tinygrad", "autograd", "micrograd", "paddle"):
        # (read from the file: pytest's assertion rewriting may own the module's loader)
        origin = importlib.util.find_spec(f"conformance.backends.{name}_adapter").origin
        doc = pathlib.Path(origin).read_text()
        assert doc.startswith('"""') and len(doc.split('"""')[1].split()) > 40, name


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


def test_tinygrad_runs_on_its_cpu_device_and_says_so():
    torch = adapter("tinygrad")
    from tinygrad import Device

    assert Device.DEFAULT == "CPU"
    assert torch.__version__.endswith("(CPU device)")


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


def test_micrograd_tensors_are_arrays_of_values_and_grads_accumulate_into_them():
    torch = adapter("micrograd")
    x = torch.tensor([1.0, 2.0, 3.0])
    assert x.grad.tolist() == [0.0, 0.0, 0.0] and x.is_leaf  # micrograd's grad starts at 0, never None
    y = (x * x).sum()
    assert y.shape == () and not y.is_leaf and y.tolist() == 14.0
    y.backward()
    (x * x).sum().backward()
    assert x.grad.tolist() == [4.0, 8.0, 12.0]  # the leaves accumulate across backward() calls
    assert x.dtype == torch.float32 and torch.tensor([1.0], dtype=torch.float64).dtype == torch.float64
    m = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    assert (m @ m).tolist() == [[7.0, 10.0], [15.0, 22.0]]
    assert m.mean(dim=0).tolist() == [2.0, 3.0] and torch.relu(m - 2).tolist() == [[0, 0.0], [1.0, 2.0]]


def test_micrograd_second_backward_reuses_the_intermediates_grads():
    """micrograd never zeroes an intermediate's grad: a second backward() through the same graph adds
    the first one's intermediate gradients again (torch raises without retain_graph)."""
    torch = adapter("micrograd")
    x = torch.tensor(1.0)
    y = x * 2
    z = y * 1
    z.backward()
    z.backward()
    assert x.grad.tolist() == 6.0  # 2, then 2 * (1 + 1) more through y's accumulated grad of 2


def test_micrograd_refuses_what_it_has_no_values_for():
    torch = adapter("micrograd")
    x = torch.tensor([1.0, 2.0])
    for attempt, reason in [
        (lambda: torch.tensor([1, 2]), "no integer or bool tensors"),
        (lambda: torch.sin(x), "no sin: a Value has only"),
        (lambda: x[0], "container of Values"),
        (lambda: x + torch.tensor([1.0, 2.0, 3.0]), "do not broadcast"),
        (lambda: x.sum().backward(torch.tensor(2.0)), "no backward\\(gradient=...\\)"),
        (lambda: (x * 2).backward(), "starts from one Value"),
        (lambda: x ** torch.tensor(2.0), "no tensor exponents"),
        (lambda: x.requires_grad, "no requires_grad"),
        (lambda: x.grad_fn, "no grad_fn"),
        (lambda: x.reshape(3), "no reshape to \\(3,\\)"),
    ]:
        with pytest.raises(NotApplicable, match=reason):
            attempt()


# -- PaddlePaddle's torch mode -------------------------------------------------------------------


def test_paddle_is_paddles_compat_torch_and_leaves_the_real_torch_in_place():
    pytest.importorskip("paddle")
    import torch as real

    backend = load_backend("paddle")
    import paddle

    torch = backend.engine
    assert torch.Tensor is paddle.Tensor and torch.__name__ == "torch"
    assert backend.version == paddle.__version__
    assert sys.modules["torch"] is real and real.__file__.endswith("torch/__init__.py")
    assert paddle.compat.proxy.TORCH_PROXY_FINDER not in sys.meta_path  # the hook is off again
    import torch as again

    assert again is real


def test_paddle_behaviours_seen_through_the_suite():
    """What Paddle's torch mode does today (differences from torch the scoreboard reports)."""
    pytest.importorskip("paddle")
    torch = load_backend("paddle").engine
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * 3
    assert y.grad_fn.name() == "ScaleGradNode"  # torch: MulBackward0
    assert not isinstance(y.grad_fn.next_functions[0], tuple)  # torch: (node, input index) pairs
    y.sum().backward()
    assert x.grad.tolist() == [3.0, 3.0]
    assert x.grad.requires_grad is True  # torch: a gradient does not require grad
    assert str(x.dtype) == "paddle.float32"  # the observer compares dtypes by name


# -- the runner turns NotApplicable into a skip with the reason ----------------------------------


def test_not_applicable_is_reported_as_a_skip_with_its_reason():
    torch = adapter("autograd")
    import torch as real

    check = next(c for c in load_catalog().checks() if c.id == "ACCUM-001::k-passes")
    result = run_check(check, real, torch, get_profile("dev"), 0)
    assert result["outcome"] == "skip"
    assert result["message"].startswith("not applicable: HIPS autograd has no requires_grad=True")


def test_dtypes_are_observed_by_name_whatever_module_prints_them():
    """Paddle's torch mode prints paddle.float32 and JTorch float32: the same dtype as torch.float32."""
    from conformance.observe import observe

    class dtype:  # noqa: N801 (named as torch's: the observer knows dtypes by class name)
        def __init__(self, text):
            self.text = text

        def __str__(self):
            return self.text

    for text in ("torch.float32", "paddle.float32", "float32"):
        assert observe(dtype(text)) == ("dtype", "torch.float32")
