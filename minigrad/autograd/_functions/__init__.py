"""torch.autograd._functions: the legacy Functions Type and Resize that old programs (and torch's own
autograd tests) still import."""

from .tensor import Resize, Type

__all__ = ["Resize", "Type"]
