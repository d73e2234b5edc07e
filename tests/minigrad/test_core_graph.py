"""requires_grad propagation, leaves, grad_fn names and next_functions, AccumulateGrad, flags, promotion."""

import pytest
from _compare import same, same_error
from hypothesis import given, settings
from hypothesis import strategies as st


def leaf(t, values=(1.0, 2.0, 3.0), **kwargs):
    return t.tensor(list(values), requires_grad=True, **kwargs)


GRAPHS = {
    "add scalar": lambda t: leaf(t) + 2,
    "radd": lambda t: 2 + leaf(t),
    "sub": lambda t: leaf(t) - t.ones(3),
    "rsub scalar": lambda t: 2 - leaf(t),
    "mul scalar": lambda t: leaf(t) * 2,
    "rmul": lambda t: 2 * leaf(t),
    "div": lambda t: leaf(t) / t.tensor([2.0, 4.0, 8.0]),
    "rdiv": lambda t: 2 / leaf(t),
    "pow scalar": lambda t: leaf(t) ** 2,
    "rpow": lambda t: 2 ** leaf(t),
    "pow tensor": lambda t: leaf(t).pow(leaf(t)),
    "neg": lambda t: -leaf(t),
    "exp": lambda t: leaf(t).exp(),
    "log": lambda t: t.log(leaf(t)),
    "sqrt": lambda t: leaf(t).sqrt(),
    "abs": lambda t: leaf(t, (-1.0, 0.5, 2.0)).abs(),
    "sum": lambda t: leaf(t).sum(),
    "sum dim": lambda t: leaf(t).sum(0),
    "sum keepdim": lambda t: leaf(t).sum(dim=(0,), keepdim=True),
    "chain": lambda t: (leaf(t) * leaf(t) + 1).exp().sum(),
    "clone": lambda t: leaf(t).clone(),
    "to double": lambda t: leaf(t).to(t.float64),
    "same leaf twice": lambda t: (lambda x: x + x)(leaf(t)),
    "no grad input": lambda t: leaf(t) * t.ones(3),
    "int tensor": lambda t: t.tensor([1, 2]) * 2,
    "long of float": lambda t: leaf(t).long(),
    "comparison": lambda t: leaf(t) > 1,
}


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_result_flags_grad_fn_and_next_functions(name):
    same(GRAPHS[name])


def test_accumulate_grad_is_shared_and_points_at_the_leaf():
    def body(t):
        x = leaf(t)
        a, b = (x * 2).grad_fn.next_functions[0][0], (x + 1).grad_fn.next_functions[0][0]
        return a is b, a.variable is x, a.name(), a.next_functions, (x * 2).grad_fn.metadata

    same(body)


def test_leafness_and_requires_grad():
    def body(t):
        x = leaf(t)
        y = x * 2
        z = t.ones(2)
        with t.no_grad():
            w = x * 2
        return (
            x.is_leaf,
            y.is_leaf,
            z.is_leaf,
            w.is_leaf,
            w.requires_grad,
            y.detach().is_leaf,
            y.detach().requires_grad,
        )

    same(body)


@pytest.mark.parametrize(
    "body",
    [
        lambda t: t.tensor([1, 2], requires_grad=True),
        lambda t: t.tensor([1, 2]).requires_grad_(),
        lambda t: setattr(t.tensor([1, 2]), "requires_grad", True),
        lambda t: setattr(leaf(t) * 2, "requires_grad", False),
        lambda t: setattr(leaf(t) * 2, "requires_grad", True),
        lambda t: (leaf(t) * 2).requires_grad_(False),
        lambda t: t.ones(2).register_hook(lambda g: g),
        lambda t: t.ones(2).retain_grad(),
        lambda t: leaf(t).numpy(),
        lambda t: t.ones(2, 3).item(),
        lambda t: len(t.tensor(1.0)),
        lambda t: bool(t.ones(2)),
        lambda t: float(t.ones(2)),
        lambda t: t.ones(3) + t.ones(2),
        lambda t: -t.tensor([True]),
        lambda t: t.tensor([True]) - t.tensor([True]),
        lambda t: t.tensor([1, 2]) ** -1,
        lambda t: t.set_default_dtype(t.int64),
        lambda t: leaf(t).sum(3),
        lambda t: leaf(t).sum((0, 0)),
    ],
)
def test_errors(body):
    same_error(body)


def test_grad_setter_checks():
    def set_grad(value):
        def body(t):
            x = leaf(t)
            x.grad = value(t)
            return x.grad

        return body

    same(set_grad(lambda t: t.ones(3)))
    same(set_grad(lambda t: None))
    same_error(set_grad(lambda t: t.ones(2)))
    same_error(set_grad(lambda t: t.ones(3, dtype=t.float64)))
    same_error(set_grad(lambda t: t.ones(3, dtype=t.int64)))
    same_error(set_grad(lambda t: [1.0]))


def test_metadata_and_conversions():
    same(
        lambda t: (
            t.ones(2, 3).shape,
            t.ones(2, 3).size(),
            t.ones(2, 3).size(-1),
            t.ones(2, 3).dim(),
            t.ones(2, 3).ndim,
            t.ones(2, 3).numel(),
            t.ones(2, 3).shape[1:],
            t.float32,
            t.get_default_dtype(),
            str(t.ones(1).device),
            t.tensor(1.5).item(),
            t.tensor([1, 2]).tolist(),
            int(t.tensor([7])),
            t.ones(3).dtype,
        )
    )


# ---- type promotion
# ------------------------------------------------------------------------------------------
DTYPES = ["bool", "uint8", "int8", "int32", "int64", "float16", "float32", "float64"]
SCALARS = [True, 3, 2.5]


def _operand(t, spec):
    kind, value = spec
    if kind == "scalar":
        return value
    dtype = getattr(t, value)
    return t.ones((2,) if kind == "dim" else (), dtype=dtype)


operand = st.one_of(
    st.tuples(st.sampled_from(["dim", "zero"]), st.sampled_from(DTYPES)),
    st.tuples(st.just("scalar"), st.sampled_from(SCALARS)),
)


@settings(max_examples=60, deadline=None)
@given(a=operand, b=operand, op=st.sampled_from(["add", "mul", "div", "sub", "eq"]))
def test_type_promotion_matches_torch(a, b, op):
    if a[0] == "scalar" and b[0] == "scalar":
        a = ("dim", "float32")

    def body(t):
        return (
            getattr(t, op)(_operand(t, a), _operand(t, b))
            if a[0] != "scalar"
            else getattr(
                _operand(t, b),
                {
                    "add": "__radd__",
                    "mul": "__rmul__",
                    "div": "__rtruediv__",
                    "sub": "__rsub__",
                    "eq": "__eq__",
                }[op],
            )(a[1])
        )

    same(body)


def test_default_dtype_is_process_global_and_used_for_python_floats():
    def body(t):
        t.set_default_dtype(t.float64)
        try:
            return t.tensor([1.0]), t.tensor([1, 2]) * 2.5, t.ones(2), t.get_default_dtype()
        finally:
            t.set_default_dtype(t.float32)

    same(body)


@pytest.mark.parametrize(
    "body",
    [
        lambda t: t.tensor([[1, 2], [3, 4]]),
        lambda t: t.tensor([1, 2.5]),
        lambda t: t.tensor([True, False]),
        lambda t: t.tensor(3),
        lambda t: t.zeros(2, 3),
        lambda t: t.zeros((2, 3), dtype=t.int32),
        lambda t: t.ones(size=(2,)),
        lambda t: t.full((2,), 3),
        lambda t: t.full((2,), 3.0),
        lambda t: t.arange(5),
        lambda t: t.arange(0, 1, 0.25),
        lambda t: t.linspace(0, 1, 5),
        lambda t: t.eye(3),
        lambda t: t.zeros_like(t.ones(2, dtype=t.int64)),
        lambda t: t.ones_like(t.ones(2), requires_grad=True),
        lambda t: t.full_like(t.ones(2), 7),
        lambda t: t.rand(2, 3).shape,
        lambda t: t.randn(4, dtype=t.float64).dtype,
        lambda t: t.empty(2, 3).shape,
        lambda t: t.is_tensor(t.ones(1)),
        lambda t: t.zeros(2, requires_grad=True),
        lambda t: t.zeros(2, dtype=t.int64, requires_grad=True),
    ],
)
def test_factories(body):
    same(body)


def test_from_numpy_shares_memory():
    import numpy as np

    def body(t):
        array = np.zeros(3, dtype=np.float64)
        x = t.from_numpy(array)
        array[0] = 5
        return x, t.as_tensor(array)

    same(body)
