"""Views: view reshape transpose t permute expand squeeze unsqueeze flatten unflatten select narrow slice
alias unbind, plus contiguous, and the compositions movedim/moveaxis, swapaxes/swapdims, broadcast_to and
broadcast_tensors. (What a view is, and in-place writes through views: minigrad/_core/views.py.)
"""

import numpy as np

from .._core import dtypes as _dtype
from .._core import grad_mode
from .._core.arguments import NOT_GIVEN, int_arg, int_list_arg, int_list_varargs, invalid_arguments, is_int
from .._core.broadcast import broadcast_shapes, sum_to
from .._core.memory_format import contiguous_format, preserve_format
from .._core.tensor import broadcast_view, bump_version, set_tangent, tangent_of
from .._core.views import check_inplace_on_view, make_view
from ..derivatives import at
from ..derivatives import views as rows
from . import Tensor, make_output, register_methods, tensor_arg
from .conversion import clone
from .reductions import saved_dim
from .signatures import parse, signatures

INT64_MAX = 2**63 - 1


def wrap_dim(dim, ndim):
    low, high = (-1, 0) if ndim == 0 else (-ndim, ndim - 1)
    if not low <= dim <= high:
        raise IndexError(
            f"Dimension out of range (expected to be in range of [{low}, {high}], but got {dim})"
        )
    return dim % ndim if ndim else 0


VIEW_OVERLOADS = ("(torch.dtype dtype)", "(tuple of ints size)")
NARROW_OVERLOADS = (
    "(Tensor input, int dim, Tensor start, int length)",
    "(Tensor input, int dim, int start, int length)",
)
SQUEEZE_OVERLOADS = ("(Tensor input)", "(Tensor input, int dim)", "(Tensor input, tuple of ints dim)")


def _shape_str(shape):
    return "[" + ", ".join(str(d) for d in shape) + "]"


def infer_size(shape, numel):
    """Resolve a single -1 like torch's infer_size, with its errors."""
    infer = None
    known = 1
    for i, s in enumerate(shape):
        if s == -1:
            if infer is not None:
                raise RuntimeError("only one dimension can be inferred")
            infer = i
        elif s < 0:
            raise RuntimeError(f"invalid shape dimension {s} at index {i} of shape {_shape_str(shape)}")
        else:
            known *= s
    if infer is None:
        if known != numel:
            raise RuntimeError(f"shape '{_shape_str(shape)}' is invalid for input of size {numel}")
        return shape
    if known == 0 and numel == 0:  # -1 could be any size
        raise RuntimeError(
            f"cannot reshape tensor of 0 elements into shape {_shape_str(shape)} because the unspecified "
            "dimension size -1 can be any value and is ambiguous"
        )
    if known == 0 or numel % known:
        raise RuntimeError(f"shape '{_shape_str(shape)}' is invalid for input of size {numel}")
    return shape[:infer] + (numel // known,) + shape[infer + 1 :]


def _nocopy_reshape(data, shape):
    """numpy view of data with `shape`, or None when the strides do not allow one (torch's computeStride)."""
    try:
        return np.reshape(data, shape, copy=False)
    except ValueError:
        return None


# ---- view / reshape ----------------------------------------------------------------------------------------
def view(self, *shape, size=NOT_GIVEN):
    tensor_arg(self, "view", "self")
    if len(shape) == 1 and isinstance(shape[0], _dtype.dtype):
        raise NotImplementedError("minigrad: view(dtype) is not supported")
    shape = infer_size(int_list_varargs(shape, "view", "size", VIEW_OVERLOADS, size), self._data.size)
    array = _nocopy_reshape(self._data, shape)
    if array is None:
        raise RuntimeError(
            "view size is not compatible with input tensor's size and stride (at least one dimension spans "
            "across two contiguous subspaces). Use .reshape(...) instead."
        )
    return rows.VIEW.record(array, self, shape)


def unsafe_view(input, shape):
    """at::_unsafe_view: a reshape autograd treats as a new tensor (not a view)."""
    return rows.UNSAFE_VIEW.record(input._data.reshape(shape), input, shape)


def reshape(input, *args, shape=NOT_GIVEN):
    """torch.reshape(input, shape): the shape is one argument (the method also takes varargs)."""
    tensor_arg(input, "reshape")
    return _reshaped(input, int_list_varargs(args, "reshape", "shape", keyword=shape, method=False))


def _reshape_method(self, *args, shape=NOT_GIVEN):
    return _reshaped(self, int_list_varargs(args, "reshape", "shape", keyword=shape))


def _reshaped(input, shape):
    shape = infer_size(shape, input._data.size)
    data = input._data
    if data.flags.c_contiguous:
        return rows.VIEW.record(data.reshape(shape), input, shape)
    array = _nocopy_reshape(data, shape)
    if array is not None:
        strides = tuple(st // array.itemsize for st in array.strides)
        return rows.RESHAPE_ALIAS.record(array, input, shape, strides)
    return unsafe_view(clone(input), shape)


def view_as(self, other):
    return view(self, tensor_arg(other, "view_as", "other", 1)._data.shape)


def reshape_as(self, other):
    return reshape(self, tensor_arg(other, "reshape_as", "other", 1)._data.shape)


def flatten(input, start_dim=0, end_dim=-1):
    tensor_arg(input, "flatten")
    if type(start_dim) is not int:
        start_dim = int_arg(start_dim, "flatten", "start_dim", 2)
    if type(end_dim) is not int:
        end_dim = int_arg(end_dim, "flatten", "end_dim", 3)
    shape = input._data.shape
    start, end = wrap_dim(start_dim, len(shape)), wrap_dim(end_dim, len(shape))
    if not shape:
        return reshape(input, (1,))
    if start > end:
        raise RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim")
    if start == end:
        return input
    merged = int(np.prod(shape[start : end + 1]))
    return reshape(input, shape[:start] + (merged,) + shape[end + 1 :])


def unflatten(input, dim, sizes):
    tensor_arg(input, "unflatten")
    if type(dim) is not int:
        dim = int_arg(dim, "unflatten", "dim", 2)
    sizes = int_list_arg(sizes, "unflatten", "sizes", 3, allow_int=False)
    shape = input._data.shape
    dim = wrap_dim(dim, len(shape))
    if sizes.count(-1) > 1:
        raise RuntimeError("unflatten got an unexpected error:\nonly one dimension can be inferred")
    if -1 not in sizes and int(np.prod(sizes)) != shape[dim]:
        raise RuntimeError(
            f"unflatten: Provided sizes {_shape_str(sizes)} don't multiply up to the size of dim {dim} "
            f"({shape[dim]}) in the input tensor"
        )
    sizes = infer_size(sizes, shape[dim])
    return view(input, shape[:dim] + sizes + shape[dim + 1 :])


def contiguous(self, memory_format=contiguous_format):
    if memory_format is preserve_format:
        raise RuntimeError("preserve memory format is unsupported by the contiguous operator")
    if self._data.flags.c_contiguous:
        return self
    return clone(self, memory_format=contiguous_format)


# ---- transpose / t / permute -------------------------------------------------------------------------------
def transpose(input, dim0, dim1):
    tensor_arg(input, "transpose")
    if type(dim0) is not int:
        dim0 = int_arg(dim0, "transpose", "dim0", 2)
    if type(dim1) is not int:
        dim1 = int_arg(dim1, "transpose", "dim1", 3)
    n = input._data.ndim
    d0, d1 = wrap_dim(dim0, n), wrap_dim(dim1, n)
    array = np.swapaxes(input._data, d0, d1) if n else input._data.view()
    return rows.TRANSPOSE.record(array, input, saved_dim(dim0), saved_dim(dim1), _dims=(dim0, dim1))


def swapaxes(self, axis0, axis1):
    """Tensor.swapaxes: transpose under numpy's argument names (positions counted as a method's)."""
    if type(axis0) is not int:
        axis0 = int_arg(axis0, "swapaxes", "axis0", 1)
    if type(axis1) is not int:
        axis1 = int_arg(axis1, "swapaxes", "axis1", 2)
    return transpose(self, axis0, axis1)


def t(input):
    tensor_arg(input, "t")
    n = input._data.ndim
    if n > 2:
        raise RuntimeError(f"t() expects a tensor with <= 2 dimensions, but self is {n}D")
    return rows.T.record(input._data.T, input)


def mT(self):
    if self._data.ndim < 2:
        raise RuntimeError("tensor.mT is only supported on matrices or batches of matrices. Got 1-D tensor.")
    return transpose(self, -2, -1)


def permute_backward(grad, dims):
    """The inverse permutation of the gradient."""
    return permute(grad, tuple(np.argsort(dims).tolist()))


def permute(input, *args, dims=NOT_GIVEN):
    """torch.permute(input, dims): the dims are one argument (the method also takes varargs)."""
    tensor_arg(input, "permute")
    return _permuted(input, int_list_varargs(args, "permute", "dims", keyword=dims, method=False))


def _permute_method(self, *args, dims=NOT_GIVEN):
    # torch's argument parser: `dims` is required, even for a 0-d tensor
    return _permuted(self, int_list_varargs(args, "permute", "dims", keyword=dims))


def _permuted(input, dims):
    n = input._data.ndim
    if len(dims) != n:
        raise RuntimeError(
            "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the "
            f"desired ordering of dimensions i.e. input.dim() = {n} is not equal to len(dims) = {len(dims)}"
        )
    wrapped = tuple(wrap_dim(d, n) for d in dims)
    if len(set(wrapped)) != n:
        raise RuntimeError("permute(): duplicate dims are not allowed.")
    return rows.PERMUTE.record(np.transpose(input._data, wrapped), input, saved_dim(dims), _dims=wrapped)


# ---- expand ------------------------------------------------------------------------------------------------
def expand(input, *sizes, size=NOT_GIVEN, implicit=False):
    tensor_arg(input, "expand")
    sizes = int_list_varargs(sizes, "expand", "size", keyword=size)
    shape = input._data.shape
    if len(sizes) < len(shape):
        raise RuntimeError(
            f"expand(torch.{input.dtype._legacy}{{{_shape_str(shape)}}}, size={_shape_str(sizes)}): "
            "the number "
            f"of sizes provided ({len(sizes)}) must be greater or equal to the number of dimensions in the "
            f"tensor ({len(shape)})"
        )
    lead = len(sizes) - len(shape)
    target = []
    for i in reversed(range(len(sizes))):  # torch infers from the last dim: its errors name the last clash
        s = sizes[i]
        if i < lead:
            if s == -1:  # other negative sizes go on to the numel check below, like in torch
                raise RuntimeError(
                    f"The expanded size of the tensor ({s}) isn't allowed in a leading, non-existing "
                    f"dimension {i}"
                )
            target.append(s)
            continue
        have = shape[i - lead]
        if s == -1:
            s = have
        elif have != s and have != 1:
            raise RuntimeError(
                f"The expanded size of the tensor ({s}) must match the existing size ({have}) at "
                "non-singleton "
                f"dimension {i}.  Target sizes: {_shape_str(sizes)}.  Tensor sizes: {_shape_str(shape)}"
            )
        target.append(s)
    target.reverse()
    if any(s < 0 for s in target):  # a negative size in place of a singleton dim
        if 0 not in target:
            raise RuntimeError("numel: integer multiplication overflow")
        # torch makes an empty tensor with a negative size, which fails as soon as it is read; numpy
        # cannot make one at all
        raise ValueError("negative dimensions are not allowed")
    target = tuple(target)
    return rows.EXPAND.record(broadcast_view(input._data, target), input, target, implicit)


def expand_as(self, other):
    return expand(self, tensor_arg(other, "expand_as", "other", 1)._data.shape)


# ---- squeeze / unsqueeze -----------------------------------------------------------------------------------
def unsqueeze_to(grad, dims):
    """grad with size-1 dims put back at `dims` (torch's unsqueeze_to: one UnsqueezeBackward0 each)."""
    for d in sorted(dims):
        grad = unsqueeze(grad, d)
    return grad


def squeeze_dims(t, dims):
    """t with its size-1 dims `dims` (wrapped) removed: the squeeze of a tangent."""
    return make_view(t, np.squeeze(t._data, tuple(dims)) if dims else t._data.view(), None)


def _squeezed(fn, shape, dim, call=None):
    """(which overload, the dim as saved, the size-1 dims to drop) for squeeze's dim argument: none, one
    int, or a list (`call`: the arguments torch's message shows for a dim of another type)."""
    n = len(shape)
    if dim is NOT_GIVEN:
        return "all", None, tuple(i for i, s in enumerate(shape) if s == 1)
    if isinstance(dim, (tuple, list)):
        wrapped = []
        for d in int_list_arg(dim, fn, "dim", 2 if fn == "squeeze" else 1):
            d = wrap_dim(d, n)
            if d in wrapped:
                raise RuntimeError(f"dim {d} appears multiple times in the list of dims")
            wrapped.append(d)
        return "dims", saved_dim(tuple(dim)), tuple(d for d in wrapped if n and shape[d] == 1)
    if type(dim) is not int:
        if not is_int(dim):
            raise invalid_arguments(fn, call, {}, SQUEEZE_OVERLOADS)
        dim = int(dim)
    wrapped = wrap_dim(dim, n)
    return "dim", saved_dim(dim), ((wrapped,) if n and shape[wrapped] == 1 else ())


def _squeeze_array(data, dims):
    return np.squeeze(data, dims) if dims else data.view()


def squeeze(input, dim=NOT_GIVEN):
    tensor_arg(input, "squeeze")
    kind, saved, dims = _squeezed("squeeze", input._data.shape, dim, (input, dim))
    array = _squeeze_array(input._data, dims)
    if kind == "all":
        return rows.SQUEEZE.record(array, input)
    row = rows.SQUEEZE_DIM if kind == "dim" else rows.SQUEEZE_DIMS
    return row.record(array, input, saved, _dims=dims)


def unsqueeze(input, dim):
    tensor_arg(input, "unsqueeze")
    if type(dim) is not int:
        dim = int_arg(dim, "unsqueeze", "dim", 2)
    d = wrap_dim(dim, input._data.ndim + 1)
    return rows.UNSQUEEZE.record(np.expand_dims(input._data, d), input, saved_dim(dim), _dim=dim)


# ---- select / slice / narrow / alias -----------------------------------------------------------------------
def select_backward(grad, input_sizes, dim, index):
    """zeros(input_sizes) with grad written at `index` of `dim` (select's gradient, an op of its own); dim
    and index as select was given them."""
    data = np.zeros(input_sizes, dtype=grad._data.dtype)
    d = wrap_dim(dim, len(input_sizes))
    data[(slice(None),) * d + (index % input_sizes[d], Ellipsis)] = grad._data
    return rows.SELECT_BACKWARD.record(
        data, grad, input_sizes, saved_dim(dim), saved_dim(index), _dim=dim, _index=index
    )


def slice_backward(grad, input_sizes, dim, start, end, step):
    """zeros(input_sizes) with grad written at the slice (slice's gradient, an op of its own)."""
    data = np.zeros(input_sizes, dtype=grad._data.dtype)
    data[(slice(None),) * dim + (slice(start, end, step),)] = grad._data
    return rows.SLICE_BACKWARD.record(data, grad, input_sizes, dim, start, end, step)


def select(input, dim, index):
    tensor_arg(input, "select")
    if type(dim) is not int:
        dim = int_arg(dim, "select", "dim", 2)
    if type(index) is not int:
        index = int_arg(index, "select", "index", 3)
    shape = input._data.shape
    if not shape:
        raise IndexError("select() cannot be applied to a 0-dim tensor.")
    wrapped_dim = wrap_dim(dim, len(shape))
    size = shape[wrapped_dim]
    if not -size <= index < size:
        raise IndexError(
            f"select(): index {index} out of range for tensor of size {_shape_str(shape)} at dimension "
            f"{wrapped_dim}"
        )
    array = input._data[(slice(None),) * wrapped_dim + (index % size, Ellipsis)]
    return rows.SELECT.record(array, input, saved_dim(dim), saved_dim(index), _dim=dim, _index=index)


def slice_dim(input, dim, start, end, step):
    """torch's aten::slice: start/end may be None or out of range (clamped), step > 0."""
    shape = input._data.shape
    if step <= 0:
        raise ValueError("step must be greater than zero")
    lo, hi, _ = slice(start, end, step).indices(shape[dim])
    hi = max(hi, lo)
    array = input._data[(slice(None),) * dim + (slice(lo, hi, step),)]
    return rows.SLICE.record(
        array, input, dim, 0 if start is None else start, INT64_MAX if end is None else end, step
    )


def narrow(input, dim, start, length):
    tensor_arg(input, "narrow")
    if type(dim) is not int or type(start) is not int or type(length) is not int:
        dim, start, length = _narrow_args(input, dim, start, length)
    shape = input._data.shape
    if not shape:
        raise RuntimeError("narrow() cannot be applied to a 0-dim tensor.")
    dim = wrap_dim(dim, len(shape))
    size = shape[dim]
    if not -size <= start <= size:
        raise IndexError(
            f"start out of range (expected to be in range of [{-size}, {size}], but got {start})"
        )
    start = start % size if start < 0 else start
    if start + length > size or length < 0:
        raise RuntimeError(f"start ({start}) + length ({length}) exceeds dimension size ({size}).")
    return slice_dim(input, dim, start, start + length, 1)


def _narrow_args(input, dim, start, length):
    """narrow's ints (start may also be an integer 0-d tensor), or torch's invalid-combination error."""
    if is_int(dim) and is_int(start) and is_int(length):
        return int(dim), int(start), int(length)
    raise invalid_arguments("narrow", (input, dim, start, length), {}, NARROW_OVERLOADS)


def alias(input):
    return rows.ALIAS.record(input._data.view(), input)


# ---- unbind ------------------------------------------------------------------------------------------------
def unbind_backward(grads, dim):
    """unbind's gradient: the pieces stacked back, zeros for the missing ones."""
    present = next(g for g in grads if g is not None)
    zeros = None
    pieces = []
    for g in grads:
        if g is None:
            if zeros is None:
                zeros = make_output(np.zeros(present._data.shape, present._data.dtype), None)
            g = zeros
        pieces.append(g)
    return at.stack(pieces, dim)


def unbind(input, dim=0):
    tensor_arg(input, "unbind")
    if type(dim) is not int:
        dim = int_arg(dim, "unbind", "dim", 2)
    shape = input._data.shape
    if not shape:
        raise IndexError("Dimension specified as 0 but tensor has no dimensions")
    dim = wrap_dim(dim, len(shape))
    pieces = [input._data[(slice(None),) * dim + (i, Ellipsis)] for i in range(shape[dim])]
    return tuple(rows.UNBIND.record(pieces, input, dim))


# ---- in-place views ----------------------------------------------------------------------------------------
def _inplace_view(self, row, data, *args, **private):
    """Give self the sizes and strides of `data` (a numpy view of its memory), as torch's transpose_ and
    the other in-place views do: the in-place checks of any in-place op, a version bump, and the row's node
    recorded on self, whose input is self's history before the op. Other views of self's memory then
    regenerate their grad_fn (AsStridedBackward0), as in torch."""
    recording = grad_mode.state.grad_enabled and self._requires_grad and not self._vc.inference
    if self._base is not None:
        self._view_meta.refresh(self)  # the history it has now is the edge the new node gets
        if recording:
            check_inplace_on_view(self)
    elif recording and self._gfn is None:
        raise RuntimeError("a leaf Variable that requires grad is being used in an in-place operation.")
    before = make_output(self._data, None)  # self's history and tangent on an alias of its memory
    before._gfn, before._output_nr, before._requires_grad = self._gfn, self._output_nr, self._requires_grad
    before._fw_grad = tangent_of(self)
    out = row.record(data, before, *args, **private)
    self._data = data
    bump_version(self)
    if out._gfn is not None:
        self._gfn = out._gfn
        self._output_nr = 0
        if self._retains_grad:
            # torch leaves the retain_grad on the old node (set_history, not rebase_history), so .grad gets
            # the gradient of the shape before the op; the engine here stores only a tensor's current
            # node's, so it moves, and .grad has the new shape
            self._gfn._retain_grad_of(self)
        if self._view_meta is not None:
            # its recorded history is current (other views' are not); without a graph it is stale, as in
            # torch, and reading it regenerates it
            self._view_meta.version = self._vc.value
    tangent = tangent_of(out)
    if tangent is not None:
        set_tangent(self, tangent)
    return self


_TRANSPOSE_ = signatures("(int dim0, int dim1)")
_SWAPAXES_ = signatures("(int axis0, int axis1)")
_UNSQUEEZE_ = signatures("(int dim)")
_SQUEEZE_ = signatures("()", "(int dim)", "(tuple of ints dim)")


def _transposed(self, fn, parser, args, kwargs):
    _, v = parse(fn, parser, args, kwargs)
    dim0, dim1 = v.values()
    n = self._data.ndim
    d0, d1 = wrap_dim(dim0, n), wrap_dim(dim1, n)
    array = np.swapaxes(self._data, d0, d1) if n else self._data.view()
    return _inplace_view(self, rows.TRANSPOSE_, array, saved_dim(dim0), saved_dim(dim1), _dims=(dim0, dim1))


def transpose_(self, *args, **kwargs):
    return _transposed(self, "transpose_", _TRANSPOSE_, args, kwargs)


def swapdims_(self, *args, **kwargs):
    return _transposed(self, "swapdims_", _TRANSPOSE_, args, kwargs)


def swapaxes_(self, *args, **kwargs):
    return _transposed(self, "swapaxes_", _SWAPAXES_, args, kwargs)


def t_(self, *args, **kwargs):
    if args or kwargs:  # (torch's t_ is a plain C method of TensorBase)
        raise TypeError(f"TensorBase.t_() takes no arguments ({len(args) + len(kwargs)} given)")
    n = self._data.ndim
    if n > 2:
        raise RuntimeError(f"t_() expects a tensor with <= 2 dimensions, but self is {n}D")
    return _inplace_view(self, rows.T_, self._data.T)


def squeeze_(self, *args, **kwargs):
    if len(args) > 1 and all(is_int(a) for a in args):  # squeeze_(0, 1): the dims one by one
        args = (args,)
    _, v = parse("squeeze_", _SQUEEZE_, args, kwargs)
    dim = v.get("dim", NOT_GIVEN)
    kind, saved, dims = _squeezed("squeeze_", self._data.shape, dim)
    array = _squeeze_array(self._data, dims)
    if kind == "all":
        return _inplace_view(self, rows.SQUEEZE_, array)
    row = rows.SQUEEZE__DIM if kind == "dim" else rows.SQUEEZE__DIMS
    return _inplace_view(self, row, array, saved, _dims=dims)


def unsqueeze_(self, *args, **kwargs):
    _, v = parse("unsqueeze_", _UNSQUEEZE_, args, kwargs)
    dim = v["dim"]
    array = np.expand_dims(self._data, wrap_dim(dim, self._data.ndim + 1))
    return _inplace_view(self, rows.UNSQUEEZE_, array, saved_dim(dim), _dim=dim)


def unpack_dual(dual, level):
    """The primal of a dual tensor: a view without its tangent (torch's _fw_primal; forward_ad.unpack_dual,
    and every forward formula's view of its tensor inputs)."""
    primal = rows.UNPACK_DUAL.record(dual._data.view(), dual, level)
    if primal._view_meta is not None:  # (a view of an inference tensor is a plain inference tensor)
        primal._view_meta.forward = False  # a view of the dual tensor for autograd, without its tangent
    return primal


at.register(
    unpack_dual=unpack_dual,
    permute_backward=permute_backward,
    unsqueeze_to=unsqueeze_to,
    squeeze_dims=squeeze_dims,
    select_backward=select_backward,
    slice_backward=slice_backward,
    slice_dim=slice_dim,
    alias=alias,
    unbind_backward=unbind_backward,
    sum_to=sum_to,
)

register_methods(
    transpose_=transpose_,
    swapdims_=swapdims_,
    swapaxes_=swapaxes_,
    t_=t_,
    squeeze_=squeeze_,
    unsqueeze_=unsqueeze_,
    view=view,
    view_as=view_as,
    reshape=_reshape_method,
    reshape_as=reshape_as,
    flatten=flatten,
    unflatten=unflatten,
    contiguous=contiguous,
    transpose=transpose,
    swapaxes=swapaxes,
    swapdims=transpose,
    t=t,
    permute=_permute_method,
    expand=expand,
    expand_as=expand_as,
    squeeze=squeeze,
    unsqueeze=unsqueeze,
    select=select,
    narrow=narrow,
    unbind=unbind,
)
Tensor.mT = property(mT)


# ---- compositions: movedim, swapaxes, broadcast_to, broadcast_tensors (torch's nodes are their parts') ----
MOVEDIM_OVERLOADS = ("(int source, int destination)", "(tuple of ints source, tuple of ints destination)")


def movedim(input, source, destination):
    """The dims in `source` moved to `destination`, the others kept in order: one permute."""
    tensor_arg(input, "movedim")
    if is_int(source) and is_int(destination):
        source, destination = [int(source)], [int(destination)]
    elif isinstance(source, list | tuple) and isinstance(destination, list | tuple):
        source = list(int_list_arg(source, "movedim", "source", 2, allow_int=False))
        destination = list(int_list_arg(destination, "movedim", "destination", 3, allow_int=False))
    else:
        raise invalid_arguments("movedim", (source, destination), {}, MOVEDIM_OVERLOADS)
    n = input._data.ndim
    if len(source) != len(destination):
        raise RuntimeError(
            f"movedim: Invalid source or destination dims: source ({list(source)} dims) should contain the "
            f"same number of dims as destination ({list(destination)} dims)"
        )
    wrapped_source = [wrap_dim(d, n) for d in source]
    wrapped_destination = [wrap_dim(d, n) for d in destination]
    for name, given, wrapped in (
        ("source", source, wrapped_source),
        ("destination", destination, wrapped_destination),
    ):
        if len(set(wrapped)) != len(wrapped):
            raise RuntimeError(f"movedim: repeated dim in `{name}` ({list(given)})")
    order = [None] * n
    for s, d in zip(wrapped_source, wrapped_destination):
        order[d] = s
    rest = iter(d for d in range(n) if d not in wrapped_source)
    order = [d if d is not None else next(rest) for d in order]
    return _permuted(input, tuple(order))


def swapaxes(input, axis0, axis1):
    """numpy's name for transpose (TransposeBackward0)."""
    return transpose(input, axis0, axis1)


def swapdims(input, dim0, dim1):
    return transpose(input, dim0, dim1)


def broadcast_to(input, size):
    """expand to `size` (ExpandBackward0), with expand's errors."""
    tensor_arg(input, "broadcast_to")
    return expand(input, size)


def broadcast_tensors(*tensors):
    """Each tensor expanded to the common shape; one that has it already is returned itself, as in torch."""
    if len(tensors) == 1 and isinstance(tensors[0], list | tuple):
        tensors = tuple(tensors[0])
    for i, t in enumerate(tensors):
        tensor_arg(t, "broadcast_tensors", "tensors", i + 1)
    shape = ()
    for t in tensors:
        shape = broadcast_shapes(shape, t._data.shape)
    return tuple(t if t._data.shape == shape else expand(t, shape) for t in tensors)


moveaxis = movedim
register_methods(
    movedim=movedim,
    moveaxis=movedim,
    swapaxes=swapaxes,
    swapdims=swapdims,
    broadcast_to=broadcast_to,
)
