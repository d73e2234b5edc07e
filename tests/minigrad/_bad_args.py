"""Bad-argument fuzzing as data: argument specs, the public API table, and a runner that compares torch and
minigrad on the same bad call.

An argument is a *spec* (plain data), materialised once for torch and once for minigrad, so both engines see
equivalent inputs. Each API entry lists valid arguments whose specs also say what kind of bad value fits that
slot (a dim, a shape, a tensor...). A variant replaces one slot with a bad value and carries a label
("dim:out_of_range") so a known core mismatch can be named precisely.
"""

import linecache
import operator
import warnings
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

import numpy as np
import torch
from _compare import _assert_same_value, observe
from hypothesis import strategies as st

import minigrad

SENTINEL = object()  # an argument of a type nothing accepts; the same object is passed to both engines


# ---- argument specs ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class T:
    """A tensor: a leaf (maybe requiring grad, maybe with a .grad already), or a non-leaf x*1 of it."""

    shape: tuple = (2, 3)
    dtype: str = "float32"
    grad: bool = False
    nonleaf: bool = False
    has_grad: bool = False
    name: str = ""  # tensors with the same non-empty name are the same object within one call


@dataclass(frozen=True)
class Y:
    """A graph output of the named leaf: (leaf * 2), summed when `scalar`."""

    of: str
    scalar: bool = True


@dataclass(frozen=True)
class D:
    """A dtype by name (torch.float32 / minigrad.float32)."""

    name: str


@dataclass(frozen=True)
class Slot:
    """A non-tensor argument: valid value plus the kind of bad values that fit it.

    kind: dim, dims, int, flag, shape, scalar, dtype, choice, tensors. `of` is the index of the positional
    tensor whose ndim bounds a dim.
    """

    value: object
    kind: str
    of: int = 0
    bad: tuple = ()  # extra bad values for this slot


def materialize(spec, m, env):
    """The value of `spec` for module m (torch or minigrad); tensors it creates are recorded in env."""
    if isinstance(spec, T):
        if spec.name and spec.name in env["named"]:
            return env["named"][spec.name]
        rng = np.random.default_rng(len(env["tensors"]))
        if spec.dtype == "bool":
            data = rng.random(spec.shape) > 0.5
        elif spec.dtype.startswith(("int", "uint")):
            data = rng.integers(0, 2, spec.shape).astype(spec.dtype)
        else:
            data = rng.uniform(0.5, 2.0, spec.shape).astype(spec.dtype)
        leaf = m.tensor(data, requires_grad=spec.grad or spec.nonleaf)
        if spec.has_grad:
            leaf.grad = m.ones_like(leaf)
        env["tensors"].append(leaf)
        value = leaf.mul(1) if spec.nonleaf else leaf
        if spec.nonleaf:
            env["tensors"].append(value)
        if spec.name:
            env["named"][spec.name] = value
        return value
    if isinstance(spec, Y):
        out = env["named"][spec.of].mul(2)
        out = out.sum() if spec.scalar else out
        env["tensors"].append(out)
        return out
    if isinstance(spec, D):
        return getattr(m, spec.name)
    if isinstance(spec, Slot):
        return materialize(spec.value, m, env)
    if isinstance(spec, list | tuple):
        return type(spec)(materialize(s, m, env) for s in spec)
    if isinstance(spec, dict):
        return {k: materialize(v, m, env) for k, v in spec.items()}
    return spec


# ---- bad values per slot kind -----------------------------------------------------------------------------
JUNK = (None, "abc", SENTINEL, 2.5, [1.0, 2.0], {"a": 1})

# Numbers at and beyond the edges of every dtype, and number types torch's argument parser treats its own way
# (issue 17): each one must get torch's value (wrapping where torch wraps) or torch's exception.
ODD_NUMBERS = (
    300, -1, -129, 2**31, 2**40, 2**63 - 1, 2**63, 2**64, 2**70, -(2**63), -(2**64),
    1e300, -1e300, float("inf"), float("-inf"), float("nan"), -0.0, 1e-320,
    True, False,
    Fraction(1, 3), Decimal("1.5"), 1 + 2j,
    np.int8(5), np.uint8(250), np.int32(-7), np.int64(2**40), np.float16(2.5), np.float32(1e30),
    np.float64(-0.0), np.bool_(True),
)  # fmt: skip
# minigrad has no complex dtypes: a complex operand does not get torch's complex result (see KNOWN_TYPES in
# test_bad_inputs.py)
INTEGER_DTYPES = ["int8", "int16", "int32", "int64", "uint8", "bool"]


def _tensor_specs(grad_ok=True):
    """Tensors of random small shapes and dtypes: shape/dtype mismatches for whatever slot they land in."""
    shapes = st.lists(st.integers(0, 4), max_size=3).map(tuple)
    dtypes = st.sampled_from(["float16", "float32", "float64", *INTEGER_DTYPES])
    return st.builds(
        lambda shape, dtype, grad: T(shape, dtype, grad=grad and grad_ok and dtype.startswith("float")),
        shapes,
        dtypes,
        st.booleans(),
    )


def _dims(ndim):
    bound = max(ndim, 1)
    return st.one_of(
        st.integers(bound, bound + 3), st.integers(-bound - 3, -bound - 1), st.just(1.0), st.just(True)
    )


def bad_values(slot, ndim, junk=True):
    """A strategy of bad values for a slot; ndim is the rank of the tensor the slot refers to."""
    kind = slot.kind if isinstance(slot, Slot) else "tensor"
    extra = [st.sampled_from(slot.bad)] if getattr(slot, "bad", ()) else []
    if junk:
        extra.append(st.sampled_from(JUNK))
    if kind == "tensor":
        zero_d = st.sampled_from(["float32", "float64", *INTEGER_DTYPES]).map(lambda d: T((), d))
        numbers = [st.sampled_from(ODD_NUMBERS)] if junk else []  # (a method's self is always a tensor)
        return st.one_of(_tensor_specs(), zero_d, *numbers, *extra)
    if kind == "dim":
        return st.one_of(_dims(ndim), *extra)
    if kind == "dims":
        same = st.integers(0, max(ndim - 1, 0)).map(lambda d: (d, d))
        return st.one_of(same, _dims(ndim).map(lambda d: (0, d)), *extra)
    if kind == "int":
        return st.one_of(st.integers(-50, 50), st.just(1.5), *extra)
    if kind == "flag":
        return st.one_of(st.sampled_from([2, "yes", None, 1.0]), *extra)
    if kind == "shape":
        dims = st.lists(st.integers(-3, 7), min_size=1, max_size=4).map(tuple)
        return st.one_of(dims, st.sampled_from([(2.0, 3), ("a",), (-1, -1)]), *extra)
    if kind == "scalar":
        zero_d = st.sampled_from(["float32", "float64", *INTEGER_DTYPES]).map(lambda d: T((), d))
        return st.one_of(
            st.sampled_from(["abc", SENTINEL, [1, 2], None]), st.sampled_from(ODD_NUMBERS), zero_d, *extra
        )
    if kind == "dtype":
        return st.one_of(
            st.sampled_from([D("int64"), D("bool"), D("float16"), "float32", 3, np.float32]), *extra
        )
    if kind == "choice":
        return st.one_of(st.sampled_from(["avg", "", None, 1]), *extra)
    if kind == "tensors":
        return st.one_of(st.lists(_tensor_specs(), max_size=3), *extra)
    raise ValueError(kind)


def label(key, value):
    """A coarse name for a bad value, used to match known mismatches: slot and value type (dtype for
    tensors)."""
    if isinstance(value, T):
        return f"{key}:tensor:{value.dtype}"
    return f"{key}:{type(value).__name__}"


# ---- the API table ----------------------------------------------------------------------------------------
@dataclass
class Api:
    """One public entry point. call: 'torch.sum', 'Tensor.sum' (method of the first argument), 'F.linear',
    'autograd.grad', 'op.add' (the operator module), 'set.grad' (attribute assignment on the first argument).
    """

    name: str
    call: str
    args: tuple = (T(grad=True),)
    kwargs: dict = field(default_factory=dict)
    fixed: tuple = ()  # slots never corrupted (e.g. self of a method where other entries cover it)
    compare_values: bool = True  # False when a successful result is random or an opaque object

    def slots(self):
        keys = [i for i in range(len(self.args)) if i not in self.fixed]
        return keys + [k for k in self.kwargs if k not in self.fixed]

    def spec(self, key):
        return self.args[key] if isinstance(key, int) else self.kwargs[key]

    def ndim_for(self, key):
        spec = self.spec(key)
        of = spec.of if isinstance(spec, Slot) else 0
        ref = self.args[of] if of < len(self.args) else None
        return len(ref.shape) if isinstance(ref, T) else 1


def resolve(call, m, args):
    """The callable for `call` under module m, and the positional args it takes."""
    space, name = call.split(".", 1)
    if space == "torch":
        return getattr(m, name), args
    if space == "F":
        return getattr(m.nn.functional, name), args
    if space == "autograd":
        return getattr(m.autograd, name), args
    if space == "Tensor":
        return getattr(args[0], name), args[1:]
    if space == "op":
        return getattr(operator, name), args
    if space == "set":
        return (lambda obj, value: setattr(obj, name, value)), args
    raise ValueError(call)


X = T(grad=True)
X3 = T((2, 3, 4), grad=True)
SQ = T((3, 3), grad=True)
UNARY = ["abs", "neg", "exp", "log", "sqrt", "reciprocal", "sin", "cos", "tanh", "sigmoid", "relu", "clone"]
UNARY_INPLACE = ["abs_", "neg_", "exp_", "log_", "sqrt_", "reciprocal_", "sin_", "cos_", "tanh_", "sigmoid_"]
UNARY_INPLACE += ["relu_"]
BINARY = ["add", "sub", "mul", "div", "pow", "maximum", "minimum", "eq", "ne", "lt", "le", "gt", "ge"]
BINARY += ["true_divide", "rsub", "greater", "greater_equal", "less", "less_equal", "not_equal"]
BINARY_INPLACE = ["add_", "sub_", "mul_", "div_", "pow_"]
OPERATORS = ["add", "sub", "mul", "truediv", "pow", "matmul", "iadd", "imul"]


def _table():
    api = []
    for n in UNARY:
        api += [Api(n, f"torch.{n}", (X,)), Api(f"Tensor.{n}", f"Tensor.{n}", (X,))]
    for n in UNARY_INPLACE:
        api.append(Api(f"Tensor.{n}", f"Tensor.{n}", (T(nonleaf=True),)))
    api.append(Api("Tensor.abs_(leaf)", "Tensor.abs_", (T(grad=True),)))
    for n in BINARY:
        api.append(Api(n, f"torch.{n}", (X, T((3,), grad=True))))
        if n != "rsub":
            api.append(Api(f"Tensor.{n}", f"Tensor.{n}", (X, T((1, 3))), fixed=(0,)))
    api += [
        Api("add(alpha)", "torch.add", (X, X), {"alpha": Slot(2, "scalar")}, fixed=(0, 1)),
        Api("sub(alpha)", "torch.sub", (X, X), {"alpha": Slot(2, "scalar")}, fixed=(0, 1)),
        Api("where", "torch.where", (T((2, 3), "bool"), X, T((3,), grad=True))),
    ]
    api += [
        Api("nonzero", "torch.nonzero", (X,), {"as_tuple": Slot(True, "flag")}),
        Api("argwhere", "torch.argwhere", (X,)),
        Api("hstack", "torch.hstack", (Slot([T((3,)), T((2,))], "tensors"),)),
        Api("column_stack", "torch.column_stack", (Slot([T((3,)), T((3, 2))], "tensors"),)),
    ]
    tolerances = {"rtol": Slot(1e-3, "scalar"), "atol": Slot(1e-5, "scalar"), "equal_nan": Slot(True, "flag")}
    for n in ("isclose", "allclose"):
        api += [
            Api(n, f"torch.{n}", (X, T((3,), grad=True)), tolerances),
            Api(f"Tensor.{n}", f"Tensor.{n}", (X, T((1, 3))), tolerances, fixed=(0,)),
        ]
    for n in BINARY_INPLACE:
        api.append(Api(f"Tensor.{n}", f"Tensor.{n}", (T(nonleaf=True), T((3,), grad=True))))
    for n in OPERATORS:
        api.append(Api(f"operator.{n}", f"op.{n}", (T((2, 3), nonleaf=True), T((3, 3), grad=True))))
    api += [
        Api(
            "operator.getitem",
            "op.getitem",
            (X, Slot(1, "int", bad=((0, 0, 0), (5,), (slice(0, 1), 9), 1.5))),
        ),
        Api("operator.setitem", "op.setitem", (T(nonleaf=True), Slot(0, "int"), T((3,)))),
        Api("operator.neg", "op.neg", (X,)),
        # reductions
        Api("sum", "torch.sum", (X3, Slot(1, "dim")), {"keepdim": Slot(False, "flag")}),
        Api("sum(dims)", "torch.sum", (X3, Slot((0, 1), "dims")), {"dtype": Slot(D("float64"), "dtype")}),
        Api("Tensor.sum", "Tensor.sum", (X3,), {"dim": Slot(1, "dim")}, fixed=(0,)),
        Api("mean", "torch.mean", (X3, Slot(1, "dim")), {"keepdim": Slot(True, "flag")}),
        Api("mean(dtype)", "torch.mean", (T((2, 3), "int64"),), {"dtype": Slot(D("float64"), "dtype")}),
        Api("prod", "torch.prod", (X3, Slot(1, "dim"))),
        Api("amax", "torch.amax", (X3, Slot(1, "dims"))),
        Api("amin", "torch.amin", (X3, Slot((0, 2), "dims"))),
        Api("max(dim)", "torch.max", (X3, Slot(1, "dim"))),
        Api("min(dim)", "torch.min", (X3, Slot(-1, "dim"))),
        Api("logsumexp", "torch.logsumexp", (X3, Slot(1, "dims"))),
        Api("softmax", "torch.softmax", (X3, Slot(1, "dim")), {"dtype": Slot(D("float64"), "dtype")}),
        Api("log_softmax", "torch.log_softmax", (X3, Slot(1, "dim"))),
        Api("Tensor.softmax", "Tensor.softmax", (X3, Slot(-1, "dim")), fixed=(0,)),
        Api("clamp", "torch.clamp", (X,), {"min": Slot(0.5, "scalar"), "max": Slot(1.5, "scalar")}),
        Api("clamp_min", "torch.clamp_min", (X, Slot(0.5, "scalar"))),
        Api("Tensor.clamp_", "Tensor.clamp_", (T(nonleaf=True), Slot(0.5, "scalar"))),
        # views
        Api("reshape", "torch.reshape", (X, Slot((3, 2), "shape"))),
        Api("Tensor.view", "Tensor.view", (X, Slot((6,), "shape")), fixed=(0,)),
        Api("Tensor.expand", "Tensor.expand", (T((1, 3), grad=True), Slot((4, 3), "shape")), fixed=(0,)),
        Api("permute", "torch.permute", (X3, Slot((2, 0, 1), "dims", bad=((0, 1), (0, 1, 2, 3))))),
        Api("transpose", "torch.transpose", (X3, Slot(0, "dim"), Slot(2, "dim"))),
        Api("Tensor.swapaxes", "Tensor.swapaxes", (X3, Slot(0, "dim"), Slot(1, "dim")), fixed=(0,)),
        Api("squeeze", "torch.squeeze", (T((2, 1, 3), grad=True), Slot(1, "dim"))),
        Api("unsqueeze", "torch.unsqueeze", (X, Slot(0, "dim", bad=(3, -4)))),
        Api("flatten", "torch.flatten", (X3, Slot(0, "dim"), Slot(1, "dim", bad=(-3,)))),
        Api("unflatten", "torch.unflatten", (X3, Slot(2, "dim"), Slot((2, 2), "shape"))),
        Api("narrow", "torch.narrow", (X3, Slot(1, "dim"), Slot(0, "int"), Slot(2, "int"))),
        Api("select", "torch.select", (X3, Slot(1, "dim"), Slot(2, "int"))),
        Api("t", "torch.t", (X3,)),
        Api("unbind", "torch.unbind", (X3, Slot(0, "dim"))),
        # joining
        Api("cat", "torch.cat", (Slot([X, T((1, 3))], "tensors"), Slot(0, "dim"))),
        Api("stack", "torch.stack", (Slot([X, T((2, 3))], "tensors"), Slot(0, "dim", bad=(3, -4)))),
        # linalg
        Api("mm", "torch.mm", (X, T((3, 4), grad=True))),
        Api("bmm", "torch.bmm", (X3, T((2, 4, 5), grad=True))),
        Api("mv", "torch.mv", (X, T((3,), grad=True))),
        Api("dot", "torch.dot", (T((3,), grad=True), T((3,)))),
        Api("matmul", "torch.matmul", (X3, T((4,), grad=True))),
        Api(
            "addmm",
            "torch.addmm",
            (T((3,)), X, SQ),
            {"beta": Slot(1.0, "scalar"), "alpha": Slot(1, "scalar")},
        ),
        # indexing and masking
        Api("Tensor.masked_fill", "Tensor.masked_fill", (X, T((2, 3), "bool"), Slot(0.0, "scalar"))),
        Api("index_put", "torch.index_put", (X, (T((2,), "int64"),), T((2, 3)))),
        Api("Tensor.index_put_", "Tensor.index_put_", (T(nonleaf=True), (T((2,), "int64"),), T((3,)))),
        # conversion and Tensor protocol
        Api("Tensor.to", "Tensor.to", (X, Slot(D("float64"), "dtype", bad=("meta2", "cpu:x")))),
        Api("Tensor.type_as", "Tensor.type_as", (X, T((1,), "int64"))),
        Api("Tensor.expand_as", "Tensor.expand_as", (T((1, 3)), T((4, 3)))),
        Api("Tensor.view_as", "Tensor.view_as", (X, T((6,)))),
        Api("Tensor.reshape_as", "Tensor.reshape_as", (X, T((3, 2)))),
        Api("Tensor.copy_", "Tensor.copy_", (T(nonleaf=True), T((3,), grad=True))),
        Api("Tensor.copy_(leaf)", "Tensor.copy_", (T(grad=True), T((3,))), fixed=(0,)),
        Api("Tensor.item", "Tensor.item", (X,)),
        Api("Tensor.numpy", "Tensor.numpy", (X,), compare_values=False),
        Api("Tensor.tolist", "Tensor.tolist", (X,)),
        Api("Tensor.size", "Tensor.size", (X3, Slot(1, "dim"))),
        Api("Tensor.dim", "Tensor.dim", (X,)),
        Api("builtins.len", "Tensor.__len__", (T((), grad=True),)),
        Api("builtins.iter", "Tensor.__iter__", (T((), grad=True),), compare_values=False),
        Api("builtins.bool", "Tensor.__bool__", (X,)),
        Api("builtins.float", "Tensor.__float__", (X,)),
        Api("builtins.int", "Tensor.__int__", (X,)),
        Api("operator.index", "Tensor.__index__", (T((), "float32"),)),
        # autograd state on tensors
        Api("Tensor.requires_grad_", "Tensor.requires_grad_", (T((2,), "int64"), Slot(True, "flag"))),
        Api(
            "Tensor.requires_grad_(nonleaf)", "Tensor.requires_grad_", (T(nonleaf=True), Slot(False, "flag"))
        ),
        Api("Tensor.retain_grad", "Tensor.retain_grad", (T(),)),
        Api(
            "Tensor.register_hook", "Tensor.register_hook", (T(), Slot(print, "scalar")), compare_values=False
        ),
        Api("Tensor.detach_(view)", "Tensor.detach_", (T(nonleaf=True),)),
        Api("set.grad", "set.grad", (T(grad=True, has_grad=True), T((2, 3)))),
        Api("set.requires_grad", "set.requires_grad", (T(nonleaf=True), Slot(False, "flag"))),
        Api("set.data", "set.data", (X, T((4,)))),
        Api("Tensor.backward", "Tensor.backward", (Y("x"),), {"gradient": T(())}),
        # factories
        Api(
            "tensor",
            "torch.tensor",
            (Slot([[1.0, 2.0], [3.0, 4.0]], "scalar", bad=([[1.0], [2.0, 3.0]], [[1], 2])),),
            {"dtype": Slot(None, "dtype"), "requires_grad": Slot(True, "flag")},
        ),
        Api("as_tensor", "torch.as_tensor", (Slot([1.0, 2.0], "scalar", bad=([[1.0], []],)),)),
        Api("from_numpy", "torch.from_numpy", (Slot(np.zeros(3), "scalar", bad=([1.0], 1.0)),)),
        Api("zeros", "torch.zeros", (Slot((2, 3), "shape"),), {"dtype": Slot(None, "dtype")}),
        Api("ones", "torch.ones", (Slot(2, "int"), Slot(3, "int"))),
        Api("empty", "torch.empty", (Slot((2, 3), "shape"),), compare_values=False),
        Api(
            "randn",
            "torch.randn",
            (Slot((2, 3), "shape"),),
            {"requires_grad": Slot(True, "flag")},
            compare_values=False,
        ),
        Api(
            "rand",
            "torch.rand",
            (Slot(4, "int"),),
            {"dtype": Slot(D("float64"), "dtype")},
            compare_values=False,
        ),
        Api(
            "full", "torch.full", (Slot((2, 3), "shape"), Slot(1.5, "scalar")), {"dtype": Slot(None, "dtype")}
        ),
        Api("arange", "torch.arange", (Slot(0, "int"), Slot(5, "int"), Slot(1, "int", bad=(0, -1, 0.0)))),
        Api("linspace", "torch.linspace", (Slot(0.0, "scalar"), Slot(1.0, "scalar"), Slot(5, "int"))),
        Api("eye", "torch.eye", (Slot(3, "int"), Slot(2, "int"))),
        Api("zeros_like", "torch.zeros_like", (X,), {"dtype": Slot(D("float64"), "dtype")}),
        Api("full_like", "torch.full_like", (X, Slot(2.0, "scalar"))),
        Api(
            "randn_like",
            "torch.randn_like",
            (X,),
            {"dtype": Slot(D("float64"), "dtype")},
            compare_values=False,
        ),
        # nn.functional
        Api("F.relu", "F.relu", (X,), {"inplace": Slot(False, "flag")}),
        Api("F.sigmoid", "F.sigmoid", (X,)),
        Api("F.tanh", "F.tanh", (X,)),
        Api("F.softmax", "F.softmax", (X3,), {"dim": Slot(1, "dim"), "dtype": Slot(None, "dtype")}),
        Api("F.log_softmax", "F.log_softmax", (X3,), {"dim": Slot(-1, "dim")}),
        Api("F.linear", "F.linear", (X, T((4, 3), grad=True), T((4,), grad=True))),
        Api("F.mse_loss", "F.mse_loss", (X, T((2, 3))), {"reduction": Slot("mean", "choice")}),
        Api(
            "F.nll_loss",
            "F.nll_loss",
            (
                T((3, 4), grad=True),
                Slot(T((3,), "int64"), "tensor", bad=(T((3,), "float32"), T((3, 1), "int64"))),
            ),
            {
                "weight": T((4,)),
                "ignore_index": Slot(-100, "int"),
                "reduction": Slot("sum", "choice"),
            },
        ),
        Api(
            "F.cross_entropy",
            "F.cross_entropy",
            (T((3, 4), grad=True), T((3,), "int64")),
            {"reduction": Slot("mean", "choice"), "label_smoothing": Slot(0.1, "scalar", bad=(-0.5, 1.5))},
        ),
        Api("F.cross_entropy(probs)", "F.cross_entropy", (T((3, 4), grad=True), T((3, 4))), fixed=(0,)),
        # autograd entry points
        Api(
            "autograd.backward",
            "autograd.backward",
            (Slot(Y("x", scalar=False), "tensor"),),
            {
                "grad_tensors": Slot(T((2, 3)), "tensor", bad=((T((2, 3)), T((2, 3))), T((3, 2)), T(()))),
                "inputs": Slot(T(grad=True, has_grad=True, name="x"), "tensor", bad=([], (T(),))),
            },
        ),
        Api(
            "autograd.grad",
            "autograd.grad",
            (
                Slot(Y("x"), "tensor", bad=(T(grad=True), T())),
                Slot(T(grad=True, has_grad=True, name="x"), "tensor", bad=(T(), T(grad=True), [])),
            ),
            {"grad_outputs": Slot(T(()), "tensor", bad=(T((2,)), (T(()), T(())), 1.0))},
        ),
        Api(
            "Tensor.backward(gradient)",
            "Tensor.backward",
            (Y("x", scalar=False),),
            {
                "gradient": Slot(T((2, 3)), "tensor", bad=(T((3,)), T((2, 3), "float64"))),
                "inputs": Slot(None, "scalar", bad=((T(),), [], [T(grad=True)])),
            },
            fixed=(0,),
        ),
    ]
    return api


def _flat_specs(entry):
    out = []
    stack = list(entry.args) + list(entry.kwargs.values())
    while stack:
        s = stack.pop()
        if isinstance(s, Slot):
            stack.append(s.value)
        elif isinstance(s, list | tuple):
            stack.extend(s)
        else:
            out.append(s)
    return out


API = _table()


def variant(entry):
    """Strategy of (label, args, kwargs): the entry's valid specs with one slot replaced by a bad value."""

    @st.composite
    def draw(draw):
        key = draw(st.sampled_from(entry.slots()))
        is_self = key == 0 and entry.call.startswith("Tensor.")  # a method is only ever called on a tensor
        bad = draw(bad_values(entry.spec(key), entry.ndim_for(key), junk=not is_self))
        args, kwargs = list(entry.args), dict(entry.kwargs)
        if isinstance(key, int):
            args[key] = bad
        else:
            kwargs[key] = bad
        return label(key, bad), tuple(args), kwargs

    return draw()


# ---- running one call on both engines ---------------------------------------------------------------------
LEAKY_TYPES = (AttributeError, KeyError, IndexError)


def builtin_class(exc_type):
    """The nearest builtin exception class: torch's _LinAlgError counts as RuntimeError."""
    return next(c for c in exc_type.__mro__ if c.__module__ == "builtins")


def internal_origin(exc):
    """Where an exception came from: 'numpy', 'internal' (a minigrad line that is not a raise statement), or
    None (an explicit raise in minigrad, or user code such as a hook)."""
    if type(exc).__module__.startswith("numpy"):
        return "numpy"
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None:
        return None
    filename = tb.tb_frame.f_code.co_filename
    if "/numpy/" in filename:
        return "numpy"
    if "/minigrad/" in filename and "/tests/" not in filename:
        if not linecache.getline(filename, tb.tb_lineno).strip().startswith("raise"):
            return "internal"
    return None


def snapshot(env, m):
    """Autograd state that a failed call must leave alone."""
    state = {"grad_enabled": m.is_grad_enabled()}
    for i, t in enumerate(env["tensors"]):
        grad = t.grad if t.is_leaf else None
        state[i] = {
            "data": np.array(t.detach().numpy(), copy=True),
            "version": t._version,
            "requires_grad": t.requires_grad,
            "grad_fn": None if t.grad_fn is None else t.grad_fn.name(),
            "grad": None if grad is None else np.array(grad.detach().numpy(), copy=True),
        }
    return state


@dataclass
class Outcome:
    kind: str  # "ok" or "raise"
    value: object = None  # observation when ok
    exc: BaseException = None
    before: dict = None
    after: dict = None
    warned: list = None  # warning categories, in order


GRAPH_LEAF = T(grad=True, has_grad=True, name="x")  # the leaf that Y outputs and named "x" tensors refer to


def run_call(call, args, kwargs, m):
    env = {"tensors": [], "named": {}}
    materialize(GRAPH_LEAF, m, env)
    args = materialize(args, m, env)
    kwargs = materialize(kwargs, m, env)
    before = snapshot(env, m)
    fn, args = resolve(call, m, args)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value = observe(fn(*args, **kwargs))
        except Exception as e:  # the exception is the observation
            outcome = Outcome("raise", exc=e, before=before, after=snapshot(env, m))
        else:
            outcome = Outcome("ok", value=value, before=before, after=snapshot(env, m))
    outcome.warned = [w.category.__name__ for w in caught]
    return outcome


def _same_state(a, b):
    if a.keys() != b.keys():
        return False
    for k in a:
        x, y = a[k], b[k]
        if isinstance(x, dict):
            for f in x:
                u, v = x[f], y[f]
                if isinstance(u, np.ndarray) or isinstance(v, np.ndarray):
                    if not isinstance(u, np.ndarray) or not isinstance(v, np.ndarray):
                        return False
                    if u.shape != v.shape or not np.allclose(u, v, equal_nan=True, rtol=1e-5, atol=1e-6):
                        return False
                elif u != v:
                    return False
        elif x != y:
            return False
    return True


@dataclass
class Verdict:
    problems: list  # empty when minigrad behaved like torch
    torch_raised: bool
    message_contained: bool = False


def compare(entry, args, kwargs):
    """Run the call on both engines and list every way minigrad differs from torch."""
    ref = run_call(entry.call, args, kwargs, torch)
    got = run_call(entry.call, args, kwargs, minigrad)
    problems = []
    if got.kind == "raise" and internal_origin(got.exc):
        leak = isinstance(got.exc, LEAKY_TYPES) or internal_origin(got.exc) == "numpy"
        if leak:
            problems.append(f"leak: {internal_origin(got.exc)} {type(got.exc).__name__}: {got.exc}")
    if ref.warned != got.warned:
        problems.append(f"warnings differ: torch {ref.warned} | minigrad {got.warned}")
    if ref.kind != got.kind:
        what = f"{type(ref.exc).__name__}: {ref.exc}" if ref.exc else "ok"
        mine = f"{type(got.exc).__name__}: {got.exc}" if got.exc else "ok"
        problems.append(f"torch {what} | minigrad {mine}")
        return Verdict(problems, ref.kind == "raise")
    if ref.kind == "ok":
        if not entry.compare_values:
            return Verdict(problems, False)
        try:
            _assert_same_value(ref.value, got.value, "result")
        except AssertionError as e:
            problems.append(f"both ok, results differ: {e}")
        return Verdict(problems, False)
    if builtin_class(type(ref.exc)) is not builtin_class(type(got.exc)):
        problems.append(
            f"torch {type(ref.exc).__name__}: {ref.exc} | minigrad {type(got.exc).__name__}: {got.exc}"
        )
    if not _same_state(got.after, ref.after):
        problems.append(f"state after error differs from torch's: {got.after} vs {ref.after}")
    if _same_state(ref.before, ref.after) and not _same_state(got.before, got.after):
        problems.append("minigrad changed state on a failed call")
    return Verdict(problems, True, str(ref.exc) in str(got.exc))
