"""Drawing the inputs of an op case: tensor specs, shapes, dims and scalars, as plain data.

A *tensor spec* is ``(dtype name, shape, flat values)``; the check bodies build it on either
engine with ``torch.tensor(flat, dtype=...).reshape(shape)``. Every helper here takes hypothesis'
``draw`` so case functions (see ``conformance.ops.table_*``) read as straight-line code.

Values stay inside the op's domain (a *domain* is a pair of element strategies: one for float
dtypes, one for int dtypes), so that forward values are finite and gradients well defined.
"""

from __future__ import annotations

import itertools
import math

from hypothesis import strategies as st

FLOATS = ("float32", "float64")
FLOATS_AND_INT = ("float32", "float64", "int64")


def _floats(low, high):
    return st.floats(low, high, allow_nan=False, allow_infinity=False, width=32)


def _signed(magnitudes):
    return st.tuples(st.sampled_from([-1.0, 1.0]), magnitudes).map(lambda p: p[0] * p[1])


# Domains: (float elements, int elements).
REAL = (_floats(-3.0, 3.0), st.integers(-5, 5))
POSITIVE = (_floats(0.125, 3.0), st.integers(1, 5))  # log, sqrt, pow bases
NONZERO = (_signed(_floats(0.25, 3.0)), st.integers(1, 5).map(lambda i: i if i % 2 else -i))  # abs, relu, div
MODERATE = (_signed(_floats(0.5, 1.5)), st.sampled_from([-2, -1, 1, 2]))  # prod: no zeros, no overflow
EXPONENT = (_floats(-2.0, 2.0), st.integers(0, 3))  # int tensors cannot take negative int powers
WIDE_INTS = (_floats(-3.0, 3.0), st.integers(-100, 100))  # room for many distinct values
SMALL_GRID = (st.sampled_from([-1.0, 0.0, 0.5, 2.0]), st.integers(-1, 2))  # ties, for comparisons

SCALARS = (2, -1, 0.5, 1.5, -2.5, 3)
NONZERO_SCALARS = (2, -1, 0.5, -2.5, 3)
POSITIVE_SCALARS = (2.0, 0.5, 3.0)  # floats: an int base cannot take negative int powers


def numel(shape) -> int:
    return math.prod(shape)


def shape(draw, min_dims=0, max_dims=3, max_side=4, empty=True):
    """A small shape; one in ten is empty (a side of 0) when the op allows it."""
    dims = draw(st.lists(st.integers(1, max_side), min_size=min_dims, max_size=max_dims))
    if empty and dims and draw(st.integers(0, 9)) == 0:
        dims[draw(st.integers(0, len(dims) - 1))] = 0
    return tuple(dims)


def tensor(draw, dtype, shape, domain=REAL, distinct=False):
    """A tensor spec; ``distinct`` draws no two equal values (no ties for max/min)."""
    if dtype == "bool":
        elements = st.booleans()
    else:
        elements = domain[0] if dtype.startswith("float") else domain[1]
    n = numel(shape)
    flat = draw(st.lists(elements, min_size=n, max_size=n, unique=distinct))
    return (dtype, tuple(shape), flat)


def tensors_distinct(draw, dtype, shapes, domain=REAL):
    """Several tensor specs whose values are all different from each other (no ties between them)."""
    sizes = [numel(s) for s in shapes]
    flat = tensor(draw, dtype, (sum(sizes),), domain, distinct=True)[2]
    starts = [0, *itertools.accumulate(sizes)]
    return [(dtype, tuple(s), flat[i:j]) for s, i, j in zip(shapes, starts, starts[1:])]


def dim(draw, ndim):
    """A valid dim, negative ones included (a 0-d tensor accepts 0 and -1)."""
    n = max(ndim, 1)
    return draw(st.integers(-n, n - 1))


def two_dims(draw, ndim):
    """Two different valid dims of a tensor with ``ndim >= 2``, in either sign."""
    first, second = draw(st.lists(st.integers(0, ndim - 1), min_size=2, max_size=2, unique=True))
    return tuple(d - ndim if draw(st.booleans()) else d for d in (first, second))


def bad_dim(draw, ndim):
    """A dim just outside the valid range, on either side."""
    n = max(ndim, 1)
    return draw(st.sampled_from([n, n + 1, -n - 1]))


def broadcast_shapes(draw, count=2, max_dims=3):
    """``count`` shapes that broadcast together: each drops leading dims or turns sides into 1."""
    full = shape(draw, max_dims=max_dims, empty=False)
    out = []
    for _ in range(count):
        kept = full[draw(st.integers(0, len(full))) :]
        out.append(tuple(draw(st.sampled_from([side, 1])) for side in kept))
    return out


def mismatched_shapes(draw):
    """Two shapes that do not broadcast: one side differs and neither is 1."""
    a = list(shape(draw, min_dims=1, empty=False, max_side=3))
    i = draw(st.integers(0, len(a) - 1))
    a[i] = max(a[i], 2)
    b = list(a[i:])
    b[0] = draw(st.sampled_from([side for side in (2, 3, 4) if side != a[i]]))
    pair = (tuple(a), tuple(b))
    return pair if draw(st.booleans()) else pair[::-1]


def reshape_target(draw, shape):
    """Another shape with the same number of elements, sometimes with one ``-1`` to infer."""
    factors = []
    for side in shape:
        n, p = side, 2
        while n > 1:
            while n % p == 0:
                factors.append(p)
                n //= p
            p += 1
        if side == 0:
            factors.append(0)
    factors = list(draw(st.permutations(factors)))
    target = []
    for f in factors:
        if target and draw(st.booleans()):
            target[-1] *= f
        else:
            target.append(f)
    if draw(st.integers(0, 3)) == 0:
        target.insert(draw(st.integers(0, len(target))), 1)
    if target and 0 not in target and draw(st.booleans()):
        target[draw(st.integers(0, len(target) - 1))] = -1
    return tuple(target)


def pick(draw, options):
    return draw(st.sampled_from(list(options)))
