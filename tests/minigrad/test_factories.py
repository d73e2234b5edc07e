"""Factories called the ways torch's argument parser allows (and refuses): sizes as varargs, one sequence or a
keyword; negative sizes; full's single size argument. Differential against torch."""

import numpy as np
import pytest
from _compare import same

SIZE_CALLS = [
    "T.zeros(2, 3)",
    "T.zeros((2, 3))",
    "T.zeros([2, 3])",
    "T.zeros(size=(2, 3))",
    "T.ones(T.Size([2, 1]))",
    "T.ones(())",
    "T.zeros(T.tensor(2), 3)",
    "T.zeros(2, True)",
    "T.zeros(True, 2)",
    "T.zeros(2.0, 3)",
    "T.zeros(2, 3.0)",
    "T.ones(2.0)",
    "T.ones((2, 3.0))",
    "T.empty(2, None)",
    "T.zeros(size=2)",
    "T.zeros(2, size=(2,))",
    "T.zeros()",
    "T.zeros(-1)",
    "T.zeros((2, -1))",
    "T.ones(2, -1)",
    "T.empty(-1, dtype=T.int64)",
    "T.full((2,), 7)",
    "T.full([2], True)",
    "T.full(2, 3.0)",
    "T.full(2.0, 3)",
    "T.full((-2, 1), 1.0)",
]


@pytest.mark.parametrize("expr", SIZE_CALLS)
def test_sizes_parse_like_torch(expr):
    same(lambda T: eval(expr, {"T": T}))


RANGE_CALLS = [
    "T.arange(2.6, dtype=T.int64)",
    "T.arange(2.6, dtype=T.int32)",
    "T.arange(-10, -6, 2.1, dtype=T.int64)",
    "T.arange(0, 10, 2.5, dtype=T.int32)",
    "T.arange(-1.1, -1, 3, dtype=T.int64)",
    "T.arange(-1.1, -1, 3, dtype=T.int32)",
    "T.arange(0, -5, -1.5, dtype=T.int64)",
    "T.arange(0, 5, 0.3, dtype=T.int32)",
    "T.arange(0, 5, 0.3, dtype=T.int64)",
    "T.arange(0.5, 0.2, 1, dtype=T.int64)",
    "T.arange(0, 5, dtype=T.bool)",
    "T.arange(5, 0, dtype=T.bool)",
    "T.linspace(0.94, 2.5, 5, dtype=T.int64)",
    "T.linspace(1.8, -3, 3, dtype=T.int32)",
    "T.linspace(-0.5, 0.5, 3, dtype=T.int64)",
    "T.linspace(2.7, 10, 1, dtype=T.int64)",
    "T.linspace(0, 1, 3, dtype=T.bool)",
    "T.linspace(0.1, -3, 1, dtype=T.bool)",
    "T.linspace(0, 1, 0, dtype=T.bool)",
    # tensor ends: torch's Tensor overloads take any shape, then refuse all but 0-d ones
    "T.linspace(T.tensor(1.0), T.tensor(2.0), 3)",
    "T.linspace(T.tensor(1), T.tensor(4), 4)",
    "T.linspace(T.tensor(1.0, requires_grad=True), 2, 3)",
    "T.linspace(T.tensor([1.0]), T.tensor([2.0]), 3)",
    "T.linspace(T.tensor([1.0]), 2, 3)",
    "T.linspace(1, T.tensor([[2.0]]), 3)",
    "T.linspace(T.tensor(1.0), T.tensor([2.0]), 3)",
    "T.linspace(T.tensor([]), T.tensor(2.0), -1)",
    "T.linspace(T.tensor([1.0]), T.tensor([2.0]), 3.0)",
    "T.linspace(T.tensor([1.0]), 'a', 3)",
]


@pytest.mark.parametrize("expr", RANGE_CALLS)
def test_integer_and_bool_ranges(expr):
    same(lambda T: eval(expr, {"T": T}))


INFERRED = [
    "[np.float64(1.5), 2.0]",
    "[np.float32(1.5), 2.0]",
    "[[np.float64(1)], [2.0]]",
    "[T.tensor(1.5, dtype=T.float64), 2.0]",
    "[np.float64(6), T.tensor(1), -0.5]",
    "[np.int32(1), np.int16(2)]",
    "[np.uint8(1), np.int8(2)]",
    "[np.uint8(1), True]",
    "[np.float16(1), 2]",
    "[np.float16(1), 2.0]",
]


@pytest.mark.parametrize("data", INFERRED)
def test_tensor_promotes_the_element_types(data):
    same(lambda T: T.tensor(eval(data, {"T": T, "np": np})))


# torch reads a string as a sequence when it looks for sizes (a non-empty one nested in a list never
# ends), and refuses str and bytes as elements when it infers the type
STRINGS = ["'a'", "''", "b'a'", "b''", "['a']", "['a', 1]", "[1, 'a']", "[[1], ['a']]", "['']", "[b'a']"]


@pytest.mark.parametrize("data", STRINGS)
def test_tensor_of_strings_fails_like_torch(data):
    same(lambda T: T.tensor(eval(data)))


SCALAR_TENSOR_ARGUMENTS = [
    "3", "3.5", "True", "300, dtype=T.int8", "1e40, dtype=T.float32", "-1, dtype=T.uint8",
    "3.7, dtype=T.int64", "T.tensor(2.0)", "T.tensor([2.0])", "'a'", "3, requires_grad=True",
    "3, dtype=T.int64, requires_grad=True",
    "", "1, device='cpu'", "2**70", "float('nan'), dtype=T.int32", "1, dtype=T.bool", "np.float32(1.5)",
    "Fraction(1, 2)", "1, out=T.empty(2)", "np.int64(-3), dtype=T.int16", "1, dtype=float", "1, dtype='a'",
    "float('inf'), dtype=T.float16",
]  # fmt: skip


@pytest.mark.parametrize("arguments", SCALAR_TENSOR_ARGUMENTS)
def test_scalar_tensor(arguments):
    # a 0-d tensor of the default dtype (not the number's, as full((), s) would infer), checked like full
    from fractions import Fraction

    same(lambda T: eval(f"T.scalar_tensor({arguments})", {"T": T, "np": np, "Fraction": Fraction}))
