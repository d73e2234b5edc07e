"""Boolean and bitwise ops, none of them differentiable: all/any (whole tensor or along dims), isin,
logical_and/or/xor/not, bitwise_and/or/xor/not and the shifts, with the operators & | ^ ~ << >>, and the
value tests isnan isinf isfinite isposinf isneginf isreal (bool results; integers are finite and real).

torch computes all/any into bool (uint8 for uint8 input), the logical ops into bool, and the bitwise ops in
the promoted integer or bool dtype; a floating dtype has no bitwise kernel.
"""

import numpy as np

from .._core import dtypes as _dtype
from .._core.arguments import bool_arg, tensor_arg
from . import Tensor, binary_operands, inplace, make_output, python_operator, register_methods
from .arithmetic import NUMBER_SELF_OVERLOADS, check_number_operands
from .reductions import normalize_dims


def _kernel_error(kernel, dtype):
    return NotImplementedError(f"\"{kernel}\" not implemented for '{_dtype.SCALAR_TYPE_NAMES[dtype]}'")


# ---- all / any ---------------------------------------------------------------------------------------------
def _reduce_truth(name, ufunc, input, dim, keepdim):
    tensor_arg(input, name)
    data = input._data
    out_dtype = np.uint8 if data.dtype == np.uint8 else np.bool_
    if type(keepdim) is not bool:
        keepdim = bool_arg(keepdim, name, "keepdim", 3)
    truth = data.astype(bool)
    if dim is None:
        return make_output(np.asarray(ufunc(truth), dtype=out_dtype), None)
    axes = normalize_dims(dim, data.ndim)
    if data.ndim == 0:
        return make_output(np.asarray(truth, dtype=out_dtype), None)
    return make_output(np.asarray(ufunc(truth, axis=axes, keepdims=keepdim), dtype=out_dtype), None)


def all(input, dim=None, keepdim=False):
    return _reduce_truth("all", np.all, input, dim, keepdim)


def any(input, dim=None, keepdim=False):
    return _reduce_truth("any", np.any, input, dim, keepdim)


# ---- logical ops -------------------------------------------------------------------------------------------
def _logical(name, ufunc):
    def op(input, other):
        tensor_arg(input, name)
        tensor_arg(other, name, "other", 2)
        return make_output(np.asarray(ufunc(input._data.astype(bool), other._data.astype(bool))), None)

    op.__name__ = name
    return op


logical_and = _logical("logical_and", np.logical_and)
logical_or = _logical("logical_or", np.logical_or)
logical_xor = _logical("logical_xor", np.logical_xor)


def logical_not(input):
    tensor_arg(input, "logical_not")
    return make_output(np.logical_not(input._data.astype(bool)), None)


# ---- bitwise ops -------------------------------------------------------------------------------------------
def _bitwise(name, kernel, ufunc):
    def op(input, other):
        check_number_operands(name, input, other, NUMBER_SELF_OVERLOADS)
        ta, tb, a, b = binary_operands(input, other, name)
        dtype = np.result_type(a, b)  # the operands come promoted to one dtype
        if dtype.kind == "f":
            raise _kernel_error(kernel, _dtype.from_numpy(dtype))
        return make_output(np.asarray(ufunc(a, b)), None)

    op.__name__ = name
    return op


bitwise_and = _bitwise("bitwise_and", "bitwise_and_cpu", np.bitwise_and)
bitwise_or = _bitwise("bitwise_or", "bitwise_or_cpu", np.bitwise_or)
bitwise_xor = _bitwise("bitwise_xor", "bitwise_xor_cpu", np.bitwise_xor)
bitwise_left_shift = _bitwise("bitwise_left_shift", "lshift_cpu", np.left_shift)
bitwise_right_shift = _bitwise("bitwise_right_shift", "rshift_cpu", np.right_shift)


def bitwise_not(input):
    tensor_arg(input, "bitwise_not")
    data = input._data
    if data.dtype.kind == "f":
        raise _kernel_error("bitwise_not_cpu", input.dtype)
    return make_output(np.invert(data), None)


def _invert(self):
    if self._data.dtype.kind == "f":
        raise TypeError("~ (operator.invert) is only implemented on integer and Boolean-type tensors")
    return bitwise_not(self)


def _reflected(fn):
    return lambda self, other: fn(other, self)


# ---- isin --------------------------------------------------------------------------------------------------
def isin(elements, test_elements, *, assume_unique=False, invert=False):
    """Whether each of `elements` is among `test_elements` (either may be a number)."""
    if not isinstance(elements, Tensor) and not isinstance(test_elements, Tensor):
        raise TypeError("isin() received an invalid combination of arguments")
    values = elements._data if isinstance(elements, Tensor) else np.asarray(elements)
    tests = test_elements._data if isinstance(test_elements, Tensor) else np.asarray(test_elements)
    found = np.isin(values, tests.reshape(-1), invert=invert)
    return make_output(np.asarray(found), None)


# ---- value tests -------------------------------------------------------------------------------------------
def _value_test(name, test):
    def op(input):
        tensor_arg(input, name)
        data = input._data
        if data.dtype.kind != "f":
            return make_output(np.full(data.shape, name in ("isfinite", "isreal")), None)
        return make_output(np.asarray(test(data)), None)

    op.__name__ = name
    return op


isnan = _value_test("isnan", np.isnan)
isinf = _value_test("isinf", np.isinf)
isfinite = _value_test("isfinite", np.isfinite)
isposinf = _value_test("isposinf", np.isposinf)
isneginf = _value_test("isneginf", np.isneginf)
isreal = _value_test("isreal", lambda data: np.ones(data.shape, np.bool_))


def _inplace(fn):
    def method(self, other):
        return inplace(self, fn, other)

    method.__name__ = fn.__name__ + "_"
    return method


register_methods(
    all=all,
    any=any,
    logical_and=logical_and,
    logical_or=logical_or,
    logical_xor=logical_xor,
    logical_not=logical_not,
    bitwise_and=bitwise_and,
    bitwise_or=bitwise_or,
    bitwise_xor=bitwise_xor,
    bitwise_not=bitwise_not,
    bitwise_left_shift=bitwise_left_shift,
    bitwise_right_shift=bitwise_right_shift,
    bitwise_and_=_inplace(bitwise_and),
    bitwise_or_=_inplace(bitwise_or),
    bitwise_xor_=_inplace(bitwise_xor),
    isin=isin,
    isnan=isnan,
    isinf=isinf,
    isfinite=isfinite,
    isposinf=isposinf,
    isneginf=isneginf,
    isreal=isreal,
    __and__=python_operator(bitwise_and),
    __rand__=python_operator(_reflected(bitwise_and)),
    __iand__=python_operator(_inplace(bitwise_and)),
    __or__=python_operator(bitwise_or),
    __ror__=python_operator(_reflected(bitwise_or)),
    __ior__=python_operator(_inplace(bitwise_or)),
    __xor__=python_operator(bitwise_xor),
    __rxor__=python_operator(_reflected(bitwise_xor)),
    __ixor__=python_operator(_inplace(bitwise_xor)),
    __lshift__=python_operator(bitwise_left_shift),
    __rlshift__=python_operator(_reflected(bitwise_left_shift)),
    __ilshift__=python_operator(_inplace(bitwise_left_shift)),
    __rshift__=python_operator(bitwise_right_shift),
    __rrshift__=python_operator(_reflected(bitwise_right_shift)),
    __irshift__=python_operator(_inplace(bitwise_right_shift)),
    __invert__=_invert,
)
