"""Bug: leaving a no_grad block by an exception does not restore grad mode (it stays disabled).

Caught by the grad-mode area (MODE-007::raise-inside: leaving a grad-mode block by an exception restores the
previous mode). The leaked mode is the real thread-local grad mode, so whoever runs this backend must
restore grad mode after each body.
"""

import torch

from tests.broken_backends._base import install

CAUGHT_BY = "MODE-007::raise-inside"


class no_grad(torch.no_grad):  # noqa: N801 - torch's name
    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            super().__exit__(exc_type, exc, tb)


install(__name__, no_grad=no_grad)
