"""Padding: torch.nn.functional.pad in all its modes, and the ATen ops behind the non-constant ones.

'constant' is constant_pad_nd (ops/convolution.py). 'reflect' and 'replicate' are the kernels
reflection_pad{1,2,3}d / replication_pad{1,2,3}d, one row each (derivatives/padding.py); each maps every
output position of a padded dimension to the input position it copies, so the forward is one gather and the
gradient one scatter-add over the same index arrays. 'circular' is composite, as ATen's _pad_circular: the
input copied into slices of a new tensor, then the borders copied from the opposite sides (the graph is
torch's CopySlices and SliceBackward0 nodes).

A padding of n spatial dimensions lists (left, right) pairs from the last dimension backwards; negative
amounts crop.
"""

import numpy as np

from .._core.arguments import int_list_arg, is_number, tensor_arg, type_error
from .._core.dtypes import SCALAR_TYPE_NAMES
from ..derivatives import at
from ..derivatives import padding as rows
from .convolution import constant_pad_nd
from .creation import new_empty
from .reductions import saved_dim
from .views import slice_dim

__all__ = ["pad"]

_NON_CONSTANT_SIZES = (
    "Supported combinations for non-constant padding:\n"
    "  - 2D or 3D input: padding size = 2 (pads last dimension)\n"
    "  - 3D or 4D input: padding size = 4 (pads last 2 dimensions)\n"
    "  - 4D or 5D input: padding size = 6 (pads last 3 dimensions)"
)


def _shape_str(shape):
    return "[" + ", ".join(str(n) for n in shape) + "]"


# ---- reflection_pad / replication_pad ------------------------------------------------------------------
def _reflected(size, left, right):
    """The input position each output position copies, reflecting at the borders (the border not repeated)."""
    positions = np.arange(-left, size + right)
    positions = np.abs(positions)
    return np.where(positions >= size, 2 * (size - 1) - positions, positions)


def _replicated(size, left, right):
    return np.clip(np.arange(-left, size + right), 0, size - 1)


_INDEXERS = {"reflection": _reflected, "replication": _replicated}


def _spatial_pairs(padding):
    """The (left, right) amounts of each padded dimension, in the dimensions' order (padding lists them
    from the last dimension backwards)."""
    return [(padding[i], padding[i + 1]) for i in range(len(padding) - 2, -1, -2)]


def _check_valid_input(input, dims):
    """ATen's padding::check_valid_input: (dims + 1)-d, or (dims + 2)-d with a batch that may be empty;
    every other dimension non-empty."""
    shape = input._data.shape
    batched = len(shape) == dims + 2
    nonempty = shape[1:] if batched else shape
    if len(shape) not in (dims + 1, dims + 2) or 0 in nonempty:
        raise RuntimeError(
            f"Expected {dims + 1}D or {dims + 2}D (batch mode) tensor with possibly 0 batch size and other "
            f"non-zero dimensions for input, but got: {_shape_str(shape)}"
        )


def _check_padding(kind, input, padding, dims):
    """The kernels' checks: reflection needs each amount below its dimension's size (naming the argument
    as ATen counts it), and some output dimension must be non-empty."""
    shape = input._data.shape
    name = f"{kind}_pad{dims}d"
    if input._data.dtype == np.bool_:
        raise NotImplementedError(f"\"{name}\" not implemented for '{SCALAR_TYPE_NAMES[input.dtype]}'")
    _check_valid_input(input, dims)
    spatial = shape[len(shape) - dims :]
    if kind == "reflection":
        for i in range(dims):  # the last dimension (padding's first pair) first
            dim = len(shape) - 1 - i
            left, right = padding[2 * i], padding[2 * i + 1]
            if left >= shape[dim] or right >= shape[dim]:
                raise RuntimeError(
                    f"Argument #{4 + 2 * i}: Padding size should be less than the corresponding input "
                    f"dimension, but got: padding ({left}, {right}) at dimension {dim} of input "
                    f"{_shape_str(shape)}"
                )
    out = [n + left + right for n, (left, right) in zip(spatial, _spatial_pairs(padding))]
    if all(n < 1 for n in out):
        raise RuntimeError(_too_small(kind, spatial, out))


def _too_small(kind, spatial, out):
    """ATen's message (its spacing differs between the kernels)."""
    if len(spatial) == 1:
        return f"input (W: {spatial[0]}) is too small. Calculated output W: {out[0]}"
    if len(spatial) == 2:
        space = " " if kind == "replication" else ""
        return (
            f"input (H: {spatial[0]}, W: {spatial[1]}{space}) is too small. Calculated output H: {out[0]} "
            f"W: {out[1]}"
        )
    return (
        f"input (D: {spatial[0]} H: {spatial[1]}, W: {spatial[2]}) is too small. Calculated output "
        f"D: {out[0]} H: {out[1]} W: {out[2]}"
    )


def _index(kind, shape, padding):
    """The index arrays (np.ix_) of the padded dimensions, the last len(padding) // 2 of `shape`."""
    dims = len(padding) // 2
    spatial = shape[len(shape) - dims :]
    indexer = _INDEXERS[kind]
    return np.ix_(
        *(
            indexer(n, padding[2 * (dims - 1 - j)], padding[2 * (dims - 1 - j) + 1])
            for j, n in enumerate(spatial)
        )
    )


def _pad_forward(kind, dims, input, padding):
    padding = tuple(int_list_arg(padding, f"{kind}_pad{dims}d", "padding", 2))
    _check_padding(kind, input, padding, dims)
    data = input._data
    output = data[(Ellipsis,) + _index(kind, data.shape, padding)]
    row = getattr(rows, f"{kind.upper()}_PAD{dims}D")
    return row.record(output, input, saved_dim(padding), _padding=padding)


def _pad_backward(kind, dims, grad_output, input, padding):
    shape = input._data.shape
    index = _index(kind, shape, padding)
    batch = int(np.prod(shape[: len(shape) - dims], dtype=np.int64))
    grad = np.zeros((batch,) + shape[len(shape) - dims :], grad_output._data.dtype)
    np.add.at(grad, (slice(None),) + index, grad_output._data.reshape((batch,) + grad_output.shape[-dims:]))
    row = getattr(rows, f"{kind.upper()}_PAD{dims}D_BACKWARD")
    padding = tuple(padding)
    return row.record(grad.reshape(shape), grad_output, input, saved_dim(padding), _padding=padding)


def _kernels(kind, dims):
    def forward(input, padding):
        return _pad_forward(kind, dims, input, padding)

    def backward(grad_output, input, padding):
        return _pad_backward(kind, dims, grad_output, input, padding)

    name = f"{kind}_pad{dims}d"
    forward.__name__, backward.__name__ = name, f"{name}_backward"
    return {name: forward, f"{name}_backward": backward}


_KERNELS = {}
for _kind in _INDEXERS:
    for _dims in (1, 2, 3):
        _KERNELS.update(_kernels(_kind, _dims))


# ---- circular ---------------------------------------------------------------------------------------------
def _pad_circular(input, padding):
    """ATen's _pad_circular: the input (cropped where an amount is negative) copied into the middle of a new
    tensor, then each padded dimension's borders copied from the other side of the result."""
    shape = input._data.shape
    dims = len(padding) // 2
    out_shape = list(shape)
    for i in range(dims):
        dim = len(shape) - 1 - i
        left, right = padding[2 * i], padding[2 * i + 1]
        if left > shape[dim] or right > shape[dim]:
            raise RuntimeError("Padding value causes wrapping around more than once.")
        out_shape[dim] = shape[dim] + left + right
        if out_shape[dim] < 0:
            raise RuntimeError("Negative padding value is resulting in an empty dimension")
    out = new_empty(input, out_shape)
    out_slice, in_slice = out, input
    for i in range(dims):
        dim = len(shape) - 1 - i
        left, right = padding[2 * i], padding[2 * i + 1]
        out_slice = slice_dim(out_slice, dim, max(left, 0), out_shape[dim] - max(right, 0), 1)
        in_slice = slice_dim(in_slice, dim, max(-left, 0), shape[dim] - max(-right, 0), 1)
    out_slice.copy_(in_slice)
    for i in range(dims):
        dim = len(shape) - 1 - i
        left, right = padding[2 * i], padding[2 * i + 1]
        size = out_shape[dim]
        if left > 0:
            source = slice_dim(out, dim, size - left - max(right, 0), size - max(right, 0), 1)
            slice_dim(out, dim, 0, left, 1).copy_(source)
        if right > 0:
            source = slice_dim(out, dim, max(left, 0), max(left, 0) + right, 1)
            slice_dim(out, dim, size - right, size, 1).copy_(source)
    return out


# ---- F.pad ------------------------------------------------------------------------------------------------
_MODES = {"reflect": "reflection", "replicate": "replication", "circular": "circular"}


def pad(input, pad, mode="constant", value=None):
    """torch.nn.functional.pad: ATen's pad, which dispatches on the mode and the padding's length."""
    tensor_arg(input, "pad", "input", 1)
    pad = int_list_arg(pad, "pad", "pad", 2, allow_int=False)
    if not isinstance(mode, str):
        raise type_error("pad", "mode", 3, "str", mode)
    if value is not None and not is_number(value):
        raise type_error("pad", "value", 4, "float", value)
    ndim = input._data.ndim
    if len(pad) % 2:
        raise RuntimeError("Padding length must be divisible by 2")
    if len(pad) // 2 > ndim:
        raise RuntimeError(
            "Padding length should be less than or equal to two times the input dimension but got padding "
            f"length {len(pad)} and input of dimension {ndim}"
        )
    if mode == "constant":
        return constant_pad_nd(input, pad, 0 if value is None else value)
    if mode not in _MODES:
        raise NotImplementedError(f"Unrecognised padding mode {mode}")
    if value is not None and value != 0:
        raise RuntimeError(f'Padding mode "{mode}" doesn\'t take in value argument')
    dims = len(pad) // 2
    if ndim not in (dims + 1, dims + 2):
        raise NotImplementedError(
            f"Padding size {len(pad)} is not supported for {ndim}D input tensor.\n{_NON_CONSTANT_SIZES}"
        )
    if mode == "circular":
        return _pad_circular(input, pad)
    return _KERNELS[f"{_MODES[mode]}_pad{dims}d"](input, pad)


at.register(**_KERNELS)
