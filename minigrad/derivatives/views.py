"""Rows of the views family: view reshape (_reshape_alias, _unsafe_view) transpose t permute expand squeeze
unsqueeze select slice alias unbind, the gradients' own ops of select and slice, and _unpack_dual (their
forwards: ops/views.py; what a view is: _core/views.py).

`Tensor(a)` in a schema's input and output marks a view: `record` makes the result a view of that input.
Views are linear, so each forward derivative is the same view of the tangent. Where torch saves a dim as
given (negative dims as uint64, `_saved_dim0 == 2**64 - 1`), the op also passes the wrapped dims privately.
"""

from . import Derivative, at

VIEW = Derivative(
    "view(Tensor(a) self, SymInt[] size) -> Tensor(a)",
    "ViewBackward0",
    self=lambda grad, self_sym_sizes: grad.reshape(self_sym_sizes),
    result=lambda self_t, size: self_t.view(size),
)
RESHAPE_ALIAS = Derivative(
    "_reshape_alias(Tensor(a) self, SymInt[] size, SymInt[] stride) -> Tensor(a)",
    "ReshapeAliasBackward0",
    self=lambda grad, self_sym_sizes: grad.reshape(self_sym_sizes),
    result=lambda self_t, size: self_t.reshape(size),
)
UNSAFE_VIEW = Derivative(
    "_unsafe_view(Tensor self, SymInt[] size) -> Tensor",
    "UnsafeViewBackward0",
    self=lambda grad, self_sym_sizes: grad.reshape(self_sym_sizes),
    result=lambda self_t, size: self_t.reshape(size),
)
TRANSPOSE = Derivative(
    "transpose.int(Tensor(a) self, int dim0, int dim1) -> Tensor(a)",
    "TransposeBackward0",
    self=lambda grad, dim0, dim1, _dims: grad.transpose(*_dims),
    result=lambda self_t, _dims: self_t.transpose(*_dims),
)
T = Derivative(
    "t(Tensor(a) self) -> Tensor(a)",
    "TBackward0",
    self=lambda grad: grad.t(),
    result=lambda self_t: self_t.t(),
)
PERMUTE = Derivative(
    "permute(Tensor(a) self, int[] dims) -> Tensor(a)",
    "PermuteBackward0",
    self=lambda grad, dims, _dims: at.permute_backward(grad, _dims),
    result=lambda self_t, _dims: self_t.permute(_dims),
)
EXPAND = Derivative(
    "expand(Tensor(a) self, SymInt[] size, *, bool implicit=False) -> Tensor(a)",
    "ExpandBackward0",
    self=lambda grad, self_sym_sizes: at.sum_to(grad, self_sym_sizes),
    result=lambda self_t, size: self_t.expand(size),
)


def _unsqueeze_size_one_dims(grad, self_sym_sizes):
    """squeeze()'s gradient: the size-1 dims of the input put back."""
    return at.unsqueeze_to(grad, [i for i, s in enumerate(self_sym_sizes) if s == 1])


SQUEEZE = Derivative(
    "squeeze(Tensor(a) self) -> Tensor(a)",
    "SqueezeBackward0",
    self=lambda grad, self_sym_sizes: _unsqueeze_size_one_dims(grad, self_sym_sizes),
    result=lambda self_t: self_t.squeeze(),
)
SQUEEZE_DIM = Derivative(
    "squeeze.dim(Tensor(a) self, int dim) -> Tensor(a)",
    "SqueezeBackward1",
    self=lambda grad, dim, self_sym_sizes, _dims: at.unsqueeze_to(grad, _dims),
    result=lambda self_t, _dims: at.squeeze_dims(self_t, _dims),
)
SQUEEZE_DIMS = Derivative(
    "squeeze.dims(Tensor(a) self, int[] dim) -> Tensor(a)",
    "SqueezeBackward2",
    self=lambda grad, dim, self_sym_sizes, _dims: at.unsqueeze_to(grad, _dims),
    result=lambda self_t, _dims: at.squeeze_dims(self_t, _dims),
)
UNSQUEEZE = Derivative(
    "unsqueeze(Tensor(a) self, int dim) -> Tensor(a)",
    "UnsqueezeBackward0",
    self=lambda grad, dim, _dim: grad.squeeze(_dim),
    result=lambda self_t, _dim: self_t.unsqueeze(_dim),
)
SELECT = Derivative(
    "select.int(Tensor(a) self, int dim, SymInt index) -> Tensor(a)",
    "SelectBackward0",
    self=lambda grad, dim, index, self_sym_sizes, _dim, _index: at.select_backward(
        grad, self_sym_sizes, _dim, _index
    ),
    result=lambda self_t, _dim, _index: self_t.select(_dim, _index),
)
SELECT_BACKWARD = Derivative(
    "select_backward(Tensor grad_output, SymInt[] input_sizes, int dim, SymInt index) -> Tensor",
    "SelectBackwardBackward0",
    grad_output=lambda grad, dim, index, _dim, _index: grad.select(_dim, _index),
    result=lambda grad_output_t, input_sizes, _dim, _index: at.select_backward(
        grad_output_t, input_sizes, _dim, _index
    ),
)
SLICE = Derivative(
    "slice.Tensor(Tensor(a) self, int dim=0, SymInt? start=None, SymInt? end=None, SymInt step=1)"
    " -> Tensor(a)",
    "SliceBackward0",
    self=lambda grad, dim, start, end, step, self_sym_sizes: at.slice_backward(
        grad, self_sym_sizes, dim, start, end, step
    ),
    result=lambda self_t, dim, start, end, step: at.slice_dim(self_t, dim, start, end, step),
)
SLICE_BACKWARD = Derivative(
    "slice_backward(Tensor grad_output, SymInt[] input_sizes, int dim, SymInt start, SymInt end, SymInt step)"
    " -> Tensor",
    "SliceBackwardBackward0",
    grad_output=lambda grad, dim, start, end, step: at.slice_dim(grad, dim, start, end, step),
    result=lambda grad_output_t, input_sizes, dim, start, end, step: at.slice_backward(
        grad_output_t, input_sizes, dim, start, end, step
    ),
)
ALIAS = Derivative(
    "alias(Tensor(a) self) -> Tensor(a)",
    "AliasBackward0",
    self=lambda grad: grad,
    result=lambda self_t: at.alias(self_t),
)
UNBIND = Derivative(
    "unbind.int(Tensor(a -> *) self, int dim=0) -> Tensor(a)[]",
    "UnbindBackward0",
    self=lambda grads, dim: at.unbind_backward(grads, dim),
    result=lambda self_t, dim: self_t.unbind(dim),
)
# unpack_dual's primal: a view of the dual tensor whose node torch names "torch::autograd::Identity"
UNPACK_DUAL = Derivative(
    "_unpack_dual(Tensor(a) dual, int level) -> Tensor(a)",
    "torch::autograd::Identity",
    dual=lambda grad: grad,
)


# ---- in-place views: torch changes self's sizes and strides and records the node on self (their forwards:
# ops/views.py `_inplace_view`); torch numbers them after the out-of-place overloads
TRANSPOSE_ = Derivative(
    "transpose_(Tensor(a!) self, int dim0, int dim1) -> Tensor(a!)",
    "TransposeBackward1",
    self=lambda grad, dim0, dim1, _dims: grad.transpose(*_dims),
    result=lambda self_t, _dims: self_t.transpose(*_dims),
)
T_ = Derivative(
    "t_(Tensor(a!) self) -> Tensor(a!)",
    "TBackward1",
    self=lambda grad: grad.t(),
    result=lambda self_t: self_t.t(),
)
SQUEEZE_ = Derivative(
    "squeeze_(Tensor(a!) self) -> Tensor(a!)",
    "SqueezeBackward3",
    self=lambda grad, self_sym_sizes: _unsqueeze_size_one_dims(grad, self_sym_sizes),
    result=lambda self_t: self_t.squeeze(),
)
SQUEEZE__DIM = Derivative(
    "squeeze_.dim(Tensor(a!) self, int dim) -> Tensor(a!)",
    "SqueezeBackward4",
    self=lambda grad, dim, self_sym_sizes, _dims: at.unsqueeze_to(grad, _dims),
    result=lambda self_t, _dims: at.squeeze_dims(self_t, _dims),
)
SQUEEZE__DIMS = Derivative(
    "squeeze_.dims(Tensor(a!) self, int[] dim) -> Tensor(a!)",
    "SqueezeBackward5",
    self=lambda grad, dim, self_sym_sizes, _dims: at.unsqueeze_to(grad, _dims),
    result=lambda self_t, _dims: at.squeeze_dims(self_t, _dims),
)
UNSQUEEZE_ = Derivative(
    "unsqueeze_(Tensor(a!) self, int dim) -> Tensor(a!)",
    "UnsqueezeBackward1",
    self=lambda grad, dim, _dim: grad.squeeze(_dim),
    result=lambda self_t, _dim: self_t.unsqueeze(_dim),
)
