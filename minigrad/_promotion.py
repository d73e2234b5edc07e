"""torch's type promotion for binary ops (c10 promoteTypes + at::native::result_type).

Operands fall in three priority classes: tensors with dimensions, 0-d tensors, and Python scalars ("wrapped
numbers"). A lower class only matters when its category (bool < integer < floating) is higher, so
`int_tensor * 2.5` is float32 (the default dtype) and `float32_tensor + float64_0d_tensor` stays float32.
"""

import numpy as np

from . import _dtype

_BOOL = np.dtype(np.bool_)
_INT64 = np.dtype(np.int64)


def promote_types(a, b):
    """c10::promoteTypes on numpy dtypes (None means "no operand yet")."""
    if a is None or a == b:
        return b
    if b is None:
        return a
    ka, kb = a.kind, b.kind
    if ka == "f":
        return a if kb != "f" or a.itemsize >= b.itemsize else b
    if kb == "f":
        return b
    if ka == "b":
        return b
    if kb == "b":
        return a
    return np.promote_types(a, b)


def _combine_categories(higher, lower):
    if higher is None:
        return lower
    if higher.kind == "f":
        return higher
    if higher == _BOOL or (lower is not None and lower.kind == "f"):
        return promote_types(higher, lower)
    return higher


def scalar_dtype(value):
    """The dtype a Python scalar takes when it stands alone (torch.tensor(2.5) -> default dtype)."""
    if isinstance(value, bool):
        return _BOOL
    if isinstance(value, int):
        return _INT64
    if isinstance(value, float):
        return _dtype.get_default_dtype().numpy
    raise TypeError(f"unsupported scalar type {type(value).__name__}")


def result_type(*operands):
    """Result numpy dtype of a binary op over Tensors and Python scalars."""
    dim = zero = wrapped = None
    for op in operands:
        data = getattr(op, "_data", None)
        if data is None:
            wrapped = promote_types(wrapped, scalar_dtype(op))
        elif data.ndim:
            dim = promote_types(dim, data.dtype)
        else:
            zero = promote_types(zero, data.dtype)
    return _combine_categories(dim, _combine_categories(zero, wrapped))


def can_cast(source, target):
    """torch's canCast for in-place results: no float->integral, no non-bool->bool."""
    if source.kind == "f" and target.kind != "f":
        return False
    return not (source.kind != "b" and target.kind == "b")


SCALAR_TYPE_NAME = {np.dtype(d.numpy): name for d, name in _dtype.SCALAR_TYPE_NAMES.items()}
