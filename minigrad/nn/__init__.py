"""torch.nn: only the functional interface (`minigrad.nn.functional`, usually imported as F)."""

from . import functional

__all__ = ["functional"]
