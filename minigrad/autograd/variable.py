"""torch.autograd.Variable: the pre-0.4 wrapper, now a function-like class that returns a Tensor (and that
every tensor is an instance of), and the engine handle `Variable._execution_engine`."""

import warnings

from .._core.tensor import VOLATILE_REMOVED, Tensor, _make
from . import engine
from .differentiate import backward, grad

__all__ = ["Variable"]


class _EngineBase:
    """torch's engine handle, as far as Python code reaches for it."""

    @staticmethod
    def run_backward(
        tensors, grad_tensors, keep_graph, create_graph, inputs=(), allow_unreachable=False,
        accumulate_grad=True,
    ):  # fmt: skip
        """What backward() (accumulate_grad) and grad() run."""
        if accumulate_grad:
            return backward(tensors, grad_tensors, keep_graph, create_graph, inputs=inputs or None)
        return grad(tensors, inputs, grad_tensors, keep_graph, create_graph, allow_unused=allow_unreachable)

    @staticmethod
    def queue_callback(callback):
        """Run `callback` when the backward pass in progress ends (on the thread that runs it)."""
        engine.queue_callback(callback)

    @staticmethod
    def is_checkpoint_valid():
        return engine.is_checkpoint_valid()


class VariableMeta(type):
    def __instancecheck__(cls, other):
        return isinstance(other, Tensor)


class Variable(metaclass=VariableMeta):
    """Variable(data, requires_grad=False, volatile=False): a tensor sharing data's memory and version
    counter, without its history, requiring grad as asked (volatile only warns: it was removed)."""

    _execution_engine = _EngineBase()

    def __new__(cls, data=None, requires_grad=False, volatile=False, _grad_fn=None, name=None, **kwargs):
        if kwargs:
            raise TypeError(f"'{next(iter(kwargs))}' is an invalid keyword argument for this function")
        if volatile:
            warnings.warn(VOLATILE_REMOVED, UserWarning, stacklevel=2)
        if data is None:
            return Tensor()
        if not isinstance(data, Tensor):
            raise TypeError(f"Variable data has to be a tensor, but got {type(data).__name__}")
        if requires_grad and data._data.dtype.kind != "f":
            raise RuntimeError("Only Tensors of floating point and complex dtype can require gradients")
        variable = _make(data._data, vc=data._vc)
        variable._requires_grad = bool(requires_grad)
        return variable


Variable.__module__ = "torch.autograd.variable"
