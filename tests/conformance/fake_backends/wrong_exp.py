"""torch, except that exp is off by 50% for tensors of more than one element."""

import torch as _torch

__version__ = "0.0.1-wrong"


def exp(x):
    y = _torch.exp(x)
    return y * 1.5 if x.numel() > 1 else y


def __getattr__(name):
    return getattr(_torch, name)
