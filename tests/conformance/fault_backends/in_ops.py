"""torch, except that exp misbehaves as the environment variable FAULT says:

- ``sys_exit``: calls sys.exit(3); ``os_exit``: os._exit(7); ``segfault``: dereferences NULL
- ``flood``: writes FLOOD_MB (default 200) MiB to stdout and to stderr, then returns torch's result
- ``flood_crash``: floods like ``flood``, then dies with os._exit(7)
- ``fork``: starts a process that detaches (setsid, double fork) and sleeps for an hour, writing its pid
  to the file named by FAULT_PIDS, then returns torch's result
- ``bad_str``: raises an exception whose __str__ raises
"""

import ctypes
import os
import sys
import time

import torch as _torch

FAULT = os.environ.get("FAULT", "")


class Unprintable(RuntimeError):
    def __str__(self):
        raise ValueError("this exception cannot be printed")


def _flood():
    block = b"x" * (1 << 20) + b"\n"
    for _ in range(int(os.environ.get("FLOOD_MB", "200"))):
        os.write(1, block)
        os.write(2, block)


def _detached_sleeper():
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            with open(os.environ["FAULT_PIDS"], "a") as f:
                f.write(f"{os.getpid()}\n")
            time.sleep(3600)
        os._exit(0)


def exp(x):
    if FAULT == "sys_exit":
        sys.exit(3)
    if FAULT == "os_exit":
        os._exit(7)
    if FAULT == "segfault":
        ctypes.string_at(0)
    if FAULT in ("flood", "flood_crash"):
        _flood()
        if FAULT == "flood_crash":
            os._exit(7)
    if FAULT == "fork":
        _detached_sleeper()
    if FAULT == "bad_str":
        raise Unprintable()
    return _torch.exp(x)


def __getattr__(name):
    return getattr(_torch, name)
