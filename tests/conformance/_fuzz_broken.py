"""A deliberately broken engine: real torch with one bug, for testing that the program fuzzer finds bugs.

``make_engine(bug)`` returns a module-like engine; importing this module as torch (as a reproducer
script does) gives the engine for the bug named by the environment variable FUZZ_BROKEN_BUG:

- "overwrite_grad": backward() replaces the .grad of leaves made by torch.tensor(..., requires_grad=True)
  instead of adding into it
- "ignore_no_grad": torch.no_grad() does nothing
- "ignore_saved_hooks": torch.autograd.graph.saved_tensors_hooks(pack, unpack) does nothing
"""

import os as _os
import types as _types
import weakref as _weakref

import torch as _torch

BUGS = ("overwrite_grad", "ignore_no_grad", "ignore_saved_hooks")


def _overwriting_tensor(data, dtype=None, requires_grad=False):
    """A leaf whose backward() replaces its .grad: hooks take back what earlier backwards added."""
    leaf = _torch.tensor(data, dtype=dtype, requires_grad=requires_grad)
    if requires_grad:
        this, before = _weakref.ref(leaf), {}

        def remember(grad):  # runs just before the grad is accumulated (and in autograd.grad)
            old = this().grad
            before["grad"] = None if old is None else old.detach().clone()

        def forget_earlier(tensor):  # runs after accumulation, in backward() only
            if before.get("grad") is not None and tensor.grad is not None:
                with _torch.no_grad():
                    tensor.grad.sub_(before["grad"])

        leaf.register_hook(remember)
        leaf.register_post_accumulate_grad_hook(forget_earlier)
    return leaf


class _IgnoredNoGrad:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def make_engine(bug: str) -> _types.ModuleType:
    if bug not in BUGS:
        raise ValueError(f"unknown bug {bug!r}; choose one of {BUGS}")
    engine = _types.ModuleType(f"fuzz_broken_{bug}")
    engine.__getattr__ = lambda name: getattr(_torch, name)
    if bug == "overwrite_grad":
        engine.tensor = _overwriting_tensor
    elif bug == "ignore_no_grad":
        engine.no_grad = _IgnoredNoGrad
    else:
        graph = _types.ModuleType(f"fuzz_broken_{bug}.autograd.graph")
        graph.__getattr__ = lambda name: getattr(_torch.autograd.graph, name)
        graph.saved_tensors_hooks = lambda pack, unpack: _IgnoredNoGrad()
        autograd = _types.ModuleType(f"fuzz_broken_{bug}.autograd")
        autograd.__getattr__ = lambda name: getattr(_torch.autograd, name)
        autograd.graph = graph
        engine.autograd = autograd
    return engine


_ENGINE = make_engine(_os.environ.get("FUZZ_BROKEN_BUG", "overwrite_grad"))


def __getattr__(name):
    return getattr(_ENGINE, name)
