"""torch.utils.checkpoint: activation checkpointing, trading compute for memory.

`checkpoint(fn, *args, use_reentrant=...)` runs fn without keeping what its ops save for backward, and runs
it again when backward needs them:

- use_reentrant=True (torch's default, with a warning when not given): fn runs under no_grad inside a
  custom Function, whose backward recomputes fn with grad enabled on detached inputs and runs a nested
  (reentrant) backward through it. Incompatible with autograd.grad and backward(inputs=), as in torch.
- use_reentrant=False: fn runs with grad under saved-tensor hooks that keep placeholders instead of the
  tensors; the first unpack in a backward recomputes fn (stopping as soon as every tensor saved in the
  forward has been saved again, unless early_stop is off) and hands out the recomputed tensors, checking
  that as many were saved, with the same shape, dtype and device (determinism_check="default").

Both restore the random number generator's state of the forward for the recomputation (preserve_rng_state).
Not here: autocast and device states (minigrad has neither), and the operator traces of debug=True (its
errors are raised without them).
"""

import contextlib
import uuid
import warnings
import weakref
from collections import defaultdict

from .. import autograd
from .._C import _current_graph_task_id
from .._C._autograd import _make_saved_tensor
from .._core import grad_mode
from .._core.tensor import Tensor
from ..autograd.graph import saved_tensors_hooks
from ..nn import Sequential
from ..ops.creation import get_rng_state, set_rng_state

__all__ = [
    "CheckpointError",
    "CheckpointFunction",
    "check_backward_validity",
    "checkpoint",
    "checkpoint_sequential",
    "detach_variable",
    "set_checkpoint_debug_enabled",
    "set_checkpoint_early_stop",
]

# torch keeps these two overrides process-global, set by their context managers
_checkpoint_debug_enabled = None
_enable_checkpoint_early_stop = None

_DEBUG_TIP = """
Tip: To see a more detailed error message, either pass `debug=True` to
`torch.utils.checkpoint.checkpoint(...)` or wrap the code block
with `with torch.utils.checkpoint.set_checkpoint_debug_enabled(True):` to
enable checkpoint\u2011debug mode globally.

If this error occurs under torch.compile with automatic_dynamic_shapes enabled,
it may be because the recomputation selected a different compiled graph than the
forward pass (e.g., a dynamic graph instead of the original static graph).
To fix this, either:
  - Use torch._dynamo.mark_dynamic() to explicitly mark varying dimensions as
    dynamic upfront, avoiding the static-to-dynamic transition.
  - Call torch._C._dynamo.eval_frame._set_lru_cache(False) to disable LRU cache
    reordering, which can change which graph is checked first between forward
    and recompute.
See https://github.com/pytorch/pytorch/issues/166926 for more details and
workaround examples.
"""


class CheckpointError(RuntimeError):
    pass


@contextlib.contextmanager
def set_checkpoint_debug_enabled(enabled):
    """Overrides checkpoint's debug= while active (None: each call's own)."""
    global _checkpoint_debug_enabled
    previous = _checkpoint_debug_enabled
    _checkpoint_debug_enabled = enabled
    try:
        yield
    finally:
        _checkpoint_debug_enabled = previous


@contextlib.contextmanager
def set_checkpoint_early_stop(enable):
    """Overrides non-reentrant checkpoint's early_stop= for the forwards run while active."""
    global _enable_checkpoint_early_stop
    previous = _enable_checkpoint_early_stop
    _enable_checkpoint_early_stop = enable
    try:
        yield
    finally:
        _enable_checkpoint_early_stop = previous


def detach_variable(inputs):
    if not isinstance(inputs, tuple):
        raise RuntimeError(
            f"Only tuple of tensors is supported. Got Unsupported input type: {type(inputs).__name__}"
        )
    out = []
    for inp in inputs:
        if not isinstance(inp, Tensor):
            out.append(inp)
            continue
        x = inp.detach()
        x.requires_grad = inp.requires_grad
        out.append(x)
    return tuple(out)


def check_backward_validity(inputs):
    if not any(inp.requires_grad for inp in inputs if isinstance(inp, Tensor)):
        warnings.warn("None of the inputs have requires_grad=True. Gradients will be None", stacklevel=2)


@contextlib.contextmanager
def _rng_state_of_forward(state):
    """The generator's state of the forward while recomputing, the caller's again afterwards (fork_rng)."""
    if state is None:
        yield
        return
    surrounding = get_rng_state()
    set_rng_state(state)
    try:
        yield
    finally:
        set_rng_state(surrounding)


# ---- use_reentrant=True ------------------------------------------------------------------------------------
class CheckpointFunction(autograd.Function):
    @staticmethod
    def forward(ctx, run_function, preserve_rng_state, *args):
        check_backward_validity(args)
        ctx.run_function = run_function
        ctx.preserve_rng_state = preserve_rng_state
        ctx.fwd_cpu_state = get_rng_state() if preserve_rng_state else None
        ctx.inputs = []
        ctx.tensor_indices = []
        tensor_inputs = []
        for i, arg in enumerate(args):
            if isinstance(arg, Tensor):
                tensor_inputs.append(arg)
                ctx.tensor_indices.append(i)
                ctx.inputs.append(None)
            else:
                ctx.inputs.append(arg)
        ctx.save_for_backward(*tensor_inputs)
        with grad_mode.no_grad():
            return run_function(*args)

    @staticmethod
    def backward(ctx, *args):
        if not autograd._is_checkpoint_valid():
            raise RuntimeError(
                "When use_reentrant=True, torch.utils.checkpoint is incompatible with .grad() or passing an "
                "`inputs` parameter to .backward(). To resolve this error, you can either set "
                "use_reentrant=False, or call .backward() without passing the `inputs` argument."
            )
        inputs = list(ctx.inputs)
        for i, tensor in zip(ctx.tensor_indices, ctx.saved_tensors):
            inputs[i] = tensor
        with _rng_state_of_forward(ctx.fwd_cpu_state):
            detached_inputs = detach_variable(tuple(inputs))
            with grad_mode.enable_grad():
                outputs = ctx.run_function(*detached_inputs)
        if isinstance(outputs, Tensor):
            outputs = (outputs,)
        outputs_with_grad = []
        args_with_grad = []
        for i in range(len(outputs)):
            if isinstance(outputs[i], Tensor) and outputs[i].requires_grad:
                outputs_with_grad.append(outputs[i])
                args_with_grad.append(args[i])
        if len(outputs_with_grad) == 0:
            raise RuntimeError("none of output has requires_grad=True, this checkpoint() is not necessary")
        autograd.backward(outputs_with_grad, args_with_grad)
        grads = tuple(inp.grad if isinstance(inp, Tensor) else None for inp in detached_inputs)
        return (None, None) + grads


# ---- use_reentrant=False -----------------------------------------------------------------------------------
def _default_meta_extractor(x):
    return {"shape": x.shape, "dtype": x.dtype, "device": x.device}


_DETERMINISM_CHECKS = {"default": _default_meta_extractor, "none": lambda _: None}


class _Handle:
    pass


class _Holder:
    """What the forward saves in place of a tensor: per backward (graph task), the handle of its
    recomputed value."""

    def __init__(self):
        self.handles = {}


class _StopRecomputation(Exception):
    pass


class _Frame:
    """One checkpointed call: its inputs, placeholders of the tensors its forward saved (and their
    metadata), and per backward the tensors recomputed for them."""

    def __init__(self, recompute_fn, early_stop, metadata_fn):
        self.recompute_fn = recompute_fn
        self.early_stop = early_stop
        self.metadata_fn = metadata_fn
        self.saved_args = []
        self.weak_holders = []
        self.x_metadatas = []
        self.recomputed = defaultdict(weakref.WeakKeyDictionary)
        self.recomp_counter = defaultdict(int)
        self.is_recomputed = defaultdict(bool)
        self.forward_completed = False
        self.ignore_saved_mismatch = False

    def save_inputs(self, *args):
        self.saved_args = [
            _make_saved_tensor(arg, is_output=False) if isinstance(arg, Tensor) else arg for arg in args
        ]

    def get_inputs(self):
        return [arg.unpack() if hasattr(arg, "unpack") else arg for arg in self.saved_args]

    def check_recomputed_tensors_match(self, gid):
        if self.ignore_saved_mismatch:
            return
        if len(self.weak_holders) != self.recomp_counter[gid]:
            raise CheckpointError(
                "torch.utils.checkpoint: A different number of tensors was saved during the original forward "
                "and recomputation.\n"
                f"Number of tensors saved during forward: {len(self.weak_holders)}\n"
                f"Number of tensors saved during recomputation: {self.recomp_counter[gid]}.\n"
                f"{_DEBUG_TIP}"
            )
        different = []
        for idx, weak_holder in enumerate(self.weak_holders):
            holder = weak_holder()
            if holder is None:
                continue
            recomputed = self.recomputed[gid][holder.handles[gid]]
            if self.x_metadatas[idx] != self.metadata_fn(recomputed):
                different.append((idx, self.x_metadatas[idx], self.metadata_fn(recomputed)))
        if different:
            described = "".join(
                f"tensor at position {idx}:\nsaved metadata: {saved}\nrecomputed metadata: {again}\n"
                for idx, saved, again in different
            )
            raise CheckpointError(
                "torch.utils.checkpoint: Recomputed values for the following tensors have different metadata "
                f"than during the forward pass.\n{described}.\n{_DEBUG_TIP}"
            )


class _recomputation_hook(saved_tensors_hooks):
    """While recomputing: each saved tensor (detached) becomes the value of the next placeholder."""

    def __init__(self, frame_ref, gid):
        def pack_hook(x):
            x = x.detach() if x.requires_grad else x
            frame = frame_ref()
            index = frame.recomp_counter[gid]
            frame.recomp_counter[gid] += 1
            if index >= len(frame.weak_holders):
                if not frame.forward_completed:
                    frame.ignore_saved_mismatch = True
                    return x
                raise CheckpointError(
                    "torch.utils.checkpoint: trying to save more tensors during recomputation than during "
                    f"the original forward pass.\n{_DEBUG_TIP}"
                )
            holder = frame.weak_holders[index]()
            if holder is not None:
                holder.handles[gid] = _Handle()
                frame.recomputed[gid][holder.handles[gid]] = x
            if frame.early_stop and frame.recomp_counter[gid] == len(frame.weak_holders):
                raise _StopRecomputation
            return x

        super().__init__(pack_hook, lambda x: x)


class _checkpoint_hook(saved_tensors_hooks):
    """While the forward runs: placeholders instead of saved tensors; unpacking one recomputes once per
    backward."""

    def __init__(self, frame):
        def pack_hook(x):
            holder = _Holder()
            frame.weak_holders.append(weakref.ref(holder))
            if frame.metadata_fn is not None:
                with grad_mode.no_grad():
                    frame.x_metadatas.append(frame.metadata_fn(x))
            return holder

        def unpack_hook(holder):
            gid = _current_graph_task_id()
            if gid == -1:  # unpacked outside a backward: a recomputation of its own
                gid = int(uuid.uuid4())
            if not frame.is_recomputed[gid]:
                args = frame.get_inputs()
                try:
                    with _recomputation_hook(weakref.ref(frame), gid), grad_mode.enable_grad():
                        frame.recompute_fn(*args)
                except _StopRecomputation:
                    pass
                frame.is_recomputed[gid] = True
                frame.check_recomputed_tensors_match(gid)
            if holder.handles[gid] is None:
                raise CheckpointError(
                    "torch.utils.checkpoint: Unpack is being triggered for a tensor that was already "
                    "unpacked once. If you are calling ctx.saved_tensors in backward, make sure to do so "
                    "only once. "
                    "Otherwise please open an issue with details on your use case."
                )
            value = frame.recomputed[gid][holder.handles[gid]]
            holder.handles[gid] = None
            return value

        super().__init__(pack_hook, unpack_hook)


def _noop_context_fn():
    return contextlib.nullcontext(), contextlib.nullcontext()


noop_context_fn = _noop_context_fn


def _checkpoint_without_reentrant(
    fn, preserve_rng_state, context_fn, determinism_check, early_stop, args, kwargs
):
    if determinism_check not in _DETERMINISM_CHECKS:
        raise ValueError(
            f"determinism_check should be one of {list(_DETERMINISM_CHECKS)}, but got {determinism_check}"
        )
    forward_context, recompute_context = context_fn()
    fwd_cpu_state = get_rng_state() if preserve_rng_state else None

    def recompute_fn(*inputs):
        with _rng_state_of_forward(fwd_cpu_state), recompute_context:
            fn(*inputs, **kwargs)

    frame = _Frame(
        recompute_fn,
        _enable_checkpoint_early_stop if _enable_checkpoint_early_stop is not None else early_stop,
        _DETERMINISM_CHECKS[determinism_check],
    )
    if not grad_mode.is_grad_enabled():  # nothing is saved: the forward runs as it is
        return fn(*args, **kwargs)
    frame.save_inputs(*args)
    with _checkpoint_hook(frame), forward_context:
        result = fn(*args, **kwargs)
    frame.forward_completed = True
    return result


# ---- the API -----------------------------------------------------------------------------------------------
def checkpoint(
    function,
    *args,
    use_reentrant=None,
    context_fn=noop_context_fn,
    determinism_check="default",
    debug=False,
    early_stop=True,
    **kwargs,
):
    """Run `function(*args, **kwargs)` without keeping its saved tensors; recompute them in backward."""
    if use_reentrant is None:
        warnings.warn(
            "torch.utils.checkpoint: the use_reentrant parameter should be passed explicitly. Starting in "
            "PyTorch 2.9, calling checkpoint without use_reentrant will raise an exception. "
            "use_reentrant=False is recommended, but if you need to preserve the current default behavior, "
            "you can pass "
            "use_reentrant=True. Refer to docs for more details on the differences between the two variants.",
            stacklevel=2,
        )
        use_reentrant = True
    preserve = kwargs.pop("preserve_rng_state", True)
    if kwargs and use_reentrant:
        raise ValueError("Unexpected keyword arguments: " + ",".join(arg for arg in kwargs))
    if use_reentrant:
        if context_fn is not noop_context_fn or debug is not False:
            raise ValueError("Passing `context_fn` or `debug` is only supported when use_reentrant=False.")
        return CheckpointFunction.apply(function, preserve, *args)
    if (_checkpoint_debug_enabled if _checkpoint_debug_enabled is not None else debug) and (
        context_fn is not noop_context_fn
    ):
        raise ValueError("debug=True is incompatible with non-default context_fn")
    return _checkpoint_without_reentrant(
        function, preserve, context_fn, determinism_check, early_stop, args, kwargs
    )


def checkpoint_sequential(functions, segments, input, use_reentrant=None, **kwargs):
    """Run a sequence of modules (or an nn.Sequential) in `segments` checkpointed chunks, the last one
    without checkpointing."""
    if use_reentrant is None:
        warnings.warn(
            "torch.utils.checkpoint.checkpoint_sequential: the use_reentrant parameter should be passed "
            "explicitly. In version 2.9 we will raise an exception if use_reentrant is not passed. "
            "use_reentrant=False is recommended, but if you need to preserve the current default behavior, "
            "you can pass use_reentrant=True. Refer to docs for more details on the differences between the "
            "two variants.",
            stacklevel=2,
        )
        use_reentrant = True
    preserve = kwargs.pop("preserve_rng_state", True)
    if kwargs:
        raise ValueError("Unexpected keyword arguments: " + ",".join(arg for arg in kwargs))

    def run_function(start, end, functions):
        def forward(input):
            for j in range(start, end + 1):
                input = functions[j](input)
            return input

        return forward

    if isinstance(functions, Sequential):
        functions = list(functions.children())
    segment_size = len(functions) // segments
    end = -1
    for start in range(0, segment_size * (segments - 1), segment_size):
        end = start + segment_size - 1
        input = checkpoint(
            run_function(start, end, functions),
            input,
            use_reentrant=use_reentrant,
            preserve_rng_state=preserve,
        )
    return run_function(end + 1, len(functions) - 1, functions)(input)
