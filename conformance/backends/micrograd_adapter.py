"""micrograd (https://github.com/karpathy/micrograd) seen through torch's API.

micrograd differentiates scalars: a ``Value`` holds one Python float, records the op that made it
and its operands, and ``backward()`` on one ``Value`` seeds its gradient with 1 and adds into every
``.grad`` below it. Its own neural-network code builds vectors as lists of ``Value``s and sums
products with Python's ``sum``. The adapter does the same: a tensor of any shape is an array of
``Value``s, one per element, so everything a check computes is computed by micrograd.

What it maps (faithful, because micrograd itself computes it element by element):

- ``tensor``/``full``/``ones``/``zeros`` of float data. A Value computes in Python floats, so the
  dtype is the container's label: ``float32`` unless ``float64`` is asked for, the wider of the
  operands' for a result; values are compared at that dtype's tolerance;
- ``+ - * /`` with tensors or Python numbers (broadcast element by element; ``add``/``sub`` with
  ``alpha``), unary ``-``, ``**`` a Python number, ``relu``;
- ``sum``/``mean`` over everything or over ``dim`` (sums of Values, as micrograd's ``Neuron``),
  and ``@``/``matmul``/``mm`` (sums of products, as micrograd's ``Layer``);
- ``backward()`` on a one-element tensor: micrograd's ``Value.backward()``, seed 1;
- ``.grad``: the Values' own ``grad`` numbers (0 before any backward: micrograd has no None);
  assigning ``None`` sets them to 0, micrograd's way of zeroing;
- ``is_leaf``: micrograd's own notion, a Value made by no op (empty ``_prev``); ``detach()`` gives new
  leaf Values with the same numbers (nothing is in place in micrograd, so a copy shows the same);
- ``reshape``/``view`` to a shape of the same size: the same Values, rearranged, as a list of
  Values is regrouped in micrograd's own code;
- ``item()``, ``tolist()``, ``float()``, shapes and sizes.

What it refuses (``n/a``, with the reason): integer, bool and half tensors, dtype conversions, other
structural ops and indexing, a reshape to another size, shapes that do not broadcast (the container
of Values, not micrograd, would answer these, with numpy's errors), ``requires_grad`` (every Value
takes part in backward, so there is no opting out), ``grad_fn`` (a Value records its op and an
unordered set of operands, not a node with ordered inputs), backward of several elements or with a
``gradient``, ``retain_graph``/``create_graph``, grad modes, hooks, in-place ops, version counters,
``autograd.grad``/``Function``/``functional``, and every op micrograd has no Value method for.
"""

from __future__ import annotations

import importlib.metadata

import numpy as np

from conformance.backends._proxy import Engine, NotApplicable, dtype, install, unwrap

try:
    from micrograd.engine import Value
except ModuleNotFoundError:
    raise ModuleNotFoundError(
        "micrograd is not installed: pip install '.[peers]'", name="micrograd"
    ) from None

CONTAINER = "the adapter's container of Values, not micrograd, would answer"
STRUCTURAL = {
    "__getitem__", "expand", "t", "T", "transpose", "permute", "squeeze", "unsqueeze", "flatten", "cat",
    "stack", "clone", "contiguous", "select", "narrow", "split", "chunk", "flip", "repeat", "expand_as",
}  # fmt: skip
NO_OP = "a Value has only + - * / ** and relu"


FLOATS = ("float32", "float64")


class Values:
    """A tensor as micrograd's users build one: an array of Values, labelled with a float dtype."""

    __slots__ = ("array", "dtype", "__weakref__")

    def __init__(self, array, dtype: str):
        self.array = array
        self.dtype = dtype

    def __float__(self):
        return float(_single(self).data)

    def __int__(self):
        return int(_single(self).data)

    def __bool__(self):
        return bool(_single(self).data)

    def __len__(self):
        if not self.array.shape:
            raise TypeError("len() of a 0-d tensor")
        return self.array.shape[0]

    def __iter__(self):
        raise NotApplicable(f"micrograd has no iteration over a tensor: {CONTAINER}")

    def __neg__(self):
        return Values(_as_value_array(np.negative(self.array)), self.dtype)

    def __repr__(self):
        return f"Values({self.array.tolist()!r})"


def _no_operator(name):
    def refuse(self):
        raise NotApplicable(f"micrograd has no {name}: {NO_OP}")

    return refuse


for _name in ("__pos__", "__abs__", "__invert__"):
    setattr(Values, _name, _no_operator(_name))


def _single(values: Values) -> Value:
    if values.array.size != 1:
        raise NotApplicable(f"micrograd has no {values.array.shape} tensors as one number: {CONTAINER}")
    return values.array.reshape(()).item()


def _as_value_array(result) -> np.ndarray:
    """Every element a Value (numpy's empty sums give a plain 0: micrograd's constant is a Value)."""
    array = np.asarray(result, dtype=object)
    flat = [v if isinstance(v, Value) else Value(v) for v in array.reshape(-1)]
    out = np.empty(array.shape, dtype=object)
    out.reshape(-1)[:] = flat if flat else []
    return out


def _wider(operands) -> str:
    """float64 when any tensor operand is; Python numbers do not widen (as in torch)."""
    return "float64" if any(isinstance(x, Values) and x.dtype == "float64" for x in operands) else "float32"


def _floats(data):
    """Nested lists of Python floats; int and bool data are integer tensors micrograd cannot hold."""
    array = np.asarray(data)
    if array.dtype.kind not in "f":
        raise NotApplicable(
            "micrograd has no integer or bool tensors: a Value holds a float; integer tensors do not apply"
        )
    return array


class Micrograd(Engine):
    name = "micrograd"
    version = importlib.metadata.version("micrograd")
    absent = {
        "requires_grad": "every Value takes part in backward; there is no opting out",
        "requires_grad=False": "every Value takes part in backward; there is no opting out",
        "grad_fn": "a Value records its op and an unordered set of operands, not a backward node",
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
        "backward of several elements": "backward() starts from one Value",
        "create_graph": "no higher-order gradients",
        "retain_graph": "no retain_graph option",
        "backward(inputs=...)": "backward() has no inputs argument",
    }

    def is_tensor(self, raw):
        return isinstance(raw, Values)

    def _leaf(self, data, dtype_name: str) -> Values:
        array = _floats(data)
        out = np.empty(array.shape, dtype=object)
        out.reshape(-1)[:] = [Value(float(x)) for x in array.reshape(-1)]
        return Values(out, dtype_name)

    def _float_dtype(self, dtype_name) -> str:
        if dtype_name is None:
            return "float32"  # torch's default dtype for float data
        if dtype_name not in FLOATS:
            raise NotApplicable(f"micrograd has no {dtype_name} tensors: a Value holds a Python float")
        return dtype_name

    def make(self, data, dtype_name, requires_grad):
        dtype_name = self._float_dtype(dtype_name)
        if requires_grad is False:
            self.lacks("requires_grad=False")
        if isinstance(data, Values):
            data = self.tolist(data)
        return self._leaf(data, dtype_name)

    def full(self, shape, fill, dtype_name, requires_grad):
        dtype_name = self._float_dtype(dtype_name)
        if requires_grad is False:
            self.lacks("requires_grad=False")
        return self._leaf(np.full(shape, float(fill)), dtype_name)

    def shape(self, raw):
        return raw.array.shape

    def dtype_name(self, raw):
        return raw.dtype

    def set_requires_grad(self, raw, flag):
        if not flag:
            self.lacks("requires_grad=False")

    def is_leaf(self, raw):
        return all(not v._prev for v in raw.array.reshape(-1))

    def grad(self, raw):
        return self._leaf(np.vectorize(lambda v: float(v.grad), otypes=[float])(raw.array), raw.dtype)

    def set_grad(self, raw, value):
        """Assigning sets the Values' own grad numbers (``None``: 0, micrograd's zeroing)."""
        if value is not None and not isinstance(value, Values):
            raise NotApplicable(f"micrograd has no .grad of type {type(value).__name__}: {CONTAINER}")
        numbers = np.zeros(raw.array.shape) if value is None else np.asarray(self.tolist(value), dtype=float)
        if numbers.shape != raw.array.shape:
            raise NotApplicable(f"micrograd has no .grad of another shape: {CONTAINER}")
        for v, g in zip(raw.array.reshape(-1), numbers.reshape(-1)):
            v.grad = float(g)

    def tolist(self, raw):
        return np.vectorize(lambda v: v.data, otypes=[object])(raw.array).tolist()

    def backward(self, raw, gradient, retain_graph, create_graph):
        if gradient is not None:
            self.lacks("backward(gradient=...)")
        if create_graph:
            self.lacks("create_graph")
        if retain_graph:
            self.lacks("retain_graph")
        if raw.array.size != 1:
            self.lacks("backward of several elements")
        _single(raw).backward()

    # -- the ops micrograd computes
    def _operand(self, x):
        if isinstance(x, Values):
            return x.array
        if isinstance(x, bool) or not isinstance(x, (int, float)):
            raise NotApplicable(f"micrograd has no operand of type {type(x).__name__}: {NO_OP}")
        return x

    def _elementwise(self, function, *operands) -> Values:
        arrays = [self._operand(x) for x in operands]
        try:
            np.broadcast_shapes(*(np.shape(a) for a in arrays))
        except ValueError:
            raise NotApplicable(f"micrograd has no shapes that do not broadcast: {CONTAINER}") from None
        return Values(_as_value_array(function(*arrays)), _wider(operands))

    def _power(self, base, exponent):
        if not isinstance(exponent, (int, float)) or isinstance(exponent, bool):
            raise NotApplicable(f"micrograd has no tensor exponents: Value ** takes a Python number; {NO_OP}")
        return self._elementwise(lambda a: np.vectorize(lambda v: v**exponent, otypes=[object])(a), base)

    def _reduce(self, raw, dim, keepdim, mean):
        """Python's ``sum`` of Values, as micrograd's ``Neuron`` adds: ``0 + v0 + v1 ...``."""
        array = raw.array
        axis = None if dim is None else tuple(dim) if isinstance(dim, (list, tuple)) else (dim,)
        sides = max(array.ndim, 1)
        if axis is not None and any(not -sides <= a < sides for a in axis):
            raise NotApplicable(f"micrograd has no dim {dim} of a {array.ndim}-d tensor: {CONTAINER}")
        if array.ndim == 0:
            axis = None
        total = np.add.reduce(
            array.reshape(array.shape or (1,)) if array.ndim == 0 else array,
            axis=axis,
            keepdims=bool(keepdim) and array.ndim > 0,
            initial=0,
        )
        if mean:
            count = array.size if axis is None else int(np.prod([array.shape[a] for a in axis]))
            total = np.asarray(total, dtype=object) / count
        return Values(_as_value_array(total), raw.dtype)

    def _matmul(self, left, right):
        a, b = self._operand(left), self._operand(right)
        if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)) or 0 in (a.ndim, b.ndim):
            raise NotApplicable(f"micrograd has no matmul of these operands: {CONTAINER}")
        if a.shape[-1] != b.shape[-2 if b.ndim > 1 else 0]:
            raise NotApplicable(f"micrograd has no matmul of these shapes: {CONTAINER}")
        return Values(_as_value_array(np.matmul(a, b)), _wider((left, right)))

    def _op(self, name, raw, args, kwargs):
        """``raw.name(*args, **kwargs)`` as micrograd computes it; NotApplicable for anything else."""
        alpha = kwargs.pop("alpha", 1)
        extra = sorted(k for k, v in kwargs.items() if k not in ("dim", "keepdim") and v is not None)
        if extra:
            raise NotApplicable(f"micrograd has no {name}({', '.join(extra)}=...): {NO_OP}")
        if name in ("add", "__add__", "__radd__", "sub", "__sub__"):
            other = args[0] if alpha == 1 else self._elementwise(lambda b: b * alpha, args[0])
            op = np.subtract if name in ("sub", "__sub__") else np.add
            return self._elementwise(op, raw, other)
        if name == "__rsub__":
            return self._elementwise(np.subtract, args[0], raw)
        if name in ("mul", "__mul__", "__rmul__"):
            return self._elementwise(np.multiply, raw, args[0])
        if name in ("div", "__truediv__"):
            return self._elementwise(np.true_divide, raw, args[0])
        if name == "__rtruediv__":
            return self._elementwise(np.true_divide, args[0], raw)
        if name in ("neg", "__neg__"):
            return self._elementwise(np.negative, raw)
        if name in ("pow", "__pow__"):
            return self._power(raw, args[0])
        if name in ("relu", "nn.functional.relu"):
            return self._elementwise(lambda a: np.vectorize(lambda v: v.relu(), otypes=[object])(a), raw)
        if name in ("sum", "mean"):
            dim = args[0] if args else kwargs.get("dim")
            keepdim = args[1] if len(args) > 1 else kwargs.get("keepdim", False)
            return self._reduce(raw, dim, keepdim, mean=name == "mean")
        if name in ("matmul", "mm", "__matmul__"):
            return self._matmul(raw, args[0])
        if name == "__rmatmul__":
            return self._matmul(args[0], raw)
        if name in ("reshape", "view"):
            shape = args[0] if len(args) == 1 and isinstance(args[0], (list, tuple)) else args
            try:
                return Values(raw.array.reshape(tuple(shape)), raw.dtype)
            except (ValueError, TypeError):
                raise NotApplicable(f"micrograd has no reshape to {tuple(shape)}: {CONTAINER}") from None
        if name == "detach":
            return self._leaf(np.vectorize(lambda v: float(v.data), otypes=[float])(raw.array), raw.dtype)
        if name == "item":
            return _single(raw).data
        if name == "tolist":
            return self.tolist(raw)
        if name in STRUCTURAL:
            raise NotApplicable(f"micrograd has no {name}: {CONTAINER}")
        raise NotApplicable(f"micrograd has no {name}: {NO_OP}")

    def method(self, raw, name, args, kwargs):
        self.lacks(name)
        return self._op(name, raw, tuple(unwrap(a) for a in args), {k: unwrap(v) for k, v in kwargs.items()})

    def attribute(self, raw, name):
        self.lacks(name)

        def call(*args, **kwargs):
            return self.wrap(self.method(raw, name, args, kwargs))

        return call

    def function(self, name, args, kwargs):
        self.lacks(name)
        if args and isinstance(unwrap(args[0]), Values):
            return self.method(unwrap(args[0]), name, args[1:], kwargs)
        raise NotApplicable(f"micrograd has no torch.{name}: {NO_OP}")

    def operator(self, name, raw, other):
        if isinstance(other, dtype):
            raise NotApplicable(f"micrograd has no dtypes: {NO_OP}")
        return self._op(name, raw, (other,), {})

    def operator_setitem(self, raw, index, value):
        raise NotApplicable("micrograd has no in-place ops: a Value is never written to")


install(globals(), Micrograd())
