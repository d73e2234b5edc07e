"""x[key] and x[key] = value, differentially against torch: values, gradients, grad_fn chains, errors."""

import numpy as np
import pytest
from _compare import same, same_error
from hypothesis import given, settings
from hypothesis import strategies as st
from test_views import numeric_gradient_check, run_inplace, run_with_grad

GETITEM_EXPRS = [
    "y[0]",
    "y[-1]",
    "y[1:]",
    "y[:]",
    "y[5:10]",
    "y[-2:-1]",
    "y[:, ::2]",
    "y[1:2, ::3]",
    "y[0, 1:]",
    "y[0, :]",
    "y[:, 0]",
    "y[0, 0, 0]",
    "y[(0, 1)]",
    "y[-1, -2]",
    "y[None]",
    "y[None, None]",
    "y[:, None, 1]",
    "y[1, ..., None]",
    "y[...]",
    "y[..., 1]",
    "y[..., 0, :]",
    "y[:, :]",
    "y[()]",
    "y[True]",
    "y[False]",
    "y[T.tensor(1)]",
    "y[T.tensor(1), 1]",
    "y[[0, 1, 1]]",
    "y[[0, 0, 0, 2]]",
    "y[[]]",
    "y[T.tensor([0, -1, 0])]",
    "y[T.tensor([[0, 1], [1, 2]])]",
    "y[[0, 1], [1, 2]]",
    "y[[0, 1], :, [1, 2]]",
    "y[:, [0, 1], [1, 2]]",
    "y[0, [0, 2]]",
    "y[:, [0, 2], 1:]",
    "y[y > 0]",
    "y[y[:, :, 0] > 0]",
    "y[y[0] > 0]",
    "y[T.tensor([True, False, True])]",
    "y[[True, False, True]]",
    "y[0, [True, False, True, False]]",
    "y[T.tensor(True)]",
    "y[y > 100]",
    "y[..., [1, 1, 3]]",
    "y[None, [0, 2]]",
    "y[1:, T.tensor([3, 0])]",
]


@pytest.mark.parametrize("expr", GETITEM_EXPRS)
def test_getitem(expr):
    same(run_with_grad(expr))


def test_non_tuple_sequence_warns_like_torch():
    same(run_with_grad("y[[[0, 1]]]"))
    same(run_with_grad("y[[0, slice(None)]]"))


@pytest.mark.parametrize(
    "key",
    [
        lambda: range(2),
        lambda: range(0),
        lambda: (range(2), 1),
        lambda: (slice(None), range(1, 3)),
        lambda: np.array([0, 2]),
        lambda: np.array([True, False, True]),
        lambda: (np.array([0, 2]), slice(None), np.int64(1)),
        lambda: [range(2)],
        lambda: [1.5],  # a Python list becomes a long index whatever it holds
        lambda: [1.7, -0.2, 2],
        lambda: ([0.9], slice(None), [True, 2.5]),
        lambda: [[0]] * 33,  # 32 items or more: never read as a tuple (numpy's heuristic)
        lambda: [0, 1, 2] * 11,
    ],
)
def test_python_sequences_and_numpy_arrays_index_like_tensors(key):
    def fn(T):
        leaf = T.arange(60.0).reshape(3, 4, 5).requires_grad_()
        y = leaf * 1
        picked = y[key()]
        picked.sum().backward()
        z = T.zeros(3, 4, 5)
        z[key()] = 1.0
        return picked, leaf.grad, z

    same(fn)


def test_saved_indices():
    def fn(T):
        y = T.ones(3, 4, requires_grad=True) * 1
        node = y[[0, 2], 1:].grad_fn
        return node._saved_self_sym_sizes, tuple(node._saved_indices)

    same(fn)


GETITEM_ERRORS = [
    "y[3]",
    "y[-4]",
    "y[0, 5]",
    "y[0, 0, 0, 0]",
    "y[[3]]",
    "y[T.tensor([True, False])]",
    "y[1.5]",
    "y[T.tensor([1.0])]",
    "y[:, T.tensor([[-6]])]",
    # a string is a sequence: 'a' and 'ab' become tuples of strings (with the non-tuple warning), ''
    # and bytes become one index; each string is then turned into a tensor, which fails
    "y['a']",
    "y['ab']",
    "y['abcd']",
    "y['']",
    "y[b'a']",
    "y['a', 1]",
    "y[['a']]",
    "y[(['a'],)]",
    "y[[[0, 1]] * 2 + [0] * 31]",
    # an index tensor is long, int, byte or bool: int8 and int16 ones are refused, empty or not
    "y[T.zeros(2, dtype=T.int8)]",
    "y[T.zeros(0, dtype=T.int16)]",
    "y.index_put((T.zeros(2, dtype=T.int16),), T.tensor(0.0))",
    "y.clone().index_put_((T.zeros(0, dtype=T.int8),), T.tensor(0.0))",
    "y.__setitem__(T.zeros(2, dtype=T.int16), 1.0)",
]


@pytest.mark.parametrize("expr", GETITEM_ERRORS)
def test_getitem_errors(expr):
    same_error(lambda T: eval(expr, {"y": T.ones(3, 4, 5), "T": T}))


# a lone int or slice on a 0-d tensor has its own messages; inside a tuple torch counts the indices
ZERO_DIM_KEYS = ["z[0]", "z[1]", "z[-1]", "z[:]", "z[0:1]", "z[::2]", "z[(0,)]", "z[(slice(None),)]"]


@pytest.mark.parametrize("key", ZERO_DIM_KEYS)
def test_zero_dim_keys(key):
    same_error(lambda T: eval(key, {"z": T.tensor(5.0)}))
    same_error(lambda T: exec(f"{key} = 1.0", {"z": T.tensor(5.0)}))


SETITEM_BODIES = [
    "x = leaf * 1; x[0] = 5",
    "x = leaf * 1; x[-1] = 5.5",
    "x = leaf * 1; x[0, 1] = 2.0",
    "x = leaf * 1; x[1:] = other",
    "x = leaf * 1; x[:, 1] = other[:3]",
    "x = leaf * 1; x[0] = other.unsqueeze(0)",
    "x = leaf * 1; x[0, 0] = other[1]",
    "x = leaf * 1; x[...] = 2.0",
    "x = leaf * 1; x[...] = other",
    "x = leaf * 1; x[:, :] = 3.0",
    "x = leaf * 1; x[None] = 2.0",
    "x = leaf * 1; x[True] = other",
    "x = leaf * 1; x[False] = 1.0",
    "x = leaf * 1; x[[0, 1]] = 3.0",
    "x = leaf * 1; x[[0, 0, 1]] = other",
    "x = leaf * 1; x[[0, 0, 1]] += 1",
    "x = leaf * 1; x[x > 0] = 0.0",
    "x = leaf * 1; x[x > 0] = other.sum()",
    "x = leaf * 1; x[0, [1, 2]] = other[:2]",
    "x = leaf * 1; x[T.tensor([0, 2])] = other",
    "x = leaf * 1; x[1] *= x[0].detach()",
    "x = T.zeros(3, 4); x[1] = other",
    "x = T.zeros(3, 4); x[[1, 2]] = leaf[:2].float()",
    "x = T.zeros(3, 4, dtype=T.float64); x[1:, 2] = leaf[0, :2]",
    "x = leaf * 1; x[:, 1:3] = T.ones(3, 1)",
]


@pytest.mark.parametrize("body", SETITEM_BODIES)
def test_setitem(body):
    same(run_inplace(body))


SETITEM_ERRORS = [
    "leaf[0] = 1",
    "x = leaf * 1; x[0] = T.ones(3)",
    "x = leaf * 1; x[[0, 1]] = T.ones(3)",
    "x = T.zeros(3, 4); x[[1, 2]] = leaf[:2]",
    "x = leaf * 1; x[5] = 1",
]


@pytest.mark.parametrize("body", SETITEM_ERRORS)
def test_setitem_errors(body):
    def fn(T):
        leaf = T.tensor(np.ones((3, 4)), requires_grad=True)
        exec(body, {"T": T, "leaf": leaf})

    same_error(fn)


# ---- hypothesis: random keys -------------------------------------------------------------------------------
def _item(data, size):
    kind = data.draw(st.sampled_from(["int", "slice", "list", "none", "mask", "full"]))
    if kind == "int":
        return data.draw(st.integers(-size, size - 1)), 1
    if kind == "slice":
        start = data.draw(st.one_of(st.none(), st.integers(-size - 1, size + 1)))
        stop = data.draw(st.one_of(st.none(), st.integers(-size - 1, size + 1)))
        return slice(start, stop, data.draw(st.one_of(st.none(), st.integers(1, 3)))), 1
    if kind == "list":
        return data.draw(st.lists(st.integers(-size, size - 1), min_size=0, max_size=4)), 1
    if kind == "mask":
        return data.draw(st.lists(st.booleans(), min_size=size, max_size=size)), 1
    if kind == "none":
        return None, 0
    return slice(None), 1


@settings(max_examples=60, deadline=None)
@given(shape=st.lists(st.integers(1, 4), min_size=1, max_size=3).map(tuple), data=st.data())
def test_random_keys(shape, data):
    key, dim = [], 0
    while dim < len(shape) and data.draw(st.booleans()):
        item, used = _item(data, shape[dim])
        key.append(item)
        dim += used
    key = tuple(key)

    def fn(T):
        leaf = T.tensor(np.random.default_rng(0).standard_normal(shape), requires_grad=True)
        key_t = tuple(T.tensor(k) if isinstance(k, list) and k and isinstance(k[0], bool) else k for k in key)
        out = (leaf * 1)[key_t]
        upstream = T.tensor(np.random.default_rng(1).standard_normal(tuple(out.shape)))
        out.backward(upstream)
        return out, out.grad_fn, leaf.grad

    same(fn)


@settings(max_examples=40, deadline=None)
@given(shape=st.lists(st.integers(1, 4), min_size=1, max_size=3).map(tuple), data=st.data())
def test_random_setitem(shape, data):
    item, _ = _item(data, shape[0])
    scalar = data.draw(st.booleans())

    def fn(T):
        rng = np.random.default_rng(0)
        leaf = T.tensor(rng.standard_normal(shape), requires_grad=True)
        x = leaf * 1
        key = T.tensor(item) if isinstance(item, list) and item and isinstance(item[0], bool) else item
        target_shape = tuple(x[key].shape)
        value = 2.5 if scalar else T.tensor(rng.standard_normal(target_shape), requires_grad=True)
        x[key] = value
        (x * T.tensor(np.random.default_rng(1).standard_normal(shape))).sum().backward()
        return x, x.grad_fn, leaf.grad, None if scalar else value.grad

    same(fn)


INDEX_FORMULAS = [
    lambda t: t[0] * t[1],
    lambda t: t[[0, 0, 1], 1:] ** 2,
    lambda t: t[t.detach() > 0].exp(),
    lambda t: t[:, None, ::2] * t[:, None, 1::2],
]


@pytest.mark.parametrize("index", range(len(INDEX_FORMULAS)))
def test_index_backward_numerically(index):
    numeric_gradient_check(INDEX_FORMULAS[index], (3, 4))


def test_setitem_backward_numerically():
    def fn(t):
        x = t * 1
        x[1:, [0, 2]] = t[0, :2] * 3
        x[0] = t[2].exp()
        return x

    numeric_gradient_check(fn, (3, 4))


def test_index_double_backward():
    def fn(T):
        x = T.tensor(np.random.default_rng(3).standard_normal((3, 4)), requires_grad=True)
        out = x[[0, 0, 2]][:, 1:] * x[1]
        (g,) = T.autograd.grad((out * out).sum(), x, create_graph=True)
        (gg,) = T.autograd.grad(g.sum(), x)
        return g, gg

    same(fn)


# ---- what torch's index kernels do with indices out of bounds, and with the numbers written -------------
def _zeros(T):
    return T.zeros(3, 4)


def _written_then(fn):
    """fn(T, y) on a fresh y, then y itself and its version, whether fn raised or not."""

    def run(T):
        y = _zeros(T)
        try:
            outcome = fn(T, y)
        except (IndexError, RuntimeError, TypeError, ValueError, OverflowError) as error:
            outcome = (type(error).__name__, str(error))
        return outcome, y, y._version

    return run


OUT_OF_BOUNDS = {
    # the kernel writes element after element: those before the bad index are written, the version is not
    # counted
    "list key": lambda T, y: y.__setitem__([1.0, 2.0, 5.0], 1.0),
    "index past a slice": lambda T, y: y.__setitem__((slice(None), T.tensor([0, 5, 1])), 1.0),
    "after a sliced dim": lambda T, y: y.__setitem__((slice(1, None), T.tensor([0, 4])), 1.0),
    "mask and index": lambda T, y: y.__setitem__((T.tensor([True, False, True]), T.tensor([0, 4])), 1.0),
    "2-d index, values": lambda T, y: y.__setitem__(T.tensor([[1, 2], [0, 7]]), T.arange(4.0).view(2, 2, 1)),
    "negative": lambda T, y: y.__setitem__(T.tensor([-1, -4]), 2.0),
    "accumulate": lambda T, y: y.index_put_((T.tensor([1, 1, 7]),), T.tensor(1.0), accumulate=True),
    "index_put_": lambda T, y: y.index_put_((T.tensor([2, 9]), T.tensor([0, 0])), T.tensor(1.0)),
    # the first bad element in the result's order names the error, whichever dim it is in
    "first bad element": lambda T, y: y.__setitem__(
        (T.tensor([[1, 1], [5, 1]]), T.tensor([[0, 9], [0, 0]])), 1.0
    ),
    "first bad element, reading": lambda T, y: y[T.tensor([[1, 1], [5, 1]]), T.tensor([[0, 9], [0, 0]])],
    "out of place": lambda T, y: T.index_put(y, (T.tensor([1, 5]),), T.tensor(1.0)),
    # the value's shape and dtype are checked before the bounds
    "bounds and value shape": lambda T, y: y.__setitem__(T.tensor([5]), T.ones(7)),
    "bounds and value dtype": lambda T, y: y.__setitem__(T.tensor([1, 5]), T.ones(4, dtype=T.float64)),
    "bounds and index shapes": lambda T, y: y[T.tensor([5, 0]), T.tensor([0, 1, 2])],
}


@pytest.mark.parametrize("name", sorted(OUT_OF_BOUNDS))
def test_out_of_bounds(name):
    same(_written_then(OUT_OF_BOUNDS[name]))


def test_out_of_bounds_while_recording():
    """The elements before the bad index are written into the tensor, its history stays as it was."""

    def fn(T):
        y = T.zeros(3, 4, requires_grad=True).clone()
        try:
            y[T.tensor([1, 5])] = 1.0
        except IndexError as error:
            return str(error), y, y._version, y.grad_fn

    same(fn)


ASSIGNED = {
    "int": 2,
    "bool": True,
    "float": 2.5,
    "nan": float("nan"),
    "inf": float("inf"),
    "1e300": 1e300,
    "300": 300,
    "-1": -1,
    "-300": -300,
    "2.5e10": 2.5e10,
    "int64 max": 2**63 - 1,
    "2**63": 2**63,
    "2**70": 2**70,
    "below int64": -(2**63) - 1,
    "complex": 2 + 0j,
    "imaginary": 1j,
    "numpy int64": np.int64(3),
    "numpy uint64 2**63": np.uint64(2**63),
    "numpy float64": np.float64(2.5),
    "numpy float32": np.float32(2.5),
    "numpy bool": np.bool_(True),
    "string": "a",
    "None": None,
    "list": [1.0],
}


@pytest.mark.parametrize("name", sorted(ASSIGNED))
def test_assigned_numbers(name):
    """x[key] = number: torch's valueToTensor (ints as int64, floats, complex; checked against the dtype's
    range except into float16, which takes inf), for every dtype."""
    value = ASSIGNED[name]

    def fn(T):
        seen = []
        for dtype in ("float32", "float16", "float64", "int64", "int32", "int8", "uint8", "bool"):
            y = T.zeros(3, 2, dtype=getattr(T, dtype))
            try:
                y[1] = value
                seen.append(y)
            except (RuntimeError, TypeError, ValueError, OverflowError) as error:
                seen.append((type(error).__name__, str(error)))
        return seen

    same(fn)


COPIED = [
    2,
    2**63 - 1,
    2**63,
    2**64 - 1,
    2**64,
    -(2**63) - 1,
    2.5,
    1e300,
    True,
    1j,
    np.float32(2.5),
    np.bool_(True),
]


@pytest.mark.parametrize("value", COPIED, ids=repr)
def test_copy_numbers(value):
    """copy_(number): torch wraps the number (an int of 2**63 or more as a uint64) and casts it."""

    def fn(T):
        seen = []
        for dtype in ("float32", "float16", "int64", "int8", "uint8", "bool"):
            y = T.zeros(2, dtype=getattr(T, dtype))
            try:
                seen.append(y.copy_(value))
            except (RuntimeError, TypeError, OverflowError) as error:
                seen.append((type(error).__name__, str(error)))
        return seen

    same(fn)


# ---- forward AD: the tangent a tensor without one gets from an in-place write ------------------------------
def _tangent_written(write):
    """write(T, y, dual) on a fresh float64 y (or a view of it) with a float32 dual value; then y's and the
    written tensor's primal, tangent (dtype included) and the tangent's strides."""

    def run(T):
        fwad = T.autograd.forward_ad
        with fwad.dual_level():
            dual = lambda x: fwad.make_dual(x, x * 0 + 1.5)  # noqa: E731
            written = write(T, T.zeros(2, 3, dtype=T.float64), dual)
            seen = []
            for t in written:
                primal, tangent = fwad.unpack_dual(t)
                seen.append((primal.clone(), tangent, tangent is not None and strides(tangent)))
            return seen

    return run


def strides(t):
    if hasattr(t, "stride"):
        return t.stride()
    return tuple(s // t._data.itemsize for s in t._data.strides)


def _written(target, into, value):
    into(target, value)
    return target


TANGENTS_WRITTEN = {
    # torch's set_fw_grad keeps a tangent laid out as self whatever its dtype, and copies any other into
    # self's layout and dtype; a view's base first gets a zero tangent of its own dtype
    "copy_ same size": lambda T, y, d: (y.copy_(d(T.ones(2, 3))),),
    "copy_ broadcast": lambda T, y, d: (y.copy_(d(T.ones(3))),),
    "copy_ transposed source": lambda T, y, d: (y.copy_(d(T.ones(3, 2)).t()),),
    "copy_ into transposed": lambda T, y, d: (y.t().contiguous().t().copy_(d(T.ones(2, 3))),),
    "copy_ into a view": lambda T, y, d: (y[0].copy_(d(T.ones(3))), y),
    "copy_ into a view, broadcast": lambda T, y, d: (y[:, 1].copy_(d(T.ones(1))), y),
    "copy_ into a full view": lambda T, y, d: (y[:].copy_(d(T.ones(2, 3))), y),
    "copy_ into a view of another layout": lambda T, y, d: (y.t().copy_(d(T.ones(3, 2))), y),
    "add_ into a view": lambda T, y, d: (y[1].add_(d(T.ones(3))), y),
    "setitem int": lambda T, y, d: (_written(y, lambda t, v: t.__setitem__(1, v), d(T.ones(3))),),
    "setitem index": lambda T, y, d: (
        _written(y, lambda t, v: t.__setitem__(T.tensor([1]), v), d(T.ones(3))),
    ),
    "setitem slice": lambda T, y, d: (_written(y, lambda t, v: t.__setitem__(slice(None), v), d(T.ones(1))),),
    "index_put_": lambda T, y, d: (y.index_put_((T.tensor([1, 0]),), d(T.ones(3, dtype=T.float64))),),
    "fill_": lambda T, y, d: (y.fill_(d(T.tensor(2.0))),),
}


@pytest.mark.parametrize("name", sorted(TANGENTS_WRITTEN))
def test_tangent_of_an_inplace_write(name):
    import torch

    fwad = torch.autograd.forward_ad
    with (
        fwad.dual_level()
    ):  # torch's first make_dual loads its jit decompositions, with warnings: not compared
        fwad.make_dual(torch.ones(1), torch.ones(1))
    same(_tangent_written(TANGENTS_WRITTEN[name]))


# ---- hypothesis: forward AD through random keys, read and written ------------------------------------------
def _warm_torch_forward_ad():
    import torch

    fwad = torch.autograd.forward_ad
    with (
        fwad.dual_level()
    ):  # torch's first make_dual loads its jit decompositions, with warnings: not compared
        fwad.make_dual(torch.ones(1), torch.ones(1))


def _key_of(T, item):
    return T.tensor(item) if isinstance(item, list) and item and isinstance(item[0], bool) else item


def _primal_and_tangent(fwad, t):
    primal, tangent = fwad.unpack_dual(t)
    return primal.clone(), tangent


@settings(max_examples=40, deadline=None)
@given(
    shape=st.lists(st.integers(0, 4), min_size=0, max_size=3).map(tuple),
    dtype=st.sampled_from(["float32", "float64"]),
    data=st.data(),
)
def test_random_keys_forward_ad(shape, dtype, data):
    """x[key] of a dual tensor (0-d and empty ones included): the primal and tangent torch gives."""
    key, dim = [], 0
    while dim < len(shape) and shape[dim] and data.draw(st.booleans()):
        item, used = _item(data, shape[dim])
        key.append(item)
        dim += used
    key = tuple(key)
    rng = np.random.default_rng(0)
    primal, tangent = rng.standard_normal(shape), rng.standard_normal(shape)
    _warm_torch_forward_ad()

    def fn(T):
        fwad = T.autograd.forward_ad
        with fwad.dual_level():
            x = fwad.make_dual(
                T.tensor(primal, dtype=getattr(T, dtype)), T.tensor(tangent, dtype=getattr(T, dtype))
            )
            return _primal_and_tangent(fwad, x[tuple(_key_of(T, k) for k in key)])

    same(fn)


@settings(max_examples=40, deadline=None)
@given(
    shape=st.lists(st.integers(1, 4), min_size=1, max_size=3).map(tuple),
    dtypes=st.sampled_from([("float32", "float32"), ("float64", "float32"), ("float32", "float64")]),
    dual_target=st.booleans(),
    value_kind=st.sampled_from(["dual", "plain", "number"]),
    broadcast=st.booleans(),
    data=st.data(),
)
def test_random_setitem_forward_ad(shape, dtypes, dual_target, value_kind, broadcast, data):
    """x[key] = value with a dual target, a dual value or both, of one float dtype or two, the value
    broadcast or not: the target's primal and tangent as torch leaves them."""
    item, _ = _item(data, shape[0])
    rng = np.random.default_rng(0)
    target, target_tangent = rng.standard_normal(shape), rng.standard_normal(shape)
    _warm_torch_forward_ad()

    def fn(T):
        fwad = T.autograd.forward_ad
        target_dtype, value_dtype = (getattr(T, d) for d in dtypes)
        with fwad.dual_level():
            x = T.tensor(target, dtype=target_dtype)
            if dual_target:
                x = fwad.make_dual(x, T.tensor(target_tangent, dtype=target_dtype))
            key = _key_of(T, item)
            value_shape = tuple(x[key].shape)[1:] if broadcast else tuple(x[key].shape)
            value_rng = np.random.default_rng(1)
            if value_kind == "number":
                value = 2.5
            else:
                value = T.tensor(value_rng.standard_normal(value_shape), dtype=value_dtype)
                if value_kind == "dual":
                    value = fwad.make_dual(
                        value, T.tensor(value_rng.standard_normal(value_shape), dtype=value_dtype)
                    )
            x[key] = value
            return _primal_and_tangent(fwad, x)

    same(fn)


# ---- nonzero, argwhere -----------------------------------------------------------------------------------
NONZERO = {
    "2-d": lambda T, x: x.nonzero(),
    "as_tuple": lambda T, x: T.nonzero(x, as_tuple=True),
    "method as_tuple": lambda T, x: x.nonzero(as_tuple=True),
    "0-d": lambda T, x: (T.nonzero(T.tensor(3.0)), T.nonzero(T.tensor(0.0))),
    "0-d as_tuple": lambda T, x: (
        T.nonzero(T.tensor(0.0), as_tuple=True),
        T.nonzero(T.tensor(2), as_tuple=True),
    ),
    "empty": lambda T, x: (T.nonzero(T.zeros(0, 3)), T.nonzero(T.zeros(0, 3), as_tuple=True)),
    "nan and signed zeros": lambda T, x: T.nonzero(T.tensor([float("nan"), -0.0, 0.0, 1e-45])),
    "bools and ints": lambda T, x: (
        T.nonzero(T.tensor([True, False])),
        T.nonzero(T.tensor([[0, 3], [-1, 0]])),
    ),
    "requires grad": lambda T, x: T.nonzero(x.requires_grad_()),
    "transposed": lambda T, x: x.t().nonzero(),
    "argwhere": lambda T, x: (T.argwhere(x), x.argwhere(), T.argwhere(T.tensor(1))),
    "out": lambda T, x: T.nonzero(x, out=T.zeros(1, dtype=T.int64)),
    "out of the shape": lambda T, x: T.nonzero(x, out=T.zeros(2, 2, dtype=T.int64)),
    "out of another dtype": lambda T, x: T.nonzero(x, out=T.zeros(1)),
    "out with as_tuple": lambda T, x: T.nonzero(x, as_tuple=True, out=T.zeros(1, dtype=T.int64)),
    "out not a tensor": lambda T, x: T.nonzero(x, out=1),
    "as_tuple an int": lambda T, x: T.nonzero(x, as_tuple=1),
    "not a tensor": lambda T, x: T.nonzero([1]),
    "method positional": lambda T, x: x.nonzero(True),
    "positional": lambda T, x: T.nonzero(x, 1),
    "argwhere out": lambda T, x: T.argwhere(x, out=None),
}


@pytest.mark.parametrize("name", sorted(NONZERO))
def test_nonzero(name):
    same(lambda T: NONZERO[name](T, T.tensor([[0.0, 1.5, 0.0], [2.0, 0.0, -3.0]])))


def test_forward_over_reverse_through_a_write_into_a_view():
    """A dual gradient through the backward of x[:, 1:] = v (CopySlices) under create_graph: the gradients'
    tangents torch gives."""
    _warm_torch_forward_ad()

    def fn(T):
        fwad = T.autograd.forward_ad
        rng = np.random.default_rng(3)
        a = T.tensor(rng.standard_normal((2, 3)), requires_grad=True)
        v = T.tensor(rng.standard_normal((2, 2)), requires_grad=True)
        b = a.clone()
        b[:, 1:] = v * v
        with fwad.dual_level():
            upstream = fwad.make_dual(T.ones(2, 3, dtype=T.float64), T.tensor(rng.standard_normal((2, 3))))
            grads = T.autograd.grad(b, (a, v), upstream, create_graph=True)
            return [_primal_and_tangent(fwad, g) for g in grads]

    same(fn)


# ---- a one-element value at a single mask: torch's index_put_ is masked_fill_ (any value dtype) ------------
def _float64_target(fn):
    def run(T):
        y = T.zeros(3, 2, dtype=T.float64)
        try:
            fn(T, y)
        except (IndexError, RuntimeError) as error:
            return type(error).__name__, str(error)
        return y

    return run


MASKED_FILL_PUTS = {
    "mask, float32 value": lambda T, y: y.__setitem__(T.tensor([True, False, True]), T.ones(1)),
    "mask, 0-d float32 value": lambda T, y: y.__setitem__(T.tensor([True, False, True]), T.tensor(2.0)),
    "full mask": lambda T, y: y.__setitem__(T.ones(3, 2, dtype=T.bool), T.ones(1)),
    "two-element value": lambda T, y: y.__setitem__(T.tensor([True, False, True]), T.ones(2)),
    "int index": lambda T, y: y.__setitem__(T.tensor([0, 1]), T.ones(1)),
    "index_put_": lambda T, y: y.index_put_((T.tensor([True, False, True]),), T.ones(1)),
    "int value": lambda T, y: y.index_put_((T.tensor([True, False, True]),), T.tensor([3])),
    "bool value": lambda T, y: y.index_put_((T.tensor([True, False, True]),), T.tensor(True)),
    "uint8 mask": lambda T, y: y.index_put_((T.tensor([1, 0, 1], dtype=T.uint8),), T.tensor(3.0)),
    "accumulate": lambda T, y: y.index_put_((T.tensor([True, False, True]),), T.ones(1), accumulate=True),
    "two masks": lambda T, y: y.index_put_(
        (T.tensor([True, False, True]), T.tensor([True, False])), T.ones(1)
    ),
    "None then mask": lambda T, y: y.index_put_((None, T.tensor([True, False])), T.ones(1)),
    "mask of a bad shape": lambda T, y: y.index_put_((T.tensor([True, False]),), T.ones(1)),
    "out of place": lambda T, y: y.copy_(T.index_put(y, (T.tensor([True, False, True]),), T.ones(1))),
    "mask and int index": lambda T, y: y.index_put_(
        (T.tensor([True, False, True]), T.tensor([0, 1])), T.ones(1)
    ),
    "into int64, truncated": lambda T, y: y.copy_(
        T.zeros(3, 2, dtype=T.int64).index_put_((T.tensor([True, False, True]),), T.tensor(2.7))
    ),
    "into uint8, out of range": lambda T, y: T.zeros(3, dtype=T.uint8).index_put_(
        (T.tensor([True, False, True]),), T.tensor(300.0)
    ),
}


@pytest.mark.parametrize("name", sorted(MASKED_FILL_PUTS))
def test_one_value_at_a_mask(name):
    same(_float64_target(MASKED_FILL_PUTS[name]))


def test_one_value_at_a_mask_gradients():
    def fn(T):
        a = T.ones(3, 2, dtype=T.float64, requires_grad=True)
        v = T.tensor(2.0, requires_grad=True)
        y = a * a
        y[T.tensor([True, False, True])] = v * v
        grads = T.autograd.grad(
            (y * T.arange(6.0, dtype=T.float64).view(3, 2)).sum(), (a, v), create_graph=True
        )
        return y, y.grad_fn, grads, T.autograd.grad(grads[1], v)

    same(fn)
