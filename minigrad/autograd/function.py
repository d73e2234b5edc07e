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
from .._core.graph import SECOND_BACKWARD_ERROR, Node, SavedNone, SavedTensor, gradient_edge, make_node
from .._core.tensor import Tensor, bump_version, checked_tangent, make_output, set_tangent, tangent_of
from ..ops import _write_tangent

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
        unpacked = tuple(s.unpack(self) for s in saved)
        if self._forward_cls.clear_saved_tensors_on_access:
            if getattr(self, "_accessed", False):
                raise RuntimeError(
                    "saved_tensors can only be accessed once when clear_saved_tensors_on_access=True is set "
                    "on the autograd.Function. Either access saved_tensors only once, or set "
                    "clear_saved_tensors_on_access=False."
                )
            self._accessed = True
            self._saved = tuple(SavedNone() for _ in saved)  # what is left holds nothing
        return unpacked

    @property
    def saved_variables(self):
        warnings.warn(
            "'saved_variables' is deprecated; use 'saved_tensors'", DeprecationWarning, stacklevel=2
        )
        return self.saved_tensors

    @property
    def _raw_saved_tensors(self):
        """The SavedTensor objects (one per save_for_backward argument, a None too)."""
        saved = self._saved
        if saved is None:
            return ()
        if any(s.released for s in saved):
            raise RuntimeError(SECOND_BACKWARD_ERROR)
        return saved


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


INPLACE_JVP_NOT_MODIFIED = (
    "An inplace custom Function is not modifying the forward mode gradients inplace. If the forward is "
    "modifying an input inplace, then the jvp function must modify the corresponding gradient inplace."
)
INPLACE_JVP_NOT_RETURNED = (
    "An inplace custom Function is not returning the forward mode gradients as-is. If the forward is "
    "modifying an input inplace, then the jvp function must modify the gradient inplace and return it as-is."
)


def _torch_class_repr(cls):
    """repr(cls) as torch prints it: minigrad's own classes under the torch name they stand for."""
    module = cls.__module__
    if module == "minigrad" or module.startswith("minigrad."):
        module = "torch" + module[len("minigrad") :]
    return f"<class '{module}.{cls.__qualname__}'>"


class FunctionMeta(type):
    """Function's metaclass, as torch's: each Function class (Function itself included, so that
    Function.apply reaches forward() and its NotImplementedError) gets its node class, `_backward_cls`."""

    def __init__(cls, name, bases, attrs):
        cls._backward_cls = type(name + "Backward", (BackwardCFunction,), {"_forward_cls": cls})
        super().__init__(name, bases, attrs)


class Function(metaclass=FunctionMeta):
    """Base class for custom differentiable operations."""

    clear_saved_tensors_on_access = False  # saved_tensors may then be read once, and frees them
    generate_vmap_rule = False  # torch.func's: minigrad has no vmap, the attributes are there for programs

    @staticmethod
    def vmap(info, in_dims, *args):
        raise NotImplementedError(
            "To use autograd.Function with vmap, you must either override the vmap staticmethod or set "
            "generate_vmap_rule=True."
        )

    def __init__(self, *args, **kwargs):
        # torch only warns here; calling the instance is what fails
        warnings.warn(
            f"{_torch_class_repr(type(self))} should not be instantiated. Methods on autograd functions are "
            "all static, so you should invoke them on the class itself. Instantiating an autograd function "
            "will raise an error in a future version of PyTorch.",
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
            _forward_mode(cls, ctx, args, outs, wired)
        if not is_differentiable:
            return wired[0] if single else wired
        ctx._out_meta = tuple(
            (o._data.shape, o._data.dtype) if isinstance(o, Tensor) else None for o in wired
        )
        if ctx._to_save is not None:
            ctx._saved = tuple(_save(position, t, wired) for position, t in enumerate(ctx._to_save))
            ctx._to_save = None
        return wired[0] if single else wired


class InplaceFunction(Function):
    """Kept for backward compatibility, as in torch: a Function whose instances carry an `inplace` flag."""

    def __init__(self, inplace=False):
        super().__init__()
        self.inplace = inplace


def _forward_mode(cls, ctx, args, raw_outputs, outputs):
    """Forward AD through a custom Function, as torch's _process_forward_mode_AD: its jvp() maps the inputs'
    tangents (zeros for a tensor without one, None for a non-tensor) to the outputs' tangents. An input
    modified in place must get its tangent modified in place and returned as-is; an output that is a view of
    an input must get a view of that input's tangent."""
    given = [tangent_of(a) if isinstance(a, Tensor) else None for a in args]
    if all(t is None for t in given):
        return
    versions = [None if t is None else t._vc.value for t in given]
    tangents = [
        (t if t is not None else make_output(np.zeros(a._data.shape, a._data.dtype), None))
        if isinstance(a, Tensor)
        else None
        for a, t in zip(args, given)
    ]
    ctx._in_jvp = True
    try:
        with forward_ad.suspended():
            result = cls.jvp(ctx, *tangents)
    finally:
        ctx._in_jvp = False
    result = result if isinstance(result, tuple) else (result,)
    for i, tangent in enumerate(result):
        if tangent is not None and not isinstance(tangent, Tensor):
            raise RuntimeError(f"expected Variable or None (got {type_name(tangent)}) for grad output {i}.")
    if len(result) != len(outputs):
        raise RuntimeError(
            f"Function's jvp returned an invalid number of forward gradients (expected {len(outputs)} but "
            f"got {len(result)})"
        )
    bases = {}  # the base of every input (itself if not a view) -> its first position
    for i, a in enumerate(args):
        if isinstance(a, Tensor):
            bases.setdefault(id(_forward_base(a)), i)
    for i, (raw, out, tangent) in enumerate(zip(raw_outputs, outputs, result)):
        if not isinstance(raw, Tensor):
            continue
        if any(raw is n for n in ctx._non_differentiable) or raw._data.dtype.kind not in "fc":
            if tangent is not None:
                raise RuntimeError(
                    f"Function's jvp returned a gradient at position {i}, but  the corresponding forward "
                    "output is not a differentiable Tensor.You should return None at that position instead."
                )
            continue
        position = next((k for k, a in enumerate(args) if a is raw), None)
        if any(raw is d for d in ctx._dirty):
            if position is None:
                raise RuntimeError(
                    "Only input Tensors should be given to ctx.mark_dirty(). If a Tensor is not an input, "
                    "there is no need to pass it to mark_dirty()."
                )
            if given[position] is None:
                _write_tangent(out, checked_tangent(out, tangent))
            elif tangent._vc.value == versions[position]:
                raise RuntimeError(INPLACE_JVP_NOT_MODIFIED)
            elif tangent is not given[position]:
                raise RuntimeError(INPLACE_JVP_NOT_RETURNED)
            continue
        if out._base is not None and out._view_meta.forward and id(out._base) in bases:
            matching = tangent_of(args[bases[id(out._base)]])
            if matching is None:
                # a view of an input without a tangent gets one as an in-place op would (its base too);
                # torch then stops, leaving the outputs after it without tangents
                _write_tangent(out, checked_tangent(out, tangent))
                return
            if tangent._base is None:
                raise RuntimeError(
                    "A custom Function's forward is returning a view (or an input as-is) but the jvp is not "
                    "returning a view."
                )
            if matching._base is not None:
                if matching._base is not tangent._base:
                    raise RuntimeError(
                        "A custom Function is returning a view but the jvp is not returning a view of the "
                        "same base as the given grad input."
                    )
            elif matching is not tangent._base:
                raise RuntimeError(
                    "A custom Function is returning a view but the jvp is not returning a view of the given "
                    "grad input."
                )
        set_tangent(out, checked_tangent(out, tangent))


def _forward_base(t):
    return t._base if t._base is not None and t._view_meta.forward else t


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

    differentiable = [o for o in outputs if isinstance(o, Tensor) and o._gfn is ctx]
    if len(differentiable) > 1:
        for o in outputs:
            if isinstance(o, Tensor) and o._base is not None:
                o._view_meta.creation = views.MULTIPLE_OUTPUTS


def _view_as_self_with_no_grad(t):
    prev = grad_mode.set_mode(False)
    try:
        return views.make_view(t, t._data, None)
    finally:
        grad_mode.restore_mode(prev)


def _wire_differentiability(node, ctx, index, out, is_dirty, is_input):

    if node is None or any(out is n for n in ctx._non_differentiable) or out._data.dtype.kind != "f":
        if not out._requires_grad:
            # torch's _view_as_self_with_no_grad: a view, so that forward AD treats it as one
            return _view_as_self_with_no_grad(out) if is_input and not is_dirty else out
        if is_input:
            return out.detach()
        if out._base is None:
            out._gfn = None  # detach_()
            out._requires_grad = False
        return out
    if is_dirty:
        if out._gfn is None and out._requires_grad:
            raise RuntimeError("a leaf Variable that requires grad has been used in an in-place operation.")
    elif is_input:
        out = _view_as_self_with_no_grad(out)
    elif out._base is None and (out._gfn is not None or out._requires_grad):
        out = out.detach()  # a view keeps its identity: it becomes a custom-Function view below
    out._gfn = node
    out._output_nr = index
    out._requires_grad = True
    return out


def _save(position, t, outputs):
    if t is None:
        return SavedNone()
    if not isinstance(t, Tensor):
        raise TypeError(
            f"save_for_backward can only save variables, but argument {position} is of type {type_name(t)}"
        )
    for i, o in enumerate(outputs):
        if t is o:
            return SavedTensor(t, is_output=True, output_nr=i)
    return SavedTensor(t)


ONCE_DIFFERENTIABLE = "trying to differentiate twice a function that was marked with @once_differentiable"


class Error(Node):
    """A node whose backward raises: behind @once_differentiable's outputs, and torch's DelayedError."""

    __slots__ = ("message",)

    def name(self):
        return "torch::autograd::Error"

    def apply(self, grads):
        raise RuntimeError(self.message or ONCE_DIFFERENTIABLE)


class UndefinedGradBackward(Node):
    """torch's UndefinedGrad node: its inputs get undefined (None) gradients."""

    __slots__ = ()
    _runs_without_grads = True

    def name(self):
        return "torch::autograd::UndefinedGradBackward"

    def apply(self, grads):
        return (None,) * len(self._next_fns)


def pass_through(node_class, inputs, message=None):
    """torch's DelayedError and UndefinedGrad functions: the inputs' data as new tensors, and, when any input
    requires grad (whatever the grad mode), `node_class` as their grad_fn."""
    if not any(t._requires_grad for t in inputs):
        outputs = tuple(make_output(t._data, None) for t in inputs)
    else:
        # the node even in no_grad mode (without edges then), as torch makes it
        edges = tuple(gradient_edge(t) for t in inputs) if grad_mode.state.grad_enabled else ()
        node = node_class(edges)
        if node_class is Error:
            node.message = message
        node._out_meta = tuple((t._data.shape, t._data.dtype) for t in inputs)
        outputs = tuple(make_output(t._data, node) for t in inputs)
        for i, out in enumerate(outputs):
            out._output_nr = i
    return outputs[0] if len(outputs) == 1 else outputs


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
        node.message = None
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
