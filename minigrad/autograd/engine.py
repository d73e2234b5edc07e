"""The backward engine: dependency counting over the graph reachable from the roots, then a ready queue
ordered like torch's CPU engine (higher sequence number first; AccumulateGrad's is the maximum so it runs as
soon as it is ready). Iterative throughout, so million-node chains work.

Every gradient a node produces is checked against the receiving input's metadata like torch's
validate_outputs: summed down to its shape when it is a broadcast of it, cast to its dtype.
"""

import heapq

import numpy as np

from ..tensor import Tensor, make_output
from . import grad_mode
from .graph import AccumulateGrad


def _shape_list(shape):
    return "[" + ", ".join(str(d) for d in shape) + "]"


def _expandable(shape, to_shape):
    """Can `shape` be broadcast (expanded) to `to_shape`?"""
    if len(shape) > len(to_shape):
        return False
    for s, t in zip(reversed(shape), reversed(to_shape)):
        if s != t and s != 1:
            return False
    return True


def _reduce_grad(grad, shape):
    """sum_to: numpy when no graph is being built, minigrad ops otherwise (create_graph)."""
    if not grad_mode.state.grad_enabled or not grad._requires_grad:
        data = grad._data
        lead = data.ndim - len(shape)
        axes = tuple(range(lead)) + tuple(
            lead + i for i, n in enumerate(shape) if n == 1 and data.shape[lead + i] != 1
        )
        return make_output(np.sum(data, axis=axes, keepdims=True).reshape(shape), None)
    from ..ops.reductions import sum_to

    return sum_to(grad, shape)


def validate_outputs(node, grads):
    """Check count, reduce broadcast shapes and cast dtypes of the gradients `node` produced."""
    edges = node.next_functions
    if type(grads) is not tuple:
        grads = tuple(grads) if isinstance(grads, list) else (grads,)
    if len(grads) != len(edges):
        raise RuntimeError(
            f"function {node.name()} returned an incorrect number of gradients "
            f"(expected {len(edges)}, got {len(grads)})"
        )
    out = list(grads)
    for i in range(len(out)):
        nxt, nr = edges[i]
        g = out[i]
        if g is None or nxt is None:
            continue
        if not isinstance(g, Tensor):
            raise TypeError(
                f"function {node.name()} returned a gradient of type {type(g).__name__} at index {i}"
            )
        shape, dtype = nxt._input_meta(nr)
        data = g._data
        if data.shape == shape and data.dtype == dtype:
            continue
        if data.shape != shape:
            if not _expandable(shape, data.shape):
                raise RuntimeError(
                    f"Function {node.name()} returned an invalid gradient at index {i} - got "
                    f"{_shape_list(data.shape)} but expected shape compatible with {_shape_list(shape)}"
                )
            g = _reduce_grad(g, shape)
        if g._data.dtype != dtype:
            from .._dtype import from_numpy
            from ..ops.conversion import _to_copy

            g = _to_copy(g, from_numpy(dtype))
        out[i] = g
    return out


def _hook_name(hook):
    name = getattr(hook, "__name__", None)
    return name if isinstance(name, str) else "<unknown>"


def check_hook_result(hook, original, result):
    """torch's check_single_result: a hook may return None or a tensor of the same type and size."""
    if result is None:
        return original
    if original is None:
        raise RuntimeError("can't replace a None gradient with a non-None value")
    if not isinstance(result, Tensor):
        raise TypeError(f"expected Variable, but hook returned '{type(result).__name__}'")
    if result._data.dtype != original._data.dtype:
        raise RuntimeError(
            f"hook '{_hook_name(hook)}' has changed the type of value (was torch.{original.dtype._legacy} "
            f"got torch.{result.dtype._legacy})"
        )
    if result._data.shape != original._data.shape:
        raise RuntimeError(f"hook '{_hook_name(hook)}' has changed the size of value")
    return result


def _call_tensor_hooks(hooks, grad):
    for hook in tuple(hooks.values()):
        grad = check_hook_result(hook, grad, hook(grad))
    return grad


def _check_hook_values(hook, originals, results):
    """A node hook returns None or one value per gradient slot, each checked like a tensor hook's."""
    if results is None:
        return list(originals)
    results = tuple(results) if isinstance(results, (tuple, list)) else (results,)
    if len(results) != len(originals):
        raise RuntimeError(
            f"hook '{_hook_name(hook)}' has returned an incorrect number of values (got {len(results)}, but "
            f"expected {len(originals)})"
        )
    return [
        original if result is None else check_hook_result(hook, original, result)
        for original, result in zip(originals, results)
    ]


def accumulate_grad(variable, grad, create_graph):
    """AccumulateGrad: add into variable.grad (in place unless create_graph), then the post-accumulate hooks.
    A leaf that stopped requiring grad since the graph was built gets nothing (torch's AccumulateGrad)."""
    if not variable._requires_grad:
        return
    _accumulate(variable, grad, create_graph)
    hooks = variable._post_acc_hooks
    if hooks:
        for hook in tuple(hooks.values()):
            result = hook(variable)
            if isinstance(result, Tensor):
                raise RuntimeError("Tensor post accumulate grad hooks should return None.")
            if result is not None:
                raise TypeError(f"expected Variable, but hook returned '{type(result).__name__}'")


def _accumulate(variable, grad, create_graph):
    old = variable._grad
    if old is None:
        if create_graph:
            variable._grad = grad
        else:
            variable._grad = make_output(np.array(grad._data, copy=True), None)
    elif create_graph:
        variable._grad = old + grad
    else:
        old._data += grad._data
        old._vc.value += 1


def _retain_grad(tensor, grad):
    """The retain_grad hook: a non-leaf's .grad is a clone of its gradient, summed over backward calls."""
    old = tensor._grad
    if old is None:
        tensor._grad = (
            grad.clone() if grad._requires_grad else make_output(np.array(grad._data, copy=True), None)
        )
    else:
        tensor._grad = old + grad


def discover(root_nodes):
    """Dependency counts: how many edges from the reachable graph (and the roots) point at each node."""
    deps = {}
    stack = []
    for node in root_nodes:
        if node in deps:
            deps[node] += 1
        else:
            deps[node] = 1
            stack.append(node)
    while stack:
        node = stack.pop()
        for nxt, _ in node.next_functions:
            if nxt is None:
                continue
            if nxt in deps:
                deps[nxt] += 1
            else:
                deps[nxt] = 1
                stack.append(nxt)
    return deps


def needed_nodes(deps, targets):
    """Nodes that lie on a path to one of `targets` (a target only if it leads to another)."""
    parents = {}
    for node in deps:
        for nxt, _ in node.next_functions:
            if nxt is not None:
                parents.setdefault(nxt, []).append(node)
    needed = set()
    stack = list(targets)
    seen = set(targets)
    while stack:
        node = stack.pop()
        for parent in parents.get(node, ()):
            needed.add(parent)
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return needed


def run_backward(root_edges, root_grads, retain_graph, create_graph, capture=None, accumulate_only=None):
    """Run the graph from `root_edges` (list of (node, output_nr)) seeded with `root_grads` (Tensors).

    capture: {node: [(output_nr, slot), ...]} grads to hand back (autograd.grad / non-leaf inputs=); returns a
    dict slot -> grad. accumulate_only: set of nodes allowed to run (the ones leading to `inputs=`), or None.
    """
    deps = discover([node for node, _ in root_edges])
    needed = None
    if capture is not None or accumulate_only is not None:
        targets = set(capture or ()) | set(accumulate_only or ())
        needed = needed_nodes(deps, targets)
        if accumulate_only:
            needed |= set(accumulate_only)
    captured = {}
    buffers = {}
    ready = []
    counter = 0

    def deliver(node, nr, grad):
        nonlocal counter
        buf = buffers.get(node)
        if buf is None:
            buf = buffers[node] = [None] * max(1, len(node._out_meta))
        if grad is not None:
            old = buf[nr]
            buf[nr] = grad if old is None else old + grad
        left = deps[node] - 1
        deps[node] = left
        if left == 0:
            counter += 1
            heapq.heappush(ready, (-node._sequence_nr, counter, node))

    state = grad_mode.state
    prev_mode = state.grad_enabled
    state.grad_enabled = create_graph
    try:
        for (node, nr), grad in zip(root_edges, root_grads):
            deliver(node, nr, grad)
        while ready:
            node = heapq.heappop(ready)[2]
            grads = buffers.pop(node)
            is_leaf_sink = type(node) is AccumulateGrad
            # tensor hooks (leaf: stored on the variable), then retain_grad, then node pre-hooks
            if is_leaf_sink:
                hooks = node.variable._hooks
                if hooks and grads[0] is not None:
                    grads[0] = _call_tensor_hooks(hooks, grads[0])
            else:
                if node._tensor_pre_hooks:
                    for nr, hooks in node._tensor_pre_hooks.items():
                        if grads[nr] is not None and hooks:
                            grads[nr] = _call_tensor_hooks(hooks, grads[nr])
                if node._retains_grad:
                    for nr, ref in node._retains_grad.items():
                        tensor = ref()
                        if tensor is not None and grads[nr] is not None and tensor._grad_fn is node:
                            _retain_grad(tensor, grads[nr])
            if node._pre_hooks:
                for hook in tuple(node._pre_hooks.values()):
                    grads = _check_hook_values(hook, grads, hook(tuple(grads)))
            if capture is not None and node in capture:
                for nr, slot in capture[node]:
                    captured[slot] = grads[nr]
            if needed is not None and node not in needed:
                continue
            if is_leaf_sink:
                if grads[0] is not None:
                    accumulate_grad(node.variable, grads[0], create_graph)
                continue
            if all(g is None for g in grads):
                outputs = [None] * len(node.next_functions)
            else:
                outputs = validate_outputs(node, node.apply(grads))
            if not retain_graph:
                node.release()
            if node._post_hooks:
                for hook in tuple(node._post_hooks.values()):
                    outputs = _check_hook_values(hook, outputs, hook(tuple(outputs), tuple(grads)))
            for (nxt, nr), grad in zip(node.next_functions, outputs):
                if nxt is not None:
                    deliver(nxt, nr, grad)
    finally:
        state.grad_enabled = prev_mode
    return captured
