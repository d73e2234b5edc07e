"""Hypothesis strategies shared by the rule and op checks.

Everything drawn here is plain Python data (tuples, lists, strings, floats), never an engine's
tensor: a check body builds its tensors itself, on whichever engine it is given, so the same
drawn arguments mean the same program on torch and on the backend, and print as literals in a
reproducer.
"""

from __future__ import annotations

from hypothesis import strategies as st

FLOAT_DTYPES = ("float32", "float64")
INT_DTYPES = ("int32", "int64")


def float_dtypes():
    """A floating dtype's name; bodies use ``getattr(torch, dtype)``."""
    return st.sampled_from(FLOAT_DTYPES)


def shapes(min_dims: int = 0, max_dims: int = 3, min_side: int = 1, max_side: int = 4):
    """Small shapes, 0-d included by default; ``min_side=0`` allows empty tensors."""
    return st.lists(st.integers(min_side, max_side), min_size=min_dims, max_size=max_dims).map(tuple)


def nonempty_shapes(max_dims: int = 3):
    return shapes(min_dims=1, max_dims=max_dims)


def values(shape, low: float = -3.0, high: float = 3.0):
    """Nested lists of floats of the given shape (a Python float for 0-d)."""
    elem = st.floats(low, high, allow_nan=False, allow_infinity=False, width=32)
    if not shape:
        return elem
    strat = elem
    for side in reversed(shape):
        strat = st.lists(strat, min_size=side, max_size=side)
    return strat


def tensor_data(shape_strategy=None, low: float = -3.0, high: float = 3.0):
    """Values for a tensor of a drawn shape: nested lists, ready for ``torch.tensor(data)``.

    Empty shapes cannot be described by nested lists alone, so the data is a ``(shape, flat)``
    pair; bodies build it with ``torch.tensor(flat).reshape(shape)``.
    """
    shape_strategy = shape_strategy if shape_strategy is not None else shapes()

    def with_values(shape):
        n = 1
        for s in shape:
            n *= s
        flat = st.lists(
            st.floats(low, high, allow_nan=False, allow_infinity=False, width=32), min_size=n, max_size=n
        )
        return st.tuples(st.just(shape), flat)

    return shape_strategy.flatmap(with_values)


@st.composite
def broadcastable_shapes(draw, max_dims: int = 3, max_side: int = 4):
    """Two shapes that broadcast together (one may have fewer dims or size-1 sides)."""
    full = draw(shapes(min_dims=0, max_dims=max_dims, max_side=max_side))
    other = []
    for side in full[draw(st.integers(0, len(full))) :]:
        other.append(draw(st.sampled_from([side, 1])))
    pair = (full, tuple(other))
    return pair if draw(st.booleans()) else pair[::-1]


def scalars(low: float = -3.0, high: float = 3.0):
    """A Python float or int scalar operand."""
    return st.one_of(st.integers(-3, 3), st.floats(low, high, allow_nan=False, width=32))


def broadcastable_tensor_data(low: float = -3.0, high: float = 3.0):
    """Two ``(shape, flat)`` tensor descriptions whose shapes broadcast together."""
    return broadcastable_shapes().flatmap(
        lambda pair: st.tuples(*(tensor_data(st.just(shape), low, high) for shape in pair))
    )
