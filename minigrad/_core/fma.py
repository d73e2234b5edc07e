"""fma(a, b, c): a * b + c rounded once, as the fused multiply-adds in torch's CPU kernels round it (numpy has
no fma). float32 (and float16) values multiply exactly in float64, so one float64 multiply-add then one
rounding to the dtype gives the fused result; float64 values use Dekker's exact product and a compensated
sum."""

import numpy as np

_SPLIT = 134217729.0  # 2**27 + 1: splits a float64 into two halves whose products are exact


def _halves(x):
    scaled = _SPLIT * x
    high = scaled - (scaled - x)
    return high, x - high


def _fma64(a, b, c):
    product = a * b
    a_high, a_low = _halves(a)
    b_high, b_low = _halves(b)
    product_error = ((a_high * b_high - product) + a_high * b_low + a_low * b_high) + a_low * b_low
    total = product + c
    c_part = total - product
    sum_error = (product - (total - c_part)) + (c - c_part)
    return total + (sum_error + product_error)


def fma(a, b, c, dtype):
    """a * b + c in `dtype` with one rounding; a, b, c are arrays or scalars of that dtype."""
    dtype = np.dtype(dtype)
    with np.errstate(all="ignore"):
        if dtype == np.float64:
            a, b, c = (np.asarray(v, dtype=np.float64) for v in (a, b, c))
            exact = _fma64(a, b, c)
            # huge or non-finite operands: the splitting overflows; the plain result is then the right one
            plain = a * b + c
            return np.where(np.isfinite(exact), exact, plain)
        wide = np.float64
        return (np.asarray(a, dtype=wide) * np.asarray(b, dtype=wide) + np.asarray(c, dtype=wide)).astype(
            dtype
        )
