"""diff and cdist against torch beyond the table's float64 cases: dtypes, n, prepend/append, batches,
both cdist paths (p=2 beyond 25 rows takes the matrix-product one), zero distances, errors, and torch's
refusal of a second derivative through a small cdist."""

import pytest
from _compare import same, same_error


def test_diff_values_and_dtypes():
    def body(T):
        T.manual_seed(0)
        x = T.randn(3, 5)
        return [
            T.diff(x),
            x.diff(dim=0),
            T.diff(x, n=2),
            T.diff(x, n=3, dim=0),
            T.diff(x, n=9),
            T.diff(x, n=0),
            T.diff(x, prepend=T.zeros(3, 1), append=T.ones(3, 2)),
            T.diff(x, 1, 0, T.zeros(1, 5)),
            T.diff(T.tensor([1, 5, 2], dtype=T.uint8)),
            T.diff(T.tensor([True, False, False, True])),
            T.diff(T.tensor([1, 2, 4]), prepend=T.tensor([0.5])),
            T.diff(T.tensor([1, 4, 9, 16]), n=2),
        ]

    same(body)


def test_diff_gradients():
    def body(T):
        x = T.tensor([[1.0, 4.0, 9.0, 16.0], [2.0, 3.0, 5.0, 7.0]], requires_grad=True)
        p = T.tensor([[0.5], [1.5]], requires_grad=True)
        y = T.diff(x, n=2, prepend=p)
        g = T.randn(y.shape, generator=T.Generator().manual_seed(2))
        return [y, *T.autograd.grad(y, (x, p), g)]

    same(body)


def test_cdist_values_and_gradients():
    def body(T):
        T.manual_seed(0)
        a = T.randn(4, 3, requires_grad=True)
        b = T.randn(5, 3, requires_grad=True)
        big = T.randn(30, 3, requires_grad=True)
        batched = T.randn(2, 4, 3, requires_grad=True)
        same_rows = T.cat([a[:2].detach(), a[:2].detach()])
        out = [
            T.cdist(a, b),
            T.cdist(a, b, p=1),
            T.cdist(a, b, p=0),
            T.cdist(a, b, p=0.5),
            T.cdist(a, b, p=3),
            T.cdist(a, b, p=float("inf")),
            T.cdist(big, b),
            T.cdist(a, b, compute_mode="use_mm_for_euclid_dist"),
            T.cdist(big, b, compute_mode="donot_use_mm_for_euclid_dist"),
            T.cdist(batched, b.unsqueeze(0)),
            T.cdist(same_rows, same_rows),
        ]
        grads = []
        for o in out[:10]:
            grads += list(
                T.autograd.grad(
                    o.sum(), [t for t in (a, b, big, batched) if t.requires_grad], allow_unused=True
                )
            )
        return [*out, *grads, T.cdist(a, b).grad_fn._saved_p, T.cdist(a, b, p=1).grad_fn._saved_p]

    same(body)


def test_cdist_zero_distance_gradient_and_second_order():
    def body(T):
        a = T.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=T.float64, requires_grad=True)
        (g,) = T.autograd.grad(T.cdist(a, a.detach()).sum(), a)
        (g2,) = T.autograd.grad(T.cdist(a, a.detach(), p=1).sum(), a, create_graph=True)
        return [g, g2]

    same(body)


def test_cdist_second_order_raises_as_torch():
    def call(T):
        a = T.tensor([[1.0, 2.0], [3.0, 5.0]], requires_grad=True)
        (g,) = T.autograd.grad(T.cdist(a, T.zeros(3, 2)).sum(), a, create_graph=True)
        g.sum().backward()

    same_error(call)


@pytest.mark.parametrize(
    "call",
    [
        lambda T: T.diff(T.tensor(1.0)),
        lambda T: T.diff(T.ones(3), n=-1),
        lambda T: T.diff(T.ones(2, 3), prepend=T.ones(3)),
        lambda T: T.diff(T.ones(3, 4), append=T.ones(2, 2)),
        lambda T: T.diff(T.ones(2, 3), dim=2),
        lambda T: T.cdist(T.ones(3), T.ones(2, 3)),
        lambda T: T.cdist(T.ones(2, 3), T.ones(2, 4)),
        lambda T: T.cdist(T.ones(2, 3), T.ones(2, 3), p=-1),
        lambda T: T.cdist(T.ones(2, 3, dtype=T.long), T.ones(2, 3, dtype=T.long)),
        lambda T: T.cdist(T.ones(2, 3), T.ones(2, 3, dtype=T.float64)),
        lambda T: T.cdist(T.ones(2, 2, 3), T.ones(3, 2, 3)),
        lambda T: T.cdist(T.ones(2, 3), T.ones(2, 3), compute_mode="x"),
    ],
)
def test_errors(call):
    same_error(call)
