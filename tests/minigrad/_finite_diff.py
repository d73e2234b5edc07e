"""Helpers shared by the op tests: inputs built from one numpy array for both libraries, hypothesis strategies
for shapes/dims, and a central-difference check of minigrad's backward formulas in float64."""

import numpy as np
from hypothesis import strategies as st

import minigrad

FLOAT_DTYPES = ("float32", "float64")

# 0-d, empty and small shapes
shapes = st.lists(st.integers(0, 3), min_size=0, max_size=3).map(tuple)
nonempty_shapes = st.lists(st.integers(1, 3), min_size=0, max_size=3).map(tuple)
seeds = st.integers(0, 2**32 - 1)


def values(shape, seed, kind="normal"):
    """Float64 values: 'normal' (continuous), 'ties' (small integers: many equal values), 'positive'."""
    rng = np.random.default_rng(seed)
    if kind == "ties":
        return rng.integers(-2, 3, size=shape).astype(np.float64)
    if kind == "positive":
        return rng.uniform(0.5, 2.0, size=shape)
    return rng.standard_normal(shape)


def tensor(t, array, dtype="float32", requires_grad=True):
    """The same numpy data as a torch or minigrad tensor (t is the module)."""
    x = t.from_numpy(np.array(array, dtype=dtype, copy=True))
    return x.requires_grad_(requires_grad)


def dims(ndim, allow_tuple=True):
    """A dim argument valid for a tensor with ndim dims: an int, or (if allowed) a tuple of distinct dims."""
    span = max(ndim, 1)
    one = st.integers(-span, span - 1)
    if not allow_tuple:
        return one
    axes = st.lists(st.integers(0, span - 1), unique=True, max_size=span)
    signed = axes.flatmap(lambda a: st.tuples(*(st.sampled_from((d, d - span)) for d in a)))
    return st.one_of(one, signed if ndim else st.just((0,)))


def check_backward(fn, array, eps=1e-6, tol=1e-4):
    """fn(minigrad_tensor) -> tensor. Compares the jacobian minigrad's backward computes with central
    differences of minigrad's forward, in float64."""
    x = minigrad.from_numpy(np.array(array, dtype=np.float64, copy=True)).requires_grad_()
    out = fn(x)
    n_out = out.numel()
    analytic = np.zeros((n_out, x.numel()))
    for k in range(n_out):
        seed = np.zeros(n_out)
        seed[k] = 1.0
        seed = minigrad.from_numpy(seed.reshape(out.shape))
        (grad,) = minigrad.autograd.grad(out, x, seed, retain_graph=True)
        analytic[k] = grad._data.reshape(-1)
    numeric = np.zeros_like(analytic)
    flat = np.array(array, dtype=np.float64).reshape(-1)
    for i in range(flat.size):
        plus, minus = flat.copy(), flat.copy()
        plus[i] += eps
        minus[i] -= eps
        f_plus = fn(minigrad.from_numpy(plus.reshape(x.shape)))._data.reshape(-1)
        f_minus = fn(minigrad.from_numpy(minus.reshape(x.shape)))._data.reshape(-1)
        numeric[:, i] = (f_plus - f_minus) / (2 * eps)
    np.testing.assert_allclose(analytic, numeric, rtol=tol, atol=tol)
