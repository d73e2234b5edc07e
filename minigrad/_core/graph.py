"""The backward graph: Node (one subclass per op, named like torch's), AccumulateGrad, SavedTensor.

A node's `next_functions[i]` is the edge `(node_or_None, output_nr)` to whatever produced input i of the
forward
op. Nodes never reference their output tensors (that would be a cycle); `_out_meta` keeps the outputs' (shape,
numpy dtype), which the engine uses to reduce and cast every gradient it routes, like torch's
validate_outputs.
"""

import sys
import weakref

from . import anomaly, forward_ad, grad_mode
from .fp import silent

_state = grad_mode.state
_fw_state = forward_ad.state
_new = object.__new__


class RemovableHandle:
    """Returned by register_hook; remove() unregisters (the handle itself is the dict key)."""

    __slots__ = ("_hooks",)

    def __init__(self, hooks, fn):
        self._hooks = hooks
        hooks[self] = fn

    @property
    def id(self):
        """A number unique among live handles (torch counts handles globally; minigrad keeps no such
        counter, so the numbers differ from torch's)."""
        return id(self)

    def remove(self):
        self._hooks.pop(self, None)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.remove()


class Node:
    """Base of every backward function.

    Subclasses name slots that hold saved values `saved_<name>` (a SavedTensor or a plain Python value);
    torch's
    `_saved_<name>` attributes then read them (unpacked), and release() frees the SavedTensors after backward.
    Single-output nodes implement `backward(grad) -> tuple` (one entry per input, None where not needed).
    """

    # The edges are kept as two tuples, the nodes and their output numbers (usually the shared ZERO_NRS), not
    # as torch's tuple of pairs: a node then owns one container instead of one per input, which is what the
    # garbage collector scans over and over in long graphs. next_functions builds the pairs on request.
    __module__ = "torch.autograd.graph"  # the name torch prints for the class (no pickle refers to it)
    __slots__ = ("_next_fns", "_next_nrs", "_seq", "_out_meta", "_extras", "__weakref__")
    _saved_names = ()
    _saved_tensor_names = ()  # those of them that hold SavedTensors (torch's `_raw_saved_<name>`)
    _backward_only = True
    _plain_init = True
    _runs_without_grads = False  # a node whose gradients are all None is skipped, unless this says otherwise

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        names = []
        for klass in reversed(cls.__mro__):
            for slot in klass.__dict__.get("__slots__", ()):
                if slot.startswith("saved_") and slot not in names:
                    names.append(slot)
        cls._saved_names = tuple(names)
        if "_saved_tensor_names" in cls.__dict__:  # only these can hold SavedTensors (the table's nodes)
            cls._release_names = tuple(n for n in cls._saved_tensor_names if n in names)
        else:
            cls._release_names = cls._saved_names
        cls._backward_only = cls.apply is Node.apply  # the engine may then call backward() directly
        cls._plain_init = cls.__init__ is Node.__init__  # make_node may then skip __init__

    def __init__(self, next_functions=()):
        self._setup(tuple(fn for fn, _ in next_functions), _nrs_tuple([nr for _, nr in next_functions]))

    def _setup(self, fns, nrs):
        self._next_fns = fns
        self._next_nrs = nrs
        state = _state
        self._seq = n = state.sequence_nr
        state.sequence_nr = n + 1
        self._out_meta = ()
        self._extras = None  # NodeExtras once a hook, retain_grad or metadata is attached
        for name in self._saved_names:  # unset slots would make release() and _saved_x lookups slow
            setattr(self, name, None)
        if anomaly.state.enabled:
            anomaly.record(self.metadata)

    @property
    def next_functions(self):
        """One (node or None, output_nr) pair per input of the forward op (a new tuple each time, as in
        torch)."""
        return tuple(zip(self._next_fns, self._next_nrs))

    def name(self):
        return type(self).__name__

    def _sequence_nr(self):
        """The order of creation, which decides the engine's order (torch's sequence_nr)."""
        return self._seq

    def _gradient_meta(self):
        """(shape, numpy dtype) per forward output: what the gradients flowing in must look like (as
        torch's _input_metadata, which tensor.py defines on top of this)."""
        return self._out_meta

    def needs_input_grad(self, i):
        return self._next_fns[i] is not None

    def unpack(self, saved):
        """The value of a `saved_<name>` slot: SavedTensors are version-checked and unpacked."""
        return saved.unpack(self) if type(saved) is SavedTensor else saved

    def apply(self, grads):
        """Engine entry: grads has one entry per forward output."""
        return self.backward(grads[0])

    def backward(self, grad):
        raise NotImplementedError(f"{self.name()} must implement backward() or apply()")

    def __call__(self, *grads):
        """Run the node's backward formula on `grads` (one per output), as torch lets a user call a node."""
        expected = len(self._out_meta) or 1
        if len(grads) != expected:
            raise TypeError(f"expected {expected} arguments, got {len(grads)} instead")
        with silent():
            result = tuple(self.apply(list(grads)))
        return result[0] if len(result) == 1 else result

    def release(self):
        for name in self._release_names:
            value = getattr(self, name)
            if type(value) is SavedTensor:
                value.release()
            elif type(value) is tuple:  # a list of saved tensors (index's indices)
                for v in value:
                    if type(v) is SavedTensor:
                        v.release()

    def __getattr__(self, name):
        # Only reached when normal lookup fails: serves torch's `_saved_self` style attributes.
        if name.startswith("_raw_saved_"):
            slot = name[len("_raw_") :]
            if slot in type(self)._saved_tensor_names:
                value = getattr(self, slot)
                if type(value) is tuple:
                    return tuple(v for v in value)
                return value
        if name.startswith("_saved_"):
            slot = name[1:]
            if slot in type(self)._saved_names:
                value = getattr(self, slot)
                if type(value) is tuple:  # a list of saved tensors (index's indices)
                    return tuple(v.unpack(self) if type(v) is SavedTensor else v for v in value)
                return value.unpack(self) if type(value) is SavedTensor else value
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __dir__(self):
        # torch's nodes list their `_saved_<name>` attributes (code finds saved values this way)
        names = [n for n in super().__dir__() if n not in ("_saved_names", "_saved_tensor_names")]
        return names + ["_raw_" + n for n in self._saved_tensor_names] + ["_" + n for n in self._saved_names]

    def _get_extras(self):
        extras = self._extras
        if extras is None:
            extras = self._extras = NodeExtras()
        return extras

    @property
    def metadata(self):
        extras = self._get_extras()
        if extras.metadata is None:
            extras.metadata = {}
        return extras.metadata

    @property
    def requires_grad(self):
        return any(fn is not None for fn in self._next_fns)

    def register_prehook(self, fn):
        """fn(grad_outputs) -> new grad_outputs or None; runs before the node's backward."""
        extras = self._get_extras()
        if extras.pre_hooks is None:
            extras.pre_hooks = {}
        return RemovableHandle(extras.pre_hooks, fn)

    def register_hook(self, fn):
        """fn(grad_inputs, grad_outputs) -> new grad_inputs or None; runs after the node's backward."""
        extras = self._get_extras()
        if extras.post_hooks is None:
            extras.post_hooks = {}
        return RemovableHandle(extras.post_hooks, fn)

    def _register_tensor_hook(self, output_nr, fn):
        extras = self._get_extras()
        if extras.tensor_pre_hooks is None:
            extras.tensor_pre_hooks = {}
        return RemovableHandle(extras.tensor_pre_hooks.setdefault(output_nr, {}), fn)

    def _retain_grad_of(self, tensor):
        """retain_grad() on output `tensor` of this node: the engine then stores its gradient in .grad."""
        extras = self._get_extras()
        if extras.retains_grad is None:
            extras.retains_grad = {}
        extras.retains_grad[tensor._output_nr] = weakref.ref(tensor)

    def __repr__(self):
        return f"<{type(self).__name__} object at {id(self):#x}>"


class NodeExtras:
    """What few nodes have, kept out of Node so that a plain node is small and the engine can skip all of
    it with one test: tensor hooks {output_nr: {handle: fn}}, retained outputs {output_nr: weakref},
    node pre-hooks and post-hooks {handle: fn}, and the user's metadata dict."""

    __slots__ = ("tensor_pre_hooks", "retains_grad", "pre_hooks", "post_hooks", "metadata")

    def __init__(self):
        self.tensor_pre_hooks = None
        self.retains_grad = None
        self.pre_hooks = None
        self.post_hooks = None
        self.metadata = None


class AccumulateGrad(Node):
    """The sink for a leaf that requires grad. One per leaf while alive (the leaf keeps it by weak
    reference)."""

    __module__ = "builtins"  # a C++ type in torch: <class 'AccumulateGrad'>
    __slots__ = ("variable",)

    def __init__(self, variable):
        _init_accumulator(self, variable)

    def name(self):
        return "torch::autograd::AccumulateGrad"

    def _gradient_meta(self):
        return ((self.variable._data.shape, self.variable._data.dtype),)


class NotImplementedNode(Node):
    """torch's NotImplemented node: ops without a derivative formula (floor_divide) record one, with edges
    only to the inputs that require grad, and fail when backward reaches it."""

    __slots__ = ("op_name",)

    def name(self):
        return "torch::autograd::NotImplemented"

    def backward(self, grad):
        raise RuntimeError(f"derivative for {self.op_name} is not implemented")


def not_implemented_node(op_name, *inputs):
    """torch's NotImplemented node for an op without a derivative formula (named `aten::<op>`): edges only to
    the inputs (Tensors or None) that require grad; None when none does or grad mode is off."""
    requiring = [t for t in inputs if t is not None and t._requires_grad]
    node = make_node(NotImplementedNode, *requiring) if requiring else None
    if node is not None:
        node.op_name = op_name
    return node


def gradient_edge(t):
    """The edge a new node takes to tensor t: its grad_fn, its accumulator, or (None, 0)."""
    if t._base is not None:
        t.grad_fn  # noqa: B018  (a view whose base was written in place gets its regenerated grad_fn first)
        if t._gfn is None and t._view_meta.creation and t._base._requires_grad:
            return None, 0  # made in no_grad/inference mode: requires grad through its base, has no edge
    fn = t._gfn
    if fn is not None:
        return fn, t._output_nr
    if t._requires_grad:
        return grad_accumulator(t), 0
    return None, 0


def _init_accumulator(acc, variable):
    acc._next_fns = acc._next_nrs = acc._out_meta = ()
    acc._seq = sys.maxsize  # torch: UINT64_MAX, so accumulation runs as soon as it is ready
    acc._extras = None
    acc.variable = variable
    if anomaly.state.enabled:
        anomaly.record(acc.metadata)


def grad_accumulator(t):
    """The leaf's AccumulateGrad: one per leaf while some graph holds it (the leaf keeps it by weak reference,
    as torch does, so that leaf and node are no reference cycle); made anew, cheaply, when none does."""
    ref = t._grad_accumulator
    acc = ref() if ref is not None else None
    if acc is None:
        acc = _new(AccumulateGrad)
        _init_accumulator(acc, t)
        t._grad_accumulator = weakref.ref(acc)
    return acc


ZERO_NRS = {n: (0,) * n for n in range(9)}  # shared output-number tuples for the usual all-zero case


def _nrs_tuple(nrs):
    """The output numbers of a node's edges as a tuple, shared when they are all 0."""
    if not any(nrs):
        shared = ZERO_NRS.get(len(nrs))
        if shared is not None:
            return shared
    return tuple(nrs)


def make_node(cls, *inputs):
    """A new `cls` node wired to `inputs` (Tensors, or None for Python scalars) if grad mode is on and any
    input requires grad; otherwise None, and the op records nothing."""
    if not _state.grad_enabled:
        return None
    for t in inputs:
        if t is not None and t._requires_grad:
            break
    else:
        return None
    if t._vc.inference and all(t is None or t._vc.inference for t in inputs):
        # torch: inference tensors have no autograd dispatch key, so an op on nothing else records nothing
        return None
    fns = []
    nrs = []
    for t in inputs:
        # gradient_edge(t), with its common cases inline: a non-view's grad_fn, a leaf's live accumulator
        if t is None:
            fn, nr = None, 0
        elif t._base is not None:
            fn, nr = gradient_edge(t)
        elif t._gfn is not None:
            fn, nr = t._gfn, t._output_nr
        elif t._requires_grad:
            ref = t._grad_accumulator
            fn = ref() if ref is not None else None
            if fn is None:
                fn = grad_accumulator(t)
            nr = 0
        else:
            fn, nr = None, 0
        fns.append(fn)
        nrs.append(nr)
    if not cls._plain_init:
        node = cls(tuple(zip(fns, nrs)))
    else:
        node = _new(cls)
        node._setup(tuple(fns), _nrs_tuple(nrs))
    return node


FREED_REGISTER = (
    "Calling register_hooks on a saved tensor after it has been freed. Saved intermediate values of the "
    "graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to "
    "backward through the graph a second time or if you need to access saved variables after calling "
    "backward."
)

SECOND_BACKWARD_ERROR = (
    "Trying to backward through the graph a second time (or directly access saved tensors after they have "
    "already been freed). Saved intermediate values of the graph are freed when you call .backward() or "
    "autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second "
    "time or if "
    "you need to access saved tensors after calling backward."
)


PACK_HOOK_INPLACE = (
    "A saved tensor pack hook is modifying its input in place. Tensors provided as input to pack hook cannot "
    "be modified by in-place operations as this can lead to unexpected side-effects. Please open an issue if "
    "you need to perform in-place operations on the input to a pack hook."
)

INFERENCE_SAVED = (
    "Inference tensors cannot be saved for backward. Please do not use Tensors created in inference mode "
    "in computation tracked by autograd. To work around this, you can make a clone to get a normal tensor "
    "and use it in autograd, or use `torch.no_grad()` instead of `torch.inference_mode()`."
)


def _short_name(node):
    """The node's name as torch's error messages give it: ExpBackward0 is Exp, but MaxBackward1 is Max1."""
    head, found, tail = node.name().rpartition("Backward")
    if not found or not (tail == "" or tail.isdigit()):
        return node.name()
    return head if tail in ("", "0") else head + tail


class SavedTensor:
    """A tensor saved for backward (torch's SavedVariable), with the version it had when saved.

    - An op's own output is saved without its grad_fn (the node owns this SavedTensor, so keeping the output's
      grad_fn would be a cycle); unpack(owner) rebuilds it with grad_fn=owner, as torch does.
    - Under saved_tensors_hooks (or after register_hooks), pack(tensor) is kept instead of the tensor and
      unpack(packed) gives it back: a new tensor with the saved autograd identity, and no version check
      (torch cannot track versions through the hooks).
    - Its tangent at the forward AD level, if any, is saved too (forward-over-reverse needs it).
    """

    __slots__ = (
        "tensor", "version", "is_output", "output_nr", "released", "hooks", "packed", "meta", "fw_grad",
        "grad_fn",
    )  # fmt: skip

    def __init__(self, t, is_output=False, output_nr=0):
        vc = t._vc
        if vc.inference:
            raise RuntimeError(INFERENCE_SAVED)
        self.version = vc.value
        self.is_output = is_output
        self.output_nr = output_nr
        self.released = False
        self.hooks = None
        self.grad_fn = None if is_output else t._gfn  # an input detached in place since cannot be used
        fw = _fw_state
        self.fw_grad = (fw.generation, t._tangent()) if fw.level is not None else None
        hooks = _state.saved_hooks
        if hooks and not t._is_wrapped_number:
            self.tensor = None
            self._pack(hooks[-1], t, t)
        else:
            self.tensor = t._detached_alias() if is_output else t

    def _pack(self, hooks, t, given):
        """Keep pack(given) (run without grad, and refused if it writes t in place) and what a tensor rebuilt
        from t needs (torch's save_metadata). Under saved_tensors_hooks pack is given the tensor itself, an
        output with its grad_fn too; register_hooks gives it what was saved (an output without one)."""
        pack, _ = hooks
        accumulator = t._grad_accumulator_node() if t._gfn is None and t._requires_grad else None
        self.meta = (t._requires_grad, None if self.is_output else t._gfn, t._output_nr, accumulator)
        self.hooks = hooks
        version = t._vc.value
        previous = grad_mode.set_mode(False)
        try:
            self.packed = pack(given)
        finally:
            grad_mode.restore_mode(previous)
        if t._vc.value != version:
            raise RuntimeError(PACK_HOOK_INPLACE)

    @property
    def data(self):
        """What is kept: pack()'s result under hooks, else the tensor (an output: detached from its node)."""
        return self.packed if self.hooks is not None else self.tensor

    @property
    def unpack_hook(self):
        return None if self.hooks is None else self.hooks[1]

    def register_hooks(self, *hooks):
        """torch's SavedTensor.register_hooks: pack the saved tensor now, unpack it when backward needs it."""
        if len(hooks) != 2 or not all(callable(h) for h in hooks):
            raise TypeError(
                "register_hooks(): incompatible function arguments. The following argument types are "
                "supported:\n    1. (self: torch._C._autograd.SavedTensor, arg0: collections.abc.Callable, "
                "arg1: collections.abc.Callable) -> None\n\nInvoked with: "
                + ", ".join([f"<torch._C._autograd.SavedTensor object at {id(self):#x}>", *map(repr, hooks)])
            )
        pack_hook, unpack_hook = hooks
        if self.released:
            raise RuntimeError(FREED_REGISTER)
        if self.hooks is not None:
            raise RuntimeError(
                "Calling register_hooks on a saved tensor whose hooks have already been set. Hint: only one "
                "pair of hooks is allowed at a time."
            )
        t, self.tensor = self.tensor, None
        self._pack((pack_hook, unpack_hook), t, t)

    def release(self):
        self.released = True
        self.tensor = None
        self.packed = None

    def unpack(self, owner=None):
        if self.released:
            raise RuntimeError(SECOND_BACKWARD_ERROR)
        if self.hooks is not None:
            return self._unpack_hooked(owner)
        t = self.tensor
        current = t._vc.value
        if current != self.version:
            self._raise_modified(owner, t, current)
        if self.grad_fn is not None and t._gfn is None:
            raise RuntimeError(
                "Trying to use a saved tensor that has been detached in-place, i.e. with .detach_().This is "
                "not supported, please use out-of-place `.detach()` instead"
            )
        fw_grad = self.fw_grad
        if self.is_output:
            t = t._alias_with_grad_fn(owner, self.output_nr)
            if fw_grad is not None:
                self._restore_tangent(t)
        return t

    def _restore_tangent(self, t):
        generation, tangent = self.fw_grad
        if (
            tangent is not None
            and generation == forward_ad.state.generation
            and forward_ad.state.level is not None
        ):
            t._set_tangent(tangent)

    def _unpack_hooked(self, owner):
        data = self.hooks[1](self.packed)
        if not hasattr(data, "_data") or not hasattr(data, "_vc"):
            raise TypeError(
                "Output of saved tensor unpack_hook expected to be a Tensor but got result of type "
                f"{type(data).__name__}"
            )
        requires_grad, grad_fn, output_nr, accumulator = self.meta
        if self.is_output:
            grad_fn = owner
        t = data._detached_alias()
        t._vc = data._vc
        if grad_fn is not None:
            t._gfn = grad_fn
            t._output_nr = output_nr
            t._requires_grad = True
        else:
            t._requires_grad = requires_grad
            if accumulator is not None:
                t._grad_accumulator = weakref.ref(accumulator)
        if self.fw_grad is not None:
            self._restore_tangent(t)
        return t

    def _raise_modified(self, owner, t, current):
        dims = ", ".join(str(d) for d in t._data.shape)
        # torch's type string: the legacy class name, except for bool, which has none there
        type_string = "CPUBoolType" if t.dtype.name == "bool" else f"torch.{t.dtype._legacy}"
        where = f"[{type_string} [{dims}]]"
        if self.is_output:
            where += f", which is output {self.output_nr} of {_short_name(owner)},"
        elif t.grad_fn is not None:  # the property: a view written through its base names AsStrided
            where += f", which is output {t._output_nr} of {_short_name(t.grad_fn)},"
        if anomaly.state.enabled:
            hint = (
                "the backtrace further above shows the operation that failed to compute its gradient. The "
                "variable in question was changed in there or anywhere later. Good luck!"
            )
        else:
            hint = (
                "enable anomaly detection to find the operation that failed to compute its gradient, with "
                "torch.autograd.set_detect_anomaly(True, check_nan=False)."
            )
        raise RuntimeError(
            "one of the variables needed for gradient computation has been modified by an inplace operation: "
            f"{where} is at version {current}; expected version {self.version} instead. Hint: {hint}"
        )


class SavedNone(SavedTensor):
    """A None a custom Function saved: torch wraps it in a SavedTensor too, which unpacks to None."""

    __slots__ = ()

    def __init__(self):
        self.released = False
        self.hooks = self.tensor = self.packed = None

    def unpack(self, owner=None):
        if self.released:
            raise RuntimeError(SECOND_BACKWARD_ERROR)
        return None

    def register_hooks(self, *hooks):
        raise RuntimeError("Calling register_hooks on a saved tensor with value None is forbidden")
