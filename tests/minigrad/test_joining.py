"""torch.cat and torch.stack differentially against torch: values, dtypes, errors, and `out=` (written into
out in place, cast to its dtype, resized with torch's warning, refused where torch refuses)."""

import numpy as np
import pytest
import torch
from _compare import same
from hypothesis import given
from hypothesis import strategies as st


def strides(t):
    if isinstance(t, torch.Tensor):
        return t.stride()
    return tuple(s // t._data.itemsize for s in t._data.strides)


def written(T, call, out):
    """What a user sees of an out= call: the result, whether it is out, out itself, its strides and
    version."""
    result = call(out)
    return result, result is out, out, strides(out), out._version


def ab(T):
    return T.tensor([1.0, 2.0]), T.tensor([3.0, 4.0])


OUT_CASES = {
    "cat, out of the shape": lambda T: written(T, lambda o: T.cat(ab(T), out=o), T.zeros(4)),
    "cat, empty out": lambda T: written(T, lambda o: T.cat(ab(T), out=o), T.empty(0)),
    "cat, out resized": lambda T: written(T, lambda o: T.cat(ab(T), out=o), T.full((2, 3), 7.0)),
    "cat, 0-d out resized": lambda T: written(T, lambda o: T.cat(ab(T), out=o), T.tensor(7.0)),
    "cat, into float64": lambda T: written(T, lambda o: T.cat(ab(T), out=o), T.zeros(4, dtype=T.float64)),
    "cat, into float16": lambda T: written(T, lambda o: T.cat(ab(T), out=o), T.zeros(4, dtype=T.float16)),
    "cat, ints into float": lambda T: written(
        T, lambda o: T.cat([T.tensor([1, 2]), T.tensor([3])], out=o), T.zeros(3)
    ),
    "cat, bool and uint8 into int64": lambda T: written(
        T, lambda o: T.cat([T.tensor([True]), T.tensor([7], dtype=T.uint8)], out=o), T.zeros(2, dtype=T.int64)
    ),
    "cat, floats into int64": lambda T: T.cat(ab(T), out=T.zeros(4, dtype=T.int64)),
    "cat, ints into bool": lambda T: T.cat([T.tensor([1, 0])], out=T.zeros(2, dtype=T.bool)),
    # torch checks the out dtype before the shapes
    "cat, bad dtype and shapes": lambda T: T.cat([T.ones(2, 2), T.ones(3)], out=T.zeros(1, dtype=T.int64)),
    "cat, dim of a transposed out": lambda T: written(
        T, lambda o: T.cat([T.ones(2, 1), T.full((2, 3), 2.0)], 1, out=o), T.zeros(4, 2).t()
    ),
    "cat, transposed out resized": lambda T: written(
        T, lambda o: T.cat([T.ones(2, 1), T.zeros(2, 1)], 1, out=o), T.zeros(2, 4).t()
    ),
    "cat, out a leaf requiring grad": lambda T: T.cat(ab(T), out=T.zeros(4, requires_grad=True)),
    "cat, input requiring grad": lambda T: T.cat([T.ones(2, requires_grad=True), T.ones(2)], out=T.zeros(4)),
    "cat, input requiring grad and bad shapes": lambda T: T.cat(
        [T.ones(2, 2, requires_grad=True), T.ones(3)], out=T.zeros(4)
    ),
    "cat, out not a tensor": lambda T: T.cat(ab(T), out=5),
    "cat, out None": lambda T: T.cat(ab(T), out=None),
    "cat, empty list with out": lambda T: T.cat([], out=T.zeros(2)),
    "cat, zero-dim input with out": lambda T: T.cat([T.tensor(1.0)], out=T.zeros(2)),
    "cat, out an input": lambda T: T.cat([T.ones(4), T.ones(4)], out=T.ones(4)),
    "cat, out overlapping an input": lambda T: _overlapping_cat(T),
    "cat, expanded out": lambda T: T.cat(ab(T), out=T.zeros(1).expand(4)),
    "cat, expanded out resized": lambda T: written(T, lambda o: T.cat(ab(T), out=o), T.zeros(4).expand(2, 4)),
    "cat, only legacy empty inputs": lambda T: written(T, lambda o: T.cat([T.ones(0)], out=o), T.zeros(3)),
    "concatenate and concat": lambda T: (
        T.concatenate(ab(T), out=T.zeros(4)),
        T.concat(ab(T), dim=0, out=T.zeros(4)),
    ),
    "stack, out of the shape": lambda T: written(T, lambda o: T.stack(ab(T), out=o), T.zeros(2, 2)),
    "stack, out resized": lambda T: written(T, lambda o: T.stack(ab(T), out=o), T.zeros(6)),
    "stack, last dim, out resized": lambda T: written(T, lambda o: T.stack(ab(T), 1, out=o), T.zeros(4)),
    "stack, transposed out": lambda T: written(T, lambda o: T.stack(ab(T), out=o), T.zeros(2, 2).t()),
    "stack, empty int32 out": lambda T: T.stack(ab(T), out=T.empty(0, dtype=T.int32)),
    # a dim before the last resizes out first (the warning comes before the dtype error); the last dim
    # checks the dtype first
    "stack, ints into bool, resized": lambda T: T.stack([T.tensor([1, 2])], out=T.zeros(2, dtype=T.bool)),
    "stack, ints into bool, last dim": lambda T: T.stack([T.tensor([1, 2])], 1, out=T.zeros(2, dtype=T.bool)),
    "stack, mixed dtypes": lambda T: written(
        T, lambda o: T.stack([T.ones(2), T.zeros(2, dtype=T.float64)], out=o), T.zeros(2, 2)
    ),
    "stack, input requiring grad": lambda T: T.stack([T.ones(2, requires_grad=True)], out=T.zeros(1, 2)),
    "stack, bad dim with out": lambda T: T.stack(ab(T), 5, out=T.zeros(4)),
    "stack, unequal sizes with out": lambda T: T.stack([T.ones(2), T.ones(3)], 1, out=T.zeros(4)),
    "stack, out overlapping an input": lambda T: _overlapping_stack(T),
    "stack, out next to an input": lambda T: _adjacent_stack(T),
}


def _overlapping_cat(T):
    base = T.zeros(4)
    return T.cat([base[1:2], base[2:3]], out=base[:3])


def _overlapping_stack(T):
    out = T.zeros(4)
    return T.stack([out[:2], T.zeros(2)], out=out)


def _adjacent_stack(T):
    x = T.zeros(3)
    return T.stack([x[:1]], out=x[1:2].view(1, 1)), x


@pytest.mark.parametrize("name", sorted(OUT_CASES))
def test_out(name):
    same(OUT_CASES[name])


def test_out_no_grad():
    def fn(T):
        x = T.ones(2, requires_grad=True)
        out = T.zeros(4, requires_grad=True)
        with T.no_grad():
            result = T.cat([x, x], out=out)
        return result is out, out, out.grad_fn, out._version

    same(fn)


def test_out_resize_keeps_the_memory_it_fits_in():
    """A resized out stays in its own memory (torch keeps the storage when it is large enough): a base it
    is a view of sees the values."""

    def fn(T):
        base = T.zeros(8)
        out = base[2:5]
        T.cat(ab(T), out=out)
        strided = T.zeros(6)
        T.cat(ab(T), out=strided[::2])
        grown = T.zeros(2, 3)
        T.cat(ab(T), out=grown)
        return out, base, strided, grown, strides(grown)

    same(fn)


def test_out_bumps_the_version_of_its_views():
    def fn(T):
        base = T.zeros(6)
        out = base[:4]
        T.cat(ab(T), out=out)
        return base, base._version, out._version

    same(fn)


DTYPES = ["bool", "uint8", "int32", "int64", "float32", "float64"]
SHAPES = [(2, 3), (1, 3), (2, 1), (3,), (0,), (2, 0)]


def _tensor(T, dtype, shape, seed):
    data = np.random.default_rng(seed).integers(0, 3, size=shape)
    return T.tensor(data.tolist(), dtype=getattr(T, dtype)).reshape(shape)


@given(
    op=st.sampled_from(["cat", "stack"]),
    inputs=st.lists(st.tuples(st.sampled_from(DTYPES), st.sampled_from(SHAPES)), min_size=1, max_size=3),
    dim=st.integers(-3, 2),
    out=st.one_of(st.none(), st.tuples(st.sampled_from(DTYPES), st.sampled_from([*SHAPES, (), (4, 3)]))),
)
def test_random_joins(op, inputs, dim, out):
    def fn(T):
        tensors = [_tensor(T, dtype, shape, seed) for seed, (dtype, shape) in enumerate(inputs)]
        if out is None:
            return getattr(T, op)(tensors, dim)
        o = _tensor(T, out[0], out[1], 9)
        return written(T, lambda o: getattr(T, op)(tensors, dim, out=o), o)

    same(fn)


@given(
    op=st.sampled_from(["cat", "stack"]),
    inputs=st.lists(
        st.tuples(st.sampled_from(["int64", "float32", "float64"]), st.sampled_from(SHAPES), st.booleans()),
        min_size=1,
        max_size=3,
    ),
    dim=st.integers(-3, 2),
)
def test_random_joins_forward_ad(op, inputs, dim):
    """cat and stack of dual and plain pieces (of mixed dtypes, empty ones among them): the primal and the
    tangent torch gives (zeros for the plain pieces, none for an integer result), or its error."""
    with torch.autograd.forward_ad.dual_level():  # torch's first make_dual warns from its jit: not compared
        torch.autograd.forward_ad.make_dual(torch.ones(1), torch.ones(1))

    def fn(T):
        fwad = T.autograd.forward_ad
        with fwad.dual_level():
            tensors = []
            for seed, (dtype, shape, dual) in enumerate(inputs):
                t = _tensor(T, dtype, shape, seed)
                if dual and t.is_floating_point():
                    t = fwad.make_dual(t, _tensor(T, dtype, shape, seed + 10))
                tensors.append(t)
            primal, tangent = fwad.unpack_dual(getattr(T, op)(tensors, dim))
            # (strides of an empty tangent say nothing)
            return primal.clone(), tangent, tangent is not None and tangent.numel() > 0 and strides(tangent)

    same(fn)


# ---- hstack, vstack, row_stack, dstack, column_stack -------------------------------------------------------
STACKINGS = ["hstack", "vstack", "row_stack", "dstack", "column_stack"]
PIECES = {
    "0-d": [()],
    "0-d and 1-element": [(), (1,)],
    "1-d": [(3,), (3,)],
    "1-d of sizes": [(2,), (3,)],
    "2-d": [(2, 3), (2, 3)],
    "2-d of widths": [(2, 1), (2, 3)],
    "2-d of heights": [(1, 3), (2, 3)],
    "3-d": [(2, 3, 1), (2, 3, 2)],
    "1-d and 2-d": [(3,), (2, 3)],
    "empty": [(0,), (0,)],
    "empty 2-d": [(2, 0), (2, 3)],
    "transposed": [(3, 2, "t"), (2, 3)],
}


def _pieces(T, shapes):
    pieces = []
    for seed, shape in enumerate(shapes):
        transposed = shape[-1:] == ("t",)
        shape = shape[:-1] if transposed else shape
        t = T.tensor(np.random.default_rng(seed).standard_normal(shape), requires_grad=True)
        pieces.append((t, t.t() if transposed else t))
    return pieces


@pytest.mark.parametrize("op", STACKINGS)
@pytest.mark.parametrize("name", sorted(PIECES))
def test_stackings(op, name):
    """Values, the graph (views under CatBackward0) and the gradients torch gives, or its error."""

    def fn(T):
        pieces = _pieces(T, PIECES[name])
        y = getattr(T, op)([p for _, p in pieces])
        y.backward(T.tensor(np.random.default_rng(9).standard_normal(tuple(y.shape))))
        return y, y.grad_fn, [leaf.grad for leaf, _ in pieces]

    same(fn)


STACKING_CALLS = {
    "empty list": lambda T, op: getattr(T, op)([]),
    "a tensor": lambda T, op: getattr(T, op)(T.ones(3)),
    "not a tensor in the list": lambda T, op: getattr(T, op)([T.ones(3), 1]),
    "a tuple": lambda T, op: getattr(T, op)((T.ones(3), T.ones(3))),
    "keyword": lambda T, op: getattr(T, op)(tensors=[T.ones(3)]),
    "a dim": lambda T, op: getattr(T, op)([T.ones(3)], 0),
    "unknown keyword": lambda T, op: getattr(T, op)([T.ones(3)], foo=1),
    "out not a tensor": lambda T, op: getattr(T, op)([T.ones(3)], out=5),
    "out": lambda T, op: written(T, lambda o: getattr(T, op)([T.ones(2), T.zeros(2)], out=o), T.zeros(4)),
    "out requiring grad": lambda T, op: getattr(T, op)([T.ones(2, requires_grad=True)], out=T.zeros(2)),
    "mixed dtypes": lambda T, op: getattr(T, op)([T.tensor([1, 2]), T.tensor([0.5, 1.5])]),
}


@pytest.mark.parametrize("op", STACKINGS)
@pytest.mark.parametrize("name", sorted(STACKING_CALLS))
def test_stacking_calls(op, name):
    same(lambda T: STACKING_CALLS[name](T, op))


@pytest.mark.parametrize("op", STACKINGS)
def test_stackings_forward_ad(op):
    with torch.autograd.forward_ad.dual_level():  # torch's first make_dual warns from its jit: not compared
        torch.autograd.forward_ad.make_dual(torch.ones(1), torch.ones(1))

    def fn(T):
        fwad = T.autograd.forward_ad
        with fwad.dual_level():
            pieces = [fwad.make_dual(T.ones(3), T.arange(3.0)), T.zeros(3), T.tensor(2.0)]
            if op == "hstack" or op == "column_stack":
                pieces[2] = fwad.make_dual(T.ones(3), T.full((3,), 5.0))
            primal, tangent = fwad.unpack_dual(getattr(T, op)(pieces[:2] if op != "hstack" else pieces))
            return primal.clone(), tangent

    same(fn)
