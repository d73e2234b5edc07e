"""Tensor's Python protocols vs torch: format(), bool(), torch.Size arithmetic, .T's warn-once warnings,
and numpy warnings that torch does not give inside backward."""

import subprocess
import sys
import warnings

import numpy as np
import pytest
from _compare import same, same_error


def test_format_of_0d_tensors_is_the_numbers():
    same(lambda t: [format(t.tensor(3.5), ".2f"), format(t.tensor(3), "d"), f"{t.tensor(2.0):.3e}"])
    same(lambda t: format(t.ones(2), ""))
    same_error(lambda t: format(t.ones(2), ".2f"))


@pytest.mark.parametrize("values", [[], [1.0, 2.0]])
def test_bool_of_a_tensor_without_exactly_one_value_is_ambiguous(values):
    same_error(lambda t: bool(t.tensor(values)))


def test_size_arithmetic_gives_sizes():
    def body(t):
        s = t.ones(2, 3).shape
        results = [s + (1,), (1,) + s, s * 2, 2 * s, s[1:], t.Size([4, 5])]
        return [(repr(r), type(r).__name__) for r in results]

    same(body)
    same_error(lambda t: t.Size([2.0]))


def test_T_on_0d_is_the_identity_recorded_as_permute():
    same(
        lambda t: [(y, y.grad_fn.name()) for y in [t.tensor(3.0, requires_grad=True).T]], check_warnings=False
    )


T_WARNINGS = """
import sys, warnings
torch = __import__(sys.argv[1])
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    for _ in range(3):
        torch.tensor(3.0).T
        torch.ones(3).T
        torch.ones(2, 3).T
print(sorted(str(w.message)[:40] for w in caught))
"""


def test_T_warnings_are_given_once_per_process():
    """torch warns once per process (TORCH_WARN_ONCE) for .T on 0-d and on other than 2-d tensors: each in
    a fresh process, since the first warning of the test session may have been given already."""
    printed = [
        subprocess.run(
            [sys.executable, "-c", T_WARNINGS, engine], capture_output=True, text=True, check=True
        ).stdout
        for engine in ("torch", "minigrad")
    ]
    assert printed[0] == printed[1]
    assert printed[0] != "[]\n"  # torch did warn: the comparison is about warnings, not their absence


def test_backward_formulas_are_silent_where_torch_is():
    def body(t):
        a = t.tensor([0.0, 1.0, float("inf")], requires_grad=True)
        (0 / a).sum().backward()
        b = t.tensor([0.0, -1.0, 2.0], requires_grad=True)
        (b**0.5).sum().backward()
        return a.grad, b.grad

    same(body)  # also compares the warnings: none from either


NUMPY_MIXES = {
    "x + a": lambda x, a: x + a,
    "x - a": lambda x, a: x - a,
    "x * a": lambda x, a: x * a,
    "x / a": lambda x, a: x / a,
    "a / x": lambda x, a: a / x,
    "x ** a": lambda x, a: x**a,
    "x // a": lambda x, a: x // a,
    "x @ a": lambda x, a: x @ a,
    "x == a": lambda x, a: x == a,
    "a == x": lambda x, a: a == x,
    "x + 0-d a": lambda x, a: x + a[0],
    "np.exp(x)": lambda x, a: np.exp(x),
    "np.array(x)": lambda x, a: np.array(x),
    "a + x": lambda x, a: a + x,
    "a * x": lambda x, a: a * x,
    "a @ x": lambda x, a: a @ x,
    "x < a": lambda x, a: x < a,
}


@pytest.mark.parametrize("mix", NUMPY_MIXES)
def test_tensors_mixed_with_numpy_arrays(mix):
    """torch's operators mostly refuse an ndarray and let numpy compute, and Tensor.__array_wrap__ turns
    numpy's (float64) result into a tensor; == and a / x take the array as a tensor; a + x, a * x, x < a
    end in Python's or numpy's TypeError."""

    def body(t):
        result = NUMPY_MIXES[mix](t.tensor([1.0, 2.0]), np.array([1.0, 2.0]))
        if isinstance(result, np.ndarray):
            return "ndarray", str(result.dtype), result.tolist()
        return type(result).__name__, result

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # numpy's, about torch's __array_wrap__
        same(body, check_warnings=False)


NUMPY_NAMES = {
    "x.sum(axis=0)": lambda t, x: x.sum(axis=0),
    "torch.sum(x, axis=1, keepdims=True)": lambda t, x: t.sum(x, axis=1, keepdims=True),
    "x.mean(axis=(0, 1), keepdims=True)": lambda t, x: x.mean(axis=(0, 1), keepdims=True),
    "x.max(axis=0)": lambda t, x: tuple(x.max(axis=0)),
    "torch.cat(axis=0)": lambda t, x: t.cat([x, x], axis=0),
    "x.softmax(axis=0)": lambda t, x: x.softmax(axis=0),
    "F.softmax(x, axis=0)": lambda t, x: t.nn.functional.softmax(x, axis=0),  # a Python function: refuses
    "x.sum(dim=0, axis=1)": lambda t, x: x.sum(dim=0, axis=1),
}


@pytest.mark.parametrize("call", NUMPY_NAMES)
def test_numpy_argument_names(call):
    """torch's argument parser takes axis= for dim= and keepdims= for keepdim= (not both at once)."""
    same(lambda t: NUMPY_NAMES[call](t, t.arange(6.0, requires_grad=False).reshape(2, 3)))


@pytest.mark.parametrize("args", [(), ("size",), (3.5,), ([1, 2],), (2, 3), ((2, 3),), ("tensor",)])
def test_legacy_Tensor_constructor(args):
    """torch.Tensor(...): no data is an empty 1-d tensor, a Size is a shape, a tuple is data, a tensor is
    returned as it is, a lone float is refused."""

    def body(t):
        resolved = [t.Size([2]) if a == "size" else t.tensor([1, 2]) if a == "tensor" else a for a in args]
        made = t.Tensor(*resolved)
        uninitialised = args in ((2, 3), ("size",))
        return made.shape, made.dtype, None if uninitialised else made

    same(body)


FLOAT_WARNING = """
import sys, warnings
torch = __import__(sys.argv[1])
x = torch.tensor(2.0, requires_grad=True)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    values = [float(x), float(x), int(x), x.item(), float(torch.tensor(3.0))]
print(values, [str(w.message) for w in caught])
"""


def test_float_of_a_tensor_requiring_grad_warns_once():
    printed = [
        subprocess.run(
            [sys.executable, "-c", FLOAT_WARNING, engine], capture_output=True, text=True, check=True
        ).stdout
        for engine in ("torch", "minigrad")
    ]
    assert printed[0] == printed[1] and "requires_grad=True to a scalar" in printed[0]


# ---- the classes a program prints: print(type(x)) --------------------------------------------------------
CLASS_REPRS = {
    "tensor": lambda t: repr(type(t.ones(2))),
    "parameter": lambda t: repr(type(t.nn.Parameter(t.ones(2)))),
    "generated node": lambda t: repr(type((t.ones(2, requires_grad=True) * 2).grad_fn)),
    "AccumulateGrad": lambda t: repr(type((t.ones(2, requires_grad=True) * 2).grad_fn.next_functions[0][0])),
    "graph.Node": lambda t: repr(t.autograd.graph.Node),
}


@pytest.mark.parametrize("case", CLASS_REPRS)
def test_class_reprs(case):
    same(CLASS_REPRS[case])


NUMEL = {
    "matrix": lambda t: t.numel(t.ones(2, 3)),
    "scalar": lambda t: t.numel(t.tensor(1.0)),
    "empty": lambda t: t.numel(t.ones(0, 4)),
    "not a tensor": lambda t: t.numel([1, 2]),
    "is_floating_point": lambda t: [t.is_floating_point(t.ones(1)), t.is_floating_point(t.tensor([1]))],
    "is_floating_point of a list": lambda t: t.is_floating_point([1.0]),
}


@pytest.mark.parametrize("case", NUMEL)
def test_torch_numel(case):
    same(NUMEL[case])
