"""`out=` for the torch.* functions that take it: the result is computed as usual, then written into `out`
(cast to its dtype, resized when its shape differs, its version counted) and `out` is returned, with
torch's checks: no autograd through out= (nor forward AD), castable dtypes, no internally overlapping
output, no write into an inference tensor outside inference mode.

The functions are wrapped where the namespace is built (as `_numpy_names` does for numpy's argument names),
so the op families stay free of it. cat and stack handle their own out=.
"""

import functools
import warnings

import numpy as np

from ._core import dtypes as _dtype
from ._core import forward_ad, grad_mode
from ._core.graph import not_implemented_node
from ._core.tensor import INTERNAL_OVERLAP, Tensor, bump_version, check_mutable, has_internal_overlap
from ._core.typenames import type_name
from ._core.views import rebase_view

# torch.* functions whose Python binding takes out= (torch's signatures; tests check the list against torch)
TAKE_OUT = (
    "abs", "add", "addmm", "amax", "amin", "arange", "argmax", "argmin", "bmm", "ceil", "clamp", "clamp_max",
    "clamp_min", "clip", "cos", "div", "divide", "dot", "empty", "eq", "exp", "eye", "floor", "floor_divide",
    "fmod", "full", "ge", "gt", "le", "linspace", "log", "log_softmax", "logsumexp", "lt", "masked_select",
    "matmul", "max", "maximum", "mean", "min", "minimum", "mm", "mul", "multiply", "mv", "ne", "neg",
    "negative", "ones", "pow", "prod", "rand", "randn", "reciprocal", "remainder", "round", "sgn", "sigmoid",
    "sign", "sin", "softmax", "sqrt", "sub", "subtract", "sum", "tanh", "true_divide", "trunc", "where",
    "zeros",
)  # fmt: skip

# Their results have no derivative, so torch does not refuse out= for inputs that require grad
NOT_DIFFERENTIABLE = frozenset(("argmax", "argmin", "eq", "ne", "lt", "le", "gt", "ge", "floor_divide"))
# torch's out= variants of these are composites: no autograd check of the inputs, an out that requires grad
# refused by the aten name, and a NotImplemented node on out when an input requires grad
NOT_IMPLEMENTED_OUT = frozenset(("floor_divide", "softmax", "log_softmax"))
# Factories: torch's message names their aten op; randn and empty resize their out before anything else
FACTORIES = frozenset(("arange", "empty", "eye", "full", "linspace", "ones", "rand", "randn", "zeros"))
RESIZE_FIRST = frozenset(("randn", "empty"))

# How each function treats an out of another dtype than its result's (torch's kernels differ): cast when it
# can (the default), take any dtype, or demand the result's dtype (with one of several messages)
ANY_DTYPE = frozenset(("eq", "ne", "lt", "le", "gt", "ge", "prod", "sum")) | FACTORIES
FOUND_DTYPE = frozenset((
    "abs", "ceil", "clamp", "clamp_max", "clamp_min", "clip", "floor", "neg", "negative", "round", "sgn",
    "sign", "trunc",
))  # fmt: skip
EXPECTED_DTYPE = frozenset((
    "addmm", "argmax", "argmin", "bmm", "log_softmax", "matmul", "max", "min", "mm", "softmax",
))  # fmt: skip

# Element-wise ops (torch's TensorIterator): into an out of another dtype, a resize warns twice
ELEMENTWISE = frozenset((
    "add", "cos", "div", "divide", "eq", "exp", "fmod", "ge", "gt", "le", "log", "lt", "maximum", "minimum",
    "mul", "multiply", "ne", "pow", "reciprocal", "remainder", "sigmoid", "sin", "sqrt", "sub", "subtract",
    "tanh", "true_divide",
))  # fmt: skip
# ... and these resize out before they refuse its dtype
RESIZE_BEFORE_DTYPE_CHECK = frozenset(("dot", "mean"))

# the aten op an alias runs (forward AD's message names it)
_ATEN_NAME = {
    "multiply": "mul", "divide": "div", "true_divide": "div", "subtract": "sub", "negative": "neg",
    "clip": "clamp",
}  # fmt: skip

NO_AUTOGRAD = (
    "{}(): functions with out=... arguments don't support automatic differentiation, but one of the "
    "arguments requires grad."
)
RESIZED = (
    "An output with one or more elements was resized since it had shape {}, which does not match the "
    "required output shape {}. This behavior is deprecated, and in a future PyTorch release outputs will not "
    "be resized unless they have zero elements. You can explicitly reuse an out tensor t by resizing it, "
    "inplace, to zero elements with t.resize_(0). (Triggered internally at "
    "/__w/pytorch/pytorch/aten/src/ATen/native/Resize.cpp:30.)"
)


def _tensors(values):
    for v in values:
        if isinstance(v, Tensor):
            yield v
        elif isinstance(v, list | tuple):
            yield from (t for t in v if isinstance(t, Tensor))


def _shape_list(shape):
    return "[" + ", ".join(str(d) for d in shape) + "]"


ARANGE_RESIZED = (
    "The number of elements in the out tensor of shape {} is {} which does not match the computed number "
    "of elements {}. Note that this may occur as a result of rounding error. The out tensor will be resized "
    "to a tensor of shape ({},). (Triggered internally at "
    "/__w/pytorch/pytorch/aten/src/ATen/native/RangeFactories.cpp:199.)"
)


def _resize_warning(name, old_shape, new_shape):
    """What torch says when out= resizes a tensor with elements: factories resize silently, except
    arange."""
    if name == "arange":
        n = int(np.prod(new_shape))
        return ARANGE_RESIZED.format(_shape_list(old_shape), int(np.prod(old_shape)), n, n)
    if name in FACTORIES:
        return None
    return RESIZED.format(_shape_list(old_shape), _shape_list(new_shape))


def _dtype_error(name, result, out, inputs):
    """torch's error for writing `result` into `out` of another dtype, or None where it casts."""
    names = _dtype.SCALAR_TYPE_NAMES
    got, want = names[out.dtype], names[result.dtype]
    if name in ANY_DTYPE:
        return None
    if name in FOUND_DTYPE:
        return f"Found dtype {got} but expected {want}"
    if name in EXPECTED_DTYPE:
        return f"Expected out tensor to have dtype {result.dtype._cpp}, but got {out.dtype._cpp} instead"
    if name in ("amax", "amin"):
        return (
            f"Expected the dtype for input and out to match, but got {want} for input's dtype and {got} for "
            "out's dtype."
        )
    if name == "dot":
        return f"result dtype {got} does not match input dtype {want}"
    if name == "where":
        return f"Expected out type to be {want} but got {got}"
    if name == "masked_select":
        return "masked_select(): self and result must have the same scalar type"
    if name == "mv":
        matrix, vector = (names[t.dtype] for t in inputs[:2])
        return f"addmv input tensors must have the same dtype, but got {got}, {matrix}, and {vector}"
    if name == "logsumexp" and out._data.dtype.kind != "f":
        return f"logsumexp(): Expected floating point type for result tensor, but got: {got}"
    if not _dtype.can_cast(result._data.dtype, out._data.dtype):
        return f"result type {want} can't be cast to the desired output type {got}"
    return None


def _write(name, result, out, inputs):
    """Copy `result` into `out` as torch's out= kernels do."""
    check_mutable(out)
    data, source = out._data, result._data
    resize = (
        _resize_warning(name, data.shape, source.shape) if data.shape != source.shape and data.size else None
    )
    if data.dtype != source.dtype:
        message = _dtype_error(name, result, out, inputs)
        if message is not None:
            if resize is not None and name in RESIZE_BEFORE_DTYPE_CHECK:
                warnings.warn(resize, stacklevel=4)
            raise RuntimeError(message)
    if out._vc.inference and not grad_mode.state.inference:
        bump_version(out)  # raises torch's error for a write into an inference tensor
    if data.shape != source.shape:
        if resize is not None:
            warnings.warn(resize, stacklevel=4)
            if data.dtype != source.dtype and name in ELEMENTWISE:
                warnings.warn(resize, stacklevel=4)  # TensorIterator resizes out, then its cast buffer's
        out._data = data = np.empty(source.shape, data.dtype)
    elif has_internal_overlap(data):
        raise RuntimeError(INTERNAL_OVERLAP)
    np.copyto(data, source, casting="unsafe")
    bump_version(out)


def _call_with_out(name, fn, args, kwargs, out):
    results_are_tuples = None
    if isinstance(out, Tensor):
        outs = (out,)
    elif isinstance(out, list | tuple) and all(isinstance(o, Tensor) for o in out):
        outs = tuple(out)
        results_are_tuples = True
    else:
        raise TypeError(f"{name}(): argument 'out' must be Tensor, not {type_name(out)}")
    inputs = list(_tensors(args)) + list(_tensors(kwargs.values()))
    if forward_ad.state.enabled and any(t._tangent() is not None for t in inputs + list(outs)):
        raise NotImplementedError(
            f"Trying to use forward AD with {_ATEN_NAME.get(name, name)}_out that does not support it "
            "because it is an out= function"
        )
    recording = grad_mode.state.grad_enabled
    if recording and name in NOT_IMPLEMENTED_OUT and any(o._requires_grad for o in outs):
        raise RuntimeError(NO_AUTOGRAD.format(f"aten::{name}"))
    if name in RESIZE_FIRST and out._requires_grad:  # grad mode or not
        raise RuntimeError("cannot resize variables that require grad")
    if recording and name not in NOT_DIFFERENTIABLE and name not in NOT_IMPLEMENTED_OUT:
        if any(t._requires_grad for t in inputs + list(outs)):
            aten = _ATEN_NAME.get(name, name)
            raise RuntimeError(NO_AUTOGRAD.format(f"aten::{aten}" if name in FACTORIES else aten))
    if name in FACTORIES and len(outs) == 1 and kwargs.get("dtype") is None:
        kwargs = dict(kwargs, dtype=out.dtype)  # a factory makes its result in out's dtype
    with grad_mode.no_grad():
        result = fn(*args, **kwargs)
    results = result if isinstance(result, tuple) else (result,)
    if (results_are_tuples is True) != isinstance(result, tuple) or len(results) != len(outs):
        expected = "tuple of Tensors" if isinstance(result, tuple) else "Tensor"
        raise TypeError(f"{name}(): argument 'out' must be {expected}, not {type_name(out)}")
    resized_first = name in RESIZE_FIRST and out._data.shape != result._data.shape
    if name == "empty":  # resized (silently), never written
        if resized_first:
            out._data = np.zeros(result._data.shape, out._data.dtype)
            out._vc.value += 1  # torch's resize_ counts as a write
        return out
    for r, o in zip(results, outs):
        _write(name, r, o, inputs)
    if name in FACTORIES and out._gfn is None:
        out._requires_grad = False  # (in no_grad: grad mode refused it above) torch's factories drop the flag
    if recording and name in NOT_IMPLEMENTED_OUT:
        node = not_implemented_node(f"aten::{name}", *inputs)
        if node is not None:
            node._out_meta = ((out._data.shape, out._data.dtype),)
            if out._base is not None:
                rebase_view(out, node)  # as an in-place write into a view: CopySlices on the base
            else:
                out._gfn, out._output_nr, out._requires_grad = node, 0, True
    if resized_first:
        out._vc.value += 1  # randn resizes out (a counted write) before it fills it
    if isinstance(result, tuple):
        return type(result)(*outs) if hasattr(result, "_fields") else tuple(outs)
    return out


def with_out(fn, name):
    @functools.wraps(fn)
    def call(*args, out=None, **kwargs):
        if out is None:
            return fn(*args, **kwargs)
        return _call_with_out(name, fn, args, kwargs, out)

    return call


def add_out_arguments(namespace):
    """Wrap the functions of `namespace` (a module's globals) that take out= in torch."""
    for name in TAKE_OUT:
        fn = namespace.get(name)
        if fn is not None:
            namespace[name] = with_out(fn, name)
