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


EXTENDED = Rule(
    id="PROG-002",
    area="programs",
    title="Random programs with forward AD, node hooks, saved-tensor hooks and optimizers",
    explanation="""
        The programs of PROG-001 with more of torch.autograd mixed in: dual levels with make_dual and
        unpack_dual (inside a level every variable's tangent is compared too), hooks on grad_fn nodes
        and prehooks that scale the gradients they pass on, blocks of saved-tensor hooks whose unpack
        changes what backward reads, and an optimizer (SGD, with or without momentum, or Adam) over
        some leaves, stepped and zeroed between backward passes. As for PROG-001, every step is run on
        torch and on the engine in lockstep and the whole observable state is compared after each.
    """,
    example="""
        import torch
        import torch.autograd.forward_ad as fwAD
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        opt = torch.optim.SGD([x], lr=0.1)
        with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t * 2.0):
            y = x * x
        y.grad_fn.register_prehook(lambda go: tuple(g * 0.5 for g in go))
        y.sum().backward()
        opt.step()
        print(x, x.grad)
        with fwAD.dual_level():
            d = fwAD.make_dual(x.detach(), torch.ones(2))
            print(fwAD.unpack_dual(d.sin()).tangent)
    """,
    source="https://pytorch.org/docs/stable/autograd.html",
)


@EXTENDED.check(
    "random-programs",
    program=programs(extended=True),
    script=lambda check, kwargs: render_script(kwargs["program"], check.id),
)
def extended_programs(torch, obs, program):
    run_program(torch, obs, program)
