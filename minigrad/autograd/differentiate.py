"""torch.autograd.backward() and torch.autograd.grad() (Tensor.backward too): the roots' gradients made and
checked, the inputs' edges found, then the engine (engine.py) run over the graph."""

import operator
import warnings

import numpy as np

from .._core.arguments import type_name
from .._core.graph import AccumulateGrad, gradient_edge
from .._core.tensor import Size, Tensor, has_internal_overlap, make_output, register_methods
from .._core.warn_once import warn_once
from ..ops.joining import stack
from . import graph
from .engine import run_backward


def _flag(value):
    """A flag handed to torch's C++ engine: anything with __index__ (bools, ints), else torch's TypeError."""
    if type(value) is bool:
        return value
    try:
        return bool(operator.index(value))
    except TypeError:
        raise TypeError(f"'{type(value).__name__}' object cannot be interpreted as an integer") from None


def _tensors_tuple(x):
    """torch's `(x,) if is_tensor_like(x) else tuple(x)`: None and non-iterables raise TypeError, a string
    becomes its characters (rejected later with torch's message)."""
    return (x,) if isinstance(x, Tensor | graph.GradientEdge) else tuple(x)


def _check_inputs(inputs):
    """The engine's check of `inputs` (torch's run_backward), made before any work."""
    for t in inputs:
        if not isinstance(t, Tensor | graph.GradientEdge):
            raise RuntimeError(f"all inputs have to be Tensors or GradientEdges, but got {type_name(t)}")


def _edge_metadata(edge):
    """(shape, numpy dtype) of the gradient that flows into a GradientEdge."""
    node = edge.node
    if isinstance(node, AccumulateGrad):
        return node.variable._data.shape, node.variable._data.dtype
    return node._out_meta[edge.output_nr]


def _shape_str(shape):
    return "torch.Size([" + ", ".join(str(d) for d in shape) + "])"


def _make_grads(outputs, grad_outputs, is_grads_batched=False):
    """torch's _make_grads: default ones for scalars, shape checks, with torch's messages. Like torch it
    zips outputs with gradients (extra gradients are ignored, missing ones leave outputs out)."""
    grads = []
    for i, (out, g) in enumerate(zip(outputs, grad_outputs)):
        if isinstance(out, graph.GradientEdge):
            grads.append(_edge_grad(out, g, i, is_grads_batched))
            continue
        if not isinstance(out, Tensor):
            raise AssertionError("Expected output to be a torch.Tensor")
        if isinstance(g, Tensor):
            if is_grads_batched and g._data.shape[1:] != out._data.shape:
                raise RuntimeError(
                    "If `is_grads_batched=True`, we interpret the first dimension of each grad_output as "
                    "the batch dimension. The sizes of the remaining dimensions are expected to match the "
                    "shape of corresponding output, but a mismatch was detected: "
                    # torch drops the batch dim twice here (its _calculate_shape gets grad[0])
                    f"grad_output[{i}] has a shape of {_shape_str(g._data.shape[2:])} and "
                    f"output[{i}] has a shape of {_shape_str(out._data.shape)}. If you only want some "
                    "tensors in `grad_output` to be considered batched, consider using vmap."
                )
            if not is_grads_batched and g._data.shape != out._data.shape:
                raise RuntimeError(
                    f"Mismatch in shape: grad_output[{i}] has a shape of {_shape_str(g._data.shape)} and "
                    f"output[{i}] has a shape of {_shape_str(out._data.shape)}."
                )
            # torch only rejects a complex/real mismatch (no complex here); the engine casts the gradient
            grads.append(g)
        elif g is None:
            if out._requires_grad:
                if out._data.size != 1:
                    raise RuntimeError("grad can be implicitly created only for scalar outputs")
                grads.append(_ones_like(out._data))
            else:
                grads.append(None)
        else:
            raise TypeError(f"gradients can be either Tensors or None, but got {type_name(g)}")
    return grads


def _edge_grad(edge, g, i, is_grads_batched):
    """The gradient for an output given as a GradientEdge: given, or ones for a one-element output."""
    if is_grads_batched:
        raise RuntimeError("Batched grads are not supported with GradientEdge")
    shape, dtype = _edge_metadata(edge)
    if g is None:
        if any(d != 1 for d in shape):
            raise RuntimeError("grad can be implicitly created only for scalar outputs")
        return make_output(np.ones(shape, dtype), None)
    if not isinstance(g, Tensor):
        raise TypeError(f"gradients can be either Tensors or None, but got {type_name(g)}")
    if g._data.shape != shape:
        raise RuntimeError(
            f"Mismatch in shape: grad_output[{i}] has a shape of {_shape_str(g._data.shape)} and "
            f"output[{i}] has a shape of {_shape_str(shape)}."
        )
    return g


def _ones_like(data):
    """The implicit gradient of a one-element output (np.array(1, dtype) is np.ones_like for a 0-d array,
    and much faster)."""
    return make_output(np.array(1, data.dtype) if not data.ndim else np.ones_like(data), None)


def _root_edges(tensors):
    edges = []
    for i, t in enumerate(tensors):
        if isinstance(t, graph.GradientEdge):
            edges.append((t.node, t.output_nr))
            continue
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


def backward(
    tensors, grad_tensors=None, retain_graph=None, create_graph=False, grad_variables=None, inputs=None
):
    """Accumulate gradients of `tensors` into the .grad of the leaves (or of `inputs` only)."""
    if (
        type(tensors) is Tensor
        and grad_tensors is None
        and grad_variables is None
        and inputs is None
        and create_graph is False
        and (retain_graph is None or type(retain_graph) is bool)
        and tensors._requires_grad
        and tensors._gfn is not None
        and tensors._base is None
        and tensors._data.size == 1
    ):
        # `loss.backward()`, by far the most common call: none of the checks below can fail
        root_grad = _ones_like(tensors._data)
        run_backward([(tensors._gfn, tensors._output_nr)], [root_grad], bool(retain_graph), False)
        return
    if grad_variables is not None:
        grad_tensors = grad_variables
    if inputs is not None and not isinstance(inputs, Tensor) and len(inputs) == 0:
        raise RuntimeError("`inputs` argument to `backward()` cannot be empty.")
    tensors = _tensors_tuple(tensors)
    if inputs is not None:
        inputs = _tensors_tuple(inputs)
    grads = _tensors_tuple(grad_tensors) if grad_tensors is not None else (None,) * len(tensors)
    grads = _make_grads(tensors, grads)
    if len(grads) != len(tensors):  # the engine's check (_make_grads zips, so only too few gradients)
        raise RuntimeError(f"got {len(tensors)} tensors and {len(grads)} gradients")
    if inputs is not None:
        _check_inputs(inputs)
    if retain_graph is None:
        retain_graph = create_graph
    retain_graph, create_graph = _flag(retain_graph), _flag(create_graph)
    edges = _root_edges(tensors)
    if create_graph:
        warn_once(CREATE_GRAPH_WARNING, stacklevel=1)  # torch warns from its engine, not at the caller
    accumulate_only = None
    if inputs is not None:
        # torch runs the node of every input (its hooks included) and nothing beyond: a leaf's accumulates
        # into .grad, a non-leaf's .grad is retained, a GradientEdge's gradient lands nowhere
        accumulate_only = set()
        for t in inputs:
            if isinstance(t, graph.GradientEdge):
                accumulate_only.add(t.node)
                continue
            if not t._requires_grad:
                raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
            if t._gfn is not None:
                t.retain_grad()  # it lands in .grad and retains_grad is True
            accumulate_only.add(gradient_edge(t)[0])
    run_backward(edges, grads, retain_graph, create_graph, None, accumulate_only)


def _tensor_backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
    backward(self, gradient, retain_graph, create_graph, inputs=inputs)


register_methods(backward=_tensor_backward)


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
    """Gradients of `outputs` with respect to `inputs`, returned (not accumulated into .grad). `inputs` may be
    tensors, GradientEdges, or a dict of tensors (the gradients come back as a dict with its keys)."""
    if not only_inputs:
        warnings.warn(
            "only_inputs argument is deprecated and is ignored now (defaults to True). To accumulate "
            "gradient for other parts of the graph, please use torch.autograd.backward.",
            FutureWarning,
            stacklevel=2,
        )
    keys = None
    if type(inputs) is dict:
        keys, inputs = list(inputs.keys()), tuple(inputs.values())
    outputs = _tensors_tuple(outputs)
    inputs = _tensors_tuple(inputs)
    if len(inputs) == 0:
        raise RuntimeError("`inputs` argument to `grad()` cannot be empty.")
    if materialize_grads and allow_unused is False:
        raise ValueError(
            "Expected allow_unused to be True or not passed when materialize_grads=True, but got: "
            "allow_unused=False."
        )
    if allow_unused is None:
        allow_unused = materialize_grads
    grads = _tensors_tuple(grad_outputs) if grad_outputs is not None else (None,) * len(outputs)
    grads = _make_grads(outputs, grads, is_grads_batched)
    if len(grads) != len(outputs):  # the engine's check (_make_grads zips, so only too few gradients)
        raise RuntimeError(f"got {len(outputs)} tensors and {len(grads)} gradients")
    _check_inputs(inputs)
    if retain_graph is None:
        retain_graph = create_graph
    retain_graph, create_graph, allow_unused = _flag(retain_graph), _flag(create_graph), _flag(allow_unused)
    materialize_grads = _flag(materialize_grads)
    edges = _root_edges(outputs)
    if is_grads_batched:
        result = _batched_grad(
            edges, grads, inputs, retain_graph, create_graph, allow_unused, materialize_grads
        )
    else:
        result = _grad(edges, grads, inputs, retain_graph, create_graph, allow_unused, materialize_grads)
    return result if keys is None else dict(zip(keys, result))


def _batched_grad(edges, grads, inputs, retain_graph, create_graph, allow_unused, materialize_grads):
    """is_grads_batched: torch vmaps over the first dim of the grad_outputs; here one backward per row,
    stacked (the graph kept until the last row)."""
    batch = next(g._data.shape[0] for g in grads if g is not None)
    rows = []
    for k in range(batch):
        row = [
            None if g is None else g[k] if g._requires_grad else make_output(g._data[k], None) for g in grads
        ]
        keep = retain_graph or k < batch - 1
        rows.append(_grad(edges, row, inputs, keep, create_graph, allow_unused, materialize_grads))
    return tuple(None if parts[0] is None else stack(parts) for parts in zip(*rows))


def _grad(edges, grads, inputs, retain_graph, create_graph, allow_unused, materialize_grads):
    capture = {}
    for i, t in enumerate(inputs):
        if isinstance(t, graph.GradientEdge):
            node, nr = t.node, t.output_nr
        else:
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
                if isinstance(t, graph.GradientEdge):
                    raise RuntimeError(
                        "materialize_grads cannot be used when the given input is a GradientEdge"
                    )
                g = make_output(np.zeros_like(t._data), None)
                g._requires_grad = create_graph
        elif g._gfn is None and not g._data.flags.writeable and not has_internal_overlap(g._data):
            # a one-element broadcast: writable in torch. A real broadcast (sum's gradient) stays one, and
            # an in-place write into it fails as in torch.
            g = make_output(np.array(g._data, copy=True), None)
        result.append(g)
    return tuple(result)


def _calculate_shape(output, grad, is_grads_batched):
    """(output's shape, grad's shape), grad's without its batch dim when is_grads_batched."""
    if isinstance(output, graph.GradientEdge):
        if is_grads_batched:
            raise RuntimeError("Batched grads are not supported with GradientEdge")
        return Size(_edge_metadata(output)[0]), grad.shape
    return output.shape, grad.shape[1:] if is_grads_batched else grad.shape
