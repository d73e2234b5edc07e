"""Elementwise transcendental functions: sinh cosh asin acos atan erf log1p expm1 rsqrt exp2 log2 log10, and
their in-place forms. Forwards only: each op's autograd story is its row in derivatives/transcendental.py.
Integer inputs compute in the default dtype; out-of-domain values give nan or inf silently, as in torch."""

import math

import numpy as np

from ..derivatives import transcendental as rows
from . import float_input, inplace, register_methods, tensor_arg

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

register_methods(
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
arcsin, arccos, arctan = asin, acos, atan
