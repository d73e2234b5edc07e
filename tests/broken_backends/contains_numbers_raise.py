"""Bug: `x in t` raises TypeError when x is a Python number (torch answers (t == x).any()).

Caught by the numbers area (NUM-003::contains-and-convert: `x in t` and converting a tensor to a Python
number).
"""

import torch

from tests.broken_backends._base import Tensor, install

CAUGHT_BY = "NUM-003::contains-and-convert"


class NumberlessTensor(Tensor):
    def __contains__(self, element):
        if isinstance(element, (int, float, bool)):
            raise TypeError(f"'in <tensor>' requires a tensor as left operand, not {type(element).__name__}")
        return torch.Tensor.__contains__(self, element)


install(__name__, tensor_class=NumberlessTensor)
