"""torch.autograd.graph: the backward graph's public face (Node, hooks on saved tensors and gradients)."""

from .._core.graph import Node, RemovableHandle

__all__ = ["Node", "RemovableHandle"]
