"""nansum, nanmean, aminmax against torch beyond the table's float64 cases: dtypes, nans, ties, keepdim,
0-d and empty inputs, return types, errors."""

import pytest
from _compare import same, same_error

NAN = float("nan")


def test_values_and_dtypes():
    def body(T):
        T.manual_seed(0)
        x = T.randn(3, 4)
        x[0, 1] = NAN
        x[2, 3] = NAN
        ints = T.tensor([[3, -1, 4], [1, 5, -9]])
        return [
            x.nansum(),
            T.nansum(x, 1),
            T.nansum(x, (0, 1), keepdim=True),
            T.nansum(x, -1, dtype=T.float64),
            ints.nansum(),
            ints.nansum(0),
            T.tensor([True, False, True]).nansum(),
            T.tensor([1, 2]).nansum(dtype=T.float32),
            T.full((2,), NAN).nansum(),
            x.nanmean(),
            T.nanmean(x, 1),
            T.nanmean(x, -2, keepdim=True),
            T.full((2, 2), NAN).nanmean(0),
            T.tensor(2.0).nanmean(),
            tuple(T.aminmax(T.randn(3, 4), dim=1)),
            tuple(T.aminmax(ints)),
            tuple(T.aminmax(ints, dim=0)),
            tuple(ints.aminmax(dim=-1, keepdim=True)),
            tuple(T.aminmax(ints, keepdim=True)),
            tuple(T.aminmax(T.tensor([1.0, NAN, 3.0]))),
            tuple(T.aminmax(T.tensor(5.0))),
            tuple(T.aminmax(T.tensor([True, False]))),
            tuple(T.aminmax(T.zeros(2, 0), dim=0)),
        ]

    same(body)


def test_return_type_and_gradients():
    def body(T):
        x = T.tensor([[1.0, 3.0, 3.0], [NAN, 2.0, 0.0]], requires_grad=True)
        r = T.aminmax(x.detach(), dim=1)
        y = T.tensor([[1.0, 3.0, 3.0], [2.0, 2.0, 0.0]], requires_grad=True)
        mm = T.aminmax(y, dim=1)
        return [
            repr(r),
            type(r).__name__,
            r.min,
            r.max,
            T.autograd.grad(x.nanmean(1).sum(), x),
            T.autograd.grad(x.nansum(), x),
            T.autograd.grad(mm.max.sum(), y, retain_graph=True),
            T.autograd.grad((mm.min * 2 + mm.max).sum(), y),
            mm.max.grad_fn._saved_dim,
            mm.max.grad_fn._saved_keepdim,
        ]

    same(body)


@pytest.mark.parametrize(
    "call",
    [
        lambda T: T.tensor([1, 2]).nanmean(),
        lambda T: T.nansum(T.ones(2), 3),
        lambda T: T.nanmean(T.ones(2), 3),
        lambda T: T.ones(2, requires_grad=True).nansum(dtype=T.int64),
        lambda T: T.aminmax(T.zeros(0)),
        lambda T: T.aminmax(T.zeros(2, 0), dim=1),
        lambda T: T.aminmax(T.ones(2), dim=2),
        lambda T: T.aminmax(T.ones(2), 1),
    ],
)
def test_errors(call):
    same_error(call)
