"""torch._C, as far as Python programs (and torch's own tests) reach into it for autograd: grad modes, the
engine's introspection (the current graph task, its execution order, the node it runs), weak tensor
references, and the `_functions` (node classes) and `_autograd` (SavedTensor) namespaces."""

import weakref

from .._core import forward_ad as _forward_ad
from .._core import grad_mode as _grad_mode
from .._core.tensor import Tensor as _Tensor
from .._core.typenames import type_name as _type_name
from ..autograd import engine as _engine
from . import _autograd, _functions  # noqa: F401

is_grad_enabled = _grad_mode.is_grad_enabled
_current_graph_task_id = _engine.current_graph_task_id
_current_graph_task_execution_order = _engine.current_graph_task_execution_order
_current_autograd_node = _engine.current_autograd_node
_will_engine_execute_node = _engine.will_engine_execute_node
_is_multithreading_enabled = _grad_mode.is_multithreading_enabled


def _set_grad_enabled(enabled):
    if type(enabled) is not bool:
        raise TypeError(
            f"set_grad_enabled(): argument 'enabled' (position 1) must be bool, not {_type_name(enabled)}"
        )
    _grad_mode.set_mode(enabled)


def _set_multithreading_enabled(enabled):
    _grad_mode.state.multithreading = bool(enabled)


def _is_fwd_grad_enabled():
    return _forward_ad.state.fwd_grad_enabled


def _set_fwd_grad_enabled(enabled):
    _forward_ad.set_fwd_grad_enabled(enabled)


class _WeakTensorRef:
    """A weak reference to a tensor that says whether the tensor is gone."""

    def __init__(self, tensor):
        if not isinstance(tensor, _Tensor):
            raise TypeError(f"expected a Tensor, got {_type_name(tensor)}")
        self._ref = weakref.ref(tensor)

    def expired(self):
        return self._ref() is None
