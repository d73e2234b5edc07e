"""Rows of the conversion family: clone and _to_copy (to(dtype), float(), ...; their forwards:
ops/conversion.py).

Both are linear: the gradient passes through (_to_copy's cast back to the input's dtype, which torch's
_to_copy_backward does with `grad.to(self.options())`: a ToCopyBackward0 of its own under create_graph), and
the tangent is the same copy of the input's tangent. Neither saves anything torch shows.
"""

from . import Derivative, at

CLONE = Derivative(
    "clone(Tensor self, *, MemoryFormat? memory_format=None) -> Tensor",
    "CloneBackward0",
    self=lambda grad: grad,
    result=lambda self_t, memory_format: at.clone(self_t, memory_format=memory_format),
)
TO_COPY = Derivative(
    "_to_copy(Tensor self, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None,"
    " bool? pin_memory=None, bool non_blocking=False, MemoryFormat? memory_format=None) -> Tensor",
    "ToCopyBackward0",
    self=lambda grad, self_scalar_type: at.to_copy_backward(grad, self_scalar_type),
    result=lambda self_t, dtype, memory_format: at.to_copy(self_t, dtype, memory_format),
)
