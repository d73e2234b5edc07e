"""Random programs: many autograd features at once, checked step by step against torch."""

from conformance.catalog import Rule
from conformance.programs import programs, render_script, run_program

PROGRAMS = Rule(
    id="PROG-001",
    area="programs",
    title="Random autograd programs behave like torch after every step",
    explanation="""
        The other rules test one behaviour at a time; real code mixes them. This check builds random
        programs of up to a dozen steps (leaves with and without requires_grad, ops with broadcasting,
        matmul, indexing, detach, retain_grad, no_grad blocks, in-place ops, backward with or without
        retain_graph and an explicit gradient, autograd.grad, zeroing or dropping .grad, hooks that
        scale the gradient) and runs each step on torch and on the engine in lockstep. After every step
        it compares everything a user could look at: each tensor's values, shape, dtype, requires_grad,
        is_leaf, grad_fn, _version, retains_grad and .grad, and whether grad mode is on. A failure is
        reported as the shortest program hypothesis could find, written as a plain torch script.
    """,
    example="""
        import torch
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = x * x
        y.retain_grad()
        with torch.no_grad():
            z = y * 2.0
        y.sum().backward(retain_graph=True)
        y.sum().backward()
        print(x.grad, y.grad, z.requires_grad)
        y.add_(1.0)
        print(y._version, y.grad_fn.name())
    """,
    source="https://pytorch.org/docs/stable/notes/autograd.html",
)


# The body runs a program through the interpreter, so it is not self-contained: the reproducer is
# the program itself, rendered as a standalone script (the check's ``script``).
@PROGRAMS.check(
    "random-programs",
    program=programs(),
    script=lambda check, kwargs: render_script(kwargs["program"], check.id),
)
def random_programs(torch, obs, program):
    run_program(torch, obs, program)
