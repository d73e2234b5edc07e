"""torch.autograd.graph: the backward graph's public face.

Node (every grad_fn is one), GradientEdge and get_gradient_edge (to name the gradient of a tensor in
backward()/grad() without the tensor), increment_version, hooks on saved tensors (saved_tensors_hooks,
save_on_cpu, disable_saved_tensors_hooks, allow_mutation_on_saved_tensors) and register_multi_grad_hook.
"""

import contextlib
import functools
import threading
from collections import defaultdict
from typing import NamedTuple

from .._core import grad_mode
from .._core.graph import Node, RemovableHandle, grad_accumulator
from .._core.tensor import Tensor, bump_version, make_output
from . import engine

__all__ = [
    "GradientEdge",
    "Node",
    "RemovableHandle",
    "allow_mutation_on_saved_tensors",
    "disable_saved_tensors_hooks",
    "get_gradient_edge",
    "increment_version",
    "register_multi_grad_hook",
    "save_on_cpu",
    "saved_tensors_hooks",
]


class GradientEdge(NamedTuple):
    """The edge where a tensor's gradient is computed: (node, output_nr); `autograd.grad(loss, edge)` gives
    what `autograd.grad(loss, tensor)` would."""

    node: Node
    output_nr: int
    ownership_token: Node | None = None


def _grad_fn_or_accumulator(t):
    if isinstance(t, GradientEdge):
        return t.node
    if t.requires_grad and t.grad_fn is None:
        return grad_accumulator(t)
    node = t.grad_fn
    if node is None:
        raise AssertionError("Expected gradient function to be set")
    return node


def get_gradient_edge(tensor):
    """The GradientEdge of `tensor`'s gradient (its grad_fn and output number, or its AccumulateGrad)."""
    if not tensor.requires_grad:
        raise RuntimeError(
            "It is not possible to get the gradient edge for a Tensor that does not require gradients",
        )
    return GradientEdge(_grad_fn_or_accumulator(tensor), tensor.output_nr)


def increment_version(tensor):
    """Count an in-place write autograd cannot see (a tensor or an iterable of tensors)."""
    if isinstance(tensor, Tensor):
        tensor = (tensor,)
    for t in tensor:
        if t._vc.tracks:  # torch's inference tensors have no version counter to bump
            bump_version(t)


# ---- hooks on saved tensors --------------------------------------------------------------------------------
class saved_tensors_hooks:  # noqa: N801 (torch's name)
    """While active (on this thread), every tensor saved for backward is stored as pack_hook(tensor) and
    given back by unpack_hook(packed) when backward needs it. Nested contexts: the innermost wins."""

    def __init__(self, pack_hook, unpack_hook):
        self.pack_hook = pack_hook
        self.unpack_hook = unpack_hook

    def __enter__(self):
        state = grad_mode.state
        if state.saved_hooks_disabled is not None:
            raise RuntimeError(state.saved_hooks_disabled)
        state.saved_hooks.append((self.pack_hook, self.unpack_hook))

    def __exit__(self, *args):
        grad_mode.state.saved_hooks.pop()


class save_on_cpu(saved_tensors_hooks):  # noqa: N801 (torch's name)
    """Saved tensors are kept on the CPU and moved back to their device when unpacked (every minigrad tensor
    already lives on the CPU: the packed value is (device, tensor))."""

    def __init__(self, pin_memory=False, device_type="cuda"):
        def pack_to_cpu(tensor):
            if not pin_memory:
                return (tensor.device, tensor.cpu())
            packed = make_output(tensor._data.copy(), None)
            return (tensor.device, packed)

        def unpack_from_cpu(packed):
            device, tensor = packed
            return tensor.to(device, non_blocking=pin_memory)

        super().__init__(pack_to_cpu, unpack_from_cpu)


@contextlib.contextmanager
def disable_saved_tensors_hooks(error_message):
    """While active, entering saved_tensors_hooks raises RuntimeError(error_message)."""
    state = grad_mode.state
    previous = state.saved_hooks_disabled
    try:
        if state.saved_hooks:
            raise RuntimeError(error_message)
        state.saved_hooks_disabled = error_message
        yield
    finally:
        state.saved_hooks_disabled = previous


class _AllowMutationOnSavedContext:
    def __init__(self):
        self.cloned = {}

    def clear(self):
        self.cloned.clear()


_mutation_context = threading.local()


@contextlib.contextmanager
def allow_mutation_on_saved_tensors():
    """Saved tensors may be modified in place inside the context: backward sees the values they had when they
    were saved (minigrad keeps a copy of each when it is saved; torch copies on the first write)."""
    if getattr(_mutation_context, "active", False):
        raise RuntimeError("allow_mutation_on_saved_tensors contexts cannot be nested")
    ctx = _AllowMutationOnSavedContext()

    def pack(tensor):
        return tensor, make_output(tensor._data.copy(), None)

    def unpack(packed):
        if getattr(_mutation_context, "ctx", None) is not ctx:
            raise AssertionError(
                "Trying to backward outside of the 'allow_mutation_on_saved_tensors' context"
                "in which the graph was originally recorded."
            )
        tensor, copy = packed
        copy._vc = tensor._vc  # the rebuilt tensor shares the original's version counter
        return copy

    _mutation_context.active = True
    _mutation_context.ctx = ctx
    try:
        with saved_tensors_hooks(pack, unpack):
            yield ctx
    finally:
        _mutation_context.active = False
        _mutation_context.ctx = None
        ctx.clear()


# ---- hooks on several tensors ------------------------------------------------------------------------------
class _MultiHandle(RemovableHandle):
    __slots__ = ("handles",)

    def __init__(self, handles):
        self.handles = handles

    def remove(self):
        for handle in self.handles:
            handle.remove()


def register_multi_grad_hook(tensors, fn, *, mode="all"):
    """mode "all": fn(grads) once per backward, after the gradients of all `tensors` that this backward
    computes (None for the others). mode "any": fn(grad) with the first of their gradients computed."""
    supported_modes = ("all", "any")
    lock = threading.Lock()
    if mode not in supported_modes:
        raise ValueError(f"Expects mode to be one of {supported_modes} but got {mode}")
    if mode == "all":
        count = {}
        buffer = {}
        calls = {}
        grad_fns = list(map(_grad_fn_or_accumulator, tensors))
        n = len(tensors)

        def inner_hook(idx):
            def hook(grad):
                task = engine.current_task()
                if task is None:
                    raise AssertionError("expected this hook to be called inside a backward call")
                with lock:
                    current = count.get(task.id, 0)
                    count[task.id] = current + 1
                    if current == 0:
                        calls[task.id] = sum(map(task.will_execute, grad_fns))
                        buffer[task.id] = [None] * n
                buffer[task.id][idx] = grad
                if current == calls[task.id] - 1:
                    fn(buffer.pop(task.id))
                    del count[task.id], calls[task.id]

            return hook

        handles = tuple(t.register_hook(inner_hook(i)) for i, t in enumerate(tensors))
    else:
        ran = defaultdict(bool)

        @functools.wraps(fn)
        def wrapped(grad):
            task = engine.current_task()
            if task is None:
                raise AssertionError("expected this hook to be called inside a backward call")
            with lock:
                previous, ran[task.id] = ran[task.id], True
            if not previous:
                fn(grad)

        handles = tuple(t.register_hook(wrapped) for t in tensors if t.requires_grad)
    return _MultiHandle(handles)
