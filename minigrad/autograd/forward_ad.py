"""torch.autograd.forward_ad: dual tensors and the dual level.

`make_dual(x, t)` is a view of `x` carrying tangent `t`; every op propagates tangents with its forward
derivative (the `result` formula of its row in minigrad/derivatives); `unpack_dual(y)` gives back the primal
(a view of y without the tangent) and the tangent. One level at a time, as in torch.
"""

from typing import NamedTuple

from .._core import forward_ad as _state_module
from .._core.grad_mode import _DecoratorContextManager
from .._core.tensor import Tensor, checked_tangent, set_tangent, tangent_of
from ..ops import views

__all__ = [
    "UnpackedDualTensor",
    "dual_level",
    "enter_dual_level",
    "exit_dual_level",
    "make_dual",
    "unpack_dual",
]

_state = _state_module.state


def enter_dual_level():
    """Enter a new forward grad level (torch allows one at a time) and return its index."""
    return _state_module.enter_dual_level()


def exit_dual_level(*, level=None):
    """Exit the forward grad level, deleting the tangents set at it."""
    _state_module.exit_dual_level(level=level)


def _level():
    return -1 if _state.level is None else _state.level


def __getattr__(name):
    # torch keeps the active level in the module global `_current_level` (-1 without one), which its own
    # tests read; here it is read from the core's state, which is the one source of truth
    if name == "_current_level":
        return _level()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def make_dual(tensor, tangent, *, level=None):
    """A view of `tensor` with `tangent` as its forward gradient (the tangent kept as-is when laid out like
    the tensor, copied otherwise). Backward-differentiable: a ViewBackward0 into `tensor`."""
    if level is None:
        level = _level()
    if level < 0:
        raise RuntimeError(_state_module.NO_LEVEL)
    if not tensor.is_floating_point():
        raise ValueError(f"Expected primal to be floating point or complex, but got: {tensor.dtype}")
    if not tangent.is_floating_point():
        raise ValueError(f"Expected tangent to be floating point or complex, but got: {tangent.dtype}")
    if level != _state.level:
        if level == 0:  # torch: a level that does not exist (the only one there can be)
            raise RuntimeError(
                "Trying to access a forward AD level with an invalid index. This index was either not "
                "created or is already deleted."
            )
        raise RuntimeError("Invalid level given to _make_dual")
    if tangent_of(tensor) is not None:
        raise RuntimeError(
            "Making a dual Tensor based on a Tensor that already has a forward gradient at the same level "
            f"{level} is not supported."
        )
    tangent = checked_tangent(tensor, tangent)
    with _state_module.suspended():  # the view itself gets the given tangent, not one derived from tensor's
        dual = views.view(tensor, tensor._data.shape)  # torch's _make_dual: a ViewBackward0 into tensor
    set_tangent(dual, tangent)
    return dual


class UnpackedDualTensor(NamedTuple):
    """Namedtuple returned by `unpack_dual`: the primal and tangent components of a dual tensor."""

    primal: Tensor
    tangent: Tensor | None


def unpack_dual(tensor, *, level=None):
    """(primal, tangent) of a dual tensor: the primal is a view of it without the tangent, the tangent
    as-is (None for a tensor without one, whose primal is still a view, as torch's _fw_primal). Outside a
    level, (tensor, None)."""
    if level is None:
        level = _level()
    if level < 0:
        return UnpackedDualTensor(tensor, None)
    # with forward grad off (inference mode too) torch's _fw_grad finds no tangent
    tangent = tangent_of(tensor) if _state.fwd_grad_enabled else None
    if tangent is not None and level != _state.level:
        raise RuntimeError("Invalid level given to _fw_primal")
    with _state_module.suspended():
        primal = views.unpack_dual(tensor, level)
    return UnpackedDualTensor(primal, tangent)


class dual_level(_DecoratorContextManager):
    """Context manager (or decorator) for forward AD: enters a dual level, and exits it (deleting its
    tangents) on the way out."""

    def __enter__(self):
        return enter_dual_level()

    def __exit__(self, exc_type, exc_value, traceback):
        exit_dual_level()


def _is_fwd_grad_enabled():
    return _state.fwd_grad_enabled


class _set_fwd_grad_enabled(_DecoratorContextManager):
    def __init__(self, mode):
        self.prev = _state_module.set_fwd_grad_enabled(mode)

    def __enter__(self):
        pass

    def __exit__(self, exc_type, exc_value, traceback):
        _state_module.set_fwd_grad_enabled(self.prev)
