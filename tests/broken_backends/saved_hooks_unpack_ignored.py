"""Bug: saved_tensors_hooks calls pack and unpack, but backward uses the tensor that was originally
saved, not what unpack returns.

Caught by the saved_hooks area (SAVED-002::unpacked-values: backward uses what unpack returns).
"""

import torch

from tests.broken_backends._base import Namespace, install

CAUGHT_BY = "SAVED-002::unpacked-values"


class saved_tensors_hooks(torch.autograd.graph.saved_tensors_hooks):  # noqa: N801 - torch's name
    def __init__(self, pack_hook, unpack_hook):
        def pack(tensor):
            return tensor, pack_hook(tensor)

        def unpack(stored):
            original, packed = stored
            unpack_hook(packed)
            return original

        super().__init__(pack, unpack)


graph = Namespace(f"{__name__}.autograd.graph", torch.autograd.graph, saved_tensors_hooks=saved_tensors_hooks)
install(__name__, autograd={"graph": graph})
