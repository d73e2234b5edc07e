"""torch.utils: the data loading tools (torch.utils.data)."""

from . import data

__all__ = ["data"]
