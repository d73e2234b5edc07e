"""Rows of the splitting family: split and split_with_sizes, and their unsafe_ twins (their forwards, with
chunk, tensor_split and hsplit/vsplit/dsplit, which reach them or narrow: ops/splitting.py).

Both return several views of their input under one node; a missing piece's gradient is zeros, and the pieces'
gradients are concatenated back (torch's split_with_sizes_backward). dim is saved as given (a negative one
shows as torch's uint64); the formulas use the wrapped one. The unsafe_ twins return fresh
tensors instead of views, with the same gradients.
"""

from . import Derivative, at

SPLIT = Derivative(
    "split.Tensor(Tensor(a -> *) self, SymInt split_size, int dim=0) -> Tensor(a)[]",
    "SplitBackward0",
    self=lambda grads, split_size, dim, self_sym_sizes, _dim: at.split_backward(
        grads, split_size, _dim, self_sym_sizes
    ),
    result=lambda self_t, split_size, _dim: self_t.split(split_size, _dim),
)
SPLIT_WITH_SIZES = Derivative(
    "split_with_sizes(Tensor(a -> *) self, SymInt[] split_sizes, int dim=0) -> Tensor(a)[]",
    "SplitWithSizesBackward0",
    self=lambda grads, split_sizes, dim, self_sym_sizes, _dim: at.split_with_sizes_backward(
        grads, split_sizes, _dim, self_sym_sizes
    ),
    result=lambda self_t, split_sizes, _dim: self_t.split(list(split_sizes), _dim),
)

# the same pieces as fresh tensors rather than views (torch's RNN cells cut their gates with unsafe_chunk)
UNSAFE_SPLIT = Derivative(
    "unsafe_split.Tensor(Tensor self, SymInt split_size, int dim=0) -> Tensor[]",
    "UnsafeSplitBackward0",
    self=lambda grads, split_size, dim, self_sym_sizes, _dim: at.split_backward(
        grads, split_size, _dim, self_sym_sizes
    ),
    result=lambda self_t, split_size, _dim: self_t.unsafe_split(split_size, _dim),
)
UNSAFE_SPLIT_WITH_SIZES = Derivative(
    "unsafe_split_with_sizes(Tensor self, SymInt[] split_sizes, int dim=0) -> Tensor[]",
    "UnsafeSplitWithSizesBackward0",
    self=lambda grads, split_sizes, dim, self_sym_sizes, _dim: at.split_with_sizes_backward(
        grads, split_sizes, _dim, self_sym_sizes
    ),
    result=lambda self_t, split_sizes, _dim: self_t.unsafe_split_with_sizes(list(split_sizes), _dim),
)
