"""Checks the suite cannot judge: torch itself raises (error), or a module is missing (skip)."""

from hypothesis import strategies as st

from conformance.catalog import Rule

BROKEN = Rule(
    id="TBRK-001",
    area="backward",
    title="a check whose body is wrong",
    explanation="A test rule.",
    example="""
        import torch
        print(torch.ones(1))
    """,
)


@BROKEN.check("torch-raises", n=st.integers(1, 3))
def backward_without_grad(torch, obs, n):
    torch.ones(n).sum().backward()  # nothing requires grad: torch raises, so the check is broken


@BROKEN.check("needs-module")
def needs_missing_module(torch, obs):
    import a_module_nobody_has  # noqa: F401

    obs.record("never", 1)
