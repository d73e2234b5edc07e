"""torch, the reference every ratio is taken against."""

import torch

from benchmarks.engines.torchlike import TorchStyle

ADAPTER = TorchStyle(torch)
