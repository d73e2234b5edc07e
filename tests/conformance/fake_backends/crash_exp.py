"""torch, except that exp kills the process at once (as a segfault would)."""

import os

import torch as _torch


def exp(x):
    print("crash_exp: about to die", flush=True)
    os._exit(7)


def __getattr__(name):
    return getattr(_torch, name)
