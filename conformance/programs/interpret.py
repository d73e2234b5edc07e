"""Running a program on one engine, recording the whole observable state after every step.

``run_program(torch, obs, program)`` executes each step's statement with ``torch`` bound to the
engine, and after each step records what a user could see: grad mode, and for every variable its
tensor (values, shape, dtype, requires_grad, is_leaf, grad_fn), ``_version``, ``retains_grad`` and
``.grad`` (the warning torch gives when a non-leaf's ``.grad`` is read is recorded too), and inside a
dual level its forward-AD tangent. Comparing two engines' records finds the first step where they
part: the programs run in lockstep.
"""

from __future__ import annotations

import re

from conformance.programs.generate import BLOCKS

_VARIABLE = re.compile(r"v\d+")


def load_forward_ad_decompositions():
    """Torch loads its forward-AD decompositions on the first make_dual of a process, warning (about
    torch.jit.script) only that once. Load them before any check runs, so that every run of a check
    sees what all later make_duals do: no warning."""
    import warnings

    import torch

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with torch.autograd.forward_ad.dual_level():
            torch.autograd.forward_ad.make_dual(torch.zeros(1), torch.zeros(1))


load_forward_ad_decompositions()


def variables(namespace: dict) -> list[str]:
    """The program's variables that exist now, in order of creation."""
    return sorted((k for k in namespace if _VARIABLE.fullmatch(k)), key=lambda k: int(k[1:]))


def read(value, attribute: str):
    """An attribute, or the exception reading it raised (which is observed like any value)."""
    try:
        return getattr(value, attribute)
    except Exception as e:
        return e


def tangent(torch, value):
    """The forward-AD tangent of a value (None for a tensor that is not dual), or the exception."""
    try:
        return torch.autograd.forward_ad.unpack_dual(value).tangent
    except Exception as e:
        return e


def record_state(torch, obs, label: str, namespace: dict, in_dual_level: bool = False):
    obs.record(f"{label}: grad enabled", torch.is_grad_enabled())
    for name in variables(namespace):
        value = obs.record(f"{label}: {name}", namespace[name])
        if value is None:  # autograd.grad(..., allow_unused=True) gives None for unused inputs
            continue
        flags = {"_version": read(value, "_version"), "retains_grad": read(value, "retains_grad")}
        obs.record(f"{label}: {name} flags", flags)
        with obs.warns(f"{label}: reading {name}.grad"):
            grad = read(value, "grad")
        obs.record(f"{label}: {name}.grad", grad)
        if in_dual_level:
            obs.record(f"{label}: {name} tangent", tangent(torch, value))


def run_program(torch, obs, program: list[str]):
    namespace = {"torch": torch}
    open_blocks = []  # (kind, context manager) of the entered blocks, innermost last
    try:
        for i, step in enumerate(program):
            with obs.warns(f"step {i} warnings"), obs.raises(f"step {i}: {step}"):
                if step in BLOCKS:
                    block = eval(step[len("with ") : -1], namespace)
                    block.__enter__()
                    open_blocks.append((BLOCKS[step], block))
                elif step.startswith("<leave "):
                    # Nothing to leave when entering failed (that was recorded already).
                    if open_blocks and open_blocks[-1][0] == step[len("<leave ") : -1]:
                        open_blocks.pop()[1].__exit__(None, None, None)
                else:
                    exec(step, namespace)
            in_dual_level = any(kind == "dual_level" for kind, _ in open_blocks)
            record_state(torch, obs, f"after step {i}", namespace, in_dual_level)
    finally:
        # Grad mode, dual levels and hooks are global: leave them as we found them, whatever happened.
        while open_blocks:
            open_blocks.pop()[1].__exit__(None, None, None)
