"""torch, except that asking the module for any name it lacks raises RuntimeError, not AttributeError."""

import torch as _torch

exp = _torch.exp


def __getattr__(name):
    if name.startswith("__"):
        raise RuntimeError(f"no {name} here")
    return getattr(_torch, name)
