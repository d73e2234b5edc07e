"""The padding layers: F.pad in one mode with a fixed padding, given as one int for every side or as one
(left, right) pair per padded dimension, the last dimension first."""

from .. import functional as F
from .module import Module
from .utils import _ntuple, _pair

_quadruple = _ntuple(4, "_quadruple")
_sextuple = _ntuple(6, "_sextuple")


class _PadNd(Module):
    __constants__ = ["padding"]
    mode = None
    _expand = None  # the padding, from one int or a sequence

    def __init__(self, padding):
        super().__init__()
        self.padding = type(self)._expand(padding)

    def forward(self, input):
        return F.pad(input, self.padding, self.mode)

    def extra_repr(self):
        return f"{self.padding}"


class _CircularPadNd(_PadNd):
    mode = "circular"
    _input_dims = None  # (unbatched, batched)

    def _check_input_dim(self, input):
        unbatched, batched = self._input_dims
        if input.dim() != unbatched and input.dim() != batched:
            raise ValueError(f"expected {unbatched}D or {batched}D input (got {input.dim()}D input)")

    def forward(self, input):
        self._check_input_dim(input)
        return super().forward(input)


class CircularPad1d(_CircularPadNd):
    _expand, _input_dims = _pair, (2, 3)


class CircularPad2d(_CircularPadNd):
    _expand, _input_dims = _quadruple, (3, 4)


class CircularPad3d(_CircularPadNd):
    _expand, _input_dims = _sextuple, (4, 5)


class _ReflectionPadNd(_PadNd):
    mode = "reflect"


class ReflectionPad1d(_ReflectionPadNd):
    _expand = _pair


class ReflectionPad2d(_ReflectionPadNd):
    _expand = _quadruple


class ReflectionPad3d(_ReflectionPadNd):
    _expand = _sextuple


class _ReplicationPadNd(_PadNd):
    mode = "replicate"


class ReplicationPad1d(_ReplicationPadNd):
    _expand = _pair


class ReplicationPad2d(_ReplicationPadNd):
    _expand = _quadruple


class ReplicationPad3d(_ReplicationPadNd):
    _expand = _sextuple


class _ConstantPadNd(Module):
    __constants__ = ["padding", "value"]
    _expand = None

    def __init__(self, padding, value):
        super().__init__()
        self.value = value
        self.padding = type(self)._expand(padding)

    def forward(self, input):
        return F.pad(input, self.padding, "constant", self.value)

    def extra_repr(self):
        return f"padding={self.padding}, value={self.value}"


class ConstantPad1d(_ConstantPadNd):
    _expand = _pair


class ConstantPad2d(_ConstantPadNd):
    _expand = _quadruple


class ConstantPad3d(_ConstantPadNd):
    _expand = _sextuple


class ZeroPad1d(ConstantPad1d):
    def __init__(self, padding):
        super().__init__(padding, 0.0)

    def extra_repr(self):
        return f"{self.padding}"


class ZeroPad2d(ConstantPad2d):
    def __init__(self, padding):
        super().__init__(padding, 0.0)

    def extra_repr(self):
        return f"{self.padding}"


class ZeroPad3d(ConstantPad3d):
    def __init__(self, padding):
        super().__init__(padding, 0.0)

    def extra_repr(self):
        return f"{self.padding}"
