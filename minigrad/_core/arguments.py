"""Argument checking with torch's messages (what torch's C++ PythonArgParser raises for a bad argument).

Entry points keep the common case inline and cheap (`if type(dim) is not int: dim = int_arg(...)`), so these
helpers run only for unusual values: they accept what torch accepts (numpy integers, integer 0-d tensors for
an int...) and otherwise raise torch's TypeError, naming the function, the argument and its position.

`position` is torch's 1-based position of the argument in the signature of the function as called (methods
do not count self); None for a keyword-only argument, which torch names without a position.

Functions with several overloads (eye, linspace, view, ...) report a bad call as "received an invalid
combination of arguments" listing the overloads; `invalid_arguments` formats that from the overloads'
signatures, copied from torch's own message as data, with the rules of torch's invalid_arguments.cpp.
"""

import os

import numpy as np

from . import dtypes as _dtype
from .tensor import Tensor
from .typenames import _argument, bool_arg, type_error, type_name  # noqa: F401  (re-exported)


def is_int(value):
    """torch's int check: an int that is not a bool, a numpy integer, or an integer 0-d tensor."""
    if isinstance(value, int | np.integer):
        return not isinstance(value, bool | np.bool_)
    if isinstance(value, Tensor):
        return value._data.ndim == 0 and value._data.dtype.kind in "iu"
    return False


def int_arg(value, fn, name, position):
    """An int argument (dim, index, size): the value as a Python int, or torch's TypeError."""
    if type(value) is int:
        return value
    if is_int(value):
        return int(value)
    raise type_error(fn, name, position, "int", value)


def dtype_arg(value, fn, name="dtype", position=None):
    """A dtype argument (None allowed): a minigrad dtype, or the Python types float/int/bool like torch."""
    if value is None or type(value) is _dtype.dtype:
        return value
    python_type = _PYTHON_SCALAR_TYPES.get(value) if isinstance(value, type) else None
    if python_type is not None:
        return getattr(_dtype, python_type)
    raise type_error(fn, name, position, "torch.dtype", value)


_PYTHON_SCALAR_TYPES = {float: "float64", int: "int64", bool: "bool"}


def tensor_arg(value, fn, name="input", position=1):
    """A Tensor argument."""
    if isinstance(value, Tensor):
        return value
    raise type_error(fn, name, position, "Tensor", value)


def is_number(value):
    """torch's Scalar check: a Python or numpy number (bool included), or a 1-element 0-d tensor."""
    if isinstance(value, bool | int | float | complex):  # (not Fraction or Decimal: torch refuses them)
        return True
    if isinstance(value, np.generic):
        return not isinstance(value, np.str_ | np.bytes_ | np.void)
    if isinstance(value, Tensor):
        return value._data.ndim == 0
    return False


def numpy_scalar_value(value):
    """A numpy scalar as torch's argument parser reads it into a Scalar: its integers as int, everything else
    (np.bool_ included) as float."""
    if isinstance(value, np.integer):
        return int(value)
    return float(value)


def number_arg(value, fn, name, position):
    """A Number (Scalar) argument, returned as a Python scalar."""
    if type(value) is int or type(value) is float:
        return value
    if not is_number(value):
        raise type_error(fn, name, position, "Number", value)
    if isinstance(value, np.generic):
        return numpy_scalar_value(value)
    return value.item() if hasattr(value, "item") else value


def int_list_arg(value, fn, name, position, allow_int=True):
    """A 'tuple of ints' argument (shape, dims): a tuple of Python ints, or torch's TypeError.

    torch checks the type of the first element only, then unpacks the rest (with a different message);
    a single int stands for a one-element list where the signature allows it."""
    if allow_int and is_int(value):
        return (int(value),)
    if not isinstance(value, tuple | list):
        raise type_error(fn, name, position, "tuple of ints", value)
    if value and not is_int(value[0]):
        raise TypeError(
            f"{_argument(fn, name, position)} must be tuple of ints, but found element of type "
            f"{type_name(value[0])} at pos 0"
        )
    for i, item in enumerate(value):
        if not is_int(item) and not isinstance(item, bool):  # after the first, torch unpacks bools as ints
            raise TypeError(
                f"{fn}(): argument '{name}' failed to unpack the object at pos {i + 1} with error "
                f'"type must be tuple of ints,but got {type_name(item)}"'
            )
    return tuple(int(v) for v in value)


# ---- several overloads: "received an invalid combination of arguments" ------------------------------------
def invalid_arguments(fn, args, kwargs, signatures):
    """torch's TypeError for a call that matches none of the overloads `signatures` (strings exactly as torch
    prints them, e.g. "(int n, int m, *, torch.dtype dtype = None)"); args/kwargs: the values as given."""
    head = f"{fn}() received an invalid combination of arguments - "
    if len(signatures) == 1:
        params = _parse_signature(signatures[0])
        if kwargs and _unmatched_kwargs(params, kwargs):
            return TypeError(head + "got unrecognized keyword arguments: " + ", ".join(kwargs))
        fits = _count_matches(params, args, kwargs)
        desc = _formatted(params, args, kwargs) if fits else _plain(args, kwargs)
        return TypeError(f"{head}got {desc}, but expected {signatures[0]}")
    lines = [f"{head}got {_plain(args, kwargs)}, but expected one of:"]
    for signature in signatures:
        lines.append(f" * {signature}")
        params = _parse_signature(signature)
        if not _count_matches(params, args, kwargs):
            continue
        unmatched = _unmatched_kwargs(params, kwargs) if kwargs else []
        if unmatched:
            reason = "some of the keywords were incorrect: " + ", ".join(unmatched)
            lines.append(f"      didn't match because {reason}")
        else:
            lines.append(
                "      didn't match because some of the arguments have invalid types: "
                + _formatted(params, args, kwargs)
            )
    return TypeError("\n".join(lines) + "\n")


def _parse_signature(signature):
    """[(type, name)] the way torch's _parseOption splits a printed signature: on ', ', type and name at
    the last space (so for 'bool keepdim = False' the 'name' is 'False', and '*' counts as an argument)."""
    params = []
    for arg in signature[1:-1].split(", "):
        cut = arg.rfind(" ")
        name = arg[cut + 1 :]
        end = cut - 4 if "..." in arg else cut
        params.append((arg[:end] if cut >= 0 else arg, name))
    return params


def _count_matches(params, args, kwargs):
    given = len(args) + len(kwargs)
    variadic = any("..." in t for t, _ in params)
    return given == len(params) or (variadic and given > len(params))


def _unmatched_kwargs(params, kwargs):
    names = {name for _, name in params[max(len(params) - len(kwargs), 0) :]}
    return [k for k in kwargs if k not in names]


def _type_matches(expected, value):
    name = type_name(value)
    if expected == "float":
        return name in ("float", "int")
    return name == expected


def _describe(value):
    if isinstance(value, tuple | list):
        inner = ", ".join(type_name(v) for v in value)
        if isinstance(value, tuple):
            return f"tuple of ({inner}{',' if len(value) == 1 else ''})"
        return f"list of [{inner}]"
    return type_name(value)


def _formatted(params, args, kwargs):
    """The given arguments with the mismatching ones marked (!x! when not writing to a terminal)."""
    red, reset = ("\33[31;1m", "\33[0m") if os.isatty(1) and os.isatty(2) else ("!", "!")
    green, reset_green = ("\33[32;1m", "\33[0m") if red != "!" else ("", "")
    kw_values = list(kwargs.items())
    parts = []
    for i in range(len(args) + len(kwargs)):
        if i < len(args):
            key, value = None, args[i]
        else:
            key = params[i][1] if i < len(params) and params[i][1] in kwargs else kw_values[i - len(args)][0]
            value = kwargs[key]
        if i < len(params):
            ok = _type_matches(params[i][0], value)
        else:
            ok = _type_matches(params[-1][0], value)
        text = (f"{key}=" if key is not None else "") + _describe(value)
        parts.append(f"{green}{text}{reset_green}" if ok else f"{red}{text}{reset}")
    return "(" + ", ".join(parts) + ("" if args else ", " if parts else "") + ")"


def _plain(args, kwargs):
    parts = [type_name(a) for a in args] + [f"{k}={type_name(v)}" for k, v in kwargs.items()]
    return "(" + ", ".join(parts) + ("" if args else ", " if kwargs else "") + ")"


def given_kwargs(**kwargs):
    """The keyword arguments a caller gave, in the order torch prints them (its unordered_map iterates the
    last inserted first), leaving out those still at their default (passed as the _DEFAULT marker)."""
    return {k: v for k, v in reversed(kwargs.items()) if v is not NOT_GIVEN}


class _NotGiven:
    __slots__ = ()

    def __repr__(self):
        return "<default>"


NOT_GIVEN = _NotGiven()  # a parameter default that tells "not given" from an explicit None


def int_list_varargs(args, fn, name, overloads=None, keyword=NOT_GIVEN, method=True):
    """A 'tuple of ints' parameter -> tuple of ints, or torch's TypeError, as torch's parser reads it.

    Methods also take it as varargs: x.view(2, 3), x.view((2, 3)), x.view([2, 3]), x.view(torch.Size),
    x.view(size=(2, 3)); several positional arguments are the list only when the first is an int. The module
    functions (torch.reshape(x, shape)) take exactly one list. `overloads`: torch's signatures when the op
    has others (view(dtype)): a bad call then matches none of them and torch reports the whole list."""
    if keyword is NOT_GIVEN:
        if len(args) == 1 and isinstance(args[0], (tuple, list)):
            value = args[0]
            if all(type(s) is int for s in value):
                return tuple(value)
        elif args and method and all(type(s) is int for s in args):
            return args
    try:
        if keyword is not NOT_GIVEN:
            if args:
                raise TypeError(f"{fn}() got multiple values for argument '{name}'")
            return int_list_arg(keyword, fn, name, None, allow_int=False)
        if not args:
            raise TypeError(f'{fn}() missing 1 required positional arguments: "{name}"')
        if len(args) > 1 and not method:
            raise TypeError(f"{fn}() takes 2 positional arguments but {len(args) + 1} were given")
        if len(args) > 1 and not is_int(args[0]):
            raise TypeError(f"{fn}() takes 1 positional argument but {len(args)} were given")
        if len(args) > 1:
            return int_list_arg(args, fn, name, 1)
        return int_list_arg(args[0], fn, name, 1 if method else 2, allow_int=method)
    except TypeError as error:
        # with other overloads, a call matches none of them unless its list was recognised as one
        if overloads is None or "failed to unpack" in str(error):
            raise
        kwargs = {} if keyword is NOT_GIVEN else {name: keyword}
        raise invalid_arguments(fn, args, kwargs, overloads) from None
