"""Running a program on one engine, recording the whole observable state after every step.

``run_program(torch, obs, program)`` executes each step's statement with ``torch`` bound to the
engine, and after each step records what a user could see: grad mode, and for every variable its
tensor (values, shape, dtype, requires_grad, is_leaf, grad_fn), ``_version``, ``retains_grad`` and
``.grad`` (the warning torch gives when a non-leaf's ``.grad`` is read is recorded too). Comparing
two engines' records finds the first step where they part: the programs run in lockstep.
"""

from __future__ import annotations

import re

from conformance.programs.generate import ENTER_NO_GRAD, EXIT_NO_GRAD

_VARIABLE = re.compile(r"v\d+")


def variables(namespace: dict) -> list[str]:
    """The program's variables that exist now, in order of creation."""
    return sorted((k for k in namespace if _VARIABLE.fullmatch(k)), key=lambda k: int(k[1:]))


def read(value, attribute: str):
    """An attribute, or the exception reading it raised (which is observed like any value)."""
    try:
        return getattr(value, attribute)
    except Exception as e:
        return e


def record_state(torch, obs, label: str, namespace: dict):
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


def run_program(torch, obs, program: list[str]):
    namespace = {"torch": torch}
    open_blocks = []  # entered no_grad contexts, innermost last
    try:
        for i, step in enumerate(program):
            with obs.warns(f"step {i} warnings"), obs.raises(f"step {i}: {step}"):
                if step == ENTER_NO_GRAD:
                    block = torch.no_grad()
                    block.__enter__()
                    open_blocks.append(block)
                elif step == EXIT_NO_GRAD:
                    if open_blocks:  # empty only when entering failed, which is recorded already
                        open_blocks.pop().__exit__(None, None, None)
                else:
                    exec(step, namespace)
            record_state(torch, obs, f"after step {i}", namespace)
    finally:
        # Grad mode is global: leave it as we found it, whatever happened.
        while open_blocks:
            open_blocks.pop().__exit__(None, None, None)
