"""torch's Python argument parser for ops with several overloads (var, norm, scatter, sort...).

An op lists its signatures exactly as torch prints them in its errors (data copied from torch's messages),
in torch's order, which is also the order torch tries them in. `parse` matches a call against them as
torch's PythonArgParser does and returns which overload matched and the value of every parameter
(defaults filled in); a call that matches none raises torch's TypeError: for a single signature the
message names the bad argument, for several it is "received an invalid combination of arguments", listing
the overloads (arguments.invalid_arguments).

Function forms list `Tensor input` first; method forms leave self out, so positions count as torch's do.

`check_out` and `write_out` are what torch's out= variants do with the `out` tensor.
"""

import ast
import warnings

import numpy as np

from .._core import dtypes as _dtype
from .._core import grad_mode
from .._core.arguments import NOT_GIVEN, invalid_arguments, is_int, is_number
from .._core.dtypes import can_cast
from .._core.tensor import Tensor, bump_version, check_mutable
from .._core.typenames import type_error

REQUIRED = NOT_GIVEN


class Parameter:
    __slots__ = ("type", "name", "default", "keyword_only", "position")

    def __init__(self, text, keyword_only, position):
        declaration, _, default = text.partition(" = ")
        self.type, _, self.name = declaration.rpartition(" ")
        self.default = _literal(default) if default else REQUIRED
        self.keyword_only = keyword_only
        self.position = None if keyword_only else position


def _literal(text):
    try:
        return ast.literal_eval(text)
    except ValueError:  # a bare word: torch prints string defaults unquoted (ord = fro)
        return text


class Signature:
    """One overload: its text as torch prints it, and its parameters."""

    __slots__ = ("text", "params", "positional")

    def __init__(self, text):
        self.text = text
        self.params = []
        keyword_only = False
        for part in text[1:-1].split(", ") if text != "()" else ():
            if part == "*":
                keyword_only = True
                continue
            self.params.append(Parameter(part, keyword_only, len(self.params) + 1))
        self.positional = [p for p in self.params if not p.keyword_only]


def signatures(*texts):
    return tuple(Signature(t) for t in texts)


def accepts(type_, value):
    """torch's FunctionParameter::check for the types these ops take."""
    if type_ == "Tensor":
        return isinstance(value, Tensor)
    if type_ == "int":
        return is_int(value)
    if type_ == "bool":
        return isinstance(value, bool | np.bool_)
    if type_ == "Number":
        return is_number(value)
    if type_ == "float":
        return isinstance(value, int | float | np.integer | np.floating)
    if type_ == "str":
        return isinstance(value, str)
    if type_ == "torch.dtype":
        return type(value) is _dtype.dtype or value in (float, int, bool)
    if type_ == "tuple of ints":  # an int stands for a one-element list; torch checks the first element only
        return is_int(value) or (isinstance(value, tuple | list) and (not value or is_int(value[0])))
    if type_ == "tuple of Tensors":
        return isinstance(value, tuple | list) and all(isinstance(v, Tensor) for v in value)
    raise ValueError(f"unknown parameter type {type_!r}")


def _convert(type_, value):
    """A matched value as the op uses it: Python ints, a tuple for a list of ints, a dtype."""
    if value is None:
        return None
    if type_ == "int":
        return int(value)
    if type_ == "tuple of ints":
        if is_int(value):
            return (int(value),)
        return _int_tuple(value)
    if type_ == "torch.dtype" and type(value) is not _dtype.dtype:
        return {float: _dtype.float64, int: _dtype.int64, bool: _dtype.bool}[value]
    if type_ == "Number" and isinstance(value, Tensor):
        return value.item()
    if type_ == "Number" and isinstance(value, np.generic):
        return int(value) if isinstance(value, np.integer) else float(value)
    return value


def _int_tuple(value):
    for v in value:
        if not is_int(v) and not isinstance(v, bool):
            raise TypeError(f"type must be tuple of ints,but got {type(v).__name__}")
    return tuple(int(v) for v in value)


def _match(signature, args, kwargs):
    """The parameter values if the call fits `signature`, else None."""
    if len(args) > len(signature.positional):
        return None
    values = {}
    for param, value in zip(signature.positional, args):
        if not _fits(param, value):
            return None
        values[param.name] = value
    names = {p.name: p for p in signature.params}
    for key, value in kwargs.items():
        param = names.get(key)
        if param is None or key in values or not _fits(param, value):
            return None
        values[key] = value
    for param in signature.params:
        if param.name not in values:
            if param.default is REQUIRED:
                return None
            values[param.name] = param.default
        else:
            values[param.name] = _convert(param.type, values[param.name])
    return values


def _fits(param, value):
    return (value is None and param.default is None) or accepts(param.type, value)


def parse(fn, overloads, args, kwargs):
    """(index of the matching overload, {parameter: value}), or torch's TypeError."""
    for i, signature in enumerate(overloads):
        values = _match(signature, args, kwargs)
        if values is not None:
            return i, values
    # torch names the bad argument when only one overload takes that many arguments (print_error's
    # plausible signatures), and lists them all otherwise
    count = len(args) + len(kwargs)
    plausible = [
        s for s in overloads if sum(p.default is REQUIRED for p in s.params) <= count <= len(s.params)
    ]
    if len(overloads) > 1 and len(plausible) != 1:
        given = dict(reversed(kwargs.items()))  # torch lists keywords from its unordered_map: last first
        raise invalid_arguments(fn, args, given, [s.text for s in overloads])
    raise _single_signature_error(fn, plausible[0] if len(overloads) > 1 else overloads[0], args, kwargs)


def _single_signature_error(fn, signature, args, kwargs):
    """What torch says when the one signature does not fit: the first thing wrong, in its order."""
    positional = signature.positional
    if len(args) > len(positional):
        low = sum(p.default is REQUIRED for p in positional)
        high = len(positional)
        if high == 0:
            return TypeError(f"{fn}() takes no positional arguments but {len(args)} were given")
        takes = (
            f"{high} positional argument{'s' if high != 1 else ''}"
            if low == high
            else (f"from {low} to {high} positional arguments")
        )
        return TypeError(f"{fn}() takes {takes} but {len(args)} were given")
    names = {p.name: p for p in signature.params}
    for key in kwargs:
        if key not in names:
            return TypeError(f"{fn}() got an unexpected keyword argument '{key}'")
        if names[key] in positional[: len(args)]:
            return TypeError(f"{fn}() got multiple values for argument '{key}'")
    for param, value in zip(positional, args):
        if not _fits(param, value):
            return type_error(fn, param.name, param.position, param.type, value)
    for key, value in kwargs.items():  # (torch names no position for an argument given by keyword)
        if not _fits(names[key], value):
            return type_error(fn, key, None, names[key].type, value)
    given = {p.name for p in positional[: len(args)]} | set(kwargs)
    missing = [p.name for p in signature.params if p.default is REQUIRED and p.name not in given]
    # (sic: torch's plural is the other way round)
    plural = "s" if len(missing) == 1 else ""
    names = ", ".join(f'"{name}"' for name in missing)
    return TypeError(f"{fn}() missing {len(missing)} required positional argument{plural}: {names}")


# ---- out= ---------------------------------------------------------------------------------------------
_RESIZED = (
    "An output with one or more elements was resized since it had shape {old}, which does not match the "
    "required output shape {new}. This behavior is deprecated, and in a future PyTorch release outputs will "
    "not be resized unless they have zero elements. You can explicitly reuse an out tensor t by resizing it, "
    "inplace, to zero elements with t.resize_(0). (Triggered internally at /__w/pytorch/pytorch/aten/src/"
    "ATen/native/Resize.cpp:30.)"
)


def check_out(fn, out, *inputs):
    """Before computing: torch refuses out= while autograd would have to record (an input or out requires
    grad in grad mode)."""
    if out is None or not grad_mode.state.grad_enabled:
        return
    if any(isinstance(t, Tensor) and t._requires_grad for t in (*inputs, out)):
        raise RuntimeError(
            f"{fn}(): functions with out=... arguments don't support automatic differentiation, but one of "
            "the arguments requires grad."
        )


def write_out(out, result, exact=False):
    """Write the numpy `result` into the tensor `out` as torch's out= variants do and return out: resized
    (with torch's warning unless out was empty) to the result's shape, and of a dtype the result casts to
    (`exact`: the ops that want out's dtype to be the result's)."""
    check_mutable(out)
    have, want = out._data.dtype, result.dtype
    if exact and have != want:
        raise RuntimeError(
            f"Expected out tensor to have dtype {_dtype.from_numpy(want)._cpp}, but got "
            f"{_dtype.from_numpy(have)._cpp} instead"
        )
    if out._data.shape != result.shape:
        if out._data.size:
            old = "[" + ", ".join(map(str, out._data.shape)) + "]"
            new = "[" + ", ".join(map(str, result.shape)) + "]"
            warnings.warn(_RESIZED.format(old=old, new=new), UserWarning, stacklevel=3)
        out._data = np.empty(result.shape, have)
    if not can_cast(want, have):  # (after the resize, as torch's structured kernels check)
        names = _dtype.SCALAR_TYPE_NAMES
        raise RuntimeError(
            f"result type {names[_dtype.from_numpy(want)]} can't be cast to the desired output type "
            f"{names[_dtype.from_numpy(have)]}"
        )
    np.copyto(out._data, result, casting="unsafe")
    bump_version(out)
    return out
