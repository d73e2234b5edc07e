"""Rows of the joining family: cat and stack (their forwards: ops/joining.py).

Their `tensors` input is a list: one formula gives every piece's gradient (torch's cat_tensors_backward
narrows the gradient back into the pieces, stack_tensors_backward selects them), and the tangent is the
same join of the pieces' tangents (zeros for pieces without one). torch saves `dim` as given (a negative
one shows as its uint64 wrap-around); the op passes the dim the formulas use privately, and cat the sizes
of its pieces, which torch keeps without showing them.
"""

from . import Derivative, at

CAT = Derivative(
    "cat(Tensor[] tensors, int dim=0) -> Tensor",
    "CatBackward0",
    tensors=lambda grad, dim, _sizes, _dim: at.cat_tensors_backward(grad, _sizes, _dim),
    result=lambda tensors_t, _dim: at.cat(tensors_t, _dim),
)
STACK = Derivative(
    "stack(Tensor[] tensors, int dim=0) -> Tensor",
    "StackBackward0",
    tensors=lambda grad, dim, _dim: at.stack_tensors_backward(grad, _dim),
    result=lambda tensors_t, _dim: at.stack(tensors_t, _dim),
)
