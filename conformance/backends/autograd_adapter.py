"""HIPS autograd (https://github.com/HIPS/autograd) seen through torch's API.

HIPS autograd is functional: values are plain numpy arrays, and gradients are functions of functions
(``autograd.grad(f)(x)``, ``autograd.jacobian``, ``autograd.hessian``). A concrete array is never
tracked, which reads as torch's untracked tensor: ``requires_grad`` False, a leaf, no ``grad_fn``.
Everything that needs per-tensor gradient state (``requires_grad=True``, ``.grad``, ``backward()``,
grad modes, hooks) is not applicable. ``torch.autograd.functional.jacobian/hessian`` map onto
``autograd.jacobian/hessian`` of the same function; ops are ``autograd.numpy``'s functions.

Refused (``n/a``, each with its reason): the concepts listed in ``HipsAutograd.absent`` below.
"""

from __future__ import annotations

import importlib.metadata

from conformance.backends._proxy import Engine, install, unwrap

try:
    import autograd as hips
    import autograd.numpy as anp
    from autograd.tracer import Box
except ModuleNotFoundError:
    raise ModuleNotFoundError("autograd is not installed: pip install '.[peers]'", name="autograd") from None

FUNCTIONAL = "values carry no gradient state; differentiate a function with autograd.grad(f) instead"


class HipsAutograd(Engine):
    name = "HIPS autograd"
    version = importlib.metadata.version("autograd")
    module = anp
    absent = {
        "requires_grad=True": FUNCTIONAL,
        "grad": FUNCTIONAL,
        "backward": FUNCTIONAL,
        "retain_grad": FUNCTIONAL,
        "retains_grad": FUNCTIONAL,
        "register_hook": FUNCTIONAL,
        "register_post_accumulate_grad_hook": FUNCTIONAL,
        "_version": "no version counter on arrays",
        "autograd.grad": "autograd.grad(f) differentiates a function, not a computed output",
        "autograd.Function": "custom gradients are primitives with defvjp, not Function classes",
        "is_grad_enabled": "no grad mode: nothing is recorded outside a grad call",
        "set_grad_enabled": "no grad mode: nothing is recorded outside a grad call",
        "inference_mode": "no grad mode: nothing is recorded outside a grad call",
    }
    method_names = {
        "add": "add",
        "sub": "subtract",
        "mul": "multiply",
        "div": "divide",
        "neg": "negative",
        "pow": "power",
        "cat": "concatenate",
        "clamp": "clip",
        "t": "transpose",
        "clone": "copy",
        "unsqueeze": "expand_dims",
    }
    keyword_names = {"dim": "axis", "keepdim": "keepdims", "min": "a_min", "max": "a_max"}

    def is_tensor(self, raw):
        return isinstance(raw, (anp.ndarray, anp.generic, Box))  # numpy scalars are its 0-d results

    def make(self, data, dtype_name, requires_grad):
        if requires_grad:
            self.lacks("requires_grad=True")
        return anp.array(data, dtype=dtype_name)

    def full(self, shape, fill, dtype_name, requires_grad):
        if requires_grad:
            self.lacks("requires_grad=True")
        return anp.full(shape, fill, dtype=dtype_name)

    def requires_grad(self, raw):
        return isinstance(raw, Box)  # only values inside a grad call are traced

    def set_requires_grad(self, raw, flag):
        if flag:
            self.lacks("requires_grad=True")

    def is_leaf(self, raw):
        return not isinstance(raw, Box)

    def grad_fn(self, raw):
        if isinstance(raw, Box):
            self.lacks("grad_fn")
        return None

    def tolist(self, raw):
        return anp.asarray(getattr(raw, "_value", raw)).tolist()

    def functional(self, which, func, inputs, create_graph):
        if create_graph:
            self.lacks("create_graph")
        transform = {"jacobian": hips.jacobian, "hessian": hips.hessian}[which]

        def f(*arrays):
            return unwrap(func(*(self.wrap(a) for a in arrays)))

        if not isinstance(inputs, (tuple, list)):
            return self.wrap(transform(f)(unwrap(inputs)))
        arrays = [unwrap(i) for i in inputs]
        return tuple(self.wrap(transform(f, argnum=n)(*arrays)) for n in range(len(arrays)))


install(globals(), HipsAutograd())
