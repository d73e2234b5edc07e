"""Bug: torch.inference_mode() is no_grad(): nothing is recorded, but the tensors made inside are
ordinary tensors (is_inference() False) that autograd later accepts (in-place updates, saving them for
backward) where torch refuses inference tensors.

Caught by the inference area (INFER-001::flags: inside inference_mode, new tensors are inference tensors).
"""

import torch

from tests.broken_backends._base import install

CAUGHT_BY = "INFER-001::flags"


class inference_mode(torch.no_grad):  # noqa: N801 - torch's name
    def __init__(self, mode=True):
        super().__init__()
        self.mode = mode

    def __enter__(self):
        if self.mode:
            super().__enter__()

    def __exit__(self, *exc):
        if self.mode:
            super().__exit__(*exc)


install(__name__, inference_mode=inference_mode)
