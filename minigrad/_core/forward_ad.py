"""Forward-mode AD's state: the dual level and the tangents tensors carry at it.

torch keeps its forward AD levels process-global (ForwardADLevel::all_forward_levels_) and allows one
level at a time ("Nested forward mode AD is not supported at the moment"); so does minigrad. A tensor's
tangent lives in its `_fw_grad` slot; exiting the level clears every tangent set at it. A view whose base has
a tangent has the matching view of the base's tangent as its own (made when first asked for, as torch does).

Ops propagate tangents with their forward-derivative formulas (minigrad/derivatives); they look at
`state.enabled` first, so that forward AD costs nothing while no level is active. Tensor.py keeps the
tangents themselves (tangent_of, set_tangent).
"""

NESTED = "Nested forward mode AD is not supported at the moment"
NO_LEVEL = (
    "Trying to create a dual Tensor for forward AD but no level exists, make sure to enter_dual_level() "
    "first."
)
NEGATIVE = "Dual level must be a positive number."
NOT_LAST = (
    "Trying to exit a forward AD level that was not the last one that was created. This is not supported."
)


class _State:
    """`level`: the active level (0) or None. `enabled`: whether ops propagate tangents now (a level is
    active, forward grad is enabled, and no forward formula is being evaluated). `tensors`: weak references
    to the tensors holding a tangent at the level."""

    __slots__ = ("level", "generation", "fwd_grad_enabled", "suspended", "enabled", "tensors")

    def __init__(self):
        self.level = None
        self.generation = 0  # counts the levels entered: a tangent saved at an exited level is stale
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
    state.generation += 1
    state.update()
    return 0


def exit_dual_level(*, level=None):
    current = -1 if state.level is None else state.level
    if level is None:
        level = current
    if level != current:
        raise RuntimeError(NOT_LAST)
    if level < 0:
        raise RuntimeError(NEGATIVE)
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
