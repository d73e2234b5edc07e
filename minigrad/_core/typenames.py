"""Type names and argument errors as torch's C++ argument parser words them; nothing here knows Tensor."""

HEAPTYPE = 1 << 9  # Py_TPFLAGS_HEAPTYPE: classes defined in Python print their bare name


def type_name(value):
    """The type name torch prints for a value (C tp_name): 'int', 'Tensor', 'torch.dtype', 'numpy.float64'."""
    cls = type(value)
    special = _TORCH_TYPE_NAMES.get(cls.__name__)
    if special is not None and cls.__module__.startswith("minigrad"):
        return special
    if cls.__flags__ & HEAPTYPE or cls.__module__ == "builtins":
        return cls.__name__
    return f"{cls.__module__}.{cls.__name__}"


_TORCH_TYPE_NAMES = {"dtype": "torch.dtype", "Size": "torch.Size", "device": "torch.device"}


def _argument(fn, name, position):
    where = f" (position {position})" if position is not None else ""
    return f"{fn}(): argument '{name}'{where}"


def type_error(fn, name, position, expected, value):
    """torch's "fn(): argument 'name' (position n) must be <expected>, not <type>"."""
    return TypeError(f"{_argument(fn, name, position)} must be {expected}, not {type_name(value)}")


def bool_arg(value, fn, name, position):
    """A bool argument (keepdim, requires_grad): torch accepts only True/False."""
    if type(value) is bool:
        return value
    raise type_error(fn, name, position, "bool", value)
