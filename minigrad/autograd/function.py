"""Custom autograd Functions: `class F(Function)` with static forward(ctx, ...) and backward(ctx, ...).

As in torch, the ctx object IS the graph node: each Function subclass gets a node class named
`<ClassName>Backward`, and `F.apply(...)` makes one instance, passes it to forward as ctx and to backward.
"""

import functools
import inspect
import warnings

import numpy as np

from .._core import forward_ad, grad_mode, views
from .._core.arguments import type_name
from .._core.graph import Node, SavedTensor, gradient_edge, make_node
from .._core.tensor import Tensor, bump_version, make_output, set_tangent, tangent_of

DIRTY_NOT_RETURNED = (
    "Some elements marked as dirty during the forward method were not returned as output. The inputs that "
    "are modified inplace must all be outputs of the Function."
)


class FunctionCtx:
    """What forward/backward may call on ctx."""

    def save_for_backward(self, *tensors):
        self._to_save = tensors

    def save_for_forward(self, *tensors):
        """Tensors that jvp() reads back through ctx.saved_tensors."""
        for t in tensors:
            if t is not None and not isinstance(t, Tensor):
                raise AssertionError(
                    "save_for_forward expects all arguments to be tensors; you should save non-tensors as "
                    "attributes on ctx."
                )
        self._saved_for_forward = tensors

    def mark_dirty(self, *tensors):
        self._dirty = tensors

    def mark_non_differentiable(self, *tensors):
        self._non_differentiable = tensors

    def set_materialize_grads(self, value):
        self._materialize = bool(value)

    @property
    def saved_tensors(self):
        if getattr(self, "_in_jvp", False):
            return tuple(getattr(self, "_saved_for_forward", ()))
        saved = self._saved
        if saved is None:
            return ()
        return tuple(s.unpack(self) if type(s) is SavedTensor else s for s in saved)


class BackwardCFunction(Node, FunctionCtx):
    """Node of a custom Function; subclassed per Function (no __slots__: ctx takes arbitrary attributes)."""

    _forward_cls = None
    _runs_without_grads = True  # torch calls backward() with zeros (or Nones) even when nothing flowed in

    def name(self):
        return type(self).__name__

    def __repr__(self):
        # torch's node classes for custom Functions are Python classes made in torch.autograd.function
        return f"<torch.autograd.function.{type(self).__name__} object at {id(self):#x}>"

    def apply(self, grads):
        if self._materialize:
            grads = [
                g if g is not None or meta is None else make_output(np.zeros(meta[0], meta[1]), None)
                for g, meta in zip(grads, self._out_meta)
            ]
        result = _user_backward(self._forward_cls)(self, *grads)
        if not isinstance(result, tuple):
            result = (result,)
        expected = len(self._arg_is_tensor)
        if len(result) != expected:
            if len(result) > expected and all(r is None for r in result[expected:]):
                result = result[:expected]
            else:
                raise RuntimeError(
                    f"function {self.name()} returned an incorrect number of gradients "
                    f"(expected {expected}, got {len(result)})"
                )
        out = []
        for i, (g, is_tensor) in enumerate(zip(result, self._arg_is_tensor)):
            if is_tensor:
                if g is not None and not isinstance(g, Tensor):
                    raise RuntimeError(f"expected Variable or None (got {type_name(g)})")
                out.append(g)
            elif g is not None:
                raise RuntimeError(
                    f"function {self.name()} returned a gradient different than None at position "
                    f"{i + 1}, but the corresponding forward input was not a Variable"
                )
        return tuple(out)

    def release(self):
        if self._saved is not None:
            for s in self._saved:
                if type(s) is SavedTensor:
                    s.release()


def _user_backward(cls):
    """torch: a Function implements backward or its alias vjp, not both."""
    backward, vjp = cls.backward, cls.vjp
    if backward is not Function.backward and vjp is not Function.vjp:
        raise RuntimeError(
            "Implementing both 'backward' and 'vjp' for a custom Function is not allowed. You should only "
            "implement one of them."
        )
    return vjp if vjp is not Function.vjp else backward


INPLACE_JVP = (
    "An inplace custom Function is not returning the forward mode gradients as-is. If the forward is "
    "modifying an input inplace, then the jvp function must modify the gradient inplace and return it as-is."
)


class Function:
    """Base class for custom differentiable operations."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls._backward_cls = type(cls.__name__ + "Backward", (BackwardCFunction,), {"_forward_cls": cls})

    def __init__(self, *args, **kwargs):
        # torch only warns here; calling the instance is what fails
        warnings.warn(
            f"{self.__class__} should not be instantiated. Methods on autograd functions are all static, so "
            "you should invoke them on the class itself. Instantiating an autograd function will raise an "
            "error in a future version of PyTorch.",
            DeprecationWarning,
            stacklevel=2,
        )

    def __call__(self, *args, **kwargs):
        raise RuntimeError(
            "Legacy autograd function with non-static forward method is deprecated. Please use new-style "
            "autograd function with static forward method. (Example: "
            "https://pytorch.org/docs/stable/autograd.html#torch.autograd.Function)"
        )

    @staticmethod
    def forward(ctx, *args, **kwargs):
        raise NotImplementedError("You must implement the forward function for custom autograd.Function.")

    @staticmethod
    def backward(ctx, *grad_outputs):
        raise NotImplementedError(
            "You must implement either the backward or vjp method for your custom autograd.Function "
            "to use it "
            "with backward mode AD."
        )

    @staticmethod
    def vjp(ctx, *grad_outputs):
        raise NotImplementedError(
            "You must implement either the backward or vjp method for your custom autograd.Function "
            "to use it "
            "with backward mode AD."
        )

    @staticmethod
    def jvp(ctx, *grad_inputs):
        raise NotImplementedError(
            "You must implement the jvp function for custom autograd.Function to use it with forward mode AD."
        )

    @staticmethod
    def setup_context(ctx, inputs, output):
        """With setup_context defined, forward takes the inputs only and setup_context fills ctx."""
        raise NotImplementedError("setup_context is not implemented.")

    @classmethod
    def apply(cls, *args, **kwargs):
        uses_setup_context = cls.setup_context is not Function.setup_context
        if uses_setup_context:
            bound = inspect.signature(cls.forward).bind(*args, **kwargs)
            bound.apply_defaults()
            args = bound.args
        elif kwargs:
            args = _bind_keywords(cls.forward, args, kwargs)
        tensor_args = [a for a in args if isinstance(a, Tensor)]
        is_differentiable = grad_mode.state.grad_enabled and any(t._requires_grad for t in tensor_args)
        ctx = cls._backward_cls(tuple(gradient_edge(t) for t in tensor_args) if is_differentiable else ())
        ctx._to_save = None
        ctx._saved = None
        ctx._dirty = ()
        ctx._non_differentiable = ()
        ctx._materialize = True
        ctx._arg_is_tensor = tuple(isinstance(a, Tensor) for a in args)
        ctx.needs_input_grad = tuple(isinstance(a, Tensor) and a._requires_grad for a in args)
        prev = grad_mode.set_mode(False)
        try:
            with forward_ad.suspended():  # forward runs without autograd of either mode, as in torch
                if uses_setup_context:
                    outputs = cls.forward(*args)
                    cls.setup_context(ctx, args, outputs)
                else:
                    outputs = cls.forward(ctx, *args)
        finally:
            grad_mode.restore_mode(prev)
        single = not isinstance(outputs, tuple)
        outs = (outputs,) if single else outputs
        for t in ctx._dirty:  # torch counts the write of every tensor marked dirty, graph or not
            bump_version(t)
        node = ctx if is_differentiable else None
        wired = tuple(_wire_output(node, ctx, i, o, tensor_args) for i, o in enumerate(outs))
        _mark_multi_output_views(ctx, wired)
        for t in ctx._dirty:
            if not any(t is o for o in outs):
                raise RuntimeError(DIRTY_NOT_RETURNED)
        if forward_ad.state.enabled:
            _forward_mode(cls, ctx, args, wired)
        if not is_differentiable:
            return wired[0] if single else wired
        ctx._out_meta = tuple(
            (o._data.shape, o._data.dtype) if isinstance(o, Tensor) else None for o in wired
        )
        if ctx._to_save is not None:
            ctx._saved = tuple(_save(position, t, wired) for position, t in enumerate(ctx._to_save))
            ctx._to_save = None
        return wired[0] if single else wired


# Function itself has a node class too: Function.apply(x) reaches forward() and its NotImplementedError
Function._backward_cls = type("FunctionBackward", (BackwardCFunction,), {"_forward_cls": Function})


def _forward_mode(cls, ctx, args, outputs):
    """Forward AD through a custom Function: its jvp() maps the inputs' tangents (zeros for a tensor without
    one, None for a non-tensor) to the outputs' tangents. Inputs modified in place must get their tangent
    modified in place and returned as-is."""
    tangents = [tangent_of(a) if isinstance(a, Tensor) else None for a in args]
    if all(t is None for t in tangents):
        return
    tangents = [
        (t if t is not None else make_output(np.zeros(a._data.shape, a._data.dtype), None))
        if isinstance(a, Tensor)
        else None
        for a, t in zip(args, tangents)
    ]
    ctx._in_jvp = True
    try:
        with forward_ad.suspended():
            result = cls.jvp(ctx, *tangents)
    finally:
        ctx._in_jvp = False
    result = result if isinstance(result, tuple) else (result,)
    if len(result) != len(outputs):
        raise RuntimeError(
            f"function {cls.__name__}Backward returned an incorrect number of forward grads (expected "
            f"{len(outputs)}, got {len(result)})"
        )
    for out, tangent in zip(outputs, result):
        if not isinstance(out, Tensor) or tangent is None or out._data.dtype.kind != "f":
            continue
        if any(out is d for d in ctx._dirty):
            if not any(tangent is t for t in tangents):
                raise RuntimeError(INPLACE_JVP)
            continue
        set_tangent(out, tangent)


def _bind_keywords(forward, args, kwargs):
    """torch's apply takes keyword arguments as the positional parameters of forward they name (inputs like
    any other), and forward then gets positional arguments only."""
    names = [
        p.name
        for p in list(inspect.signature(forward).parameters.values())[1:]  # after ctx
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    bound = list(args)
    missing = object()
    for key, value in kwargs.items():
        if key not in names:
            raise TypeError(f"forward() got an unexpected keyword argument '{key}'")
        position = names.index(key)
        if position < len(args):
            raise TypeError(f"forward() got multiple values for argument '{key}'")
        bound.extend([missing] * (position + 1 - len(bound)))
        bound[position] = value
    for position, value in enumerate(bound):
        if value is missing:
            raise TypeError(f"forward() missing required argument: '{names[position]}' (position {position})")
    return tuple(bound)


def _wire_output(node, ctx, index, out, inputs):
    """Attach output `index` to `node` (None when no graph is built) or make it non-differentiable, like
    torch's _wrap_outputs. An input returned as-is always comes back as a new tensor sharing its data."""

    if not isinstance(out, Tensor):
        return out
    is_dirty = any(out is d for d in ctx._dirty)
    is_input = any(out is t for t in inputs)
    out = _wire_differentiability(node, ctx, index, out, is_dirty, is_input)
    if out._base is not None and not (is_input and is_dirty):
        # torch: an in-place write through such a view would bypass the custom backward, so it raises
        out._view_meta.creation = views.IN_CUSTOM_FUNCTION
    return out


def _mark_multi_output_views(ctx, outputs):
    """torch: views among several differentiable outputs follow the multiple-views rule instead."""

    differentiable = [o for o in outputs if isinstance(o, Tensor) and o._grad_fn is ctx]
    if len(differentiable) > 1:
        for o in outputs:
            if isinstance(o, Tensor) and o._base is not None:
                o._view_meta.creation = views.MULTIPLE_OUTPUTS


def _wire_differentiability(node, ctx, index, out, is_dirty, is_input):

    if node is None or any(out is n for n in ctx._non_differentiable) or out._data.dtype.kind != "f":
        if not out._requires_grad:
            return out.detach() if is_input and not is_dirty else out
        if is_input:
            return out.detach()
        if out._base is None:
            out._grad_fn = None  # detach_()
            out._requires_grad = False
        return out
    if is_dirty:
        if out._grad_fn is None and out._requires_grad:
            raise RuntimeError("a leaf Variable that requires grad has been used in an in-place operation.")
    elif is_input:
        out = views.make_view(out, out._data, None)  # torch's _view_as_self_with_no_grad
    elif out._base is None and (out._grad_fn is not None or out._requires_grad):
        out = out.detach()  # a view keeps its identity: it becomes a custom-Function view below
    out._grad_fn = node
    out._output_nr = index
    out._requires_grad = True
    return out


def _save(position, t, outputs):
    if t is None:
        return None
    if not isinstance(t, Tensor):
        raise TypeError(
            f"save_for_backward can only save variables, but argument {position} is of type {type_name(t)}"
        )
    for i, o in enumerate(outputs):
        if t is o:
            return SavedTensor(t, is_output=True, output_nr=i)
    return SavedTensor(t)


class Error(Node):
    """The node behind @once_differentiable's outputs: differentiating through it raises."""

    __slots__ = ()

    def name(self):
        return "torch::autograd::Error"

    def backward(self, grad):
        raise RuntimeError(
            "trying to differentiate twice a function that was marked with @once_differentiable"
        )


def once_differentiable(fn):
    """For a backward that cannot itself be differentiated: it runs in no_grad mode, and when a graph is
    being built its outputs get an Error node, so a double backward fails instead of being silently wrong."""

    @functools.wraps(fn)
    def wrapper(ctx, *args, **kwargs):
        with grad_mode.no_grad():
            outputs = fn(ctx, *args, **kwargs)
        if not grad_mode.state.grad_enabled:
            return outputs
        if not any(isinstance(a, Tensor) and a._requires_grad for a in args):
            return outputs
        outs = outputs if isinstance(outputs, tuple) else (outputs,)
        # torch's DelayedError: fresh leaves that require grad feed the Error node
        node = make_node(Error, *(None if o is None else _fake_requires_grad(o) for o in outs))
        wrapped = tuple(None if o is None else make_output(o._data, node) for o in outs)
        node._out_meta = tuple(None if o is None else (o._data.shape, o._data.dtype) for o in outs)
        for i, w in enumerate(wrapped):
            if w is not None:
                w._output_nr = i
        return wrapped if isinstance(outputs, tuple) else wrapped[0]

    return wrapper


def _fake_requires_grad(t):
    leaf = t.detach()
    leaf.requires_grad = True
    return leaf
