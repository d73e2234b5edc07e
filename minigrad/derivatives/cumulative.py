"""Rows of the cumulative family: cumsum, and flip, which cumsum's gradient is made of (a reversed cumulative
sum: grad.flip(dim).cumsum(dim).flip(dim)). Forwards: ops/cumulative.py."""

from . import Derivative, at

CUMSUM = Derivative(
    "cumsum(Tensor self, int dim, *, ScalarType? dtype=None) -> Tensor",
    "CumsumBackward0",
    self=lambda grad, dim: at.cumsum_backward(grad, dim),
    result=lambda self_t, dim: self_t.cumsum(dim),
)
FLIP = Derivative(
    "flip(Tensor self, int[] dims) -> Tensor",
    "FlipBackward0",
    self=lambda grad, dims: grad.flip(dims),
    result=lambda self_t, dims: self_t.flip(dims),
)
