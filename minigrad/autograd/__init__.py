"""torch.autograd: backward(), grad(), Function, grad modes."""

import warnings

import numpy as np

from ..tensor import Tensor, make_output
from . import graph
from .engine import run_backward
from .function import Function, FunctionCtx
from .grad_mode import (
    enable_grad,
    inference_mode,
    is_grad_enabled,
    is_inference_mode_enabled,
    no_grad,
    set_grad_enabled,
)
from .graph import AccumulateGrad, Node, gradient_edge

__all__ = [
    "AccumulateGrad",
    "Function",
    "FunctionCtx",
    "Node",
    "backward",
    "enable_grad",
    "grad",
    "graph",
    "inference_mode",
    "is_grad_enabled",
    "is_inference_mode_enabled",
    "no_grad",
    "set_grad_enabled",
]


def _as_tuple(x):
    if x is None:
        return ()
    if isinstance(x, Tensor):
        return (x,)
    return tuple(x)


def _shape_str(shape):
    return "torch.Size([" + ", ".join(str(d) for d in shape) + "])"


def _make_grads(outputs, grad_outputs, is_grads_batched=False):
    """torch's _make_grads: default ones for scalars, shape checks, with torch's messages."""
    if len(grad_outputs) != len(outputs):
        raise RuntimeError(f"got {len(outputs)} tensors and {len(grad_outputs)} gradients")
    grads = []
    for i, (out, g) in enumerate(zip(outputs, grad_outputs)):
        if isinstance(g, Tensor):
            if g._data.shape != out._data.shape:
                raise RuntimeError(
                    f"Mismatch in shape: grad_output[{i}] has a shape of {_shape_str(g._data.shape)} and "
                    f"output[{i}] has a shape of {_shape_str(out._data.shape)}."
                )
            if g._data.dtype.kind != out._data.dtype.kind and out._data.dtype.kind == "f":
                if g._data.dtype.kind != "f":
                    raise RuntimeError(
                        "For complex Tensors, both grad_output and output are required to have the "
                        "same dtype. "
                        f"Mismatch in dtype: grad_output[{i}] has a dtype of {g.dtype} and output[{i}] has a "
                        f"dtype of {out.dtype}."
                    )
            grads.append(g)
        elif g is None:
            if out._requires_grad:
                if out._data.size != 1:
                    raise RuntimeError("grad can be implicitly created only for scalar outputs")
                grads.append(make_output(np.ones_like(out._data), None))
            else:
                grads.append(None)
        else:
            raise TypeError(f"gradients can be either Tensors or None, but got {type(g).__name__}")
    return grads


def _root_edges(tensors):
    edges = []
    for i, t in enumerate(tensors):
        edge = gradient_edge(t) if t._requires_grad else (None, 0)
        if edge[0] is None:  # (a view made in no_grad mode requires grad but has no edge either)
            raise RuntimeError(f"element {i} of tensors does not require grad and does not have a grad_fn")
        edges.append(edge)
    return edges


CREATE_GRAPH_WARNING = (
    "Using backward() with create_graph=True will create a reference cycle between the parameter and "
    "its gradient "
    "which can cause a memory leak. We recommend using autograd.grad when creating the graph to "
    "avoid this. If "
    "you have to use this function, make sure to reset the .grad fields of your parameters to None "
    "after use to "
    "break the cycle and avoid the leak. (Triggered internally at "
    "/__w/pytorch/pytorch/torch/csrc/autograd/engine.cpp:1307.)"
)
_warned_create_graph = []  # torch warns once per process (TORCH_WARN_ONCE)


def backward(
    tensors, grad_tensors=None, retain_graph=None, create_graph=False, grad_variables=None, inputs=None
):
    """Accumulate gradients of `tensors` into the .grad of the leaves (or of `inputs` only)."""
    tensors = _as_tuple(tensors)
    if grad_variables is not None:
        grad_tensors = grad_variables
    if inputs is not None:
        inputs = _as_tuple(inputs)
        if len(inputs) == 0:
            raise RuntimeError("`inputs` argument to `backward()` cannot be empty.")
    grads = _as_tuple(grad_tensors) if grad_tensors is not None else (None,) * len(tensors)
    grads = _make_grads(tensors, grads)
    if retain_graph is None:
        retain_graph = create_graph
    edges = _root_edges(tensors)
    if create_graph and not _warned_create_graph:
        _warned_create_graph.append(True)
        warnings.warn(CREATE_GRAPH_WARNING, UserWarning, stacklevel=3)
    accumulate_only = None
    capture = None
    if inputs is not None:
        accumulate_only = set()
        capture = {}
        for t in inputs:
            if not t._requires_grad:
                raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
            node, nr = gradient_edge(t)
            if t._grad_fn is None:
                accumulate_only.add(node)
            else:
                # torch retains the grad of a non-leaf input: it lands in .grad and retains_grad is True
                t.retain_grad()
                capture.setdefault(node, []).append((nr, None))
    run_backward(edges, grads, retain_graph, create_graph, capture, accumulate_only)


def grad(
    outputs,
    inputs,
    grad_outputs=None,
    retain_graph=None,
    create_graph=False,
    only_inputs=True,
    allow_unused=None,
    is_grads_batched=False,
    materialize_grads=False,
):
    """Gradients of `outputs` with respect to `inputs`, returned (not accumulated into .grad)."""
    outputs = _as_tuple(outputs)
    inputs = _as_tuple(inputs)
    if materialize_grads and allow_unused is False:
        raise ValueError(
            "Expected allow_unused to be True or not passed when materialize_grads=True, but got: "
            "allow_unused=False."
        )
    if allow_unused is None:
        allow_unused = materialize_grads
    grads = _as_tuple(grad_outputs) if grad_outputs is not None else (None,) * len(outputs)
    grads = _make_grads(outputs, grads)
    if retain_graph is None:
        retain_graph = create_graph
    edges = _root_edges(outputs)
    capture = {}
    for i, t in enumerate(inputs):
        if not t._requires_grad:
            raise RuntimeError("One of the differentiated Tensors does not require grad")
        node, nr = gradient_edge(t)
        capture.setdefault(node, []).append((nr, i))
    captured = run_backward(edges, grads, retain_graph, create_graph, capture, None)
    result = []
    for i, t in enumerate(inputs):
        g = captured.get(i)
        if g is None:
            if not allow_unused:
                raise RuntimeError(
                    f"The differentiated Tensor at index {i} appears to not have been used in the graph. "
                    "Set allow_unused=True if this is the desired behavior."
                )
            if materialize_grads:
                g = make_output(np.zeros_like(t._data), None)
        elif g._grad_fn is None and not g._data.flags.writeable:
            g = make_output(np.array(g._data, copy=True), None)  # e.g. a broadcast view from sum's backward
        result.append(g)
    return tuple(result)


# torch.autograd.functional, gradcheck and gradgradcheck (imported last: they use grad() above)
from . import functional  # noqa: E402, F401
from .gradcheck import gradcheck, gradgradcheck  # noqa: E402, F401
