"""Rows of the indexing family: advanced indexing (index), index_put and the _index_put_impl_ of index's
gradient, copy_, fill (out of place and in place, with a Scalar or a 0-d Tensor) and zero_ (their forwards:
ops/indexing.py; basic indexing is views).

`indices` is torch's list for aten::index: one entry per index tensor as the user gave it (a boolean mask
counts once), None for the dims before it. The nodes save it as given, as torch does; the gradients'
`at.index` and `at.index_put` read masks the way the forward does.

In-place rows (`Tensor(a!) self`) compute the written value out of place; ops' `inplace()` writes it (and
its tangent) into self. copy_ is a hand-written node in torch (torch::autograd::CopyBackwards, no
derivatives.yaml entry); its forward derivative is VariableTypeManual's: src's tangent cloned, or
broadcast to self's shape (zeros when src has none), written into self's tangent when self has one, else
becoming it (ops' _write_tangent: a broadcast one is laid out as self, in self's dtype; a clone stays as
it is).
"""

from . import Derivative, at

INDEX = Derivative(
    "index.Tensor(Tensor self, Tensor?[] indices) -> Tensor",
    "IndexBackward0",
    self=lambda grad, indices, self_sym_sizes: at.index_backward(grad, self_sym_sizes, indices),
    result=lambda self_t, indices: at.index(self_t, indices),
)
# the gradient of a value written without accumulating is zero where it was overwritten; torch saves the
# values' TypeAndSize for that (not an attribute it shows), passed here as `_values_shape`
INDEX_PUT = Derivative(
    "index_put(Tensor self, Tensor?[] indices, Tensor values, bool accumulate=False) -> Tensor",
    "IndexPutBackward0",
    self=lambda grad, accumulate, indices, _values_shape: at.index_put_self_backward(
        grad, accumulate, indices, _values_shape
    ),
    values=lambda grad, indices: at.index(grad, indices),
    result=lambda self_t, indices, values_t, accumulate: at.index_put(self_t, indices, values_t, accumulate),
)
INDEX_PUT_IMPL = Derivative(
    "_index_put_impl_(Tensor(a!) self, Tensor?[] indices, Tensor values, bool accumulate=False,"
    " bool unsafe=False) -> Tensor(a!)",
    "IndexPutImplBackward0",
    self=lambda grad, accumulate, indices, _values_shape: at.index_put_self_backward(
        grad, accumulate, indices, _values_shape
    ),
    values=lambda grad, indices: at.index(grad, indices),
    result=lambda self_t, indices, values_t, accumulate: at.index_put_impl(
        self_t, indices, values_t, accumulate
    ),
)
COPY_ = Derivative(
    "copy_(Tensor(a!) self, Tensor src, bool non_blocking=False) -> Tensor(a!)",
    "torch::autograd::CopyBackwards",
    self=lambda grad: at.zeros_like(grad),
    src=lambda grad, src_scalar_type: at.to_copy_backward(grad, src_scalar_type),
    result=lambda self_p, src_t: src_t.clone() if src_t.shape == self_p.shape else src_t.expand(self_p.shape),
)
FILL = Derivative(
    "fill.Scalar(Tensor self, Scalar value) -> Tensor",
    "FillBackward0",
    self=lambda grad: at.zeros_like(grad),
    result=lambda self_t: at.fill(self_t, 0),  # laid out as self_t
)
FILL_TENSOR = Derivative(
    "fill.Tensor(Tensor self, Tensor value) -> Tensor",
    "FillBackward1",
    self=lambda grad: at.zeros_like(grad),
    value=lambda grad: grad.sum(),
    result=lambda self_t, value_t: at.fill(self_t, value_t),
)
FILL_ = Derivative(
    "fill_.Scalar(Tensor(a!) self, Scalar value) -> Tensor(a!)",
    "FillBackward2",
    self=lambda grad: at.zeros_like(grad),
    result=lambda self_t: at.zeros_like(self_t),
)
FILL_TENSOR_ = Derivative(
    "fill_.Tensor(Tensor(a!) self, Tensor value) -> Tensor(a!)",
    "FillBackward3",
    self=lambda grad: at.zeros_like(grad),
    value=lambda grad: grad.sum(),
    result=lambda self_t, value_t: at.fill(self_t, value_t),
)
ZERO_ = Derivative(
    "zero_(Tensor(a!) self) -> Tensor(a!)",
    "ZeroBackward0",
    self=lambda grad: at.zeros_like(grad),
    result=lambda self_t: at.zeros_like(self_t),
)
