"""Forward-mode AD's state: the dual level and the tangents tensors carry at it.

torch keeps its forward AD levels process-global (ForwardADLevel::all_forward_levels_) and allows one
level at a time ("Nested forward mode AD is not supported at the moment"); so does minigrad. A tensor's
tangent lives in its `_fw_grad` slot; exiting the level clears every tangent set at it. A view whose base has
a tangent has the matching view of the base's tangent as its own (made when first asked for, as torch does).

Ops propagate tangents with their forward-derivative formulas (minigrad/derivatives); they look at
`state.enabled` first, so that forward AD costs nothing while no level is active.
"""

import weakref

import numpy as np

from .tensor import make_output
from .views import make_view

NESTED = "Nested forward mode AD is not supported at the moment"
NO_LEVEL = (
    "Trying to create a dual Tensor for forward AD but no level exists, make sure to enter_dual_level() "
    "first."
)
NOT_LAST = (
    "Trying to exit a forward AD level that was not the last one that was created. This is not supported."
)


class _State:
    """`level`: the active level (0) or None. `enabled`: whether ops propagate tangents now (a level is
    active, forward grad is enabled, and no forward formula is being evaluated). `tensors`: weak references
    to the tensors holding a tangent at the level."""

    __slots__ = ("level", "fwd_grad_enabled", "suspended", "enabled", "tensors")

    def __init__(self):
        self.level = None
        self.fwd_grad_enabled = True
        self.suspended = 0
        self.enabled = False
        self.tensors = []

    def update(self):
        self.enabled = self.level is not None and self.fwd_grad_enabled and not self.suspended


state = _State()


def enter_dual_level():
    if state.level is not None:
        raise RuntimeError(NESTED)
    state.level = 0
    state.update()
    return 0


def exit_dual_level(*, level=None):
    current = -1 if state.level is None else state.level
    if level is None:
        level = current
    if level != current or level < 0:
        raise RuntimeError(NOT_LAST)
    for ref in state.tensors:
        t = ref()
        if t is not None:
            t._fw_grad = None
    state.tensors = []
    state.level = None
    state.update()


class suspended:
    """While a forward formula runs, the ops it calls must not propagate tangents of their own."""

    __slots__ = ()

    def __enter__(self):
        state.suspended += 1
        state.enabled = False

    def __exit__(self, *exc):
        state.suspended -= 1
        state.update()


def set_fwd_grad_enabled(mode):
    previous = state.fwd_grad_enabled
    state.fwd_grad_enabled = bool(mode)
    state.update()
    return previous


def tangent_of(t):
    """t's tangent at the active level, or None. A view without one of its own takes the matching view of its
    base's tangent (torch makes it when first asked for, then keeps it)."""
    tangent = t._fw_grad
    if tangent is not None or t._base is None or state.level is None:
        return tangent
    base_tangent = t._base._fw_grad
    if base_tangent is None:
        return None
    tangent = view_like(base_tangent, t._data, t._base._data)
    set_tangent(t, tangent)
    return tangent


def view_like(source, view_data, base_data):
    """The view of tensor `source` (laid out like `base_data`, dtype aside) that `view_data` is of
    `base_data`: same element offset, shape and strides in elements."""
    src = source._data
    offset = (view_data.__array_interface__["data"][0] - base_data.__array_interface__["data"][0]) // (
        base_data.itemsize
    )
    strides = tuple(s // base_data.itemsize * src.itemsize for s in view_data.strides)
    flat = src.ravel(order="K")  # a view for a dense tensor: its elements in memory order
    if not np.shares_memory(flat, src):
        array = np.lib.stride_tricks.as_strided(flat[offset:], view_data.shape, strides)
        return make_output(
            array.copy(), None
        )  # not dense: a copy, as torch copies a tangent of another layout
    return make_view(source, np.lib.stride_tricks.as_strided(flat[offset:], view_data.shape, strides), None)


def set_tangent(t, tangent):
    """Make `tangent` the tangent of `t` at the active level."""
    if t._fw_grad is None:
        state.tensors.append(weakref.ref(t))
    t._fw_grad = tangent
