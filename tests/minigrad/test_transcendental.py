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
