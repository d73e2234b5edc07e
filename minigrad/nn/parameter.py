"""nn.Parameter and nn.Buffer: a Parameter is a leaf Tensor that requires grad by default and that a Module
registers when it is assigned as an attribute."""

from .._core.tensor import Tensor, _make
from ..ops.creation import empty


class Parameter(Tensor):
    """Parameter(data=None, requires_grad=True): shares data and version counter with `data` (as torch's
    _make_subclass, a detached alias), never has a grad_fn."""

    __module__ = "torch.nn.parameter"  # print(type(p)); it pickles through _rebuild_parameter

    __slots__ = ()

    def __new__(cls, data=None, requires_grad=True):
        if data is None:
            data = empty(0)
        if not isinstance(data, Tensor):  # torch detaches its argument first
            raise AttributeError(f"'{type(data).__name__}' object has no attribute 'detach'")
        if requires_grad and data._data.dtype.kind != "f":
            raise RuntimeError("Only Tensors of floating point and complex dtype can require gradients")
        param = _make(data._data, vc=data._vc, cls=cls)
        param.requires_grad_(requires_grad)
        return param

    def __init__(self, data=None, requires_grad=True):
        pass

    def __repr__(self):
        return "Parameter containing:\n" + super().__repr__()

    __str__ = __repr__

    def __deepcopy__(self, memo):
        if id(self) in memo:
            return memo[id(self)]
        result = type(self)(self.data.clone(), self.requires_grad)  # as torch: the gradient stays behind
        memo[id(self)] = result
        return result

    def __reduce_ex__(self, protocol):
        # its data as a plain tensor sharing its memory: saved with views of it, they share memory again
        return (_rebuild_parameter, (self.detach(), self.requires_grad))


def _rebuild_parameter(data, requires_grad):
    return Parameter(data, requires_grad)


class Buffer(Tensor):
    """nn.Buffer(data, persistent=True): a detached alias of `data` that a Module registers as a buffer
    when it is assigned as an attribute (torch marks a plain tensor; minigrad's tensors have fixed slots,
    so the mark is this subclass)."""

    __slots__ = ("persistent",)

    def __new__(cls, data=None, *, persistent=True):
        if data is None:
            data = empty(0)
        if not isinstance(data, Tensor):
            raise TypeError(f"expected a Tensor, got {type(data).__name__}")
        buffer = _make(data._data, vc=data._vc, cls=cls)
        buffer.requires_grad_(data.requires_grad)
        buffer.persistent = persistent
        return buffer

    def __init__(self, data=None, *, persistent=True):
        pass
