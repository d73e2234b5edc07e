"""Op families. Every op follows one pattern (arithmetic.py: mul, exp and pow are good models to copy):

1. Forward on numpy arrays. Binary ops call `binary_operands(input, other)`, which applies torch's type
   promotion and broadcasting checks and returns `(ta, tb, a, b)`: the operands as Tensors (None for a
   Python scalar) and as numpy values already cast to the result dtype. Where numpy would warn about
   inf - inf, 0 * inf or an overflow, compute inside `silent()`: torch is silent.
2. `node = make_node(XBackward0, *input_tensors)`: None unless grad mode is on and some input requires
   grad, so ops pay nothing for autograd otherwise. Each input slot gets an edge in `node.next_functions`
   ((None, 0) for a Python scalar or an input that does not require grad).
3. Save what the backward formula for input i needs ONLY if `node.needs_input_grad(i)` (PyTorch's
   derivatives.yaml decides what each formula uses; this decides when "modified by an inplace operation"
   fires). Inputs: `node.saved_x = SavedTensor(t)`; the op's own output: `SavedTensor(out, is_output=True)`
   (saved after `make_output`, no cycle). Non-tensors (alpha, dims, Python scalars) are stored as plain
   values.
4. `return make_output(result_array, node)`.
5. The node class is named exactly like torch's (`MulBackward0`), declares `__slots__ = ("saved_self", ...)`
   (torch's `_saved_self` attribute then works) and implements `backward(self, grad) -> tuple` with one entry
   per input (None where `not self.needs_input_grad(i)`), written with minigrad ops on Tensors so that
   create_graph=True gives higher-order gradients. Read saved values with `self.unpack(self.saved_x)`.
   Do not reduce broadcast gradients or cast dtypes: the engine sums each gradient to its input's shape and
   casts it to its input's dtype (torch's validate_outputs).
6. Register with `register_methods(name=fn, ...)` (Tensor methods, operators) and export the function from
   minigrad/__init__.py. In-place variants: `def add_(self, other): return inplace(self, add, other)`.
"""

import numpy as np

from .._core import dtypes as _dtype
from .._core import forward_ad, grad_mode
from .._core.arguments import numpy_scalar_value, tensor_arg, type_name
from .._core.broadcast import broadcast_shapes
from .._core.dtypes import can_cast, result_type
from .._core.fp import silent
from .._core.graph import Node, SavedTensor, make_node
from .._core.layout import agree_on_layout
from .._core.tensor import (
    INTERNAL_OVERLAP,
    Tensor,
    bump_version,
    check_mutable,
    has_internal_overlap,
    make_output,
    register_methods,
    set_tangent,
    tangent_of,
)
from .._core.views import check_inplace_on_view, rebase_view
from ..derivatives import conversion as conversion_rows

__all__ = [
    "Node",
    "SavedTensor",
    "Tensor",
    "binary_operands",
    "broadcast_shapes",
    "checked_scalar",
    "scalar_as",
    "float_input",
    "inplace",
    "make_node",
    "make_output",
    "python_operator",
    "register_methods",
    "tensor_arg",
]


def _scalar_value(value, name, position=2):
    """A Python number operand as torch's argument parser takes it: bool, int, float, or a numpy scalar of
    those (as its Python value); anything else (Fraction, Decimal, str...) is torch's TypeError, which
    operators turn into NotImplemented as torch's do."""
    if isinstance(value, np.generic) and not isinstance(value, np.complexfloating):
        return numpy_scalar_value(value)
    if isinstance(value, bool | int | float):
        if type(value) is int and not -(2**63) <= value < 2**64:
            _beyond_scalar(value)
        return value
    argument = "input" if position == 1 else "other"
    raise TypeError(
        f"{name}(): argument '{argument}' (position {position}) must be Tensor, not {type_name(value)}"
    )


def _beyond_scalar(value):
    """torch's OverflowError for an int no Scalar holds (beyond int64 below, uint64 above)."""
    if value >= 2**64:
        raise OverflowError("int too big to convert")
    raise OverflowError("can't convert negative int to unsigned")


def scalar_as(dtype, value):
    """A Python scalar as a value of the tensor's dtype. torch reads an int as a 64-bit integer and casts
    it as C does, so out-of-range ints wrap (int32 + 2**31 adds -2**31); numpy refuses them. A float out
    of a float dtype's range becomes inf, silently (numpy would warn)."""
    try:
        with silent():
            return dtype.type(value)
    except OverflowError:
        if value >= 2**64:
            raise OverflowError("int too big to convert") from None
        if value < -(2**63):
            raise OverflowError("can't convert negative int to unsigned") from None
        return np.array(value & (2**64 - 1), dtype=np.uint64).astype(dtype)[()]


# the C++ types torch's checked_convert names in its overflow message
_CPP_TYPE_NAMES = {
    "float16": "c10::Half",
    "float32": "float",
    "float64": "double",
    "int8": "int8_t",
    "int16": "int16_t",
    "int32": "int",
    "int64": "int64_t",
    "uint8": "uint8_t",
}


def checked_scalar(value, dtype):
    """`value` (a Python number) as a value of numpy `dtype`, with torch's checked_convert of a Scalar
    argument (fill values, clamp bounds, alpha): a finite value out of the dtype's range raises; inf and nan
    pass into a float dtype; an unsigned dtype takes negative ints down to -max, wrapping around."""
    dtype = np.dtype(dtype)
    if isinstance(value, np.generic):
        value = numpy_scalar_value(value)
    if type(value) is int and not -(2**63) <= value < 2**64:
        _beyond_scalar(value)
    if dtype.kind == "b" or isinstance(value, bool):
        return dtype.type(value)
    if isinstance(value, complex):  # a complex converts to a real dtype only without an imaginary part
        if value.imag:
            raise RuntimeError(
                f"value cannot be converted to type {_CPP_TYPE_NAMES[dtype.name]} without overflow"
            )
        value = value.real
    info = np.finfo(dtype) if dtype.kind == "f" else np.iinfo(dtype)
    high = float(info.max) if dtype.kind == "f" else int(info.max)
    if dtype.kind == "u":
        low = -high if isinstance(value, int) else 0
    else:
        low = float(info.min) if dtype.kind == "f" else int(info.min)
    if (dtype.kind != "f" or np.isfinite(value)) and not low <= value <= high:
        cpp_type = _CPP_TYPE_NAMES[dtype.name]
        raise RuntimeError(f"value cannot be converted to type {cpp_type} without overflow")
    return scalar_as(dtype, value)


def float_operands(input, other, name):
    """(ta, tb, a, b) for an op that computes in floating point (true division): each operand cast from its
    own dtype straight to the result's floating dtype, so an integer tensor divided by 256 sees 256 (torch's
    TensorIterator promotes integer inputs to float before it casts, never through the integer dtype)."""
    ta = input if isinstance(input, Tensor) else None
    tb = other if isinstance(other, Tensor) else None
    if ta is None:
        input = _scalar_value(input, name, 1)
    if tb is None:
        other = _scalar_value(other, name)
    if ta is not None and tb is not None and ta._data.shape != tb._data.shape:
        broadcast_shapes(ta._data.shape, tb._data.shape)
    dtype = result_type(input, other)
    if dtype.kind != "f":
        dtype = _dtype.get_default_dtype().numpy
    with silent():
        a = ta._data.astype(dtype, copy=False) if ta is not None else dtype.type(input)
        b = tb._data.astype(dtype, copy=False) if tb is not None else dtype.type(other)
    if ta is not None and tb is not None:
        a, b = agree_on_layout(a, b)
    return ta, tb, a, b


def binary_operands(input, other, name="binary op"):
    """(ta, tb, a, b): Tensors or None for Python scalars, and numpy operands cast to the promoted dtype."""
    ta = input if isinstance(input, Tensor) else None
    tb = other if isinstance(other, Tensor) else None
    if ta is None:
        input = _scalar_value(input, name, 1)
    if tb is None:
        other = _scalar_value(other, name)
    a = input._data if ta is not None else input
    b = other._data if tb is not None else other
    if ta is not None and tb is not None:
        if a.dtype == b.dtype:
            if a.shape != b.shape:
                broadcast_shapes(a.shape, b.shape)
            if a.ndim > 1 or b.ndim > 1:
                a, b = agree_on_layout(a, b)
            return ta, tb, a, b
        if a.shape != b.shape:
            broadcast_shapes(a.shape, b.shape)
        if (ta._zero and ta._is_wrapped_number) or (tb._zero and tb._is_wrapped_number):
            return _with_zero_number(ta, tb, name)
    if ta is None and tb is not None:
        dtype = _scalar_keeps(b.dtype, input)
    elif tb is None and ta is not None:
        dtype = _scalar_keeps(a.dtype, other)
    else:
        dtype = None
    if dtype is not None:
        # a Python scalar of the same or lower category: the tensor keeps its dtype
        return (
            ta,
            tb,
            (a if ta is not None else scalar_as(dtype, a)),
            (b if tb is not None else scalar_as(dtype, b)),
        )
    if ta is None or tb is None:
        _check_uint64_scalar(a if ta is not None else b, input if ta is None else other)
    dtype = result_type(input, other)
    if ta is not None and tb is not None:
        a, b = agree_on_layout(a, b)  # before the cast: torch sorts dims by the operands' own strides
    with silent():  # a float beyond the dtype's range is inf, silently
        a = a.astype(dtype, copy=False) if ta is not None else dtype.type(a)
        b = b.astype(dtype, copy=False) if tb is not None else dtype.type(b)
    return ta, tb, a, b


def _with_zero_number(ta, tb, name):
    """Forward AD's zero tangent of a Python number promotes as the number (torch's update_wrapped_number):
    the other operand's dtype decides. (A saved wrapped number, unpacked in a backward, promotes as a 0-d
    tensor: torch's saved variable drops the mark.)"""
    if ta._is_wrapped_number:
        _, _, a, b = binary_operands(ta._data.item(), tb, name)
        return ta, tb, np.asarray(a, b.dtype), b
    _, _, a, b = binary_operands(ta, tb._data.item(), name)
    return ta, tb, a, np.asarray(b, a.dtype)


def _check_uint64_scalar(data, scalar):
    """torch reads a Python int of 2**63 or more as a uint64 Scalar, which it promotes with no bool tensor."""
    if type(scalar) is int and scalar >= 2**63 and data.dtype.kind == "b":
        raise RuntimeError(
            "Promotion for uint16, uint32, uint64 types is not supported, attempted to promote Bool and "
            "UInt64"
        )


def _scalar_keeps(dtype, scalar):
    """The tensor's dtype if a Python scalar does not promote it (same or lower category), else None."""
    kind = dtype.kind
    if kind == "f" or (kind in "iu" and not isinstance(scalar, float)) or isinstance(scalar, bool):
        return dtype
    return None


def python_operator(fn, takes_ndarray=False):
    """A Python operator method (__add__, __radd__, __eq__...): an operand the op rejects with TypeError gives
    NotImplemented, so Python tries the other operand's method or raises its own TypeError (torch's
    TypeError_to_NotImplemented_). `x == None` is then False and `[1.0] += x` extends the list, like torch.
    So `x + np.ones(2)` is numpy's reflected add, which Tensor.__array_wrap__ makes a (float64) tensor.

    takes_ndarray: the operator itself takes a numpy array as a tensor of its dtype, as torch's == and
    reflected / do."""

    def operator(self, other):
        if takes_ndarray and type(other) is np.ndarray and other.dtype in _dtype._BY_NUMPY:
            other = make_output(other, None)
        try:
            return fn(self, other)
        except TypeError:
            return NotImplemented

    operator.__name__ = fn.__name__
    return operator


def float_input(t):
    """Array of t for ops that compute in floating point: integers and bools become the default dtype."""
    data = t._data
    if data.dtype.kind != "f":
        return data.astype(_dtype.get_default_dtype().numpy)
    return data


def fills(op):
    """Marks an op whose in-place form torch runs on an expanded tensor (stride 0, one memory location for
    several elements): fill_ and zero_, which give every element the same value. Other in-place ops refuse
    such a tensor with torch's "more than one element ... refers to a single memory location"."""
    op.fills = True
    return op


def scatters(op):
    """Marks an op whose tensor arguments are not broadcast against self (index_put writes values at
    indices): inplace() leaves the shape checks to it."""
    op.scatters = True
    return op


def _check_broadcast_into(self, args, kwargs):
    """torch's TensorIterator: the operands must broadcast to self's shape, checked before the dtypes."""
    shape = self._data.shape
    for value in (*args, *kwargs.values()):
        if isinstance(value, Tensor) and value._data.shape != shape:
            shape = broadcast_shapes(shape, value._data.shape)
    if shape != self._data.shape:
        raise RuntimeError(
            f"output with shape [{', '.join(map(str, self._data.shape))}] doesn't match the broadcast shape "
            f"[{', '.join(map(str, shape))}]"
        )


def inplace(self, op, *args, **kwargs):
    """Run the out-of-place `op(self, *args)` and write its result into self, the way torch's in-place ops
    behave:
    leaf check, dtype/shape checks, version bump, and (when a graph is recorded) rebasing self onto the new
    node.
    """
    tensor_arg(self, op.__name__ + "_", "self")
    recording = grad_mode.state.grad_enabled and (
        self._requires_grad or any(isinstance(a, Tensor) and a._requires_grad for a in args)
    )
    if recording and self._vc.inference:
        # torch: inference tensors have no autograd key, so an op on nothing else records nothing (and the
        # write then fails as an inference tensor's, not as a leaf's)
        recording = any(isinstance(a, Tensor) and not a._vc.inference for a in args)
    if recording:
        if self._base is not None:
            check_inplace_on_view(self)
        if self._gfn is None and self._requires_grad:
            raise RuntimeError("a leaf Variable that requires grad is being used in an in-place operation.")
        # the node must see self's value before the write: give it a snapshot with the same autograd edges
        source = _snapshot(self)
    else:
        source = self
    check_mutable(self)
    if has_internal_overlap(self._data) and not getattr(op, "fills", False):
        raise RuntimeError(INTERNAL_OVERLAP)
    if args and not getattr(op, "scatters", False) and not getattr(op, "fills", False):
        _check_broadcast_into(self, args, kwargs)
    out = op(source, *args, **kwargs)
    data, result = self._data, out._data
    if not can_cast(result.dtype, data.dtype):
        raise RuntimeError(
            f"result type {_dtype.SCALAR_TYPE_NAMES[_dtype.from_numpy(result.dtype)]} can't be cast to the "
            f"desired output type {_dtype.SCALAR_TYPE_NAMES[_dtype.from_numpy(data.dtype)]}"
        )
    if result.shape != data.shape:
        shape = ", ".join(str(d) for d in data.shape)
        broadcast = ", ".join(str(d) for d in result.shape)
        raise RuntimeError(f"output with shape [{shape}] doesn't match the broadcast shape [{broadcast}]")
    np.copyto(data, result, casting="unsafe")
    bump_version(self)
    node = out._gfn
    if node is not None:
        node._out_meta = ((data.shape, data.dtype),)
        _resave_output(node, self)
        if source._requires_grad:
            _save_as_clone(node, source)
        if self._base is not None:
            rebase_view(self, node)  # base.grad_fn = CopySlices(node), self.grad_fn = AsStridedBackward0
        else:
            self._gfn = node
            self._output_nr = 0
            self._requires_grad = True
        if self._retains_grad:  # torch moves retain_grad to the new grad_fn (tensor hooks stay behind)
            self._gfn._retain_grad_of(self)
    if out._fw_grad is not None:
        _write_tangent(self, out._fw_grad)
    return self


def _write_tangent(self, new):
    """Forward AD through an in-place op: self's tangent takes the result's, in place (views of it follow),
    as torch copies it into the existing tangent. Without one, self gets it as torch's set_fw_grad gives
    it: as it is if laid out as self (whatever its dtype), else copied into self's layout and dtype. A view
    without one first gives its base a zero tangent of the base's dtype (or `new` itself, laid out as both
    view and base), so that the view's tangent is the matching view of it."""
    tangent = tangent_of(self)
    if tangent is None and self._base is not None:
        base = self._base
        if _same_layout(new._data, self._data) and _same_layout(new._data, base._data):
            set_tangent(base, new)
            return
        set_tangent(base, make_output(np.zeros_like(base._data), None))
        tangent = tangent_of(self)
    if tangent is None:
        if not _same_layout(new._data, self._data):
            data = np.empty_like(self._data)  # self's strides: self is dense, not a view
            np.copyto(data, new._data, casting="unsafe")
            new = make_output(data, None)
        set_tangent(self, new)
        return
    np.copyto(tangent._data, new._data, casting="unsafe")
    tangent._vc.value += 1


def _same_layout(a, b):
    """torch's has_same_meta for a tangent: the same sizes and strides, in elements (dtypes may differ)."""
    return a.shape == b.shape and all(
        x // a.itemsize == y // b.itemsize for x, y, n in zip(a.strides, b.strides, a.shape) if n > 1
    )


def _resave_output(node, self):
    """A node that saved its own output (exp_ saves its result) must see self, the tensor written in place,
    so that later in-place writes to self are detected like in torch."""
    for name in node._saved_names:
        saved = getattr(node, name)
        if type(saved) is SavedTensor and saved.is_output:
            saved.tensor = self._detached_alias()
            saved.version = self._vc.value


def _save_as_clone(node, source):
    """torch saves an in-place op's original self as `self.clone()`, recorded in grad mode: the saved value
    then has grad_fn CloneBackward0, which double backward goes through."""
    for name in node._saved_names:
        saved = getattr(node, name)
        if type(saved) is SavedTensor and saved.tensor is source:
            saved.tensor = conversion_rows.CLONE.record(source._data, source, None)


def _snapshot(t):
    """A copy of t's current value carrying t's autograd edges (grad_fn/output_nr or accumulator) and its
    tangent."""
    copy = make_output(t._data.copy(), None)
    copy._gfn = t._gfn
    copy._output_nr = t._output_nr
    copy._requires_grad = t._requires_grad
    if forward_ad.state.level is not None:
        copy._fw_grad = tangent_of(t)
    return copy
