"""The legacy API and conveniences real programs use, against torch: torch.autograd.Variable (and its
engine handle), the typed tensor classes (constructors, isinstance by dtype), the legacy constructor,
Tensor.new / new_* / type(), data_ptr / storage_offset / stride, storages, `in`, Python attributes on
tensors and the attributes that cannot be set or deleted, torch.equal / allclose / isclose, and out= on
every function that takes it."""

import subprocess
import sys

import numpy as np
import pytest
import torch
from _compare import same, same_error
from hypothesis import given
from hypothesis import strategies as st

import minigrad
from minigrad._out_arguments import TAKE_OUT

TYPED = [
    "FloatTensor", "DoubleTensor", "HalfTensor", "LongTensor", "IntTensor", "ShortTensor", "CharTensor",
    "ByteTensor", "BoolTensor",
]  # fmt: skip


# ---- Variable --------------------------------------------------------------------------------------------
VARIABLE_CALLS = {
    "plain": lambda t, x: t.autograd.Variable(x),
    "requires_grad": lambda t, x: t.autograd.Variable(x, requires_grad=True),
    "positional requires_grad": lambda t, x: t.autograd.Variable(x, True),
    "volatile": lambda t, x: t.autograd.Variable(x, volatile=True),
    "of a non-leaf": lambda t, x: t.autograd.Variable(x.requires_grad_() * 2),
    "of a non-leaf, requiring grad": lambda t, x: t.autograd.Variable(
        x.requires_grad_() * 2, requires_grad=True
    ),
    "no data": lambda t, x: t.autograd.Variable(),
    "list": lambda t, x: t.autograd.Variable([1.0, 2.0]),
    "number": lambda t, x: t.autograd.Variable(3),
    "unknown keyword": lambda t, x: t.autograd.Variable(x, foo=1),
    "integer requiring grad": lambda t, x: t.autograd.Variable(x.long(), requires_grad=True),
    "shares memory and version": lambda t, x: (
        lambda v: (x.add_(1), v._version, v.data_ptr() == x.data_ptr())
    )(t.autograd.Variable(x)),
    "isinstance": lambda t, x: (
        isinstance(x, t.autograd.Variable),
        issubclass(t.Tensor, t.autograd.Variable),
    ),
    "type name": lambda t, x: (t.autograd.Variable.__name__, type(t.autograd.Variable(x)).__name__),
    "queue_callback outside backward": lambda t, x: t.autograd.Variable._execution_engine.queue_callback(
        print
    ),
    "volatile read": lambda t, x: x.volatile,
    "volatile write": lambda t, x: setattr(x, "volatile", True),
}


@pytest.mark.parametrize("name", sorted(VARIABLE_CALLS))
def test_variable(name):
    same(lambda t: VARIABLE_CALLS[name](t, t.tensor([1.0, 2.0])))


def test_queue_callback_through_the_engine_handle():
    def body(t):
        order = []

        class F(t.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                return x * 2

            @staticmethod
            def backward(ctx, g):
                t.autograd.Variable._execution_engine.queue_callback(lambda: order.append("callback"))
                order.append("backward")
                return g * 2

        x = t.ones(2, requires_grad=True)
        F.apply(x).sum().backward()
        return order, x.grad

    same(body)


# ---- typed tensor classes and the legacy constructor ------------------------------------------------------
LEGACY_ARGS = {
    "nothing": ((), {}),
    "list": (([1, 2],), {}),
    "floats": (([1.5, -2.7],), {}),
    "nested": (([[1, 2], [3, 4]],), {}),
    "ragged": (([[1, 2], [3]],), {}),
    "sizes": ((2, 3), {}),
    "one size": ((3,), {}),
    "zero size": ((0,), {}),
    "negative size": ((-1,), {}),
    "size and float": ((2, 3.0), {}),
    "Size": ((minigrad.Size([2, 3]),), {}),
    "tuple": (((2, 3),), {}),
    "float": ((1.5,), {}),
    "bool": ((True,), {}),
    "string": (("ab",), {}),
    "numpy": ((np.array([1, 2]),), {}),
    "device": (([1.0],), {"device": "cpu"}),
    "cuda": (([1.0],), {"device": "cuda"}),
    "dtype keyword": (([1.0],), {"dtype": "float64"}),
    "requires_grad keyword": (([1.0],), {"requires_grad": True}),
    "overflow": (([-1, 300],), {}),
}


def _legacy_args(t, name):
    args, kwargs = LEGACY_ARGS[name]
    args = tuple(t.Size(a) if isinstance(a, minigrad.Size) else a for a in args)
    if "dtype" in kwargs:
        kwargs = dict(kwargs, dtype=getattr(t, kwargs["dtype"]))
    return args, kwargs


def _sized(result):
    """A result built from sizes holds uninitialized memory in torch: its dtype and shape are what count."""
    return (result.dtype, result.shape) if isinstance(result, torch.Tensor | minigrad.Tensor) else result


@pytest.mark.parametrize("name", sorted(LEGACY_ARGS))
@pytest.mark.parametrize("cls", ["Tensor", *TYPED[:5], "BoolTensor"])
def test_legacy_constructor(cls, name):
    def body(t):
        args, kwargs = _legacy_args(t, name)
        return _sized(getattr(t, cls)(*args, **kwargs))

    same(body)


@pytest.mark.parametrize("name", sorted(LEGACY_ARGS))
@pytest.mark.parametrize("dtype", ["float32", "int64", "float64"])
def test_tensor_new(dtype, name):
    def body(t):
        args, kwargs = _legacy_args(t, name)
        return _sized(t.ones(2, dtype=getattr(t, dtype)).new(*args, **kwargs))

    same(body)


@pytest.mark.parametrize("cls", ["Tensor", "FloatTensor", "DoubleTensor", "LongTensor"])
@pytest.mark.parametrize("source", ["float32", "float64", "int64", "requires grad"])
def test_legacy_constructor_of_a_tensor(cls, source):
    """An alias of the tensor (memory and version counter shared), of the class's dtype only for the typed
    classes; torch.Tensor takes any dtype."""

    def body(t):
        x = (
            t.ones(2, requires_grad=True)
            if source == "requires grad"
            else t.ones(2, dtype=getattr(t, source))
        )
        y = getattr(t, cls)(x)
        if y.requires_grad:
            return y.requires_grad, y.data_ptr() == x.data_ptr(), y is x
        x.detach().add_(1)
        return y, y._version, y.data_ptr() == x.data_ptr(), y is x

    same(body)


def test_legacy_constructor_of_a_tensor_with_a_device():
    same_error(lambda t: t.Tensor(t.ones(2), device="cpu"))


@pytest.mark.parametrize("cls", TYPED)
def test_typed_classes_answer_isinstance_by_dtype(cls):
    def body(t):
        typed = getattr(t, cls)
        tensors = [
            t.ones(2, dtype=d) for d in (t.float32, t.float64, t.int64, t.int32, t.uint8, t.bool, t.int8)
        ]
        return (
            [isinstance(x, typed) for x in tensors],
            isinstance(3, typed),
            issubclass(typed, t.Tensor),
            typed.dtype,
            typed().dtype,
            typed.is_cuda,
            typed.is_sparse,
            repr(typed),
            typed.__name__,
            typed.__module__,
            type(typed).__name__,
        )

    same(body)


TYPE_CALLS = {
    "name": lambda t, x: x.type(),
    "names of every dtype": lambda t, x: [
        x.to(d).type() for d in (t.float16, t.float64, t.uint8, t.int8, t.int16, t.int32, t.int64, t.bool)
    ],
    "to a class": lambda t, x: x.type(t.DoubleTensor),
    "to a name": lambda t, x: x.type("torch.LongTensor"),
    "to a dtype": lambda t, x: x.type(t.int32),
    "same type is self": lambda t, x: x.type(t.FloatTensor) is x,
    "unknown name": lambda t, x: x.type("torch.NoTensor"),
    "cuda name": lambda t, x: x.type("torch.cuda.FloatTensor"),
    "not a type": lambda t, x: x.type(3),
    "non_blocking": lambda t, x: x.type(t.DoubleTensor, non_blocking=True),
    "requires grad": lambda t, x: x.requires_grad_().type(t.DoubleTensor),
    "type_as a typed tensor": lambda t, x: x.type_as(t.ones(1, dtype=t.int64)),
    "grad keeps the class": lambda t, x: (lambda v: (v.double().sum().backward(), type(v.grad) is type(v)))(
        x.requires_grad_()
    ),
}


@pytest.mark.parametrize("name", sorted(TYPE_CALLS))
def test_tensor_type(name):
    same(lambda t: TYPE_CALLS[name](t, t.tensor([1.5, 2.0])))


NEW_CALLS = {
    "new_zeros": lambda t, x: x.new_zeros(2, 3),
    "new_zeros tuple": lambda t, x: x.new_zeros((2,)),
    "new_zeros size=": lambda t, x: x.new_zeros(size=(2,)),
    "new_zeros dtype": lambda t, x: x.new_zeros(2, dtype=t.int32),
    "new_zeros requires_grad": lambda t, x: x.new_zeros(2, requires_grad=True),
    "new_zeros nothing": lambda t, x: x.new_zeros(),
    "new_zeros negative": lambda t, x: x.new_zeros(-1),
    "new_ones": lambda t, x: x.new_ones(2),
    "new_ones float size": lambda t, x: x.new_ones(2.5),
    "new_full": lambda t, x: x.new_full((2,), 3),
    "new_full fractional into integers": lambda t, x: x.long().new_full((2,), 3.7),
    "new_full int size": lambda t, x: x.new_full(2, 1.0),
    "new_empty": lambda t, x: x.new_empty(2, 3).shape,
    "new_empty requires_grad": lambda t, x: x.new_empty(2, requires_grad=True).requires_grad,
    "new_empty_strided": lambda t, x: (lambda y: (y.shape, y.stride(), y.dtype))(
        x.new_empty_strided((2, 3), (1, 2))
    ),
    "new_tensor": lambda t, x: x.new_tensor([1, 2]),
    "new_tensor dtype": lambda t, x: x.new_tensor([1, 2], dtype=t.int64),
    "new_tensor of a tensor": lambda t, x: x.new_tensor(t.tensor([1, 2])),
    "new_tensor requires_grad": lambda t, x: x.new_tensor([1.0], requires_grad=True),
    "new_tensor of a number": lambda t, x: x.new_tensor(3.0),
    "new_tensor from a tensor requiring grad": lambda t, x: t.ones(2, requires_grad=True).new_tensor([1.0]),
}


@pytest.mark.parametrize("name", sorted(NEW_CALLS))
def test_new_methods(name):
    same(lambda t: NEW_CALLS[name](t, t.tensor([1.5, 2.0])))


# ---- memory: data_ptr, storage_offset, stride -------------------------------------------------------------
VIEWS = {
    "itself": lambda x: x,
    "row": lambda x: x[1],
    "column": lambda x: x[:, 2],
    "corner": lambda x: x[1:, 1:],
    "transpose": lambda x: x.t(),
    "transposed row": lambda x: x.t()[1],
    "flattened": lambda x: x.view(-1),
    "detached": lambda x: x.detach(),
    "data": lambda x: x.data,
    "expanded": lambda x: x[:1].expand(3, 4),
    "narrowed": lambda x: x.narrow(1, 1, 2),
    "unsqueezed": lambda x: x.unsqueeze(1),
    "empty slice": lambda x: x[:0],
    "clone": lambda x: x.clone(),
}


@pytest.mark.parametrize("name", sorted(VIEWS))
def test_memory_metadata(name):
    def body(t):
        x = t.arange(12.0).reshape(3, 4)
        y = VIEWS[name](x)
        shares = name != "clone"
        offset = y.data_ptr() - x.data_ptr() if y.numel() and shares else y.data_ptr() == x.data_ptr()
        strides = tuple(s for s, n in zip(y.stride(), y.shape) if n != 1)  # other strides are arbitrary
        return y.storage_offset(), offset, strides, y.data_ptr() == 0

    same(body)


def test_memory_metadata_of_empty_and_0d_tensors():
    same(
        lambda t: (
            t.zeros(0).data_ptr(),
            t.zeros(0, 3).data_ptr(),
            t.tensor(1.0).stride(),
            t.zeros(2, 3).stride(-1),
        )
    )
    same_error(lambda t: t.zeros(2, 3).stride(2))
    same_error(lambda t: t.zeros(2, 3).stride("a"))


# ---- `in` -----------------------------------------------------------------------------------------------
CONTAINS = {
    "float found": lambda t, x: 2.0 in x,
    "float missing": lambda t, x: 100 in x,
    "int": lambda t, x: 3 in t.tensor([1, 2, 3]),
    "0-d tensor": lambda t, x: t.tensor(2.0) in x,
    "bool": lambda t, x: True in t.tensor([1.0, 0.0]),
    "numpy scalar": lambda t, x: np.float64(3.0) in x,
    "tensor of the last dim": lambda t, x: t.tensor([0.0, 1.0, 2.0, 3.0]) in x,
    "tensor that does not broadcast": lambda t, x: t.tensor([1.0, 2.0]) in x,
    "requires grad": lambda t, x: 1.0 in x.requires_grad_(),
    "string": lambda t, x: "a" in x,
    "None": lambda t, x: None in x,
    "list": lambda t, x: [1] in x,
}


@pytest.mark.parametrize("name", sorted(CONTAINS))
def test_contains(name):
    same(lambda t: CONTAINS[name](t, t.arange(12.0).reshape(3, 4)))


# ---- attributes -------------------------------------------------------------------------------------------
def _setting(name):
    return lambda t, x: setattr(x, name, 1)


def _deleting(name):
    return lambda t, x: delattr(x, name)


ATTRIBUTES = {
    "set and get": lambda t, x: (setattr(x, "foo", 1), x.foo, x.__dict__),
    "delete": lambda t, x: (setattr(x, "foo", 1), delattr(x, "foo"), hasattr(x, "foo")),
    "missing": lambda t, x: x.bar,
    "on a result": lambda t, x: (lambda y: (setattr(y, "tag", "y"), y.tag))(x * 2),
    "_backward_hooks default": lambda t, x: x._backward_hooks,
    "_backward_hooks set": lambda t, x: (setattr(x, "_backward_hooks", {}), x._backward_hooks),
    "del grad": lambda t, x: (delattr(x, "grad"), x.grad),
    "data = None": lambda t, x: setattr(x, "data", None),
    **{f"set {name}": _setting(name) for name in ("shape", "grad_fn", "is_leaf", "dtype", "_version")},
    **{f"set {name}": _setting(name) for name in ("device", "ndim", "T", "output_nr")},
    **{f"del {name}": _deleting(name) for name in ("data", "requires_grad", "grad_fn", "_grad_fn", "dtype")},
    **{f"del {name}": _deleting(name) for name in ("_backward_hooks", "is_leaf", "shape", "_version")},
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(ATTRIBUTES))
def test_attributes(name):
    same(lambda t: ATTRIBUTES[name](t, t.tensor([1.0, 2.0])))


def test_attributes_of_many_tensors_do_not_leak_into_each_other():
    def body(t):
        tensors = [t.ones(1) for _ in range(3)]
        for i, x in enumerate(tensors):
            x.position_ = i
        return [x.position_ for x in tensors], [hasattr(x * 1, "position_") for x in tensors]

    same(body)


# ---- equal, allclose, isclose ------------------------------------------------------------------------------
VALUES = st.sampled_from(
    [0.0, 1.0, -1.0, 1e-9, 1.0001, 1e10, 1.00001e10, float("inf"), -float("inf"), float("nan")]
)


@given(
    a=st.lists(VALUES, min_size=1, max_size=4),
    b=st.lists(VALUES, min_size=1, max_size=4),
    dtypes=st.sampled_from(
        [
            ("float32", "float32"),
            ("float64", "float64"),
            ("int64", "int64"),
            ("bool", "bool"),
            ("float32", "float64"),
            ("int64", "float32"),
        ]
    ),
    rtol=st.sampled_from([1e-5, 0.0, 1e-2, 1.0, -1.0]),
    atol=st.sampled_from([1e-8, 0.0, 0.5, -0.1]),
    equal_nan=st.booleans(),
)
def test_closeness(a, b, dtypes, rtol, atol, equal_nan):
    def body(t):
        da, db = (getattr(t, d) for d in dtypes)

        def values(v, dtype):  # inf and nan have no integer value (torch's conversion is undefined)
            return [x if dtype.is_floating_point or np.isfinite(x) else 0.0 for x in v]

        x = t.tensor(values(a, da)).to(da)
        y = t.tensor(values(b[:1] if len(b) != len(a) and len(b) > 1 else b, db)).to(db)
        kw = dict(rtol=rtol, atol=atol, equal_nan=equal_nan)
        results = [t.equal(x, y), x.equal(y)]
        for fn in (lambda: t.isclose(x, y, **kw), lambda: x.isclose(y, **kw), lambda: t.allclose(x, y, **kw)):
            try:
                results.append(fn())
            except RuntimeError as e:
                results.append(str(e))
        return results

    same(body)


CLOSENESS_ERRORS = {
    "allclose of a number": lambda t: t.allclose(t.ones(2), 1.0),
    "isclose of a number": lambda t: t.isclose(t.ones(2), 1.0),
    "equal of a list": lambda t: t.equal(t.ones(2), [1.0, 1.0]),
    "allclose of shapes that do not broadcast": lambda t: t.allclose(t.ones(2), t.ones(3)),
}


@pytest.mark.parametrize("name", sorted(CLOSENESS_ERRORS))
def test_closeness_errors(name):
    same_error(CLOSENESS_ERRORS[name])


def test_closeness_of_tensors_requiring_grad_records_nothing():
    same(
        lambda t: (lambda x: (t.isclose(x, x), t.allclose(x, x), t.equal(x, x)))(
            t.ones(2, requires_grad=True)
        )
    )


# ---- out= --------------------------------------------------------------------------------------------------
def _calls(t):
    """One call of every function that takes out=, by name: (args, kwargs)."""
    a = t.tensor([[1.0, 2.0], [3.0, 4.0]])
    v = t.tensor([1.0, 2.0])
    return {
        "abs": (a,),
        "add": (a, a),
        "addmm": (a, a, a),
        "amax": (a, 0),
        "amin": (a, 0),
        "arange": (4,),
        "argmax": (a, 0),
        "argmin": (a, 0),
        "bmm": (a[None], a[None]),
        "ceil": (a,),
        "clamp": (a, 0, 3),
        "clamp_max": (a, 3),
        "clamp_min": (a, 2),
        "clip": (a, 0, 3),
        "cos": (a,),
        "div": (a, a),
        "divide": (a, v),
        "dot": (v, v),
        "empty": (2, 2),
        "eq": (a, a),
        "exp": (a,),
        "eye": (2,),
        "floor": (a,),
        "floor_divide": (a, 2),
        "fmod": (a, 2),
        "full": ((2, 2), 1.5),
        "ge": (a, 2),
        "gt": (a, a),
        "le": (a, a),
        "linspace": (0, 1, 4),
        "log": (a,),
        "log_softmax": (a, 0),
        "logsumexp": (a, 0),
        "lt": (a, a),
        "masked_select": (a, a > 1.5),
        "matmul": (a, a),
        "max": (a, 0),
        "maximum": (a, a),
        "mean": (a, 0),
        "min": (a, 0),
        "minimum": (a, v),
        "mm": (a, a),
        "mul": (a, a),
        "multiply": (a, 2),
        "mv": (a, v),
        "ne": (a, a),
        "neg": (a,),
        "negative": (a,),
        "ones": (2, 2),
        "pow": (a, 2),
        "prod": (a, 0),
        "rand": (2, 2),
        "randn": (2, 2),
        "reciprocal": (a,),
        "remainder": (a, 2),
        "round": (a,),
        "sgn": (a,),
        "sigmoid": (a,),
        "sign": (a,),
        "sin": (a,),
        "softmax": (a, 0),
        "sqrt": (a,),
        "sub": (a, a),
        "subtract": (a, a),
        "sum": (a, 0),
        "tanh": (a,),
        "true_divide": (a, a),
        "trunc": (a,),
        "where": (a > 2, a, a),
        "zeros": (2, 2),
    }


RANDOM = {"empty", "rand", "randn"}


def test_out_is_taken_by_the_functions_that_take_it_in_torch():
    """TAKE_OUT is torch's list: each function there accepts out= in torch, and the example calls cover it."""
    calls = _calls(torch)
    assert sorted(calls) == sorted(TAKE_OUT)
    for name, args in calls.items():
        ref = getattr(torch, name)(*args)
        out = tuple(torch.empty_like(r) for r in ref) if isinstance(ref, tuple) else torch.empty_like(ref)
        getattr(torch, name)(*args, out=out)


OUT_CASES = [
    "same",
    "other float dtype",
    "integer dtype",
    "wider shape",
    "empty",
    "requires grad",
    "view of a row",
]


@given(
    name=st.sampled_from(sorted(TAKE_OUT)),
    case=st.sampled_from(OUT_CASES),
    grad_mode=st.booleans(),
    input_requires_grad=st.booleans(),
)
def test_out(name, case, grad_mode, input_requires_grad):

    def body(t):
        args = _calls(t)[name]
        if input_requires_grad:
            args = tuple(
                a.clone().requires_grad_() if isinstance(a, t.Tensor) and a.is_floating_point() else a
                for a in args
            )
        with t.no_grad():
            ref = getattr(t, name)(*args)
        refs = ref if isinstance(ref, tuple) else (ref,)
        outs = []
        for r in refs:
            if case == "same":
                o = t.zeros(r.shape, dtype=r.dtype)
            elif case == "other float dtype":
                o = t.zeros(r.shape, dtype=t.float64 if r.dtype == t.float32 else t.float32)
            elif case == "integer dtype":
                o = t.zeros(r.shape, dtype=t.int64)
            elif case == "wider shape":
                o = t.zeros(7, dtype=r.dtype)
            elif case == "empty":
                o = t.zeros(0, dtype=r.dtype)
            elif case == "requires grad":
                o = t.zeros(r.shape, dtype=t.float32, requires_grad=True)
            else:
                o = t.zeros((3,) + tuple(r.shape), dtype=r.dtype)[1]
            outs.append(o)
        out = tuple(outs) if isinstance(ref, tuple) else outs[0]
        with t.set_grad_enabled(grad_mode):
            result = getattr(t, name)(*args, out=out)
        returned = [r is o for r, o in zip(result if isinstance(result, tuple) else (result,), outs)]
        values = [(o.shape, o.dtype, o.requires_grad) if name in RANDOM else o for o in outs]
        return returned, values, [o._version for o in outs]

    same(body)


@pytest.mark.parametrize("out_dtype", ["same", "float64", "int64"])
@pytest.mark.parametrize("name", sorted(TAKE_OUT))
def test_out_of_another_shape_and_dtype_warns_as_torch(name, out_dtype):
    """The resize warning for an out of the wrong shape: once, or twice from an element-wise op whose out
    has another dtype (torch resizes out and then its cast buffer), or once before a dtype error."""

    def body(t):
        args = _calls(t)[name]
        with t.no_grad():
            ref = getattr(t, name)(*args)
        refs = ref if isinstance(ref, tuple) else (ref,)
        outs = [t.zeros(1, dtype=r.dtype if out_dtype == "same" else getattr(t, out_dtype)) for r in refs]
        getattr(t, name)(*args, out=tuple(outs) if isinstance(ref, tuple) else outs[0])
        return [(o.shape, o.dtype) for o in outs]

    same(body)


OUT_ERRORS = {
    "not a tensor": lambda t: t.add(t.ones(2), t.ones(2), out=[1, 2]),
    "a tuple for one output": lambda t: t.add(t.ones(2), t.ones(2), out=(t.zeros(2),)),
    "overlapping memory": lambda t: t.add(t.ones(2), t.ones(2), out=t.zeros(1).expand(2)),
    "an inference tensor": lambda t: t.add(t.ones(2), t.ones(2), out=_inference_zeros(t)),
    "indices of the wrong dtype": lambda t: t.max(t.ones(2, 3), 1, out=(t.zeros(2), t.zeros(2))),
}


def _inference_zeros(t):
    with t.inference_mode():
        return t.zeros(2)


@pytest.mark.parametrize("name", sorted(OUT_ERRORS))
def test_out_errors(name):
    same_error(OUT_ERRORS[name])


def test_out_with_forward_ad():
    def body(t):
        fwad = t.autograd.forward_ad
        messages = []
        with fwad.dual_level():
            dual = fwad.make_dual(t.ones(2), t.ones(2))
            for call in (
                lambda: t.add(t.ones(2), t.ones(2), out=dual),
                lambda: t.mul(dual, 2, out=t.zeros(2)),
                lambda: t.exp(dual, out=t.zeros(2)),
            ):
                try:
                    call()
                except NotImplementedError as e:
                    messages.append(str(e))
        return messages

    same(body)


def test_out_aliasing_an_input_and_in_inference_mode():
    def body(t):
        x = t.tensor([0.0, 1.0])
        t.exp(x, out=x)
        with t.inference_mode():
            y = t.mul(t.ones(2, requires_grad=True), 2, out=t.zeros(2))
        return x, x._version, y

    same(body)


# ---- storages ----------------------------------------------------------------------------------------------
def _storages(t, make):
    """What untyped_storage() and storage() say of a tensor's memory: sizes, addresses relative to the
    tensor's, elements, bytes, dtype, types and reprs."""
    x = make(t)
    untyped, typed = x.untyped_storage(), x.storage()
    base = x.data_ptr() - x.storage_offset() * x.element_size() if x.numel() else 0
    return [
        (type(untyped).__name__, isinstance(untyped, t.UntypedStorage), isinstance(typed, t.TypedStorage)),
        (untyped.data_ptr() - base, untyped.nbytes(), untyped.size(), len(untyped), untyped.element_size()),
        (
            typed.data_ptr() - base,
            typed.size(),
            len(typed),
            typed.nbytes(),
            typed.element_size(),
            typed.dtype,
        ),
        (
            untyped.tolist(),
            typed.tolist(),
            list(typed),
            str(untyped.device),
            typed.is_shared(),
            typed.is_cuda,
        ),
        (repr(untyped), repr(typed), str(typed)),
        (typed.untyped().nbytes(), typed._untyped_storage.data_ptr() == untyped.data_ptr()),
    ]


STORAGE_TENSORS = {
    "float32": lambda t: t.arange(4.0),
    "a view at an offset": lambda t: t.arange(6.0).view(2, 3)[1],
    "transposed": lambda t: t.arange(6.0, dtype=t.float64).view(2, 3).t(),
    "requires grad": lambda t: t.ones(2, 3, requires_grad=True),
    "a result": lambda t: t.ones(2, requires_grad=True) * 2,
    "transposed copy": lambda t: t.arange(6.0).view(2, 3).t().clone(),
    "bool": lambda t: t.tensor([True, False]),
    "int64 0-d": lambda t: t.tensor(3),
    "float16": lambda t: t.ones(2, dtype=t.float16),
    "empty": lambda t: t.ones(0),
}


@pytest.mark.parametrize("case", sorted(STORAGE_TENSORS))
def test_storages(case):
    same(lambda t: _storages(t, STORAGE_TENSORS[case]), check_warnings=False)  # storage() warns once only


STORAGE_INDEXING = {
    "typed element": lambda s, u: s[1],
    "typed negative": lambda s, u: s[-1],
    "typed out of range": lambda s, u: s[6],
    "typed negative out of range": lambda s, u: s[-7],
    "typed slice": lambda s, u: s[1:3],
    "typed by a string": lambda s, u: s["a"],
    "untyped byte": lambda s, u: u[4],
    "untyped negative": lambda s, u: u[-1],
    "untyped out of range": lambda s, u: u[24],
    "untyped slice": lambda s, u: u[4:8].tolist(),
    "untyped by a float": lambda s, u: u[1.0],
    "untyped by None": lambda s, u: u[None],
    "typed write by a float": lambda s, u: s.__setitem__(1.0, 2.0),
    "untyped write by a string": lambda s, u: u.__setitem__("a", 2),
}


@pytest.mark.parametrize("case", sorted(STORAGE_INDEXING))
def test_storage_indexing(case):
    def body(t):
        x = t.arange(6.0).view(2, 3)[1]
        return STORAGE_INDEXING[case](x.storage(), x.untyped_storage())

    same(body, check_warnings=False)


def test_storage_writes_are_the_tensors():
    """Writing through a storage changes every tensor viewing the memory, without counting a version."""

    def body(t):
        x = t.arange(6.0)
        view = x[2:]
        before = x._version
        x.storage()[3] = 9.0
        x.storage()[-1] = 7.0
        x.untyped_storage()[0] = 1
        return x, view, x._version - before

    same(body, check_warnings=False)


TYPED_STORAGE_WARNINGS = """
import sys, warnings
t = __import__(sys.argv[1])
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    for _ in range(3):
        t.ones(2).storage().size()
        t.ones(2).untyped_storage().size()
print([str(w.message) for w in caught])
"""


def test_typed_storage_warns_once_per_process():
    """storage() warns that TypedStorage is deprecated, the first time in the process only: each engine in
    a fresh process."""
    printed = [
        subprocess.run(
            [sys.executable, "-c", TYPED_STORAGE_WARNINGS, engine], capture_output=True, text=True, check=True
        ).stdout
        for engine in ("torch", "minigrad")
    ]
    assert printed[0] == printed[1]
    assert printed[0] != "[]\n"


# ---- Function's metaclass and InplaceFunction --------------------------------------------------------------
def test_function_metaclass_and_inplace_function():
    """Every Function class is a FunctionMeta with its own node class; InplaceFunction is a Function whose
    instances (deprecated, with Function's warning) carry an `inplace` flag, and whose subclasses apply."""

    def body(t):
        function = t.autograd.function

        class Double(function.InplaceFunction):
            @staticmethod
            def forward(ctx, x):
                return x * 2

            @staticmethod
            def backward(ctx, g):
                return g * 2

        x = t.ones(2, requires_grad=True)
        y = Double.apply(x)
        y.sum().backward()
        instance = function.InplaceFunction(inplace=True)
        return [
            isinstance(t.autograd.Function, function.FunctionMeta),
            type(Double).__name__,
            Double._backward_cls.__name__,
            t.autograd.Function._backward_cls.__name__,
            type(y.grad_fn).__name__,
            issubclass(function.InplaceFunction, t.autograd.Function),
            instance.inplace,
            function.InplaceFunction().inplace,
            x.grad,
        ]

    same(body)


# ---- torch.autograd._functions, Tensor.type(class), torch's constants --------------------------------------
def _legacy_functions(t):
    return __import__(f"{t.__name__}.autograd._functions", fromlist=["Resize"])


LEGACY_FUNCTIONS = {
    "Resize": lambda t, F, x: F.Resize.apply(x, (2, 3)),
    "Resize of a transposed tensor": lambda t, F, x: F.Resize.apply(x.view(2, 3).t(), (6,)),
    "Resize to another number of elements": lambda t, F, x: F.Resize.apply(x, (4, 2)),
    "Type by dtype": lambda t, F, x: F.Type.apply(x, t.float64),
    "Type by name": lambda t, F, x: F.Type.apply(x, "torch.DoubleTensor"),
}


@pytest.mark.parametrize("case", sorted(LEGACY_FUNCTIONS))
def test_legacy_functions(case):
    def body(t):
        x = t.arange(6.0, requires_grad=True)
        y = LEGACY_FUNCTIONS[case](t, _legacy_functions(t), x)
        (y * t.arange(6.0, dtype=y.dtype).view(y.shape)).sum().backward()
        return y, y.grad_fn, y.data_ptr() == x.data_ptr(), x.grad

    same(body)


@pytest.mark.parametrize("target", ["Tensor", "int", "object", "float64 Tensor to Tensor"])
def test_type_by_class(target):
    def body(t):
        x = t.ones(2, dtype=t.float64) if "float64" in target else t.ones(2, dtype=t.long)
        cls = {"Tensor": t.Tensor, "int": int, "object": object}[target.split()[-1]]
        return x.type(cls)

    same(body)


def test_constants():
    same(lambda t: [t.inf, t.nan, t.pi, t.e, t.newaxis, type(t.inf).__name__, t.ones(2)[t.newaxis].shape])
