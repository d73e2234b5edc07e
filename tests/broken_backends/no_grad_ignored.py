"""Bug: `with torch.no_grad():` does nothing; operations inside are still recorded.

Caught by the grad-mode area (MODE-001::ops-inside: inside no_grad, results are not tracked).
"""

import torch

from tests.broken_backends._base import install

CAUGHT_BY = "MODE-001::ops-inside"


class no_grad(torch.no_grad):  # noqa: N801 - torch's name
    def __enter__(self):
        pass

    def __exit__(self, *exc):
        pass


install(__name__, no_grad=no_grad)
