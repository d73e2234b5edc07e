"""The torch-shaped face an adapter gives a foreign autograd engine.

A check body only speaks torch: ``torch.tensor(...)``, ``x.grad``, ``y.backward()``. An adapter module
(``conformance.backends.mygrad_adapter`` and friends) turns itself into such a namespace by calling
``install(globals(), engine)``, where ``engine`` is an ``Engine`` subclass that knows the foreign API.
The proxies here only *forward*: every answer comes from the engine's own state, translated into
torch's vocabulary (``dtype('float32')`` reads as ``torch.float32``, MyGrad's ``Multiply`` operation as
``MulBackward0``). Nothing is corrected: an engine that overwrites ``.grad`` is seen overwriting it.

Where the engine has no such concept at all, the proxy raises ``NotApplicable(reason)`` instead of
inventing an answer; the runner reports that check as skipped with the reason. An engine that has
the concept but behaves otherwise is simply observed, and the check fails.
"""

from __future__ import annotations

import contextlib
import weakref


class NotApplicable(BaseException):  # noqa: N818 (the name says what it means to a reader of reports)
    """The check touched a concept the engine does not have, e.g. ``.grad`` on HIPS autograd.

    A BaseException, so that neither a body's ``except Exception`` nor ``obs.raises`` swallows it as
    an ordinary error of the engine: it must reach the runner, which reports the check as not
    applicable.
    """

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class dtype:  # noqa: N801 (named like torch.dtype: the observer recognises dtypes by class name)
    def __init__(self, name: str):
        self.name = name
        self.is_floating_point = name.startswith(("float", "bfloat"))

    def __repr__(self):
        return f"torch.{self.name}"

    __str__ = __repr__


DTYPES = {
    n: dtype(n)
    for n in ("float16", "bfloat16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "bool")
}
DTYPE_ALIASES = {"float": "float32", "double": "float64", "half": "float16", "int": "int32", "long": "int64"}


def dtype_named(name: str) -> dtype:
    return DTYPES[DTYPE_ALIASES.get(name, name)]


class Size(tuple):
    """torch.Size: a tuple of ints (the observer recognises it by class name)."""

    def __repr__(self):
        return f"torch.Size({list(self)})"


class Node:
    """A grad_fn as the suite sees it: ``name()`` and ``next_functions`` (computed when read)."""

    def __init__(self, name: str, next_functions=()):
        self._name = name
        self._next = next_functions

    def name(self) -> str:
        return self._name

    @property
    def next_functions(self):
        return tuple(self._next() if callable(self._next) else self._next)

    def __repr__(self):
        return f"<{self._name}>"


ACCUMULATE_GRAD = "torch::autograd::AccumulateGrad"  # what torch's leaf node's name() says


def unwrap(value):
    if isinstance(value, Tensor):
        return value._raw
    if isinstance(value, dtype):
        return value
    if isinstance(value, Size):
        return tuple(value)  # engines take plain tuples of ints as shapes
    if isinstance(value, (list, tuple)):
        return type(value)(unwrap(v) for v in value)
    if isinstance(value, dict):
        return {k: unwrap(v) for k, v in value.items()}
    return value


class Engine:
    """What an adapter implements: the foreign engine's answers, in torch's vocabulary.

    ``name`` names the engine in reasons; ``version`` is the engine's own version. ``absent`` maps a
    concept (an attribute or function name of torch's API) to the reason the engine lacks it.
    Subclasses override the methods whose default does not fit. The defaults forward the name
    unchanged to the raw value's method or the engine module's function.
    """

    name = "engine"
    version: str | None = None
    module = None  # the engine's module of functions (mygrad, autograd.numpy, ...)
    absent: dict[str, str] = {}
    method_names: dict[str, str] = {}  # torch name -> engine name
    keyword_names: dict[str, str] = {}  # torch keyword -> engine keyword (dim -> axis)

    def __init__(self):
        self._proxies: weakref.WeakValueDictionary = weakref.WeakValueDictionary()

    # -- identity: the same engine object is always the same proxy (``x.grad is old`` must hold)
    def wrap(self, raw):
        if isinstance(raw, (list, tuple)) and not isinstance(raw, Size):
            return type(raw)(self.wrap(v) for v in raw)
        if not self.is_tensor(raw):
            return raw
        proxy = self._proxies.get(id(raw))
        if proxy is None or proxy._raw is not raw:
            proxy = Tensor(self, raw)
            self._proxies[id(raw)] = proxy
        return proxy

    def lacks(self, concept: str):
        """Raise NotApplicable when the engine lacks ``concept``."""
        if concept in self.absent:
            raise NotApplicable(f"{self.name} has no {concept}: {self.absent[concept]}")

    # -- to implement per engine
    def is_tensor(self, raw) -> bool:
        raise NotImplementedError

    def make(self, data, dtype_name: str | None, requires_grad: bool | None):
        raise NotImplementedError

    def full(self, shape, fill, dtype_name: str | None, requires_grad: bool | None):
        raise NotImplementedError

    def shape(self, raw) -> tuple:
        return tuple(raw.shape)

    def dtype_name(self, raw) -> str:
        return str(raw.dtype)

    def requires_grad(self, raw) -> bool:
        self.lacks("requires_grad")
        raise NotImplementedError

    def set_requires_grad(self, raw, flag: bool):
        self.lacks("requires_grad")
        raise NotImplementedError

    def is_leaf(self, raw) -> bool:
        self.lacks("is_leaf")
        raise NotImplementedError

    def grad_fn(self, raw):
        self.lacks("grad_fn")
        raise NotImplementedError

    def grad(self, raw):
        self.lacks("grad")
        return raw.grad

    def set_grad(self, raw, value):
        self.lacks("grad")
        raw.grad = value

    def backward(self, raw, gradient, retain_graph, create_graph):
        self.lacks("backward")
        raise NotImplementedError

    def tolist(self, raw):
        return raw.tolist()

    def grad_enabled(self) -> bool:
        self.lacks("is_grad_enabled")
        raise NotImplementedError

    def set_grad_enabled(self, flag: bool):
        self.lacks("set_grad_enabled")
        raise NotImplementedError

    def autograd_grad(self, outputs, inputs, grad_outputs, retain_graph, create_graph, allow_unused):
        self.lacks("autograd.grad")
        raise NotImplementedError

    def functional(self, which: str, func, inputs, create_graph: bool):
        """torch.autograd.functional.jacobian / hessian."""
        self.lacks(f"autograd.functional.{which}")
        raise NotImplementedError

    # -- generic forwarding of ops
    def keywords(self, kwargs: dict) -> dict:
        return {self.keyword_names.get(k, k): unwrap(v) for k, v in kwargs.items()}

    def engine_dtype(self, torch_dtype: dtype):
        """The engine's dtype object for a torch dtype (a dtype passed to an op)."""
        return torch_dtype.name

    def translate_args(self, args):
        return tuple(self.engine_dtype(a) if isinstance(a, dtype) else unwrap(a) for a in args)

    def method(self, raw, name: str, args: tuple, kwargs: dict):
        """``tensor.<name>(*args, **kwargs)``: the raw value's method, else the module's function."""
        self.lacks(name)
        engine_name = self.method_names.get(name, name)
        kwargs = {k: self.engine_dtype(v) if isinstance(v, dtype) else v for k, v in kwargs.items()}
        bound = getattr(raw, engine_name, None)
        if callable(bound):
            return bound(*self.translate_args(args), **self.keywords(kwargs))
        function = getattr(self.module, engine_name, None)
        if callable(function):
            return function(raw, *self.translate_args(args), **self.keywords(kwargs))
        raise AttributeError(f"'Tensor' object has no attribute '{name}'")

    def attribute(self, raw, name: str):
        """``tensor.<name>``: a plain attribute's value, or a callable for a method (or module function)."""
        self.lacks(name)
        engine_name = self.method_names.get(name, name)
        value = getattr(raw, engine_name, None)
        if value is not None and not callable(value):
            return self.wrap(value)
        if value is None and not callable(getattr(self.module, engine_name, None)):
            raise AttributeError(f"'Tensor' object has no attribute '{name}'")

        def call(*args, **kwargs):
            return self.wrap(self.method(raw, name, args, kwargs))

        return call

    def function(self, name: str, args: tuple, kwargs: dict):
        """``torch.<name>(*args, **kwargs)``: the engine module's function of that name."""
        self.lacks(name)
        engine_name = self.method_names.get(name, name)
        kwargs = {k: self.engine_dtype(v) if isinstance(v, dtype) else v for k, v in kwargs.items()}
        function = getattr(self.module, engine_name, None)
        if callable(function):
            return function(*self.translate_args(args), **self.keywords(kwargs))
        if args and self.is_tensor(unwrap(args[0])):
            return self.method(unwrap(args[0]), name, args[1:], kwargs)
        raise AttributeError(f"module 'torch' has no attribute '{name}'")

    def operator(self, name: str, raw, other):
        """A Python operator (``__mul__``...) on the raw value; the engine decides what it means."""
        if isinstance(other, dtype):
            other = self.engine_dtype(other)
        return getattr(raw, name)(other)

    def operator_setitem(self, raw, index, value):
        raw[index] = value


class Tensor:
    """A tensor of the foreign engine, seen through torch's attributes (the class name is torch's,
    which is how the observer recognises tensors)."""

    __slots__ = ("_engine", "_raw", "__weakref__", "__dict__")

    def __init__(self, engine: Engine, raw):
        object.__setattr__(self, "_engine", engine)
        object.__setattr__(self, "_raw", raw)

    # -- what the observer reads
    @property
    def shape(self):
        return Size(int(s) for s in self._engine.shape(self._raw))

    @property
    def dtype(self):
        return dtype_named(self._engine.dtype_name(self._raw))

    @property
    def requires_grad(self):
        return self._engine.requires_grad(self._raw)

    @requires_grad.setter
    def requires_grad(self, flag):
        self._engine.set_requires_grad(self._raw, bool(flag))

    @property
    def is_leaf(self):
        return self._engine.is_leaf(self._raw)

    @property
    def grad_fn(self):
        return self._engine.grad_fn(self._raw)

    @property
    def grad(self):
        return self._engine.wrap(self._engine.grad(self._raw))

    @grad.setter
    def grad(self, value):
        self._engine.set_grad(self._raw, unwrap(value))

    def requires_grad_(self, requires_grad=True):
        self._engine.set_requires_grad(self._raw, bool(requires_grad))
        return self

    def backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
        if inputs is not None:
            self._engine.lacks("backward(inputs=...)")
        self._engine.backward(self._raw, unwrap(gradient), retain_graph, create_graph)

    def tolist(self):
        return self._engine.tolist(self._raw)

    def size(self, dim=None):
        return self.shape if dim is None else self.shape[dim]

    def dim(self):
        return len(self.shape)

    def numel(self):
        n = 1
        for s in self.shape:
            n *= s
        return n

    # -- everything else is the engine's
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return self._engine.attribute(self._raw, name)

    def __setattr__(self, name, value):
        if name in ("grad", "requires_grad"):
            object.__setattr__(self, name, value)  # the property setters above
        else:
            self._engine.lacks(name)
            setattr(self._raw, name, unwrap(value))

    def __repr__(self):
        return f"tensor({self._raw!r})"

    def __len__(self):
        return len(self._raw)

    def __bool__(self):
        return bool(self._raw)

    def __float__(self):
        return float(self._raw)

    def __int__(self):
        return int(self._raw)

    def __index__(self):
        return int(self._raw)

    def __iter__(self):
        return iter(self._engine.wrap(list(self._raw)))

    def __getitem__(self, index):
        return self._engine.wrap(self._engine.operator("__getitem__", self._raw, unwrap(index)))

    def __setitem__(self, index, value):
        self._engine.operator_setitem(self._raw, unwrap(index), unwrap(value))

    __hash__ = object.__hash__


def _operator(name):
    def op(self, other=None):
        engine = self._engine
        if name in ("__neg__", "__pos__", "__abs__", "__invert__"):
            return engine.wrap(getattr(self._raw, name)())
        return engine.wrap(engine.operator(name, self._raw, unwrap(other)))

    op.__name__ = name
    return op


for _name in (
    "__add__ __radd__ __sub__ __rsub__ __mul__ __rmul__ __truediv__ __rtruediv__ __floordiv__ __mod__ "
    "__pow__ __rpow__ __matmul__ __rmatmul__ __neg__ __pos__ __abs__ __invert__ __lt__ __le__ __gt__ "
    "__ge__ __eq__ __ne__ __and__ __or__ __xor__ __iadd__ __isub__ __imul__ __itruediv__"
).split():
    setattr(Tensor, _name, _operator(_name))


class _GradMode:
    """no_grad / enable_grad / set_grad_enabled(flag): context managers and decorators."""

    def __init__(self, engine: Engine, flag: bool):
        self.engine, self.flag = engine, flag
        self.previous: list[bool] = []

    def __enter__(self):
        self.previous.append(self.engine.grad_enabled())
        self.engine.set_grad_enabled(self.flag)
        return self

    def __exit__(self, *exc):
        self.engine.set_grad_enabled(self.previous.pop())
        return False

    def __call__(self, func):
        def wrapped(*args, **kwargs):
            with _GradMode(self.engine, self.flag):
                return func(*args, **kwargs)

        return wrapped


class _Namespace:
    """A module-like namespace (torch.autograd, torch.nn.functional) that forwards to ``find``."""

    def __init__(self, find, **members):
        self._find = find
        self.__dict__.update(members)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return self._find(name)


def install(namespace: dict, engine: Engine):
    """Make the adapter module ``namespace`` (its globals()) a torch-like module for ``engine``."""
    wrap = engine.wrap
    absent = object()  # "not given": the engine's own default applies, as with torch's defaults

    def tensor(data, dtype=None, requires_grad=absent, **_ignored):
        data = unwrap(data)
        flag = None if requires_grad is absent else bool(requires_grad)
        return wrap(engine.make(data, None if dtype is None else dtype.name, flag))

    def _shape(size):
        if len(size) == 1 and isinstance(size[0], (list, tuple)):
            return tuple(size[0])
        return tuple(size)

    def full(size, fill_value, dtype=None, requires_grad=absent, **_ignored):
        flag = None if requires_grad is absent else bool(requires_grad)
        return wrap(engine.full(tuple(size), fill_value, None if dtype is None else dtype.name, flag))

    def ones(*size, dtype=None, requires_grad=absent, **_ignored):
        return full(_shape(size), 1, dtype, requires_grad)

    def zeros(*size, dtype=None, requires_grad=absent, **_ignored):
        return full(_shape(size), 0, dtype, requires_grad)

    def ones_like(t, dtype=None, requires_grad=absent, **_ignored):
        return full(t.shape, 1, dtype or t.dtype, requires_grad)

    def zeros_like(t, dtype=None, requires_grad=absent, **_ignored):
        return full(t.shape, 0, dtype or t.dtype, requires_grad)

    def function(name):
        def call(*args, **kwargs):
            return wrap(engine.function(name, args, kwargs))

        call.__name__ = name
        return call

    def grad(
        outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False, allow_unused=None, **_
    ):
        single = not isinstance(inputs, (list, tuple))
        result = engine.autograd_grad(
            unwrap(outputs),
            unwrap([inputs] if single else list(inputs)),
            unwrap(grad_outputs),
            retain_graph,
            create_graph,
            allow_unused,
        )
        return tuple(wrap(r) for r in result)

    def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, **_):
        tensors = [tensors] if isinstance(tensors, Tensor) else list(tensors)
        if grad_tensors is None:
            grad_tensors = [None] * len(tensors)
        elif isinstance(grad_tensors, Tensor):
            grad_tensors = [grad_tensors]
        for t, g in zip(tensors, grad_tensors):
            t.backward(g, retain_graph=retain_graph, create_graph=create_graph)

    def functional(which):
        def call(func, inputs, create_graph=False, **_):
            return engine.functional(which, func, inputs, create_graph)

        return call

    def missing(prefix):
        def find(name):
            engine.lacks(f"{prefix}.{name}")
            return function(f"{prefix}.{name}")

        return find

    def is_grad_enabled():
        return engine.grad_enabled()

    def no_grad():
        return _GradMode(engine, False)

    def enable_grad():
        return _GradMode(engine, True)

    @contextlib.contextmanager
    def _inference_mode():
        engine.lacks("inference_mode")
        yield

    class set_grad_enabled(_GradMode):  # noqa: N801 (torch's name): works as a call and as a context
        def __init__(self, mode):
            super().__init__(engine, bool(mode))
            self.previous.append(engine.grad_enabled())
            engine.set_grad_enabled(bool(mode))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            engine.set_grad_enabled(self.previous.pop())
            return False

    autograd = _Namespace(
        missing("autograd"),
        grad=grad,
        backward=backward,
        functional=_Namespace(
            missing("autograd.functional"), jacobian=functional("jacobian"), hessian=functional("hessian")
        ),
    )

    def module_getattr(name):
        if name in DTYPES or name in DTYPE_ALIASES:
            return dtype_named(name)
        if name.startswith("__"):
            raise AttributeError(name)
        return function(name)

    namespace.update(
        __version__=engine.version,
        Tensor=Tensor,
        Size=Size,
        tensor=tensor,
        full=full,
        ones=ones,
        zeros=zeros,
        ones_like=ones_like,
        zeros_like=zeros_like,
        is_grad_enabled=is_grad_enabled,
        no_grad=no_grad,
        enable_grad=enable_grad,
        set_grad_enabled=set_grad_enabled,
        inference_mode=lambda mode=True: _inference_mode(),
        autograd=autograd,
        nn=_Namespace(missing("nn"), functional=_Namespace(missing("nn.functional"))),
        __getattr__=module_getattr,
        ENGINE=engine,
    )
