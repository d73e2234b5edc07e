"""Argument spellings the layers share: a size given as one int or as one per spatial dimension."""

from collections.abc import Iterable
from itertools import repeat


def _ntuple(n, name="parse"):
    def parse(x):
        if isinstance(x, Iterable):
            return tuple(x)
        return tuple(repeat(x, n))

    parse.__name__ = name
    return parse


_single = _ntuple(1, "_single")
_pair = _ntuple(2, "_pair")


def _reverse_repeat_tuple(t, n):
    """(a, b) -> (b, b, a, a) for n=2: a padding per spatial dimension as F.pad takes it (last dim first)."""
    return tuple(x for x in reversed(t) for _ in range(n))
