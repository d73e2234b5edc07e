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


# -- exact dtypes (integers and bool) and the numbers that meet them ----------------------------------

EXACT_DTYPES = ("int8", "int16", "int32", "int64", "uint8", "bool")
INT_RANGES = {
    "int8": (-(2**7), 2**7 - 1),
    "int16": (-(2**15), 2**15 - 1),
    "int32": (-(2**31), 2**31 - 1),
    "int64": (-(2**63), 2**63 - 1),
    "uint8": (0, 2**8 - 1),
}


def exact_dtypes():
    return st.sampled_from(EXACT_DTYPES)


def exact_values(dtype: str):
    """Values of an integer or bool dtype, its bounds and small numbers (zero included) most likely."""
    if dtype == "bool":
        return st.booleans()
    low, high = INT_RANGES[dtype]
    return st.one_of(
        st.sampled_from([low, high, 0, 1, -1 if low < 0 else 2]),
        st.integers(max(low, -9), 9),
        st.integers(low, high),
    )


def exact_tensor(dtype_strategy=None, shape_strategy=None):
    """``(dtype, shape, flat)`` of an integer or bool tensor (a dtype name, a shape, its values)."""
    dtype_strategy = dtype_strategy if dtype_strategy is not None else exact_dtypes()
    shape_strategy = shape_strategy if shape_strategy is not None else shapes(max_dims=2)

    def values_of(pair):
        dtype, shape = pair
        n = 1
        for side in shape:
            n *= side
        return st.lists(exact_values(dtype), min_size=n, max_size=n).map(lambda flat: (dtype, shape, flat))

    return st.tuples(dtype_strategy, shape_strategy).flatmap(values_of)


# Python ints at and beyond the edges of every integer dtype (2**64 and beyond overflow int64 itself).
EDGE_INTS = (
    0,
    1,
    -1,
    2,
    7,
    127,
    128,
    -129,
    255,
    256,
    -256,
    2**15,
    2**31 - 1,
    2**31,
    -(2**31) - 1,
    2**63 - 1,
    2**63,
    -(2**63),
    2**64,
    -(2**70),
)
EDGE_FLOATS = (0.5, -0.0, 2.5, -1.5, 255.5, 1e10, -1e30, float("inf"), float("-inf"), float("nan"))


def number_kinds() -> list:
    """One strategy per kind of tagged number (see ``conformance.rules._numbers_bodies.number``): Python
    int, float, bool, complex, Fraction, Decimal, numpy scalars and 0-d tensors."""
    return [
        st.sampled_from(EDGE_INTS).map(lambda v: ("int", v)),
        st.sampled_from(EDGE_FLOATS).map(lambda v: ("float", v)),
        st.booleans().map(lambda v: ("bool", v)),
        st.sampled_from([(1.0, 2.0), (0.0, -1.0), (3.0, 0.0)]).map(lambda v: ("complex", v)),
        st.sampled_from([(1, 3), (5, 2), (-7, 1)]).map(lambda v: ("fraction", v)),
        st.sampled_from(["2.5", "-1", "1e3"]).map(lambda v: ("decimal", v)),
        st.sampled_from(
            [
                ("int64", 3),
                ("int32", -2),
                ("uint8", 200),
                ("int8", -128),
                ("float32", 0.5),
                ("float64", -2.25),
                ("bool_", True),
            ]
        ).map(lambda v: ("numpy", v)),
        st.sampled_from(
            [
                ("float32", 1.5),
                ("float64", -0.5),
                ("int64", 300),
                ("uint8", 7),
                ("int8", -3),
                ("bool", True),
                ("int32", 0),
            ]
        ).map(lambda v: ("tensor", v)),
    ]


def numbers():
    """A tagged number of any kind."""
    return st.one_of(*number_kinds())


def operand_numbers():
    """Three tagged numbers: two Python ints (the kind whose ranges engines get wrong most) and one of
    any kind."""
    return st.tuples(number_kinds()[0], number_kinds()[0], numbers())
