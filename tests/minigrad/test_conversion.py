"""clone, to and fill differentially against torch: which calls copy (and record ToCopyBackward0), the
layout of the copy, the arguments torch refuses; torch.fill and fill_ with numbers and 0-d tensors."""

import numpy as np
import pytest
import torch
from _compare import same


def strides(t):
    if isinstance(t, torch.Tensor):
        return t.stride()
    return tuple(s // t._data.itemsize for s in t._data.strides)


def _leaf(T):
    return T.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], dtype=T.float64, requires_grad=True)


TO_CASES = {
    "same dtype": lambda T, x: x.to(T.float64),
    "same dtype, copy": lambda T, x: x.to(T.float64, copy=True),
    "copy only": lambda T, x: x.to(copy=True),
    "other dtype": lambda T, x: x.to(T.float32),
    "contiguous format, same dtype": lambda T, x: x.t().to(memory_format=T.contiguous_format),
    "contiguous format, copy": lambda T, x: x.t().to(copy=True, memory_format=T.contiguous_format),
    "contiguous format, other dtype": lambda T, x: x.t().to(T.float32, memory_format=T.contiguous_format),
    "preserve format": lambda T, x: x.t().to(T.float32, memory_format=T.preserve_format),
    "memory format None": lambda T, x: x.to(T.float32, memory_format=None),
    "memory format a string": lambda T, x: x.to(memory_format="contiguous"),
    "memory format an int": lambda T, x: x.to(T.float32, memory_format=1),
    "type_as": lambda T, x: x.type_as(T.ones(1)),
    "to an integer dtype": lambda T, x: x.to(T.int32),
    "char": lambda T, x: x.char(),
    "float to contiguous": lambda T, x: x.t().float(memory_format=T.contiguous_format),
    "double, unchanged, to contiguous": lambda T, x: x.t().double(memory_format=T.contiguous_format),
    "long, memory format not a format": lambda T, x: x.long(memory_format=1),
    "half, a positional argument": lambda T, x: x.half(T.contiguous_format),
    # Tensor.type: the legacy type name, or a conversion to a dtype or a type named as torch names them
    "type(dtype)": lambda T, x: x.type(T.float32),
    "type(same dtype)": lambda T, x: x.type(T.float64),
    "type(name)": lambda T, x: x.type("torch.IntTensor"),
    "type(same name)": lambda T, x: x.type("torch.DoubleTensor"),
    "type keywords": lambda T, x: x.type(dtype=T.int64, non_blocking=True),
    "type of a transposed tensor": lambda T, x: x.t().type(T.float32),
    "type a short name": lambda T, x: x.type("DoubleTensor"),
    "type a dtype's name": lambda T, x: x.type("torch.float64"),
    "type an unknown name": lambda T, x: x.type("torch.FooTensor"),
    "type a cuda name": lambda T, x: x.type("torch.cuda.FloatTensor"),
    "type Python's float": lambda T, x: x.type(float),
    "type a number": lambda T, x: x.type(5),
    "a float in place of a tensor": lambda T, x: x.to(2.5),
    "a bool in place of a tensor": lambda T, x: x.to(True, copy=True),
    "a numpy float in place of a tensor": lambda T, x: x.to(np.float32(1)),
    "a numpy bool in place of a tensor": lambda T, x: x.to(np.bool_(True)),
    "an int is a device index": lambda T, x: x.to(1),
    "a float as the dtype keyword": lambda T, x: x.to(dtype=2.5),
    "a float after a device": lambda T, x: x.to("cpu", 2.5),
    "Python's float type": lambda T, x: x.to(float),
    "Python's int type after a device": lambda T, x: x.to("cpu", int),
    "Python's bool type": lambda T, x: x.to(bool),
    # torch's three overloads, positionally and by keyword: (device, dtype, non_blocking, copy),
    # (dtype, non_blocking, copy), (tensor, non_blocking, copy)
    "device, dtype, non_blocking, copy": lambda T, x: x.to("cpu", T.float64, False, True),
    "device, other dtype, non_blocking, copy": lambda T, x: x.to("cpu", T.float32, False, True),
    "device, other dtype": lambda T, x: x.to("cpu", T.float32),
    "dtype, non_blocking": lambda T, x: x.to(T.float32, True),
    "dtype, non_blocking, copy": lambda T, x: x.to(T.float64, False, True),
    "tensor, non_blocking, copy": lambda T, x: x.to(T.ones(1, dtype=T.float64), False, True),
    "None device, dtype": lambda T, x: x.to(None, T.int32),
    "keywords of the device overload": lambda T, x: x.to(device="cpu", dtype=T.int32, copy=True),
    "a torch.device": lambda T, x: x.to(T.device("cpu")),
    "two strings": lambda T, x: x.to("a", "b"),
    "an int for non_blocking": lambda T, x: x.to(T.float32, 1),
    "an int for copy": lambda T, x: x.to(T.float32, copy=1),
    "an unknown keyword": lambda T, x: x.to(foo=1),
    "five positional arguments": lambda T, x: x.to("cpu", T.float32, False, True, 5),
    "two dtypes": lambda T, x: x.to(T.float32, T.float64),
    "a tensor and a dtype keyword": lambda T, x: x.to(T.ones(1), dtype=T.float32),
    "the tensor by keyword": lambda T, x: x.to(tensor=T.ones(1)),
    "nothing": lambda T, x: x.to(),
    "a device and copy": lambda T, x: x.to("cpu", copy=True),
}


@pytest.mark.parametrize("name", sorted(TO_CASES))
def test_to(name):
    def fn(T):
        x = _leaf(T)
        y = TO_CASES[name](T, x)
        return y, y is x, strides(y)

    same(fn)


TYPE_NAMES = {
    "type()": lambda T, x: x.type(),
    "type() of every dtype": lambda T, x: [
        T.ones(1, dtype=getattr(T, d)).type()
        for d in ("uint8", "int8", "int16", "int32", "int64", "float16", "float32", "float64", "bool")
    ],
    "type(None)": lambda T, x: x.type(None),
}


@pytest.mark.parametrize("name", sorted(TYPE_NAMES))
def test_type_names(name):
    same(lambda T: TYPE_NAMES[name](T, _leaf(T)))


FILL_CASES = {
    "fill a number": lambda T, x: T.fill(x, 2),
    "fill a 0-d tensor": lambda T, x: T.fill(x, T.tensor(3.0, requires_grad=True)),
    "fill an int tensor": lambda T, x: T.fill(x, T.tensor(2)),
    "fill a 1-d tensor": lambda T, x: T.fill(x, T.tensor([3.0])),
    "fill a string": lambda T, x: T.fill(x, "a"),
    "fill None": lambda T, x: T.fill(x, None),
    "fill keywords": lambda T, x: T.fill(input=x, value=2.5),
    "fill a list": lambda T, x: T.fill([1.0], 2),
    "fill keeps the layout": lambda T, x: (T.fill(x.t(), 2), strides(T.fill(x.t(), 2))),
    "fill out of range": lambda T, x: T.fill(T.ones(2, dtype=T.uint8), 300),
    "fill a bool": lambda T, x: T.fill(T.ones(2, dtype=T.bool), 2.5),
    "fill_ a float into an int tensor": lambda T, x: T.ones(2, dtype=T.int64).fill_(2.7),
    "fill_ a float tensor into an int tensor": lambda T, x: T.ones(2, dtype=T.int64).fill_(T.tensor(2.7)),
    "fill_ a nan tensor into an int tensor": lambda T, x: T.ones(2, dtype=T.int32).fill_(
        T.tensor(float("nan"))
    ),
    "fill_ a string": lambda T, x: T.ones(2).fill_("a"),
    "fill_ a 2-element tensor": lambda T, x: T.ones(2).fill_(T.tensor([1.0, 2.0])),
}


@pytest.mark.parametrize("name", sorted(FILL_CASES))
def test_fill(name):
    same(lambda T: FILL_CASES[name](T, _leaf(T)))


def test_fill_gradients():
    def fn(T):
        x = _leaf(T)
        value = T.tensor(2.0, requires_grad=True)
        y = T.fill(x * 1, value)
        (y * T.tensor([[1.0, 2.0, 3.0]], dtype=T.float64)).sum().backward()
        return y, x.grad, value.grad

    same(fn)


# conversions of dual tensors: a transposed one, and one whose tangent is laid out otherwise than its primal
FORWARD_AD_CASES = {
    "double": lambda T, x, xt, other: x.double(),
    "float, unchanged": lambda T, x, xt, other: x.float(),
    "half": lambda T, x, xt, other: x.half(),
    "long": lambda T, x, xt, other: x.long(),
    "bool": lambda T, x, xt, other: x.bool(),
    "to float64, transposed": lambda T, x, xt, other: xt.to(T.float64),
    "to with copy": lambda T, x, xt, other: x.to(T.float32, copy=True),
    "to another dual's dtype": lambda T, x, xt, other: x.to(
        T.autograd.forward_ad.make_dual(T.zeros(1, dtype=T.float64), T.zeros(1, dtype=T.float64))
    ),
    "type_as": lambda T, x, xt, other: x.type_as(T.zeros(1, dtype=T.float64)),
    "clone, transposed": lambda T, x, xt, other: xt.clone(),
    "clone to contiguous": lambda T, x, xt, other: xt.clone(memory_format=T.contiguous_format),
    "clone, tangent laid out otherwise": lambda T, x, xt, other: other.clone(),
    "contiguous": lambda T, x, xt, other: xt.contiguous(),
    "contiguous, tangent laid out otherwise": lambda T, x, xt, other: other.contiguous(),
    "fill, transposed": lambda T, x, xt, other: T.fill(xt, 2.0),
    "fill a dual value": lambda T, x, xt, other: T.fill(
        xt, T.autograd.forward_ad.make_dual(T.tensor(2.0), T.tensor(3.0))
    ),
    "zero_, transposed": lambda T, x, xt, other: xt.zero_(),
    "to int64 and back": lambda T, x, xt, other: x.to(T.int64).to(T.float32),
    "to(device, dtype, non_blocking, copy)": lambda T, x, xt, other: x.to("cpu", T.float64, False, True),
    "double then float": lambda T, x, xt, other: x.double().float(),
}


@pytest.mark.parametrize("name", sorted(FORWARD_AD_CASES))
def test_forward_ad(name):
    fwad = torch.autograd.forward_ad
    with (
        fwad.dual_level()
    ):  # torch's first make_dual loads its jit decompositions, with warnings: not compared
        fwad.make_dual(torch.ones(1), torch.ones(1))

    def fn(T):
        fwad = T.autograd.forward_ad
        with fwad.dual_level():
            x = fwad.make_dual(T.arange(6.0).view(2, 3), T.ones(2, 3) * 0.5)
            xt = fwad.make_dual(T.arange(6.0).view(3, 2).t(), (T.ones(3, 2) * 0.5).t())
            other = fwad.make_dual(T.arange(6.0).view(2, 3), (T.arange(6.0).view(3, 2) * 0.5).t())
            primal, tangent = fwad.unpack_dual(FORWARD_AD_CASES[name](T, x, xt, other))
            return primal.clone(), strides(primal), tangent, tangent is not None and strides(tangent)

    same(fn)


def test_index_nodes_free_their_indices_after_backward():
    """index's saved list of index tensors is freed like any saved tensor: a second backward and reading
    _saved_indices fail as in torch."""

    def fn(T):
        x = _leaf(T)
        y = x[T.tensor([0, 1, 0])] * 1
        node = y.grad_fn.next_functions[0][0]
        y.sum().backward()
        try:
            freed = len(node._saved_indices)
        except RuntimeError as error:
            freed = str(error)
        try:
            again = y.sum().backward()
        except RuntimeError as error:
            again = str(error)
        return x.grad, freed, again

    same(fn)
