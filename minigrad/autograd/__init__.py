"""torch.autograd: backward(), grad(), Function, grad modes, and the submodules torch.autograd has
(forward_ad, functional, graph, grad_mode, anomaly mode, gradcheck)."""

from .._C._autograd import SavedTensor
from .._core.grad_mode import (
    _DecoratorContextManager,
    enable_grad,
    inference_mode,
    is_grad_enabled,
    is_inference_mode_enabled,
    is_multithreading_enabled,
    no_grad,
    set_grad_enabled,
    set_multithreading_enabled,
)
from .._core.graph import AccumulateGrad, Node
from .._core.tensor import Tensor
from . import forward_ad, functional, grad_mode, graph  # noqa: F401  (torch.autograd's submodules)
from .anomaly_mode import detect_anomaly, set_detect_anomaly  # noqa: F401
from .differentiate import _calculate_shape, _make_grads, backward, grad  # noqa: F401  (torch's names)
from .engine import is_checkpoint_valid as _is_checkpoint_valid  # noqa: F401  (torch's private name)
from .function import Function, FunctionCtx
from .gradcheck import gradcheck, gradgradcheck  # noqa: F401
from .variable import Variable

__all__ = [
    "AccumulateGrad",
    "Function",
    "FunctionCtx",
    "Node",
    "SavedTensor",
    "Variable",
    "backward",
    "enable_grad",
    "grad",
    "graph",
    "inference_mode",
    "is_grad_enabled",
    "is_inference_mode_enabled",
    "is_multithreading_enabled",
    "no_grad",
    "set_grad_enabled",
    "set_multithreading_enabled",
]


class _unsafe_preserve_version_counter(_DecoratorContextManager):  # noqa: N801 (torch's name)
    """The version counters of `tensors` as they were on entry, again on exit (hiding the writes)."""

    def __init__(self, tensors):
        self.tensors = (tensors,) if isinstance(tensors, Tensor) else tensors
        if not isinstance(self.tensors, tuple):
            raise AssertionError("Expected tensors to be a tuple")
        self.prev_versions = tuple(t._version for t in self.tensors)

    def __enter__(self):
        pass

    def __exit__(self, *args):
        for t, version in zip(self.tensors, self.prev_versions):
            t._vc.value = version
