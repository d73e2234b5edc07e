"""Comparisons: elementwise, bool results, never part of the graph."""

import numpy as np

from . import binary_operands, make_output, register_methods


def _comparison(ufunc, name):
    def compare(input, other):
        _, _, a, b = binary_operands(input, other, name)
        return make_output(ufunc(a, b), None)

    compare.__name__ = name
    return compare


eq = _comparison(np.equal, "eq")
ne = _comparison(np.not_equal, "ne")
lt = _comparison(np.less, "lt")
le = _comparison(np.less_equal, "le")
gt = _comparison(np.greater, "gt")
ge = _comparison(np.greater_equal, "ge")


def equal(input, other):
    """True if same shape and elements (a Python bool)."""
    return input._data.shape == other._data.shape and bool(np.array_equal(input._data, other._data))


register_methods(
    eq=eq,
    ne=ne,
    lt=lt,
    le=le,
    gt=gt,
    ge=ge,
    equal=equal,
    __eq__=eq,
    __ne__=ne,
    __lt__=lt,
    __le__=le,
    __gt__=gt,
    __ge__=ge,
)
