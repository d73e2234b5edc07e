"""Joining: cat (concatenate, concat) and stack, with torch's `out=`; hstack, vstack (row_stack), dstack and
column_stack, which torch composes of views and cat (so their nodes are the views' and CatBackward0).

Forwards only: the rows are in derivatives/joining.py. With `out=`, the result is written into `out` as
torch's cat_out/stack_out write it: cast to out's dtype (refused where torch cannot cast), out resized when
its shape differs (with torch's deprecation warning unless it was empty), refused when it overlaps an input
or itself; nothing is recorded for autograd, and torch's error says so when something requires grad.
"""

import warnings

import numpy as np

from .._core import grad_mode
from .._core.arguments import int_arg, type_error, type_name
from .._core.dtypes import SCALAR_TYPE_NAME, can_cast, promote_types
from .._core.layout import c_order, is_dense
from .._core.tensor import INTERNAL_OVERLAP, bump_version, check_mutable, has_internal_overlap
from ..derivatives import at
from ..derivatives import joining as rows
from . import Tensor, make_output
from .views import reshape, saved_dim, unsqueeze, view, wrap_dim

RESIZE_WARNING = (
    "An output with one or more elements was resized since it had shape {}, which does not match the "
    "required output shape {}. This behavior is deprecated, and in a future PyTorch release outputs will not "
    "be resized unless they have zero elements. You can explicitly reuse an out tensor t by resizing it, "
    "inplace, to zero elements with t.resize_(0). (Triggered internally at "
    "/__w/pytorch/pytorch/aten/src/ATen/native/Resize.cpp:30.)"
)
OVERLAP = (
    "unsupported operation: some elements of the input tensor and the written-to tensor refer to a single "
    "memory location. Please clone() the tensor before performing the operation."
)


def _tensor_list(tensors, fn_name):
    if isinstance(tensors, Tensor) or not isinstance(tensors, (list, tuple)):
        raise TypeError(
            f"{fn_name}(): argument 'tensors' (position 1) must be tuple of Tensors, not {type_name(tensors)}"
        )
    for i, t in enumerate(tensors):
        if not isinstance(t, Tensor):
            raise TypeError(f"expected Tensor as element {i} in argument 0, but got {type_name(t)}")
    return list(tensors)


def _result_dtype(tensors):
    dtype = None
    for t in tensors:
        dtype = promote_types(dtype, t._data.dtype)
    return dtype


def _legacy_empty(t):
    return t._data.shape == (0,)


def _shape_str(shape):
    return "[" + ", ".join(str(d) for d in shape) + "]"


# ---- out= --------------------------------------------------------------------------------------------------
def _check_out(out, fn, tensors):
    """torch's first checks of an out= call: out is a Tensor, and autograd is not asked to record."""
    if not isinstance(out, Tensor):
        raise type_error(fn, "out", None, "Tensor", out)
    if grad_mode.state.grad_enabled and (out._requires_grad or any(t._requires_grad for t in tensors)):
        raise RuntimeError(
            f"{fn}(): functions with out=... arguments don't support automatic differentiation, but one of "
            "the arguments requires grad."
        )


def _check_out_dtype(out, dtype):
    if not can_cast(dtype, out._data.dtype):
        raise TypeError(
            "torch.cat(): input types can't be cast to the desired output type "
            f"{SCALAR_TYPE_NAME[out._data.dtype]}"
        )


def resize_out(out, shape):
    """torch's resize_output: nothing when out has the shape; else out becomes C-contiguous with that shape
    (warning first unless it was empty), in its own memory from its offset when that memory is large enough,
    as torch keeps the storage, or in new memory (which views of the old memory no longer share, where
    torch's grown storage would still be theirs)."""
    data = out._data
    if data.shape == shape:
        return
    if data.size:
        message = RESIZE_WARNING.format(_shape_str(data.shape), _shape_str(shape))
        warnings.warn(message, UserWarning, stacklevel=3)
    out._data = _same_memory(data, shape)
    if out._data is None:
        out._data = np.empty(shape, data.dtype)


def _same_memory(data, shape):
    """A C-contiguous array of `shape` starting where `data` starts, in the memory block `data` is part of,
    or None if the block is too small."""
    owner = data
    while isinstance(owner.base, np.ndarray):
        owner = owner.base
    if not owner.flags.c_contiguous or not owner.flags.writeable:
        return None
    start = data.__array_interface__["data"][0] - owner.__array_interface__["data"][0]
    nbytes = int(np.prod(shape)) * data.itemsize
    if start < 0 or start + nbytes > owner.nbytes:
        return None
    block = owner.reshape(-1).view(np.uint8)
    return block[start : start + nbytes].view(data.dtype).reshape(shape)


def _overlaps(a, b):
    """torch's get_overlap_status is Full or Partial: the same tensor, or both dense over intersecting
    memory (tensors that are not dense are 'too hard' to judge, and pass)."""
    if a is b:
        return True
    x, y = a._data, b._data
    if not x.size or not y.size or not is_dense(x) or not is_dense(y):
        return False
    x_start, y_start = x.__array_interface__["data"][0], y.__array_interface__["data"][0]
    return x_start < y_start + y.nbytes and y_start < x_start + x.nbytes


def _check_out_overlap(out, tensors):
    if has_internal_overlap(out._data):
        raise RuntimeError(INTERNAL_OVERLAP)
    if any(_overlaps(out, t) for t in tensors):
        raise RuntimeError(OVERLAP)


def write_out(out, data, tensors):
    check_mutable(out)
    _check_out_overlap(out, tensors)
    np.copyto(out._data, data, casting="unsafe")
    bump_version(out)
    return out


# ---- cat ---------------------------------------------------------------------------------------------------
def cat_tensors_backward(grad, sizes, dim):
    """cat's gradient: the pieces of grad along dim (narrow), an empty one for a skipped 1-D empty input."""
    grads, start = [], 0
    for shape in sizes:
        if shape == (0,):
            grads.append(make_output(np.zeros((0,), grad._data.dtype), None))
            continue
        grads.append(grad.narrow(dim, start, shape[dim]))
        start += shape[dim]
    return grads


def cat(tensors, dim=0, *, out=None):
    tensors = _tensor_list(tensors, "cat")
    if type(dim) is not int:
        dim = int_arg(dim, "cat", "dim", 2)
    if out is not None:
        _check_out(out, "cat", tensors)
    for i, t in enumerate(tensors):
        if t._data.ndim == 0:
            raise RuntimeError(f"zero-dimensional tensor (at position {i}) cannot be concatenated")
    # legacy rule: 1-D empty tensors are skipped whatever their shape
    used = [t for t in tensors if not _legacy_empty(t)]
    d = wrap_dim(dim, used[0]._data.ndim) if used else dim  # only 1-D empty tensors: dim is never looked at
    if not tensors:
        raise ValueError("torch.cat(): expected a non-empty list of Tensors")
    dtype = _result_dtype(tensors)
    if out is not None:
        _check_out_dtype(out, dtype)
        dtype = out._data.dtype
    if used:
        _check_cat_shapes(tensors, used[0]._data.shape, d)
    arrays = [t._data.astype(dtype, copy=False) for t in (used or tensors[:1])]
    data = np.concatenate(arrays, axis=d if used else 0)
    if out is not None:
        resize_out(out, data.shape)
        return write_out(out, data, tensors if used else ())
    sizes = [t._data.shape for t in tensors]
    return rows.CAT.record(c_order(data), tensors, saved_dim(dim), _sizes=sizes, _dim=d if used else 0)


def _check_cat_shapes(tensors, reference, d):
    ndim = len(reference)
    for i, t in enumerate(tensors):
        shape = t._data.shape
        if shape == (0,):
            continue
        if len(shape) != ndim:
            raise RuntimeError(f"Tensors must have same number of dimensions: got {ndim} and {len(shape)}")
        for k in range(ndim):
            if k != d and shape[k] != reference[k]:
                raise RuntimeError(
                    f"Sizes of tensors must match except in dimension {d}. Expected size {reference[k]} but "
                    f"got size {shape[k]} for tensor number {i} in the list."
                )


# ---- stack -------------------------------------------------------------------------------------------------
def stack_tensors_backward(grad, dim):
    """stack's gradient: grad's slices along dim (select), one per input."""
    return [grad.select(dim, i) for i in range(grad._data.shape[dim])]


def stack(tensors, dim=0, *, out=None):
    tensors = _tensor_list(tensors, "stack")
    if type(dim) is not int:
        dim = int_arg(dim, "stack", "dim", 2)
    if out is not None:
        _check_out(out, "stack", tensors)
    if not tensors:
        raise RuntimeError("stack expects a non-empty TensorList")
    shape = tensors[0]._data.shape
    d = wrap_dim(dim, len(shape) + 1)
    for i, t in enumerate(tensors):
        if t._data.shape != shape:
            raise RuntimeError(
                f"stack expects each tensor to be equal size, but got {list(shape)} at entry 0 and "
                f"{list(t._data.shape)} at entry {i}"
            )
    dtype = _result_dtype(tensors)
    if out is not None:
        result_shape = shape[:d] + (len(tensors),) + shape[d:]
        # torch's stack_out: a dim before the last resizes out, then cats into it (with cat's dtype check);
        # the last dim cats the unsqueezed inputs, which checks the dtype first
        if d < len(shape):
            resize_out(out, result_shape)
        _check_out_dtype(out, dtype)
        resize_out(out, result_shape)
        arrays = [t._data.astype(out._data.dtype, copy=False) for t in tensors]
        return write_out(out, np.stack(arrays, axis=d), tensors)
    data = np.stack([t._data.astype(dtype, copy=False) for t in tensors], axis=d)
    return rows.STACK.record(c_order(data), tensors, saved_dim(dim), _dim=dim)


# ---- hstack, vstack (row_stack), dstack, column_stack: cat of the inputs made at least 1-, 2-, 3-d ------
def _at_least(ndim):
    """torch's atleast_1d/2d/3d: a 0-d tensor viewed as (1,)*ndim, a 1-d one unsqueezed in front (and, to
    3-d, behind), a 2-d one behind (to 3-d); others as they are."""

    def make(t):
        have = t._data.ndim
        if have >= ndim:
            return t
        if have == 0:
            return view(t, (1,) * ndim)
        if have == 1:
            t = unsqueeze(t, 0)
        return unsqueeze(t, -1) if ndim == 3 else t

    return make


def _column(t):
    """column_stack's piece: a 0-d or 1-d tensor reshaped into a column."""
    return reshape(t, (t._data.size, 1)) if t._data.ndim <= 1 else t


def _pieces(name, tensors, out, make, empty_name=None):
    """The inputs made into pieces to cat, checked as torch's composite stacking functions check them."""
    tensors = _tensor_list(tensors, name)
    if out is not None and not isinstance(out, Tensor):
        raise type_error(name, "out", None, "Tensor", out)
    if not tensors:
        raise RuntimeError(f"{empty_name or name} expects a non-empty TensorList")
    return [make(t) for t in tensors]


def hstack(tensors, *, out=None):
    """cat of the inputs at least 1-d: along dim 0 if the first is 1-d, else along dim 1."""
    pieces = _pieces("hstack", tensors, out, _at_least(1))
    return cat(pieces, 0 if pieces[0]._data.ndim == 1 else 1, out=out)


def vstack(tensors, *, out=None):
    return cat(_pieces("vstack", tensors, out, _at_least(2)), 0, out=out)


def row_stack(tensors, *, out=None):
    """vstack (and its messages) under torch's other name."""
    return cat(_pieces("row_stack", tensors, out, _at_least(2), empty_name="vstack"), 0, out=out)


def dstack(tensors, *, out=None):
    return cat(_pieces("dstack", tensors, out, _at_least(3)), 2, out=out)


def column_stack(tensors, *, out=None):
    return cat(_pieces("column_stack", tensors, out, _column), 1, out=out)


at.register(
    cat=cat,
    stack=stack,
    cat_tensors_backward=cat_tensors_backward,
    stack_tensors_backward=stack_tensors_backward,
)

concatenate = concat = cat
