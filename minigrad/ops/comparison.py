"""Comparisons: elementwise, bool results, never part of the graph."""

import numpy as np

from .._core.arguments import invalid_arguments, is_number
from . import Tensor, binary_operands, make_output, python_operator, register_methods

OVERLOADS = (
    "(Tensor input, Tensor other, *, Tensor out = None)",
    "(Tensor input, Number other, *, Tensor out = None)",
)


def _comparison(ufunc, name):
    def compare(input, other):
        if not isinstance(input, Tensor) or not (isinstance(other, Tensor) or is_number(other)):
            raise invalid_arguments(name, (input, other), {}, OVERLOADS)
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
    __eq__=python_operator(eq, takes_ndarray=True),
    __ne__=python_operator(ne),
    __lt__=python_operator(lt),
    __le__=python_operator(le),
    __gt__=python_operator(gt),
    __ge__=python_operator(ge),
)
