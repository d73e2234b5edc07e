"""The machinery shared by the broken backends: real torch, with exactly the pieces a backend replaces.

A broken backend is a module that ends with ``install(__name__, ...)``. That replaces the module by a
``Namespace`` which *is* torch (every attribute is forwarded to the real torch) except for:

- the names given to ``install`` (e.g. a broken ``no_grad``), and ``autograd.<name>`` overrides;
- tensor factories (``tensor``, ``ones``, ...), which return tensors of the backend's own class.

Tensors stay real ``torch.Tensor`` objects: the backend's class is a Python subclass of torch.Tensor,
and a tensor joins it by a ``__class__`` change in place (not ``as_subclass``, which would add an
``AliasBackward0`` node to every result). ``__torch_function__`` routes every torch call on such a
tensor through ``Tensor.call`` (where a backend can change an operation) and gives the results the
backend's class too, so the whole computation of a check body stays in the backend. Methods and
properties (``backward``, ``detach``, ``is_leaf``, ``grad_fn``...) are changed by overriding them.

Nothing here touches the real torch module: the oracle runs in the same process.
"""

from __future__ import annotations

import importlib
import sys
import types
import weakref

import torch

# Functions that make a tensor out of no tensor: they must hand back the backend's class.
FACTORIES = (
    "tensor", "as_tensor", "asarray", "from_numpy", "scalar_tensor",
    "zeros", "ones", "full", "empty", "empty_strided", "eye", "arange", "range", "linspace", "logspace",
    "rand", "randn", "randint", "randperm", "normal",
)  # fmt: skip


class Namespace(types.ModuleType):
    """A module that is ``wrapped`` except for the attributes set on it."""

    def __init__(self, name: str, wrapped: types.ModuleType, doc: str | None = None, **overrides):
        super().__init__(name, doc if doc is not None else wrapped.__doc__)
        self.__dict__["_wrapped"] = wrapped
        self.__dict__.update(overrides)

    def __getattr__(self, name):  # only reached for names this namespace does not define
        return getattr(self.__dict__["_wrapped"], name)

    def __dir__(self):
        return sorted(set(dir(self.__dict__["_wrapped"])) | set(self.__dict__))


def adopt(value, cls):
    """Give every plain tensor in ``value`` (looking into tuples, lists and dicts) the class ``cls``."""
    stack = [value]
    while stack:
        item = stack.pop()
        if type(item) is torch.Tensor:
            item.__class__ = cls
        elif isinstance(item, (tuple, list)):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
    return value


def rebuilt_in(backend: str, rebuild, args):
    """A tensor rebuilt by torch's own ``rebuild(*args)``, given the tensor class of the backend module
    named ``backend`` (by name, so that pickle can find it; see Tensor.__reduce_ex__)."""
    return adopt(rebuild(*args), importlib.import_module(backend).tensor_class)


class Tensor(torch.Tensor):
    """A real torch.Tensor that belongs to a backend. Broken backends subclass it.

    ``backend`` is the installed namespace (set by ``install``): ``backward`` goes through the
    backend's ``autograd.backward`` so that breaking that function breaks both entry points.
    """

    backend: types.ModuleType = torch

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        with torch._C.DisableTorchFunctionSubclass():
            result = cls.call(func, args, kwargs or {})
        return adopt(result, cls)

    @classmethod
    def call(cls, func, args, kwargs):
        """Run one torch function (torch function dispatch is off here). Override to break an op."""
        return func(*args, **kwargs)

    def new_empty(self, *args, **kwargs):
        # torch's __deepcopy__ of a subclass runs with torch function dispatch off and wants new_empty to
        # give the subclass back; a method override is found even then.
        return adopt(torch.Tensor.new_empty(self, *args, **kwargs), type(self))

    def __reduce_ex__(self, protocol):
        # torch rebuilds a subclass (copy.copy, pickle) with as_subclass, which gives a tensor that
        # requires grad an AliasBackward0 node; rebuild it as a plain tensor and adopt that instead.
        cls = type(self)
        self.__class__ = torch.Tensor
        try:
            rebuild, args = torch.Tensor.__reduce_ex__(self, protocol)[:2]
        finally:
            self.__class__ = cls
        return rebuilt_in, (cls.backend.__name__, rebuild, args)

    def backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
        self.backend.autograd.backward(self, gradient, retain_graph, create_graph, inputs=inputs)

    def __repr__(self, *, tensor_contents=None):
        # torch prints a subclass under its class name ("Tensor(...)"); a plain tensor is "tensor(...)",
        # a prefix of the same length, so the rest of the layout is unchanged.
        text = super().__repr__(tensor_contents=tensor_contents)
        return "tensor(" + text[len("Tensor(") :] if text.startswith("Tensor(") else text


class _ParameterType(type(torch.nn.Parameter)):
    def __instancecheck__(cls, instance):
        return isinstance(instance, torch.nn.Parameter)


class Parameter(torch.nn.Parameter, metaclass=_ParameterType):
    """``nn.Parameter`` for the backends: a real torch Parameter, as torch makes one of a plain tensor.

    Of a tensor subclass torch makes no Parameter (it flags the subclass instance instead), so the
    data is handed over as a plain tensor; modules' own parameters (nn.Linear's) are plain already.
    """

    def __new__(cls, data=None, requires_grad=True):
        if isinstance(data, Tensor):
            with torch._C.DisableTorchFunctionSubclass():
                data = data.detach().as_subclass(torch.Tensor)
        return torch.nn.Parameter(data, requires_grad)


def func_name(func) -> str:
    """The name of a torch function as __torch_function__ sees it: "add", "__iadd__", "__get__"..."""
    return getattr(func, "__name__", "")


def is_inplace(func) -> bool:
    name = func_name(func)
    if name.startswith("__i") and name.endswith("__"):
        return True  # __iadd__, __imul__, ...
    return name.endswith("_") and not name.endswith("__") and name != "requires_grad_"


def tensors_in(value) -> list:
    out, stack = [], [value]
    while stack:
        item = stack.pop()
        if isinstance(item, torch.Tensor):
            out.append(item)
        elif isinstance(item, (tuple, list)):
            stack.extend(item)
    return out


class NodeView:
    """Stands for a real grad_fn node, so a backend can change what ``name()`` and
    ``next_functions`` show. Everything else is the real node's. ``view(node)`` returns the same
    view for the same node while the view is alive, so ``a.grad_fn is b.grad_fn`` still holds."""

    _views: weakref.WeakValueDictionary = weakref.WeakValueDictionary()
    _classes: dict = {}
    family: type  # the NodeView subclass whose view() made this view

    def __init__(self, node):
        self.__dict__["_node"] = node

    @classmethod
    def view(cls, node):
        if node is None:
            return None
        key = (cls, id(node))  # the view holds the node, so the id is not reused while the view lives
        found = cls._views.get(key)
        if found is None:
            shown = cls.rename(type(node).__name__)
            # A class named like the node: repr(tensor) prints grad_fn=<type(grad_fn).__name__>.
            named = cls._classes.setdefault((cls, shown), type(shown, (cls,), {"family": cls}))
            found = cls._views[key] = named(node)
        return found

    @staticmethod
    def rename(name: str) -> str:
        return name

    def name(self):
        return self.rename(self._node.name())

    @property
    def next_functions(self):
        return tuple((self.family.view(fn), idx) for fn, idx in self._node.next_functions)

    def __getattr__(self, attr):
        return getattr(self.__dict__["_node"], attr)

    def __setattr__(self, attr, value):
        setattr(self._node, attr, value)

    def __call__(self, *args, **kwargs):
        return self._node(*args, **kwargs)

    def __eq__(self, other):
        return self._node is getattr(other, "_node", other)

    def __hash__(self):
        return hash(self._node)

    def __repr__(self):
        return f"<{type(self).__name__} object at {id(self._node):#x}>"


def install(module_name: str, tensor_class: type = Tensor, autograd: dict | None = None, **overrides):
    """Replace module ``module_name`` by a torch-like namespace: torch, except ``overrides`` (top-level
    names), ``autograd`` (names in ``torch.autograd``) and the factories, which make ``tensor_class``.

    ``tensor_class`` is the backend's own subclass of ``Tensor`` (without one, a fresh subclass: each
    backend needs its own class, as several may live in one process). The module's docstring and
    ``CAUGHT_BY`` stay readable on the namespace.
    """
    source = sys.modules[module_name]
    cls = tensor_class if tensor_class is not Tensor else type("Tensor", (Tensor,), {})
    cls.__name__ = cls.__qualname__ = "Tensor"  # messages name the type as torch's do: "'Tensor' and 'int'"

    def factory(fn):
        def make(*args, **kwargs):
            return adopt(fn(*args, **kwargs), cls)

        make.__name__ = make.__qualname__ = fn.__name__
        make.__doc__ = fn.__doc__
        return make

    names = {name: factory(getattr(torch, name)) for name in FACTORIES}
    names.update(overrides)
    backend = Namespace(module_name, torch, doc=source.__doc__, **names)
    backend.autograd = Namespace(f"{module_name}.autograd", torch.autograd, **(autograd or {}))
    backend.nn = Namespace(f"{module_name}.nn", torch.nn, Parameter=Parameter)
    backend.__file__ = source.__file__
    backend.CAUGHT_BY = source.CAUGHT_BY
    cls.backend = backend
    backend.tensor_class = cls
    sys.modules[module_name] = backend
    return backend
