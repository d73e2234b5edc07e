"""MyGrad (https://github.com/rsokl/MyGrad) seen through torch's API.

Translation: ``requires_grad`` is MyGrad's ``not constant``; a leaf is a tensor with no ``creator``;
``grad_fn`` is the creator operation, named as torch names the node of the same operation
(``Multiply`` -> ``MulBackward0``; an operation without a torch counterpart keeps its MyGrad name);
``.grad`` is MyGrad's numpy array, seen as a plain tensor that autograd does not track;
``no_grad`` is ``mygrad.no_autodiff``; ops are MyGrad's functions of the same (or the mapped) name.

Refused (``n/a``, each with its reason): the concepts listed in ``MyGrad.absent`` below (hooks,
version counters, ``autograd.grad``/``Function``/``functional``, ``create_graph``, ``retain_graph``,
``inference_mode``, ``backward(inputs=...)``).
"""

from __future__ import annotations

import importlib.metadata

import numpy as np

from conformance.backends._proxy import ACCUMULATE_GRAD, Engine, Node, install

try:
    import mygrad
except ModuleNotFoundError:
    raise ModuleNotFoundError("mygrad is not installed: pip install '.[peers]'", name="mygrad") from None

from mygrad._utils import graph_tracking

# MyGrad operation class -> the name torch gives the grad_fn of the same operation.
NODE_NAMES = {
    "Add": "AddBackward0",
    "Subtract": "SubBackward0",
    "Multiply": "MulBackward0",
    "Divide": "DivBackward0",
    "Negative": "NegBackward0",
    "Power": "PowBackward0",
    "Square": "PowBackward0",
    "Exp": "ExpBackward0",
    "Log": "LogBackward0",
    "Sin": "SinBackward0",
    "Cos": "CosBackward0",
    "Tanh": "TanhBackward0",
    "Sqrt": "SqrtBackward0",
    "Abs": "AbsBackward0",
    "Sum": "SumBackward0",
    "Mean": "MeanBackward0",
    "Prod": "ProdBackward0",
    "MatMul": "MmBackward0",
    "Reshape": "ViewBackward0",
    "Transpose": "PermuteBackward0",
    "Tensor_Transpose_Property": "TBackward0",
    "Maximum": "MaximumBackward0",
    "Minimum": "MinimumBackward0",
    "Where": "WhereBackward0",
    "BroadcastTo": "ExpandBackward0",
    "Squeeze": "SqueezeBackward0",
    "ExpandDims": "UnsqueezeBackward0",
    "Stack": "StackBackward0",
    "Concatenate": "CatBackward0",
    "ReLu": "ReluBackward0",
    "Sigmoid": "SigmoidBackward0",
    "Max": "MaxBackward1",
    "Min": "MinBackward1",
}


class MyGrad(Engine):
    name = "MyGrad"
    version = importlib.metadata.version("mygrad")
    module = mygrad
    absent = {
        "retain_grad": "every non-constant tensor in a graph gets a .grad; there is nothing to opt into",
        "retains_grad": "every non-constant tensor in a graph gets a .grad; there is nothing to opt into",
        "register_hook": "no gradient hooks",
        "register_post_accumulate_grad_hook": "no gradient hooks",
        "_version": "no version counter on tensors",
        "autograd.grad": "gradients only through Tensor.backward(), no autograd.grad",
        "autograd.Function": "no user-defined differentiable functions with a backward of their own",
        "autograd.functional.jacobian": "no jacobian/hessian functions",
        "autograd.functional.hessian": "no jacobian/hessian functions",
        "create_graph": "gradients are numpy arrays, so they cannot be differentiated again",
        "retain_graph": "backward() clears the graph and takes no retain_graph option",
        "inference_mode": "only one no-grad mode (mygrad.no_autodiff)",
        "backward(inputs=...)": "backward() has no inputs argument",
    }
    method_names = {
        "t": "T",
        "clone": "copy",
        "add": "add",
        "sub": "subtract",
        "mul": "multiply",
        "div": "divide",
        "neg": "negative",
        "pow": "power",
        "cat": "concatenate",
        "unsqueeze": "expand_dims",
        "clamp": "clip",
        "nn.functional.relu": "relu",
    }
    keyword_names = {"dim": "axis", "keepdim": "keepdims", "min": "a_min", "max": "a_max"}

    def is_tensor(self, raw):
        return isinstance(raw, (mygrad.Tensor, np.ndarray, np.generic))

    def make(self, data, dtype_name, requires_grad):
        kwargs = {} if requires_grad is None else {"constant": not requires_grad}
        return mygrad.tensor(data, dtype=dtype_name, **kwargs)

    def full(self, shape, fill, dtype_name, requires_grad):
        kwargs = {} if requires_grad is None else {"constant": not requires_grad}
        return mygrad.full(shape, fill, dtype=dtype_name, **kwargs)

    def requires_grad(self, raw):
        return isinstance(raw, mygrad.Tensor) and not raw.constant

    def set_requires_grad(self, raw, flag):
        if self.requires_grad(raw) != flag:  # asking for what it already is needs no setter
            raw.constant = not flag  # MyGrad's own error says it cannot change

    def is_leaf(self, raw):
        return not isinstance(raw, mygrad.Tensor) or raw.creator is None

    def grad_fn(self, raw):
        if self.is_leaf(raw):
            return None
        return self._node(raw.creator)

    def _node(self, op):
        name = type(op).__name__
        return Node(
            NODE_NAMES.get(name, f"mygrad.{name}"), lambda: [(self._input(v), 0) for v in op.variables]
        )

    def _input(self, v):
        if v.constant:
            return None
        return Node(ACCUMULATE_GRAD) if v.creator is None else self._node(v.creator)

    def grad(self, raw):
        return raw.grad if isinstance(raw, mygrad.Tensor) else None

    def tolist(self, raw):
        return np.asarray(raw.data if isinstance(raw, mygrad.Tensor) else raw).tolist()

    def backward(self, raw, gradient, retain_graph, create_graph):
        if create_graph:
            self.lacks("create_graph")
        if retain_graph:
            self.lacks("retain_graph")
        raw.backward(gradient)

    def grad_enabled(self):
        return graph_tracking.TRACK_GRAPH

    def set_grad_enabled(self, flag):
        graph_tracking.TRACK_GRAPH = flag


install(globals(), MyGrad())
