"""sinh cosh asin acos atan erf log1p expm1 rsqrt exp2 log2 log10 (and frac, square) against torch beyond
the table's float64 cases: float32 and integer inputs, values outside the domain (nan/inf without warnings),
in-place forms on leaves."""

import pytest
from _compare import same, same_error

NAMES = ["sinh", "cosh", "asin", "acos", "atan", "erf", "log1p", "expm1", "rsqrt", "exp2", "log2", "log10"]


@pytest.mark.parametrize("name", NAMES)
def test_values_in_float32_and_from_integers(name):
    def body(T):
        x = T.tensor([-2.0, -1.0, -0.5, 0.0, 0.25, 1.0, 3.0, float("inf"), float("nan")])
        return [getattr(x, name)(), getattr(T, name)(T.tensor([0, 1, 2])), getattr(x.double(), name)()]

    same(body)


@pytest.mark.parametrize("name", NAMES)
def test_in_place_on_a_leaf_that_requires_grad_raises(name):
    same_error(lambda T: getattr(T.ones(2, requires_grad=True), name + "_")())


def test_numpy_style_aliases():
    same(lambda T: [T.arcsin(T.tensor([0.5])), T.tensor([0.5]).arccos(), T.arctan(T.tensor([2.0]))])


@pytest.mark.parametrize("dtype", ["float32", "float64", "float16", "int64", "uint8", "bool"])
def test_frac_and_square_in_every_dtype(dtype):
    def body(T):
        x = T.tensor([-2.5, -1.0, -0.0, 0.75, 3.0, float("inf"), float("nan")]).to(getattr(T, dtype))
        return [x.square(), T.square(x), x.frac()]

    same(body)


def test_square_and_frac_in_place():
    def body(T):
        x, y = T.tensor([-2.5, 1.5]), T.tensor([True, False])
        return [x.clone().square_(), x.clone().frac_(), y.square_()]

    same(body)


# ---- xlogy: x * log(y), 0 where x is 0 unless y is nan; three overloads, integers in the default dtype
XLOGY_VALUES = {
    "zeros and negatives": lambda t: t.xlogy(t.tensor([0.0, 1.0, 2.0]), t.tensor([0.0, 3.0, -1.0])),
    "integers": lambda t: t.xlogy(t.tensor([0, 1, 2]), t.tensor([0, 3, -1])),
    "nan": lambda t: t.xlogy(t.tensor([0.0, 0.0, 1.0]), t.tensor([0.0, float("nan"), -1.0])),
    "promotion": lambda t: t.xlogy(t.tensor([1.0], dtype=t.float64), t.tensor([2.0])),
    "scalar other": lambda t: t.xlogy(t.tensor([1, 2]), 2.5),
    "scalar self": lambda t: t.xlogy(3, t.tensor([2, 1])),
    "bool": lambda t: t.xlogy(t.tensor([True]), t.tensor([True])),
    "method": lambda t: t.tensor([0.0, 1.0, 2.0]).xlogy(2.0),
    "in place": lambda t: [(x := t.tensor([0.0, 1.0, 2.0])).xlogy_(t.tensor([1.0, 2.0, 3.0])), x._version],
    "grad at zero": lambda t: t.autograd.grad(
        t.xlogy(x := t.tensor([0.0, 0.0, 1.0], requires_grad=True), t.tensor([0.0, -1.0, 2.0])).sum(), x
    ),
}


@pytest.mark.parametrize("case", XLOGY_VALUES)
def test_xlogy(case):
    same(XLOGY_VALUES[case])


XLOGY_ERRORS = {
    "two numbers": lambda t: t.xlogy(2.0, 3.0),
    "string other": lambda t: t.xlogy(t.ones(2), "a"),
    "string self": lambda t: t.xlogy("a", t.ones(2)),
    "method string": lambda t: t.ones(2).xlogy("a"),
    "in place broadcast": lambda t: t.tensor([0.0, 1.0, 2.0]).xlogy_(t.tensor([[1.0, 2.0, 3.0]])),
    "in place integer": lambda t: t.tensor([1, 2]).xlogy_(2.0),
}


@pytest.mark.parametrize("case", XLOGY_ERRORS)
def test_xlogy_errors(case):
    same_error(XLOGY_ERRORS[case])


# ---- atan2: Tensor-Tensor only; integers in the default dtype; a zero gradient at the origin
ATAN2_CASES = {
    "quadrants": lambda t: t.atan2(t.tensor([1.0, -1.0, 0.0, -0.0]), t.tensor([2.0, 0.0, -1.0, -1.0])),
    "integers": lambda t: t.atan2(t.tensor([1, 2]), t.tensor([3, 4])),
    "promotion": lambda t: t.arctan2(t.ones(2), t.ones(2, dtype=t.float64)),
    "bool": lambda t: t.atan2(t.tensor([True]), t.tensor([False])),
    "in place": lambda t: [(x := t.tensor([1.0, 2.0])).atan2_(t.tensor([1.0, -1.0])), x._version],
    "grad at the origin": lambda t: t.autograd.grad(
        t.atan2(
            a := t.tensor([0.0, 1e-30, 1.0], requires_grad=True), b := t.zeros(3, requires_grad=True)
        ).sum(),
        (a, b),
    ),
}


@pytest.mark.parametrize("case", ATAN2_CASES)
def test_atan2(case):
    same(ATAN2_CASES[case])


ATAN2_ERRORS = {
    "number other": lambda t: t.atan2(t.ones(2), 2.0),
    "method, number other": lambda t: t.ones(2).atan2(2.0),
    "in place into integers": lambda t: t.tensor([1, 2]).atan2_(t.tensor([1.0, 1.0])),
}


@pytest.mark.parametrize("case", ATAN2_ERRORS)
def test_atan2_errors(case):
    same_error(ATAN2_ERRORS[case])


# ---- logit: log(p / (1 - p)), with eps a clamp of p to [eps, 1 - eps] (none for a negative eps) ----------
LOGIT_POINTS = [-0.5, 0.0, 0.05, 0.3, 0.5, 0.95, 1.0, 2.0, float("nan")]
LOGIT_EPS = [None, -0.1, 0.0, 0.1, 0.6, True]


@pytest.mark.parametrize("eps", LOGIT_EPS)
def test_logit_values_and_gradients(eps):
    """Both gradients torch has: its logit_backward kernel (no graph) and the composite it records under
    create_graph=True, which differ outside [0, 1] for a negative eps."""

    def body(T):
        x = T.tensor(LOGIT_POINTS, dtype=T.float64, requires_grad=True)
        y = T.logit(x, eps)
        plain = T.autograd.grad(y.sum(), x, retain_graph=True)[0]
        graph = T.autograd.grad(y.sum(), x, create_graph=True)[0]
        second = T.autograd.grad(graph[2:6].sum(), x)[0]
        return y, y.grad_fn._saved_eps, y.grad_fn._saved_self, plain, graph, second

    same(body)


def test_logit_forms_and_dtypes():
    def body(T):
        x = T.tensor([0.2, 0.7, 0.5])
        y = x.clone()
        y.logit_(0.25)
        return [
            x.logit(),
            x.logit(eps=0.1),
            T.logit(x, eps=T.tensor(0.3)),
            T.logit(T.tensor([0, 1, 2])),
            T.logit(T.tensor([True, False])),
            T.logit(x.double()),
            T.logit(x.half()),
            y,
            y._version,
        ]

    same(body)


def test_logit_in_place_graph():
    def body(T):
        x = T.tensor([0.2, 0.7], requires_grad=True)
        y = x * 1
        y.logit_()
        return y, y.grad_fn, T.autograd.grad(y.sum(), x)

    same(body)


LOGIT_ERRORS = {
    "string eps": lambda T: T.logit(T.rand(3), "a"),
    "string eps keyword": lambda T: T.logit(T.rand(3), eps="a"),
    "method string eps": lambda T: T.rand(3).logit("a"),
    "in place string eps": lambda T: T.rand(3).logit_("a"),
    "list input": lambda T: T.logit([0.5]),
    "eps of one element": lambda T: T.logit(T.rand(3), eps=T.tensor([0.1])),
    "unknown keyword": lambda T: T.logit(T.rand(3), foo=1),
    "too many": lambda T: T.logit(T.rand(3), 0.1, 0.2),
    "in place integer": lambda T: T.tensor([1, 2]).logit_(),
    "in place leaf": lambda T: T.rand(3, requires_grad=True).logit_(),
}


@pytest.mark.parametrize("case", LOGIT_ERRORS)
def test_logit_errors(case):
    same_error(LOGIT_ERRORS[case])


def test_logit_of_zero_dim_tensors():
    def body(T):
        x = T.tensor(0.25, dtype=T.float64, requires_grad=True)
        y = T.logit(x, T.tensor(0.1))
        return y, x.logit(), T.autograd.grad(y, x)

    same(body)
