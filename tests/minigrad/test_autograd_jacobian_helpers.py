"""The deprecated Jacobian helpers torch.autograd.gradcheck still exports (get_numerical_jacobian,
get_analytical_jacobian), against torch: results, flags, errors and their FutureWarnings."""

import pytest
from _compare import same


def _module(t):
    return __import__(f"{t.__name__}.autograd.gradcheck", fromlist=["get_numerical_jacobian"])


def _inputs(t):
    a = t.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], dtype=t.float64, requires_grad=True)
    b = t.tensor([0.1, -0.2, 0.3], dtype=t.float64, requires_grad=True)
    return a, b


def _product(inputs):
    return (inputs[0] * inputs[1].exp(), inputs[0].sum())


CASES = {
    "numerical, every input": lambda t, g: g.get_numerical_jacobian(_product, _inputs(t), eps=1e-6),
    "numerical, one target": lambda t, g: (
        lambda a, b: g.get_numerical_jacobian(_product, (a, b), target=(b,), eps=1e-6)
    )(*_inputs(t)),
    "numerical, a single tensor": lambda t, g: g.get_numerical_jacobian(
        lambda inputs: inputs[0] * 2, _inputs(t)[1]
    ),
    "numerical, float32": lambda t, g: g.get_numerical_jacobian(
        lambda inputs: inputs[0] * 3, t.ones(2, requires_grad=True)
    ),
    "numerical, input without grad": lambda t, g: g.get_numerical_jacobian(
        _product, (_inputs(t)[0], t.ones(3, dtype=t.float64)), eps=1e-6
    ),
    "numerical, grad_out": lambda t, g: g.get_numerical_jacobian(_product, _inputs(t), grad_out=2.0),
    "analytical": lambda t, g: (lambda a, b: g.get_analytical_jacobian((a, b), _product((a, b))[0]))(
        *_inputs(t)
    ),
    "analytical, unused input": lambda t, g: (lambda a, b: g.get_analytical_jacobian((a, b), a * 2))(
        *_inputs(t)
    ),
    "analytical, float32 input, float64 output": lambda t, g: (
        lambda c: g.get_analytical_jacobian((c,), (c * 2).double())
    )(t.ones(2, requires_grad=True)),
    "analytical, grad_out": lambda t, g: (
        lambda a, b: g.get_analytical_jacobian((a, b), a * b, grad_out=0.5)
    )(*_inputs(t)),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_jacobian_helpers(case):
    same(lambda t: CASES[case](t, _module(t)))
