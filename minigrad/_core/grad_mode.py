"""Grad mode: whether ops record a graph. Thread-local, like torch; the only global mutable state of minigrad.

Every context manager here also works as a decorator and restores the previous state when its block raises.
The thread-local object also holds the node sequence counter (torch's is thread-local too).
"""

import functools
import inspect
import threading
import warnings

from . import forward_ad
from .typenames import type_name


class _State(threading.local):
    """`grad_mode` is torch's GradMode, what is_grad_enabled() reports. `grad_enabled` is whether ops record
    a graph, which every op tests: the same, except in inference mode, which records nothing even under
    enable_grad (torch's InferenceMode takes the autograd dispatch keys away)."""

    def __init__(self):
        self.grad_mode = True
        self.grad_enabled = True
        self.inference = False
        self.sequence_nr = 0
        self.saved_hooks = []  # the saved_tensors_hooks stack: (pack, unpack) pairs, innermost last
        self.saved_hooks_disabled = None  # disable_saved_tensors_hooks' error message while active
        self.multithreading = (
            True  # set_multithreading_enabled (the CPU engine runs on the caller either way)
        )


state = _State()


def is_grad_enabled():
    return state.grad_mode


def set_mode(enabled):
    """Set grad mode; returns what restore_mode() needs to put the previous mode back."""
    saved = (state.grad_mode, state.grad_enabled)
    state.grad_mode = enabled
    state.grad_enabled = enabled and not state.inference
    return saved


def restore_mode(saved):
    state.grad_mode, state.grad_enabled = saved


def is_inference_mode_enabled():
    return state.inference


def next_sequence_nr():
    s = state
    n = s.sequence_nr
    s.sequence_nr = n + 1
    return n


CLASS_DECORATION = (
    "Decorating classes is deprecated and will be disabled in future versions. You should only decorate "
    "functions or methods. To preserve the current behavior of class decoration, you can directly decorate "
    "the `__init__` method and nothing else."
)


class _DecoratorContextManager:
    """Base: `with cm():` or `@cm()` (and `@cm` for the argument-less ones)."""

    def __call__(self, func):
        if inspect.isclass(func):
            warnings.warn(CLASS_DECORATION, FutureWarning, stacklevel=2)
            cls = func
            func = lambda *args, **kwargs: cls(*args, **kwargs)  # noqa: E731  (torch wraps the class so)
        if inspect.isgeneratorfunction(func):
            return self._wrap_generator(func)

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            with self.clone():
                return func(*args, **kwargs)

        return wrapper

    def _wrap_generator(self, func):
        """A decorated generator runs each step (start, send, throw, close) inside the mode; between its
        yields the caller's mode applies, as in torch."""

        @functools.wraps(func)
        def generator(*args, **kwargs):
            gen = func(*args, **kwargs)
            try:
                with self.clone():
                    response = gen.send(None)
                while True:
                    try:
                        request = yield response
                    except GeneratorExit:
                        with self.clone():
                            gen.close()
                        raise
                    except BaseException as e:
                        with self.clone():
                            response = gen.throw(e)
                    else:
                        with self.clone():
                            response = gen.send(request)
            except StopIteration as stop:
                return stop.value

        return generator

    def clone(self):
        return self.__class__()


def _set_grad_enabled(enabled):
    """torch._C._set_grad_enabled: grad mode on or off (recording stays off in inference mode)."""
    state.grad_mode = enabled
    state.grad_enabled = enabled and not state.inference


class no_grad(_DecoratorContextManager):
    # like torch's: `prev` holds a bool (False before __enter__, so exiting first turns grad mode off, as
    # torch)
    def __new__(cls, orig_func=None):
        # `@no_grad` without parentheses, as torch allows
        if orig_func is not None and callable(orig_func):
            return cls()(orig_func)
        return super().__new__(cls)

    def __init__(self, orig_func=None):
        self.prev = False

    def __enter__(self):
        self.prev = state.grad_mode
        _set_grad_enabled(False)

    def __exit__(self, *exc):
        _set_grad_enabled(self.prev)


class enable_grad(_DecoratorContextManager):
    # no `prev` before __enter__: exiting first raises torch's AttributeError
    def __new__(cls, orig_func=None):
        if orig_func is not None and callable(orig_func):
            return cls()(orig_func)
        return super().__new__(cls)

    def __init__(self, orig_func=None):
        pass

    def __enter__(self):
        self.prev = state.grad_mode
        _set_grad_enabled(True)

    def __exit__(self, *exc):
        _set_grad_enabled(self.prev)


class set_grad_enabled(_DecoratorContextManager):
    """Sets the mode at construction (so a plain call works) and restores the previous one on exit."""

    def __init__(self, mode):
        if type(mode) is not bool:  # torch._C._set_grad_enabled takes a real bool only
            raise TypeError(
                f"set_grad_enabled(): argument 'enabled' (position 1) must be bool, not {type_name(mode)}"
            )
        self.prev = state.grad_mode
        self.mode = mode
        _set_grad_enabled(mode)

    def __call__(self, func):
        # used as a decorator: the construction above must not leak into the caller
        _set_grad_enabled(self.prev)
        return super().__call__(func)

    def __enter__(self):
        _set_grad_enabled(self.mode)  # the mode may have changed between construction and `with`

    def __exit__(self, *exc):
        _set_grad_enabled(self.prev)

    def clone(self):
        return self.__class__(self.mode)

    def __str__(self):
        return f"torch.autograd.grad_mode.set_grad_enabled(mode={self.mode})"

    __repr__ = __str__


class inference_mode(_DecoratorContextManager):
    """Disables grad recording like no_grad and reports is_inference_mode_enabled() while active; tensors
    made inside are inference tensors (see Tensor.is_inference)."""

    def __new__(cls, mode=True):
        if isinstance(mode, bool):
            return super().__new__(cls)
        return cls()(mode)  # anything else is the function to decorate, as in torch

    def __init__(self, mode=True):
        self.mode = mode

    def __enter__(self):
        # torch's InferenceMode guard sets grad mode, forward grad mode and multithreading to the opposite of
        # the inference flag, so inference_mode(False) enables grad even inside no_grad
        self._inference_mode_context = (
            state.grad_mode, state.grad_enabled, state.inference, state.multithreading,
            forward_ad.set_fwd_grad_enabled(not self.mode),
        )  # fmt: skip
        state.inference = self.mode
        state.multithreading = not self.mode
        set_mode(not self.mode)

    def __exit__(self, *exc):
        context = self._inference_mode_context
        state.grad_mode, state.grad_enabled, state.inference, state.multithreading, fwd_grad = context
        forward_ad.set_fwd_grad_enabled(fwd_grad)

    def clone(self):
        return self.__class__(self.mode)


def is_multithreading_enabled():
    return state.multithreading


class set_multithreading_enabled(_DecoratorContextManager):  # noqa: N801 (torch's name)
    """Sets whether backward runs multithreaded, at construction (so a plain call works), restoring the
    previous setting on exit. On the CPU torch's engine runs on the calling thread either way; what changes
    is what _current_graph_task_execution_order allows."""

    def __init__(self, mode):
        if type(mode) is not bool:
            raise TypeError(
                f"set_multithreading_enabled(): argument 'enabled' (position 1) must be bool, not "
                f"{type_name(mode)}"
            )
        self.prev = state.multithreading
        state.multithreading = mode
        self.mode = mode

    def __enter__(self):
        pass

    def __exit__(self, *exc):
        state.multithreading = self.prev

    def clone(self):
        return self.__class__(self.mode)
