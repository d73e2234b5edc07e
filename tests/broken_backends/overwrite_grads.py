"""Bug: backward() overwrites each leaf's .grad instead of adding into it.

Caught by the accumulation area (ACCUM-001::k-passes: each backward() adds into .grad; it never overwrites).
Before running the real backward, this backend clears the .grad of every leaf the pass will reach.
"""

import torch

from tests.broken_backends._base import install

CAUGHT_BY = "ACCUM-001::k-passes"


def leaves_reached(roots) -> list:
    """The leaves (AccumulateGrad nodes' variables) reachable from the roots' grad_fns."""
    seen, found = set(), []
    stack = [t.grad_fn for t in roots if t.grad_fn is not None]
    while stack:
        node = stack.pop()
        if node is None or node in seen:
            continue
        seen.add(node)
        if hasattr(node, "variable"):
            found.append(node.variable)
        stack.extend(fn for fn, _ in node.next_functions)
    return found


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, inputs=None):
    roots = [tensors] if isinstance(tensors, torch.Tensor) else list(tensors)
    if inputs is not None:
        targets = [inputs] if isinstance(inputs, torch.Tensor) else list(inputs)
    else:
        targets = leaves_reached(roots)
    for leaf in targets:
        leaf.grad = None
    torch.autograd.backward(tensors, grad_tensors, retain_graph, create_graph, inputs=inputs)


install(__name__, autograd={"backward": backward})
