"""torch._C._autograd: SavedTensor (the class of `grad_fn._raw_saved_<name>`; Python code cannot make one),
and the helpers programs reach for around saved tensors and version counters."""

from .._core import grad_mode
from .._core.graph import SavedTensor as _SavedTensor
from .._core.tensor import Tensor
from .._core.typenames import type_name


class _SavedTensorType(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, _SavedTensor)

    def __subclasscheck__(cls, sub):
        return issubclass(sub, _SavedTensor)


class SavedTensor(metaclass=_SavedTensorType):
    """What backward keeps of a tensor (minigrad's core SavedTensor answers isinstance)."""

    def __new__(cls, *args, **kwargs):
        raise RuntimeError("Trying to create a SavedTensor object from Python is forbidden.")


SavedTensor.__module__ = "torch._C._autograd"


def _make_saved_tensor(tensor, is_output):
    """A SavedTensor of `tensor`, through the saved-tensor hooks in effect (for tests of the hooks)."""
    return _SavedTensor(tensor, is_output=is_output)


def _saved_tensors_hooks_is_enabled():
    return grad_mode.state.saved_hooks_disabled is None


def _unsafe_set_version_counter(tensors, versions):
    """Set the version counters of `tensors` (torch: only for those who know what they are doing)."""
    if not isinstance(tensors, list | tuple) or not isinstance(versions, list | tuple):
        raise TypeError(
            "_unsafe_set_version_counter(): incompatible function arguments. The following argument types "
            "are supported:\n    1. (arg0: collections.abc.Sequence[torch.Tensor], arg1: "
            "collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]) -> None\n\nInvoked with: "
            f"{tensors!r}, {versions!r}"
        )
    if len(tensors) != len(versions):
        raise RuntimeError(f"tensors_len={len(tensors)}, versions_len={len(versions)}")
    for t, version in zip(tensors, versions):
        if not isinstance(t, Tensor):
            raise TypeError(f"expected a Tensor, got {type_name(t)}")
        if version < 0:
            raise RuntimeError(f"Cannot set a version_counter to a value below 0: {version}")
        t._vc.value = int(version)
