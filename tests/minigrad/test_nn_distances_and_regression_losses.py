"""normalize, cosine_similarity, pairwise_distance (functions and modules), kl_div, smooth_l1_loss and
huber_loss (functions and loss modules) against torch beyond the derivative cases: dtypes, broadcasting,
reductions, warnings, reprs and bad input."""

import pytest
from _compare import same, same_error


def _x(T, *shape, seed=0, dtype=None, requires_grad=False):
    g = T.Generator().manual_seed(seed)
    x = T.randn(*shape, generator=g, dtype=dtype or T.float32)
    return x.requires_grad_(requires_grad)


def _with_grads(T, out, inputs):
    grads = T.autograd.grad(out.sum(), inputs, allow_unused=True)
    return out, grads


# ---- normalize / cosine_similarity / pairwise_distance -----------------------------------------------------
DISTANCES = {
    "normalize": lambda T, a, b: T.nn.functional.normalize(a),
    "normalize p inf dim -1": lambda T, a, b: T.nn.functional.normalize(a, p=float("inf"), dim=-1),
    "normalize dims": lambda T, a, b: T.nn.functional.normalize(a, dim=(0, 1)),
    "normalize zeros": lambda T, a, b: T.nn.functional.normalize(a * 0),
    "cosine_similarity": lambda T, a, b: T.nn.functional.cosine_similarity(a, b),
    "cosine_similarity dim 0": lambda T, a, b: T.cosine_similarity(a, b, dim=0),
    "cosine_similarity broadcast": lambda T, a, b: T.cosine_similarity(a, b[:1], eps=0.5),
    "cosine_similarity zeros": lambda T, a, b: T.cosine_similarity(a * 0, b),
    "cosine_similarity module": lambda T, a, b: T.nn.CosineSimilarity(dim=-1)(a, b),
    "pairwise_distance": lambda T, a, b: T.nn.functional.pairwise_distance(a, b),
    "pairwise_distance p1 keepdim": lambda T, a, b: T.pairwise_distance(a, b, 1, keepdim=True),
    "pairwise_distance p0": lambda T, a, b: T.pairwise_distance(a, b, 0),
    "pairwise_distance p inf": lambda T, a, b: T.pairwise_distance(a, b, float("inf")),
    "pairwise_distance p -1": lambda T, a, b: T.pairwise_distance(a, b, -1.0),
    "pairwise_distance broadcast": lambda T, a, b: T.pairwise_distance(a, b[0]),
    "pairwise_distance module": lambda T, a, b: T.nn.PairwiseDistance(p=3, eps=0.1, keepdim=True)(a, b),
}


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("case", DISTANCES)
def test_distances(case, dtype):
    def body(T):
        a = _x(T, 3, 4, dtype=getattr(T, dtype), requires_grad=True)
        b = _x(T, 3, 4, seed=1, dtype=getattr(T, dtype), requires_grad=True)
        return _with_grads(T, DISTANCES[case](T, a, b), [a, b])

    same(body)


def test_distances_of_integers_and_zero_dims():
    def body(T):
        i, j = T.tensor([[1, 2, 3]]), T.tensor([[3, 5, 1]])
        return [
            T.pairwise_distance(i, j),
            T.pairwise_distance(T.tensor(1.0), T.tensor(3.0)),
            T.pairwise_distance(T.zeros(0, 3), T.zeros(0, 3)),
            T.cosine_similarity(i, j.double()),
            T.cosine_similarity(T.tensor(2.0), T.tensor(3.0), dim=0),
        ]

    same(body)


def test_normalize_out():
    def body(T):
        x, out = _x(T, 2, 3), T.empty(2, 3)
        result = T.nn.functional.normalize(x, out=out)
        return result is out, out, out._version

    same(body)


def test_distance_modules_repr_and_state():
    def body(T):
        modules = [T.nn.CosineSimilarity(), T.nn.PairwiseDistance(p=1.5, keepdim=True)]
        return [(repr(m), dict(m.state_dict()), m.__constants__) for m in modules] + [modules[1].norm]

    same(body)


DISTANCE_ERRORS = {
    "cosine integers": lambda T: T.cosine_similarity(T.tensor([[1, 2]]), T.tensor([[3, 5]])),
    "cosine dim out of range": lambda T: T.cosine_similarity(T.ones(3, 4), T.ones(3, 4), dim=2),
    "cosine no broadcast": lambda T: T.cosine_similarity(T.ones(3, 4), T.ones(2, 4)),
    "cosine dim string": lambda T: T.nn.functional.cosine_similarity(T.ones(3), T.ones(3), dim="a"),
    "cosine list": lambda T: T.cosine_similarity([1.0], T.ones(1)),
    "pairwise no broadcast": lambda T: T.pairwise_distance(T.ones(3, 4), T.ones(5)),
    "pairwise p string": lambda T: T.pairwise_distance(T.ones(3), T.ones(3), "a"),
    "pairwise too many": lambda T: T.pairwise_distance(T.ones(3), T.ones(3), 2.0, 1e-6, False, 1),
    "normalize integers": lambda T: T.nn.functional.normalize(T.tensor([[1, 2]])),
    "normalize dim out of range": lambda T: T.nn.functional.normalize(T.ones(3)),
    "normalize out requires grad": lambda T: T.nn.functional.normalize(
        T.ones(2, 2, requires_grad=True), out=T.empty(2, 2)
    ),
}


@pytest.mark.parametrize("case", DISTANCE_ERRORS)
def test_distance_errors(case):
    same_error(DISTANCE_ERRORS[case])


# ---- smooth_l1_loss / huber_loss / kl_div ------------------------------------------------------------------
REGRESSION = {
    "smooth_l1": lambda T, a, b, r: T.nn.functional.smooth_l1_loss(a, b, reduction=r),
    "smooth_l1 beta": lambda T, a, b, r: T.nn.functional.smooth_l1_loss(a, b, reduction=r, beta=0.3),
    "smooth_l1 beta 0": lambda T, a, b, r: T.nn.functional.smooth_l1_loss(a, b, reduction=r, beta=0.0),
    "smooth_l1 module": lambda T, a, b, r: T.nn.SmoothL1Loss(reduction=r, beta=2.0)(a, b),
    "huber": lambda T, a, b, r: T.nn.functional.huber_loss(a, b, reduction=r),
    "huber delta": lambda T, a, b, r: T.nn.functional.huber_loss(a, b, reduction=r, delta=0.4),
    "huber weight": lambda T, a, b, r: T.nn.functional.huber_loss(a, b, r, 0.5, weight=b.detach().abs()),
    "huber module": lambda T, a, b, r: T.nn.HuberLoss(reduction=r, delta=3)(a, b),
    "kl_div log_target": lambda T, a, b, r: T.nn.functional.kl_div(a, b, reduction=r, log_target=True),
    "kl_div probabilities": lambda T, a, b, r: T.nn.functional.kl_div(a, b.abs(), reduction=r),
    "kl_div module": lambda T, a, b, r: T.nn.KLDivLoss(reduction=r, log_target=True)(a, b),
}


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("case", REGRESSION)
def test_regression_losses(case, dtype, reduction):
    def body(T):
        a = _x(T, 3, 4, dtype=getattr(T, dtype), requires_grad=True)
        b = _x(T, 3, 4, seed=1, dtype=getattr(T, dtype), requires_grad=True)
        return _with_grads(T, REGRESSION[case](T, a, b, reduction), [a, b])

    same(body)


@pytest.mark.parametrize("loss", ["smooth_l1_loss", "huber_loss"])
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_regression_loss_second_order(loss, reduction):
    def body(T):
        a = _x(T, 2, 3, dtype=T.float64, requires_grad=True)
        b = _x(T, 2, 3, seed=1, dtype=T.float64, requires_grad=True)
        out = getattr(T.nn.functional, loss)(a, b, reduction=reduction)
        grad_output = T.ones_like(out, requires_grad=True)
        first = T.autograd.grad(out, [a, b], grad_output, create_graph=True)
        second = T.autograd.grad(sum((g * g).sum() for g in first), [a, b, grad_output])
        return first, second, first[0].grad_fn, first[0].grad_fn._saved_reduction

    same(body)


def test_kl_div_batchmean_and_saved_values():
    def body(T):
        a = _x(T, 4, 3, requires_grad=True)
        b = _x(T, 4, 3, seed=1).softmax(-1)
        out = T.nn.functional.kl_div(a.log_softmax(-1), b, reduction="batchmean")
        scalar = T.nn.functional.kl_div(T.tensor(-1.0), T.tensor(0.5), reduction="batchmean")
        return _with_grads(T, out, [a]), scalar, T.kl_div(a, b), T.kl_div(a, b, 2), T.kl_div(a, b, 7)

    same(body)


def test_loss_dtypes_and_broadcasting():
    def body(T):
        x = _x(T, 3)
        return [
            T.nn.functional.smooth_l1_loss(x, x.double() * 2),
            T.nn.functional.huber_loss(x, x.double() * 2),
            T.nn.functional.smooth_l1_loss(x, T.tensor([1, 2, 3])),
            T.nn.functional.smooth_l1_loss(T.zeros(0), T.zeros(0)),
            T.nn.functional.huber_loss(T.zeros(0), T.zeros(0), reduction="sum"),
            T.nn.functional.smooth_l1_loss(_x(T, 2, 1), _x(T, 3), reduction="none"),  # warns
            T.nn.functional.kl_div(x, x.double(), reduction="sum"),
        ]

    same(body)


def test_loss_legacy_arguments_and_modules():
    def body(T):
        x, y = _x(T, 3), _x(T, 3, seed=1)
        modules = [T.nn.KLDivLoss(reduce=False), T.nn.SmoothL1Loss(size_average=False), T.nn.HuberLoss()]
        return (
            [(repr(m), m.reduction, dict(m.state_dict())) for m in modules],
            T.nn.functional.kl_div(x, y.abs(), size_average=False),
            T.nn.functional.smooth_l1_loss(x, y, reduce=False),
            T.nn.functional.kl_div(x, y.abs(), reduction="elementwise_mean"),
        )

    same(body)


LOSS_ERRORS = {
    "smooth_l1 negative beta": lambda T: T.nn.functional.smooth_l1_loss(T.ones(3), T.ones(3), beta=-1.0),
    "smooth_l1 long": lambda T: T.nn.functional.smooth_l1_loss(T.ones(3).long(), T.ones(3).long()),
    "smooth_l1 shapes": lambda T: T.nn.functional.smooth_l1_loss(T.ones(3), T.ones(2)),
    "smooth_l1 reduction": lambda T: T.nn.functional.smooth_l1_loss(T.ones(3), T.ones(3), reduction="x"),
    "huber zero delta": lambda T: T.nn.functional.huber_loss(T.ones(3), T.ones(3), delta=0.0),
    "huber negative delta": lambda T: T.nn.functional.huber_loss(T.ones(3), T.ones(3), delta=-2),
    "huber long": lambda T: T.nn.functional.huber_loss(T.ones(3).long(), T.ones(3).long()),
    "huber weight size": lambda T: T.nn.functional.huber_loss(T.ones(3), T.ones(3), weight=T.ones(2)),
    "huber weight reduction": lambda T: T.nn.functional.huber_loss(
        T.ones(3), T.ones(3), reduction="avg", weight=T.ones(3)
    ),
    "huber module delta": lambda T: T.nn.HuberLoss(delta="1"),
    "kl_div integers": lambda T: T.nn.functional.kl_div(T.ones(3).long(), T.ones(3)),
    "kl_div reduction": lambda T: T.nn.functional.kl_div(T.ones(3), T.ones(3), reduction="bad"),
    "kl_div shapes": lambda T: T.kl_div(T.ones(3), T.ones(2)),
    "kl_div reduction string": lambda T: T.kl_div(T.ones(3), T.ones(3), "mean"),
}


@pytest.mark.parametrize("case", LOSS_ERRORS)
def test_loss_errors(case):
    same_error(LOSS_ERRORS[case])
