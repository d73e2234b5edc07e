"""Bug: `@torch.no_grad()` (and `@torch.no_grad`) as a function decorator does nothing; the `with`
form still works.

Caught by the grad-mode area (MODE-006::decorated-function: grad modes decorate functions).
"""

import torch

from tests.broken_backends._base import install

CAUGHT_BY = "MODE-006::decorated-function"


class no_grad(torch.no_grad):  # noqa: N801 - torch's name
    def __new__(cls, orig_func=None):
        if orig_func is not None:  # bare @torch.no_grad: hand the function back unchanged
            return orig_func
        return super().__new__(cls)

    def __call__(self, func):
        return func


install(__name__, no_grad=no_grad)
