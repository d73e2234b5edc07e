"""micrograd (https://github.com/karpathy/micrograd) seen through torch's API.

micrograd's ``Value`` is one Python float: a 0-d tensor at most, with no dtype to choose, so checks
on tensors of other shapes or on a chosen dtype are not applicable. Every ``Value`` takes part in
backward (there is no ``requires_grad``), a leaf is a ``Value`` with no children (``_prev``), and
its op record (``_op`` plus an unordered set of children) is no backward node with ordered inputs,
so ``grad_fn`` is not applicable either. ``.grad`` is micrograd's own number, 0 until backward.
"""

from __future__ import annotations

import importlib.metadata

from conformance.backends._proxy import Engine, install

try:
    from micrograd.engine import Value
except ModuleNotFoundError:
    raise ModuleNotFoundError(
        "micrograd is not installed: pip install '.[peers]'", name="micrograd"
    ) from None

SCALAR = "a Value holds one Python float; tensor-shaped checks do not apply"


class Micrograd(Engine):
    name = "micrograd"
    version = importlib.metadata.version("micrograd")
    module = None
    absent = {
        "tensors of shape other than ()": SCALAR,
        "dtype": "a Value computes in Python floats; there is no dtype to choose",
        "requires_grad": "every Value takes part in backward",
        "grad_fn": "a Value records its op and an unordered set of children, not a backward node",
        "retain_grad": "every Value gets a .grad",
        "retains_grad": "every Value gets a .grad",
        "register_hook": "no gradient hooks",
        "register_post_accumulate_grad_hook": "no gradient hooks",
        "_version": "no in-place ops, no version counter",
        "autograd.grad": "gradients only through Value.backward()",
        "autograd.Function": "no user-defined functions",
        "autograd.functional.jacobian": "no jacobian/hessian functions",
        "autograd.functional.hessian": "no jacobian/hessian functions",
        "is_grad_enabled": "no grad mode",
        "set_grad_enabled": "no grad mode",
        "inference_mode": "no grad mode",
        "backward(gradient=...)": "backward() always starts from a gradient of 1",
        "create_graph": "no higher-order gradients",
        "retain_graph": "no retain_graph option",
        "backward(inputs=...)": "backward() has no inputs argument",
    }

    def is_tensor(self, raw):
        return isinstance(raw, Value)

    def make(self, data, dtype_name, requires_grad):
        if dtype_name is not None:
            self.lacks("dtype")
        if isinstance(data, (list, tuple)):
            self.lacks("tensors of shape other than ()")
        return Value(data)

    def full(self, shape, fill, dtype_name, requires_grad):
        if tuple(shape) != ():
            self.lacks("tensors of shape other than ()")
        return self.make(fill, dtype_name, requires_grad)

    def shape(self, raw):
        return ()

    def dtype_name(self, raw):
        self.lacks("dtype")

    def is_leaf(self, raw):
        return not raw._prev

    def tolist(self, raw):
        return raw.data

    def backward(self, raw, gradient, retain_graph, create_graph):
        if gradient is not None:
            self.lacks("backward(gradient=...)")
        if create_graph:
            self.lacks("create_graph")
        if retain_graph:
            self.lacks("retain_graph")
        raw.backward()

    def method(self, raw, name, args, kwargs):
        if name in ("reshape", "view", "expand", "sum", "t", "squeeze", "unsqueeze", "flatten"):
            self.lacks("tensors of shape other than ()")
        return super().method(raw, name, args, kwargs)

    def function(self, name, args, kwargs):
        if args and isinstance(getattr(args[0], "_raw", None), Value):
            return self.method(args[0]._raw, name, args[1:], kwargs)
        raise AttributeError(f"module 'torch' has no attribute '{name}'")


install(globals(), Micrograd())
