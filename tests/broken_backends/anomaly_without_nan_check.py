"""Bug: torch.autograd.detect_anomaly() turns anomaly mode on but never checks backward results for
nan (as if check_nan=False were always passed), so a nan gradient goes through silently.

Caught by the anomaly area (ANOMALY-001::nan-gradients: a backward node that returns nan raises).
"""

import torch

from tests.broken_backends._base import install

CAUGHT_BY = "ANOMALY-001::nan-gradients"


class detect_anomaly(torch.autograd.detect_anomaly):  # noqa: N801 - torch's name
    def __init__(self, check_nan=True):
        super().__init__(check_nan=False)


install(__name__, autograd={"detect_anomaly": detect_anomaly})
