"""Rows of the sorting family: sort (both overloads), topk, kthvalue, median (of all elements and along a
dim), nanmedian, mode, and unique's two nodes, which have no derivative (their forwards, argsort and msort
included: ops/sorting.py).

The value-selecting ones route the gradient back through their indices (torch's
value_selecting_reduction_backward, a scatter into zeros); a median of all elements spreads it evenly over
the elements equal to the result (evenly_distribute_backward). The indices are never differentiable. Dims are
saved as given (negative ones as uint64) and reach the formulas signed, as `_dim`.
"""

from . import Derivative, at


def _sorted_values(schema, node):
    """sort's rows and topk's: the indices keep the dim (keepdim is always true)."""
    return Derivative(
        schema,
        node,
        output_differentiability=[True, False],
        self=lambda grad, dim, indices, self_sym_sizes, _dim: at.value_selecting_reduction_backward(
            grad, _dim, indices, self_sym_sizes, True
        ),
        values=lambda self_t, indices, _dim: at.gather(self_t, _dim, indices),
    )


def _selected_value(schema, node):
    """kthvalue, median/nanmedian along a dim, mode: one value per row, keepdim as asked."""
    return Derivative(
        schema,
        node,
        output_differentiability=[True, False],
        self=lambda grad, dim, indices, self_sym_sizes, keepdim, _dim: at.value_selecting_reduction_backward(
            grad, _dim, indices, self_sym_sizes, keepdim
        ),
        values=lambda self_t, indices, keepdim, _dim: at.gather_with_keepdimed_indices(
            self_t, _dim, indices, keepdim
        ),
    )


def _even_median(schema, node):
    """median/nanmedian of all elements: the elements equal to the result share the gradient."""
    return Derivative(
        schema,
        node,
        self=lambda grad, self, result: at.evenly_distribute_backward(grad, self, result),
        result=lambda self_t, self_p, result: at.evenly_read_jvp(self_t, self_p, result),
    )


SORT = _sorted_values(
    "sort(Tensor self, int dim=-1, bool descending=False) -> (Tensor values, Tensor indices)", "SortBackward0"
)
SORT_STABLE = _sorted_values(
    "sort.stable(Tensor self, *, bool? stable, int dim=-1, bool descending=False)"
    " -> (Tensor values, Tensor indices)",
    "SortBackward1",
)
TOPK = _sorted_values(
    "topk(Tensor self, SymInt k, int dim=-1, bool largest=True, bool sorted=True)"
    " -> (Tensor values, Tensor indices)",
    "TopkBackward0",
)
KTHVALUE = _selected_value(
    "kthvalue(Tensor self, SymInt k, int dim=-1, bool keepdim=False) -> (Tensor values, Tensor indices)",
    "KthvalueBackward0",
)
MEDIAN_DIM = _selected_value(
    "median.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)",
    "MedianBackward1",
)
NANMEDIAN_DIM = _selected_value(
    "nanmedian.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)",
    "NanmedianBackward1",
)
MODE = _selected_value(
    "mode(Tensor self, int dim=-1, bool keepdim=False) -> (Tensor values, Tensor indices)", "ModeBackward0"
)
MEDIAN = _even_median("median(Tensor self) -> Tensor", "MedianBackward0")
NANMEDIAN = _even_median("nanmedian(Tensor self) -> Tensor", "NanmedianBackward0")
# unique has no derivative in torch: its nodes raise when backward reaches them
UNIQUE2 = Derivative(
    "_unique2(Tensor self, bool sorted=True, bool return_inverse=False, bool return_counts=False)"
    " -> (Tensor result0, Tensor result1, Tensor result2)",
    "Unique2Backward0",
    output_differentiability=[True, False, False],
    self=lambda grad: at.not_implemented("_unique2"),
)
UNIQUE_DIM = Derivative(
    "unique_dim(Tensor self, int dim, bool sorted=True, bool return_inverse=False, bool return_counts=False)"
    " -> (Tensor result0, Tensor result1, Tensor result2)",
    "UniqueDimBackward0",
    output_differentiability=[True, False, False],
    self=lambda grad: at.not_implemented("unique_dim"),
)
