"""cumsum and flip against torch beyond the table's float64 cases: dtypes (integers and bools into int64,
dtype=), float32 accumulation over long rows, 0-d inputs, errors."""

import pytest
from _compare import same, same_error


def test_values_and_dtypes():
    def body(T):
        T.manual_seed(0)
        x = T.rand(3, 5000)
        return [
            x.cumsum(1),
            T.tensor([1, 2, 3]).cumsum(0),
            T.tensor([True, False, True]).cumsum(0),
            T.tensor([1, 2], dtype=T.int32).cumsum(0, dtype=T.float64),
            T.tensor(3.0).cumsum(0),
            x.flip(1),
            x.flip(-1, 0),
            T.tensor(2.0).flip(0),
        ]

    same(body)


@pytest.mark.parametrize(
    "call",
    [
        lambda T: T.ones(2, 3).cumsum(2),
        lambda T: T.ones(2, 3).cumsum(),
        lambda T: T.ones(2, 3).flip(2),
        lambda T: T.ones(2, 3).flip((0, 0)),
    ],
)
def test_errors(call):
    same_error(call)


def test_cumprod_cummax_cummin_logcumsumexp_values_and_dtypes():
    def body(T):
        T.manual_seed(0)
        x = T.rand(3, 50) + 0.5
        nan = float("nan")
        with_nan = T.tensor([[1.0, nan, 0.0, 5.0, nan, 2.0], [3.0, 3.0, -1.0, 4.0, 4.0, nan]])
        ints = T.tensor([[3, 1, 4, 1, 5], [9, 2, 6, 5, 3]])
        bools = T.tensor([True, False, True, True])
        return [
            x.cumprod(1),
            T.cumprod(x, -2),
            ints.cumprod(1),
            bools.cumprod(0),
            T.tensor([1, 2, 3], dtype=T.int32).cumprod(0, dtype=T.float32),
            T.tensor(3.0).cumprod(0),
            T.zeros(0, 3).cumprod(1),
            tuple(x.cummax(1)),
            tuple(T.cummin(x, 0)),
            tuple(with_nan.cummax(1)),
            tuple(with_nan.cummin(1)),
            tuple(ints.cummax(1)),  # ties: the later index
            tuple(ints.cummin(-1)),
            tuple(bools.cummax(0)),
            tuple(bools.cummin(0)),
            tuple(T.tensor(2.0).cummax(0)),
            tuple(T.zeros(0, 3).cummin(1)),
            x.cummax(1).values,
            x.cummin(1).indices,
            x.logcumsumexp(1),
            T.logcumsumexp(x * 100, 0),
            T.tensor([-float("inf"), -float("inf"), 0.0]).logcumsumexp(0),
            T.tensor([1.0, float("inf"), 2.0]).logcumsumexp(0),
            T.tensor(1.5).logcumsumexp(0),
            T.ones(2, 3, dtype=T.float16).logcumsumexp(0),
        ]

    same(body)


def test_return_types():
    same(lambda T: [repr(T.tensor([1.0, 3.0, 2.0]).cummax(0)), type(T.ones(2).cummin(0)).__name__])


def test_inplace_forms():
    def body(T):
        x = T.tensor([[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]])
        y = x.clone().cumprod_(1)
        z = x.clone().cumsum_(0)
        a = T.tensor([0.5, 2.0, 3.0], requires_grad=True)
        b = a * 1
        b.cumprod_(0)
        b.sum().backward()
        return [y, z, b, a.grad, T.tensor([1, 2, 3]).cumprod_(0, dtype=T.int64)]

    same(body)


def test_gradients_with_zeros_and_types():
    def body(T):
        x = T.tensor([[2.0, 0.0, 3.0, 0.0, 4.0], [0.0, 0.0, 1.0, 2.0, 3.0], [1.0, 2.0, 3.0, 4.0, 0.0]])
        x.requires_grad_(True)
        g = T.randn(3, 5, generator=T.Generator().manual_seed(1))
        (first,) = T.autograd.grad(x.cumprod(1), x, g)
        (double,) = T.autograd.grad(x.cumprod(1).pow(2).sum(), x, create_graph=True)
        (second,) = T.autograd.grad(double.sum(), x)
        f = T.tensor([1.0, 2.0, 3.0], dtype=T.float32, requires_grad=True)
        (to_double,) = T.autograd.grad(f.cumprod(0, dtype=T.float64).sum(), f)
        return [
            first,
            double,
            second,
            to_double,
            x.cummax(1).values.grad_fn,
            x.cumprod(-1).grad_fn._saved_dim,
        ]

    same(body)


@pytest.mark.parametrize(
    "call",
    [
        lambda T: T.ones(2, 3).cumprod(2),
        lambda T: T.ones(2, 3).cumprod(),
        lambda T: T.ones(2, 3).cummax(2),
        lambda T: T.ones(2, 3).cummin(-3),
        lambda T: T.ones(2, 3).logcumsumexp(5),
        lambda T: T.tensor([1, 2, 3]).logcumsumexp(0),
        lambda T: T.tensor([True]).logcumsumexp(0),
        lambda T: T.ones(2, 3).cumprod_(0, dtype=T.float64),
        lambda T: T.tensor([1, 2]).cumprod_(0, dtype=T.float32),
        lambda T: T.tensor([1, 2]).cumsum_(0, dtype=T.float32),
        lambda T: T.ones(2, requires_grad=True).cumprod_(0),
        lambda T: T.cummax(T.ones(2), "a"),
    ],
)
def test_new_op_errors(call):
    same_error(call)


@pytest.mark.parametrize("dtype", ["uint8", "int8", "int16", "int32", "bool"])
def test_integer_scans_in_their_own_dtype_wrap_as_torch(dtype):
    def body(T):
        x = T.tensor([[100, 3, 7], [120, 2, 5]]).to(getattr(T, dtype))
        return [x.cumprod(1, dtype=x.dtype), x.cumsum(1, dtype=x.dtype), x.cumprod(1), x.cumsum(0)]

    same(body)


FLIP_CALLS = [
    "x.flip(dims=[0])", "x.flip(dims=0)", "x.flip(0, 1)", "x.flip([0, 1])", "x.flip()", "x.flip(dim=0)",
    "x.flip(0.5)", "x.flip([0], [1])", "T.flip(x, 0)", "T.flip(x)", "T.flip(x, dims=(1,))",
    "x.flip((0,), dims=1)", "x.flip(0, 0)", "x.flip(0)", "x.flip(-1)", "x.flip(())", "T.flip(x, [0.5])",
    "x.flip(0, 0.5)", "x.flip(T.tensor(1))", "x.flip(dims=(0,), foo=1)", "T.flip(1, [0])",
]  # fmt: skip


@pytest.mark.parametrize("call", FLIP_CALLS)
def test_flip_arguments_as_torch_parses_them(call):
    # int[] dims: the method takes them as varargs or one list (by keyword too), the function one list only;
    # a bad call gets the parser's message for the first thing wrong in torch's order
    same(lambda T: eval(call, {"T": T, "x": T.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])}))
