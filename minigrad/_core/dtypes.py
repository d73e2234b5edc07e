"""dtypes: objects that print like torch's (`torch.float32`) over numpy dtypes, and torch's type promotion.

torch's default dtype is process-global; mirroring that is the one documented piece of module state here.

Type promotion (c10 promoteTypes + at::native::result_type): operands fall in three priority classes,
tensors with dimensions, 0-d tensors, and Python scalars ("wrapped numbers"). A lower class only matters
when its category (bool < integer < floating) is higher, so `int_tensor * 2.5` is float32 (the default
dtype) and `float32_tensor + float64_0d_tensor` stays float32.
"""

import builtins

import numpy as np


class dtype:
    """A tensor element type: a torch-style name over a numpy dtype."""

    __slots__ = ("name", "numpy", "is_floating_point", "is_signed", "itemsize", "_legacy", "_cpp")

    def __init__(self, name, numpy_dtype, legacy, cpp):
        self.name = name
        self.numpy = np.dtype(numpy_dtype)
        self.is_floating_point = self.numpy.kind == "f"
        self.is_signed = self.numpy.kind in "fi"
        self.itemsize = self.numpy.itemsize
        self._legacy = legacy  # legacy tensor type name used in error messages: torch.FloatTensor
        self._cpp = cpp  # C++ scalar name used in some error messages: 'double', 'long int'

    @property
    def is_complex(self):
        return False

    def __repr__(self):
        return "torch." + self.name

    def __reduce__(self):
        return self.name


float16 = half = dtype("float16", np.float16, "HalfTensor", "c10::Half")
float32 = float = dtype("float32", np.float32, "FloatTensor", "float")
float64 = double = dtype("float64", np.float64, "DoubleTensor", "double")
uint8 = dtype("uint8", np.uint8, "ByteTensor", "unsigned char")
int8 = dtype("int8", np.int8, "CharTensor", "signed char")
int16 = short = dtype("int16", np.int16, "ShortTensor", "short int")
int32 = int = dtype("int32", np.int32, "IntTensor", "int")
int64 = long = dtype("int64", np.int64, "LongTensor", "long int")
bool = dtype("bool", np.bool_, "BoolTensor", "bool")

ALL = (float16, float32, float64, uint8, int8, int16, int32, int64, bool)
_BY_NUMPY = {d.numpy: d for d in ALL}

# Names used by torch in "grad_dtype" messages ('Float', 'Double', ...).
SCALAR_TYPE_NAMES = {
    float16: "Half",
    float32: "Float",
    float64: "Double",
    uint8: "Byte",
    int8: "Char",
    int16: "Short",
    int32: "Int",
    int64: "Long",
    bool: "Bool",
}

_default = float32


def from_numpy(numpy_dtype):
    """The dtype object for a numpy dtype; TypeError for numpy types torch does not have."""
    try:
        return _BY_NUMPY[np.dtype(numpy_dtype)]
    except KeyError:
        raise TypeError(
            f"can't convert np.ndarray of type numpy.{np.dtype(numpy_dtype).type.__name__}. The only "
            "supported types are: "
            "float64, float32, float16, complex64, complex128, int64, int32, int16, int8, uint64, uint32, "
            "uint16, uint8, and bool."
        ) from None


def get_default_dtype():
    return _default


def set_default_dtype(d):
    global _default
    if not isinstance(d, dtype) or not d.is_floating_point:
        raise TypeError("only floating-point types are supported as the default type")
    _default = d


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
    # (the module's names bool/int/float are dtypes: the Python types are builtins')
    if isinstance(value, builtins.bool):
        return _BOOL
    if isinstance(value, builtins.int):
        return _INT64
    if isinstance(value, builtins.float):
        return get_default_dtype().numpy
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


SCALAR_TYPE_NAME = {np.dtype(d.numpy): name for d, name in SCALAR_TYPE_NAMES.items()}
