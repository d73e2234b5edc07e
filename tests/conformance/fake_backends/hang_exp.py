"""torch, except that exp never returns."""

import time

import torch as _torch


def exp(x):
    while True:
        time.sleep(0.05)


def __getattr__(name):
    return getattr(_torch, name)
