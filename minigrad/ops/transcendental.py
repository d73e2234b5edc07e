"""Elementwise transcendental functions: sinh cosh asin acos atan erf log1p expm1 rsqrt exp2 log2 log10, and
their in-place forms; xlogy (x * log(y), 0 where x is 0) and xlogy_; atan2 and atan2_. Forwards only: each
op's autograd story is its row in derivatives/transcendental.py. Integer inputs compute in the default dtype;
out-of-domain values give nan or inf silently, as in torch."""

import math

import numpy as np

from .._core.arguments import invalid_arguments, is_number
from ..derivatives import at
from ..derivatives import transcendental as rows
from . import Tensor, float_input, float_operands, inplace, make_output, register_methods, tensor_arg
from .signatures import parse, signatures

_erf = np.frompyfunc(math.erf, 1, 1)


def _erf_values(x):
    return _erf(x).astype(x.dtype)


def _rsqrt(x):
    return 1 / np.sqrt(x)


def _elementwise(name, row, compute):
    def op(input):
        tensor_arg(input, name)
        data = float_input(input)
        with np.errstate(all="ignore"):
            return row.record(np.asarray(compute(data), dtype=data.dtype), input)

    def op_(self):
        return inplace(self, op)

    op.__name__ = name
    op_.__name__ = name + "_"
    return op, op_


sinh, sinh_ = _elementwise("sinh", rows.SINH, np.sinh)
cosh, cosh_ = _elementwise("cosh", rows.COSH, np.cosh)
asin, asin_ = _elementwise("asin", rows.ASIN, np.arcsin)
acos, acos_ = _elementwise("acos", rows.ACOS, np.arccos)
atan, atan_ = _elementwise("atan", rows.ATAN, np.arctan)
erf, erf_ = _elementwise("erf", rows.ERF, _erf_values)
log1p, log1p_ = _elementwise("log1p", rows.LOG1P, np.log1p)
expm1, expm1_ = _elementwise("expm1", rows.EXPM1, np.expm1)
rsqrt, rsqrt_ = _elementwise("rsqrt", rows.RSQRT, _rsqrt)
exp2, exp2_ = _elementwise("exp2", rows.EXP2, np.exp2)
log2, log2_ = _elementwise("log2", rows.LOG2, np.log2)
log10, log10_ = _elementwise("log10", rows.LOG10, np.log10)

_XLOGY_OVERLOADS = (
    "(Tensor input, Tensor other, *, Tensor out = None)",
    "(Number self, Tensor other, *, Tensor out = None)",
    "(Tensor input, Number other, *, Tensor out = None)",
)
_XLOGY_METHOD_OVERLOADS = ("(Tensor other)", "(Number other)")


def _xlogy_values(a, b):
    with np.errstate(all="ignore"):
        product = np.asarray(a * np.log(b))
    zero = (np.asarray(a) == 0) & ~np.isnan(b)
    return np.where(zero, product.dtype.type(0), product)


def _xlogy(input, other):
    ta, tb, a, b = float_operands(input, other, "xlogy")
    result = _xlogy_values(a, b)
    if ta is None:
        return rows.XLOGY_SCALAR_SELF.record(result, input, other)
    if tb is None:
        return rows.XLOGY_SCALAR_OTHER.record(result, input, other)
    return rows.XLOGY.record(result, input, other)


def xlogy(input, other):
    """input * log(other), and 0 where input is 0 (unless other is nan); integers compute in the default
    dtype."""
    tensor_self = isinstance(input, Tensor)
    if not (tensor_self or is_number(input)) or not (isinstance(other, Tensor) or is_number(other)):
        raise invalid_arguments("xlogy", (input, other), {}, _XLOGY_OVERLOADS)
    if not tensor_self and not isinstance(other, Tensor):
        raise invalid_arguments("xlogy", (input, other), {}, _XLOGY_OVERLOADS)
    return _xlogy(input, other)


def _xlogy_method(self, other):
    if not (isinstance(other, Tensor) or is_number(other)):
        raise invalid_arguments("xlogy", (other,), {}, _XLOGY_METHOD_OVERLOADS)
    return _xlogy(self, other)


def xlogy_(self, other):
    if not (isinstance(other, Tensor) or is_number(other)):
        raise invalid_arguments("xlogy_", (other,), {}, _XLOGY_METHOD_OVERLOADS)
    return inplace(self, _xlogy, other)


def atan2(input, other):
    """The angle of (other, input), in (-pi, pi]; integers compute in the default dtype."""
    tensor_arg(input, "atan2")
    tensor_arg(other, "atan2", "other", 2)
    _, _, a, b = float_operands(input, other, "atan2")
    with np.errstate(all="ignore"):
        return rows.ATAN2.record(np.asarray(np.arctan2(a, b)), input, other)


def _atan2_method(self, other):
    tensor_arg(other, "atan2", "other", 1)
    return atan2(self, other)


def atan2_(self, other):
    tensor_arg(other, "atan2_", "other", 1)
    return inplace(self, atan2, other)


# ---- logit ------------------------------------------------------------------------------------------
_LOGIT = signatures("(Tensor input, float eps = None)")
_LOGIT_METHOD = signatures("(float eps = None)")


def _eps_as_float(args, kwargs, position):
    """torch reads a 0-d tensor given for the float eps (at `position`, or by keyword) as its value."""

    def plain(value):
        return value.item() if isinstance(value, Tensor) and value._data.ndim == 0 else value

    args = tuple(plain(a) if i == position else a for i, a in enumerate(args))
    if "eps" in kwargs:
        kwargs = {**kwargs, "eps": plain(kwargs["eps"])}
    return args, kwargs


def _logit_values(data, eps):
    """log(x / (1 - x)), x first clamped to [eps, 1 - eps] when eps >= 0. The clamp is torch's
    x < lo ? lo : (x > hi ? hi : x), which for eps > 0.5 (lo > hi) is not np.clip's."""
    if eps is not None and eps >= 0:
        low, high = data.dtype.type(eps), data.dtype.type(1 - eps)
        data = np.where(data < low, low, np.where(data > high, high, data))
    with np.errstate(all="ignore"):
        return np.asarray(np.log(data / (1 - data)), data.dtype)


def _logit(input, eps):
    eps = None if eps is None else float(eps)
    if input._data.dtype.kind == "c":
        raise NotImplementedError(f"\"logit_cpu\" not implemented for '{_complex_name(input)}'")
    return rows.LOGIT.record(_logit_values(float_input(input), eps), input, eps)


def _complex_name(t):
    return "ComplexFloat" if t._data.dtype == np.complex64 else "ComplexDouble"


def logit(*args, **kwargs):
    """log(p / (1 - p)); with eps, p clamped to [eps, 1 - eps] first. Integers compute in the default
    dtype."""
    _, values = parse("logit", _LOGIT, *_eps_as_float(args, kwargs, 1))
    return _logit(values["input"], values["eps"])


def _logit_method(self, *args, **kwargs):
    _, values = parse("logit", _LOGIT_METHOD, *_eps_as_float(args, kwargs, 0))
    return _logit(self, values["eps"])


def logit_(self, *args, **kwargs):
    _, values = parse("logit_", _LOGIT_METHOD, *_eps_as_float(args, kwargs, 0))
    return inplace(self, _logit, values["eps"])


_logit.__name__ = "logit"


def logit_backward(grad_output, input, eps):
    """torch's logit_backward kernel (not differentiable: it runs only while no graph is recorded):
    grad / (x * (1 - x)), 0 outside [eps, 1 - eps], or nan outside [0, 1] without eps (or a negative
    one)."""
    x, grad = input._data, grad_output._data
    with np.errstate(all="ignore"):
        value = grad / (x * (1 - x))
        if eps is None or eps < 0:
            value = np.where((x < 0) | (x > 1), x.dtype.type(np.nan), value)
        else:
            value = np.where((x < eps) | (x > 1 - eps), x.dtype.type(0), value)
    return make_output(np.asarray(value, x.dtype), None)


def infinitely_differentiable_logit_backward(grad, input, eps):
    """torch's composite: where(lo <= x <= hi, grad / (x * (1 - x)), 0), or nan outside [0, 1] without
    eps; `1 - x` as C++'s Scalar - Tensor computes it (a filled tensor minus x: SubBackward0)."""
    dtype = input._data.dtype
    one_minus = make_output(np.ones(input._data.shape, dtype), None) - input
    low, high = (0.0, 1.0) if eps is None else (eps, 1.0 - eps)
    inside = (input >= low).logical_and(input <= high)
    outside_value = make_output(np.array(np.nan if eps is None else 0, dtype), None)
    return at.where(inside, grad / (input * one_minus), outside_value)


_xlogy.__name__ = "xlogy"
at.register(
    xlogy=_xlogy,
    logit_backward=logit_backward,
    infinitely_differentiable_logit_backward=infinitely_differentiable_logit_backward,
)

register_methods(
    logit=_logit_method,
    logit_=logit_,
    atan2=_atan2_method,
    arctan2=_atan2_method,
    atan2_=atan2_,
    arctan2_=atan2_,
    xlogy=_xlogy_method,
    xlogy_=xlogy_,
    sinh=sinh,
    cosh=cosh,
    asin=asin,
    arcsin=asin,
    acos=acos,
    arccos=acos,
    atan=atan,
    arctan=atan,
    erf=erf,
    log1p=log1p,
    expm1=expm1,
    rsqrt=rsqrt,
    sinh_=sinh_,
    cosh_=cosh_,
    asin_=asin_,
    acos_=acos_,
    atan_=atan_,
    erf_=erf_,
    log1p_=log1p_,
    expm1_=expm1_,
    rsqrt_=rsqrt_,
    exp2=exp2,
    log2=log2,
    log10=log10,
    exp2_=exp2_,
    log2_=log2_,
    log10_=log10_,
)
arcsin, arccos, arctan, arctan2 = asin, acos, atan, atan2
