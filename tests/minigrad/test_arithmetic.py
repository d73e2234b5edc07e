"""Arithmetic with unusual operands vs torch: unary plus, integer powers with tensor exponents, and
overflow to inf/NaN, which torch computes silently (numpy would warn)."""

import numpy as np
import pytest
from _compare import same, same_error


def test_unary_plus_returns_the_tensor_itself():
    def body(t):
        x = t.tensor([1.0, -2.0], requires_grad=True)
        i = t.tensor([1, 2])
        return +x, (+x) is x, (+i) is i, t.positive(x) is x, (+x).grad_fn

    same(body)


def test_unary_plus_on_bool_raises():
    same_error(lambda t: +t.tensor([True]))


@pytest.mark.parametrize(
    "expr",
    [
        "T.tensor([3, -1, 1, 0, -1], dtype=T.int32) ** T.tensor([-1, -2, -5, -1, -3])",
        "T.tensor([True, False]) ** T.tensor([-1, -2])",
        "T.tensor([2]) ** T.tensor(-1)",
        "T.pow(2, T.tensor([-1, 0, 3]))",
        "T.tensor([2, 3]).pow_(T.tensor([-1, 2]))",
        "T.tensor([2, 3]) ** T.tensor([True, False])",
    ],
)
def test_integer_powers_with_tensor_exponents(expr):
    same(lambda T: eval(expr, {"T": T}))


@pytest.mark.parametrize("expr", ["T.tensor([2]) ** -1", "T.tensor(2) ** -1", "T.tensor([True]) ** -1"])
def test_integer_powers_with_a_negative_number_raise(expr):
    same_error(lambda T: eval(expr, {"T": T}))


@pytest.mark.parametrize(
    "expr",
    [
        "T.exp(T.tensor([100.0, 1000.0, -1000.0]))",
        "T.exp(T.tensor([1000.0], dtype=T.float64))",
        "T.tensor([3e38]) ** 2",
        "2 ** T.tensor([1000.0])",
        "T.tensor([3e38]) / 1e-30",
        "T.tensor([3e9, -3e9]).int()",
        "T.tensor([float('nan'), float('inf')]).long()",
        "T.tensor([1e300], dtype=T.float64).float()",
    ],
)
def test_overflow_is_silent(expr):
    same(lambda T: eval(expr, {"T": T}))  # compares warnings too: numpy's RuntimeWarning must not leak


def test_overflowing_exp_backward():
    def body(t):
        x = t.tensor([1.0, 100.0], requires_grad=True)
        x.exp().sum().backward()
        return x.grad

    same(body)


@pytest.mark.parametrize(
    "expr",
    [
        "b ** b",
        "True ** b",
        "b ** True",
        "T.pow(b, False)",
        "b.pow_(b)",
        "b % b",
        "b % False",
        "T.remainder(True, b)",
        "T.fmod(b, True)",
        "b ** 2",
        "b % 2",
        "T.add(b, b, alpha=2)",
        "T.add(b, True, alpha=0)",
        "b.add_(b, alpha=2)",
        "T.tensor([1, 2]) - T.tensor([True, False, True])",
        "T.sub(T.ones(2), T.tensor([True, True, True]), alpha=2)",
        "T.rsub(T.tensor([True]), T.ones(2, 3))",
    ],
)
def test_bool_operands(expr):
    same(lambda T: eval(expr, {"T": T, "b": T.tensor([True, False])}))


def test_scalar_divided_by_zero_is_silent_nan():
    same(lambda t: (0 / t.tensor([0.0, 1.0]), False / t.tensor([0, 1])))


def test_power_minus_a_half_is_torchs_rsqrt():
    def body(t):
        x = t.tensor([-0.0, 0.0, -1.0, 4.0, float("-inf"), float("inf")], dtype=t.float64, requires_grad=True)
        upstream = t.tensor([-1.0, -1.0, 1.0, 1.0, 1.0, 1.0], dtype=t.float64)
        return x**-0.5, t.autograd.grad(x**0.5, x, upstream)

    same(body)


def test_power_gradients_with_negative_and_zero_bases_are_silent():
    def body(t):
        a = t.tensor([-1.5, 0.0, 2.0], requires_grad=True)
        b = t.tensor([0.5, 2.0, -1.0], requires_grad=True)
        e = t.tensor([1.0, 2.0], requires_grad=True)
        return t.autograd.grad((a**b).sum(), (a, b)), t.autograd.grad(((-2.0) ** e).sum(), e)

    same(body)


@pytest.mark.parametrize(
    "expr",
    [
        "T.tensor(1).add_(T.ones(3))",
        "T.tensor([1, 2]).mul_(T.ones(3, 2))",
        "T.tensor([True]).pow_(T.tensor([[True, False]]))",
        "T.tensor(2).__imod__(T.tensor([0, 1]))",
        "T.ones(2).clamp_min_(T.ones(3, 2))",
        "T.ones(0, 0).clamp_max_(T.ones(3))",
        "T.ones(3, 3).sub_(T.zeros(0, 0).bool())",
        "T.ones(2, 2).fill_(T.ones(3, 2))",
        "T.ones(2, 3).copy_(T.ones(4, 3))",
    ],
)
def test_in_place_checks_the_broadcast_shape_before_the_dtype(expr):
    same_error(lambda T: eval(expr, {"T": T}))


@pytest.mark.parametrize(
    "expr",
    [
        "np.float64(2) * x",
        "np.float32(2) * x",
        "np.int64(3) - i",
        "np.float64(2) / x",
        "np.float64(2) ** x",
        "np.float64(1) == x",
        "np.int64(1) < i",
        "x * np.float64(2)",
        "i + np.int32(2)",
    ],
)
def test_numpy_scalars_on_either_side_give_tensors(expr):
    same(lambda T: eval(expr, {"np": np, "x": T.tensor([1.0, 2.0]), "i": T.tensor([1, 2])}))


# torch reads a Python int as a 64-bit integer (unsigned where it must) and casts it to the tensor's
# integer dtype as C does: out-of-range ints wrap; beyond 64 bits, Python's own OverflowError
WRAPPING_INTS = [
    "x + 2**40",
    "x * 2**31",
    "x - 2**40",
    "2**40 - x",
    "x == 2**40",
    "x.clone().mul_(2**31)",
    "T.tensor([1]) + 2**63",
    "T.tensor([1]) + (2**64 - 1)",
    "T.tensor([1], dtype=T.uint8) + 300",
    "T.tensor([1], dtype=T.uint8) + -1",
    "x + 2**64",
    "T.tensor([1]) + (-(2**63) - 1)",
    "x.float() + 2**40",
]


@pytest.mark.parametrize("expr", WRAPPING_INTS)
def test_out_of_range_python_ints_wrap_like_torch(expr):
    same(lambda T: eval(expr, {"T": T, "x": T.tensor([1, 2], dtype=T.int32)}))


# ---- addcmul / addcdiv: self + value * tensor1 * tensor2 (or / tensor2)
ADDC_VALUES = {
    "addcmul": lambda t: t.addcmul(t.ones(3), t.full((3,), 2.0), t.full((3,), 4.0), value=0.5),
    "addcdiv": lambda t: t.addcdiv(t.ones(3), t.full((3,), 2.0), t.full((3,), 4.0)),
    "integers truncate the value": lambda t: t.addcmul(
        t.tensor([1]), t.tensor([1]), t.tensor([2]), value=0.5
    ),
    "integer self, float quotient": lambda t: t.addcdiv(t.tensor([1]), t.tensor([1.0]), t.tensor([2])),
    "broadcast": lambda t: t.addcmul(t.ones(1), t.ones(3), t.ones(2, 1)),
    "promotion": lambda t: t.addcmul(t.ones(2), t.ones(2, dtype=t.float64), t.ones(2)),
    "mixed kinds": lambda t: t.addcmul(
        t.tensor([1], dtype=t.uint8), t.tensor([2], dtype=t.int8), t.tensor([3.0], dtype=t.float16)
    ),
    "in place": lambda t: [(x := t.ones(3)).addcdiv_(t.ones(3), t.full((3,), 3.0), value=-0.1), x._version],
    "method": lambda t: t.ones(2).addcmul(t.ones(2), t.ones(2), value=3),
    "hand-written Adam step": lambda t: (
        (m := t.zeros(3)).mul_(0.9).add_(g := t.tensor([0.1, -0.2, 0.3]), alpha=0.1),
        (v := t.zeros(3)).mul_(0.999).addcmul_(g, g, value=0.001),
        t.ones(3).addcdiv_(m, v.sqrt().add_(1e-8), value=-0.01),
    ),
}


@pytest.mark.parametrize("case", ADDC_VALUES)
def test_addcmul_addcdiv(case):
    same(ADDC_VALUES[case])


ADDC_ERRORS = {
    "integer division": lambda t: t.addcdiv(t.tensor([1]), t.tensor([1]), t.tensor([2])),
    "integer quotient, float self": lambda t: t.addcdiv(t.tensor([1.0]), t.tensor([1]), t.tensor([2])),
    "shapes": lambda t: t.addcmul(t.ones(2), t.ones(3), t.ones(2)),
    "in place broadcast": lambda t: t.ones(1).addcmul_(t.ones(3), t.ones(3)),
    "number tensor1": lambda t: t.addcmul(t.ones(2), 2.0, t.ones(2)),
    "bool": lambda t: t.addcmul(t.tensor([True]), t.tensor([True]), t.tensor([True])),
    "string value": lambda t: t.ones(2).addcmul(t.ones(2), t.ones(2), value="a"),
    "leaf in place": lambda t: t.ones(2, requires_grad=True).addcmul_(t.ones(2), t.ones(2)),
}


@pytest.mark.parametrize("case", ADDC_ERRORS)
def test_addcmul_addcdiv_errors(case):
    same_error(ADDC_ERRORS[case])


NUMBER_OPERAND_FUNCTIONS = [
    "fmod", "remainder", "pow", "bitwise_and", "bitwise_or", "bitwise_xor", "bitwise_left_shift",
    "bitwise_right_shift",
]  # fmt: skip
NUMBER_OPERANDS = ["(2, 3)", "(3, x)", "(x, 2)", "(2.0, 3.0)", "(True, x)", "(x, x)", "(2, 3.0)", "(x, 'a')"]
NUMBER_OPERANDS += ["('a', 'b')", "(x, None)", "(T.tensor(2), x)", "(x, [1])"]


@pytest.mark.parametrize("operands", NUMBER_OPERANDS)
@pytest.mark.parametrize("name", NUMBER_OPERAND_FUNCTIONS)
def test_binary_functions_take_a_tensor_and_a_number_as_torch_parses_them(name, operands):
    # torch's Python overloads: (Tensor, Tensor), (Tensor, Number) and, for all but fmod, (Number, Tensor);
    # two Python numbers (or a non-number) match none: the invalid-combination TypeError listing them
    same(lambda T: getattr(T, name)(*eval(operands, {"T": T, "x": T.tensor([1, 2, 3])})))


@pytest.mark.parametrize(
    "expression", ["5 % x", "2 ** x", "3 & x", "1 << x", "8 >> x", "x % 'a'", "x << 1.5", "2.0 << x"]
)
def test_operators_with_a_number_operand(expression):
    same(lambda T: eval(expression, {"x": T.tensor([1, 2, 3])}))


def test_in_place_shift_operators():
    def body(T):
        y = T.tensor([1, 2, 3])
        y <<= 1
        y >>= T.tensor([1, 0, 1])
        return y

    same(body)
