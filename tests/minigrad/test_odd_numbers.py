"""Odd numbers and odd calls get torch's answer (issue 17): integer tensors with Python ints out of their
range, float16 with large scalars, Fraction/Decimal/numpy scalars as operands, grad-mode objects used out of
order, wrongly typed flags, sizes and fills beyond what torch allocates or converts.

Every case runs on torch and on minigrad and must give the same value and dtype, or the same exception type
with torch's message, and the same warnings (tests/minigrad/_compare.py). Nothing here states what torch
does; the cases only say what to try.
"""

import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from _compare import same

CASES = [
    # integer and bool tensors with Python ints out of their dtype's range
    "T.tensor([1, 2, 255], dtype=T.uint8) / 256",
    "T.tensor([1, 2, 255], dtype=T.uint8) / -1",
    "T.tensor([1, 2], dtype=T.int32) / -2**40",
    "T.tensor([1, 2], dtype=T.uint8) / T.tensor(256)",
    "T.tensor([True, False]) / 2",
    "T.tensor([1, 2], dtype=T.int32) ** -1",
    "T.tensor([2, 3]) ** -2",
    "T.tensor([-1], dtype=T.uint8)",
    "T.tensor([[-1, 300]], dtype=T.uint8)",
    "T.tensor(2**63)",
    "T.tensor([2**64])",
    "T.where(T.tensor([True, False]), T.tensor([1, 2], dtype=T.uint8), -1)",
    "T.add(T.tensor([1, 2], dtype=T.uint8), T.tensor([1, 2], dtype=T.uint8), alpha=-1)",
    "T.sub(T.tensor([1, 2], dtype=T.uint8), T.tensor([3, 2], dtype=T.uint8), alpha=-1)",
    "T.tensor([1, 2], dtype=T.uint8) - 3",
    "T.tensor([200], dtype=T.uint8) * 2",
    "T.tensor([1, 2], dtype=T.int8) + 300",
    "T.tensor([1, 2], dtype=T.uint8).add_(300)",
    "T.tensor([1, 2], dtype=T.uint8) * 1.5",
    "T.tensor([1, 2], dtype=T.uint8).mul_(1.5)",
    "T.full((2,), 300, dtype=T.uint8)",
    "T.tensor([2**63 - 1]) + 1",
    "T.tensor([1, 2]) + True",
    "T.sub(T.tensor([1.5, -2.0]), T.tensor([0.5, 1.0]), alpha=-(2**63))",
    "T.rsub(T.tensor([1.5, -2.0]), T.tensor([0.5, 1.0]), alpha=-(2**63))",
    "T.sub(T.tensor([1, 2]), T.tensor([3, 4]), alpha=-(2**63))",
    "T.tensor([True]) + True",
    "T.tensor([1, 2]).clamp(min=2**40)",
    "T.tensor([1, 2], dtype=T.int8).clamp(min=300)",
    "T.tensor([1, 2], dtype=T.int16) // 0",
    "T.tensor([1, 2]) % 0",
    # float16 with large scalars
    "T.tensor([1.0, 2.0], dtype=T.float16) * 2**31",
    "T.tensor([1.0, 2.0], dtype=T.float16).__itruediv__(2**31)",
    "T.tensor([1.5, 2.5], dtype=T.float16) + 70000",
    "T.tensor(-0.0) ** -0.5",
    # Fraction, Decimal and numpy scalars as operands
    "T.tensor([1.0, 2.0]) * Fraction(1, 3)",
    "T.tensor([1, 2]) * Fraction(1, 3)",
    "T.tensor([1.0, 2.0]) + Decimal('1.5')",
    "T.mul(T.tensor([1.0, 2.0]), Fraction(1, 3))",
    "T.tensor([1, 2]) * np.float32(2.5)",
    "T.tensor([1, 2], dtype=T.int8) + np.int64(300)",
    "T.tensor([1, 2], dtype=T.uint8) + np.uint8(250)",
    "np.float64(2.0) * T.tensor([1.0, 2.0], dtype=T.float16)",
    # grad-mode objects used out of order
    "T.no_grad().__exit__(None, None, None) or T.is_grad_enabled()",
    "T.enable_grad().__exit__(None, None, None)",
    "T.inference_mode().__exit__(None, None, None)",
    "T.set_grad_enabled(False).__exit__(None, None, None) or T.is_grad_enabled()",
    # wrongly typed flags
    "T.tensor([1.0], requires_grad=True).sum().backward(retain_graph='x')",
    "T.tensor([1.0], requires_grad=True).sum().backward(create_graph=None)",
    "T.tensor([1.0], requires_grad=True).sum().backward(create_graph=1.5)",
    "T.tensor([1.0], requires_grad=True).sum().backward(retain_graph=2)",
    "(lambda x: T.autograd.grad(x.sum(), x, allow_unused='x'))(T.tensor([1.0], requires_grad=True))",
    "(lambda x: T.autograd.grad(x.sum(), x, materialize_grads=None))(T.tensor([1.0], requires_grad=True))",
    "(lambda x: T.autograd.grad(x.sum(), x, only_inputs=0))(T.tensor([1.0], requires_grad=True))",
    # sizes, ranges and fills torch refuses
    "T.tensor(3.0).size(-1)",
    "T.tensor(3.0).size(0)",
    "T.zeros(2**62)",
    "T.ones(2**40, 2**30)",
    "T.full((2**62,), 1.0)",
    "T.rand(2**62)",
    "T.arange(0, math.inf)",
    "T.arange(math.nan)",
    "T.arange(-math.inf, 0)",
    "T.arange(0.5, math.inf)",
    "T.arange(0, 5, math.inf)",
    "T.arange(0, 1e30)",
    "T.arange(0, 2**62)",
    "T.tensor([1.0, 2.0]).fill_(2**70)",
    "T.tensor([1, 2]).fill_(2**70)",
    "T.rand_like(T.tensor([1, 2]))",
    "T.randn_like(T.tensor([True]))",
    "T.autograd.Function.apply(T.tensor([1.0]))",
    "T.addmm(T.tensor([[1, 2]]), T.tensor([[1, 2]]), T.tensor([[1], [2]]), beta=0.5)",
    "T.addmm(T.tensor([[1, 2]]), T.tensor([[1, 2]]), T.tensor([[1], [2]]), alpha=2)",
    "T.addmm(T.ones(2, 2), T.ones(2, 2), T.ones(2, 2), beta=2**70)",
    "T.addmm(T.ones(2, 2), T.ones(2, 2), T.ones(2, 2), alpha=1e300)",
    "T.addmm(T.ones(2, 2).long(), T.ones(2, 2).long(), T.ones(2, 2).long(), beta=2**63)",
    "T.nn.functional.mse_loss(np.float64(1.0), T.tensor(2.0))",
    "T.nn.functional.l1_loss(T.tensor(2.0), np.float32(1.0))",
    "2 in T.tensor([1, 2, 3])",
]


def _run(expression):
    def body(T):
        value = eval(expression, {"T": T, "np": np, "math": math, "Fraction": Fraction, "Decimal": Decimal})
        T.set_grad_enabled(True)  # some cases turn grad mode off, as torch's objects do
        return value

    return body


@pytest.mark.parametrize("expression", CASES)
def test_odd_input_gets_torchs_answer(expression):
    same(_run(expression))
