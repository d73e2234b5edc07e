"""Rows of the diagonals family: tril and triu (the triangles either side of a diagonal), diagonal (a view),
diagonal_copy (what torch.diag of a matrix computes), diag_embed (torch.diag of a vector), trace, and
diagonal_backward, diagonal's gradient, an op of its own (forwards: ops/diagonals.py). Dims and offsets are
saved as given (negative ones as uint64) and reach the formulas signed, as `_dims`, `_offset`, `_diagonal`.

trace's gradient is torch's trace_backward: an index_fill_ of the diagonal's flat positions, viewed as the
matrix (IndexFillBackward1 and ViewBackward0 under create_graph; index_fill's row is in scattering.py).
"""

from . import Derivative, at

TRIL = Derivative(
    "tril(Tensor self, SymInt diagonal=0) -> Tensor",
    "TrilBackward0",
    self=lambda grad, diagonal, _diagonal: grad.tril(_diagonal),
    result=lambda self_t, _diagonal: self_t.tril(_diagonal),
)
TRIU = Derivative(
    "triu(Tensor self, SymInt diagonal=0) -> Tensor",
    "TriuBackward0",
    self=lambda grad, diagonal, _diagonal: grad.triu(_diagonal),
    result=lambda self_t, _diagonal: self_t.triu(_diagonal),
)
DIAGONAL = Derivative(
    "diagonal(Tensor(a) self, int offset=0, int dim1=0, int dim2=1) -> Tensor(a)",
    "DiagonalBackward0",
    self=lambda grad, self_sym_sizes, offset, dim1, dim2, _offset, _dims: at.diagonal_backward(
        grad, self_sym_sizes, _offset, *_dims
    ),
    result=lambda self_t, _offset, _dims: self_t.diagonal(_offset, *_dims),
)
DIAGONAL_COPY = Derivative(
    "diagonal_copy(Tensor self, int offset=0, int dim1=0, int dim2=1) -> Tensor",
    "DiagonalBackward0_copy",
    self=lambda grad, self_sym_sizes, offset, dim1, dim2, _offset, _dims: at.diagonal_backward(
        grad, self_sym_sizes, _offset, *_dims
    ),
    result=lambda self_t, _offset, _dims: at.diagonal_copy(self_t, _offset, *_dims),
)
DIAGONAL_BACKWARD = Derivative(
    "diagonal_backward(Tensor grad_output, SymInt[] input_sizes, int offset, int dim1, int dim2) -> Tensor",
    "DiagonalBackwardBackward0",
    grad_output=lambda grad, offset, dim1, dim2, _offset, _dims: grad.diagonal(_offset, *_dims),
    result=lambda grad_output_t, input_sizes, _offset, _dims: at.diagonal_backward(
        grad_output_t, input_sizes, _offset, *_dims
    ),
)
DIAG_EMBED = Derivative(
    "diag_embed(Tensor self, int offset=0, int dim1=-2, int dim2=-1) -> Tensor",
    "DiagEmbedBackward0",
    self=lambda grad, offset, dim1, dim2, _offset, _dims: grad.diagonal(_offset, *_dims),
    result=lambda self_t, _offset, _dims: self_t.diag_embed(_offset, *_dims),
)
TRACE = Derivative(
    "trace(Tensor self) -> Tensor",
    "TraceBackward0",
    self=lambda grad, self_sym_sizes: at.trace_backward(grad, self_sym_sizes),
    result=lambda self_t: self_t.trace(),
)
