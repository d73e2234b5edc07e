"""repeat, tile, roll, rot90, fliplr and flipud against torch: values, gradients, node names and layouts over
random shapes, repeats (new leading dims, ones, zeros), shifts larger than the dims and negative, flattened
rolls, every rotation, dtypes, empty and 0-d tensors, and the errors (varargs and list forms of the methods
included)."""

import pytest
from _compare import same, same_error
from _finite_diff import seeds, tensor, values
from hypothesis import given, settings
from hypothesis import strategies as st

shapes = st.lists(st.integers(0, 3), max_size=3).map(tuple)


def grads(t, out, x, seed):
    w = tensor(t, values(tuple(out.shape), seed + 1), str(out.dtype).split(".")[1], requires_grad=False)
    return t.autograd.grad(out, x, w)


@settings(deadline=None)
@given(shape=shapes, data=st.data(), dtype=st.sampled_from(["float64", "int64", "bool"]), seed=seeds)
def test_repeat_and_tile(shape, data, dtype, seed):
    repeats = tuple(data.draw(st.lists(st.integers(0, 3), min_size=len(shape), max_size=len(shape) + 2)))
    reps = tuple(data.draw(st.lists(st.integers(0, 3), max_size=4)))

    def body(t):
        x = tensor(t, values(shape, seed), dtype, requires_grad=dtype == "float64")
        r = x.repeat(*repeats) if repeats else x.repeat(repeats)
        tiled = t.tile(x, reps)
        result = [r, x.repeat(list(repeats)), tiled, x.tile(reps)]
        if x.requires_grad:
            result += [grads(t, r, x, seed), grads(t, tiled, x, seed)]
        return result

    same(body)


@settings(deadline=None)
@given(shape=shapes, data=st.data(), dtype=st.sampled_from(["float64", "int64"]), seed=seeds)
def test_roll(shape, data, dtype, seed):
    ndim = len(shape)
    span = max(ndim, 1)
    dims = tuple(data.draw(st.lists(st.integers(-span, span - 1), max_size=3))) if ndim else ()
    shifts = tuple(
        data.draw(st.lists(st.integers(-7, 7), min_size=max(len(dims), 1), max_size=max(len(dims), 1)))
    )

    def body(t):
        x = tensor(t, values(shape, seed), dtype, requires_grad=dtype == "float64")
        out = x.roll(shifts, dims) if dims else t.roll(x, shifts[0])
        return (out, grads(t, out, x, seed)) if x.requires_grad else out

    same(body)


@settings(deadline=None)
@given(
    shape=st.lists(st.integers(0, 3), min_size=2, max_size=4).map(tuple),
    k=st.integers(-5, 5),
    data=st.data(),
    seed=seeds,
)
def test_rot90_and_flips(shape, k, data, seed):
    ndim = len(shape)
    dims = data.draw(
        st.lists(st.integers(-ndim, ndim - 1), min_size=2, max_size=2, unique_by=lambda d: d % ndim)
    )

    def body(t):
        x = tensor(t, values(shape, seed), "float64")
        r = x.rot90(k, dims)
        lr, ud = t.fliplr(x), x.flipud()
        return r, r.is_contiguous(), grads(t, r, x, seed), lr, ud, grads(t, lr, x, seed)

    same(body)


ERRORS = {
    "rot90_one_dim": lambda t, x: t.rot90(x, 1, [0]),
    "rot90_same_dims": lambda t, x: t.rot90(x, 1, [0, 0]),
    "rot90_dim_range": lambda t, x: t.rot90(x, 1, [0, 2]),
    "rot90_1d": lambda t, x: t.rot90(t.randn(3)),
    "rot90_k_type": lambda t, x: t.rot90(x, "a"),
    "rot90_too_many": lambda t, x: x.rot90(1, 2, 3),
    "fliplr_1d": lambda t, x: t.randn(3).fliplr(),
    "flipud_0d": lambda t, x: t.tensor(1.0).flipud(),
    "repeat_missing": lambda t, x: x.repeat(),
    "repeat_fewer_dims": lambda t, x: x.repeat(2),
    "repeat_empty": lambda t, x: x.repeat([]),
    "repeat_mixed": lambda t, x: x.repeat(1.5, 2),
    "repeat_float": lambda t, x: x.repeat(1.5),
    "repeat_negative": lambda t, x: x.repeat(2, -1),
    "repeat_keyword": lambda t, x: x.repeat(sizes=(1, 1)),
    "tile_missing": lambda t, x: x.tile(),
    "tile_float": lambda t, x: x.tile(1.5),
    "tile_function_int": lambda t, x: t.tile(x, 2),
    "roll_missing": lambda t, x: x.roll(),
    "roll_function_missing": lambda t, x: t.roll(x),
    "roll_float": lambda t, x: x.roll(1.5),
    "roll_too_many": lambda t, x: x.roll(1, 2, 3),
    "roll_misaligned": lambda t, x: x.roll([1, 2], [0]),
    "roll_misaligned_dims": lambda t, x: x.roll([1], [0, 1]),
    "roll_flat_two_shifts": lambda t, x: x.roll([1, 2]),
    "roll_dim_range": lambda t, x: x.roll(1, 5),
    "roll_0d_dim": lambda t, x: t.tensor(1.0).roll(1, 0),
    "roll_no_shifts": lambda t, x: t.roll(x, ()),
    "roll_no_shifts_with_dims": lambda t, x: x.roll([], [0]),
}


@pytest.mark.parametrize("name", ERRORS)
def test_errors(name):
    same_error(lambda t: ERRORS[name](t, t.tensor([[3.0, 1.0, 2.0], [0.0, 5.0, 4.0]])))


def test_saved_values():
    def body(t):
        x = t.ones(2, 3, requires_grad=True)
        r, rolled = x.repeat(2, 1, 3), x.roll((-1, 2), (-1, 0))
        return (
            r.grad_fn._saved_repeats,
            r.grad_fn._saved_self_sym_sizes,
            rolled.grad_fn._saved_shifts,
            (rolled.grad_fn._saved_dims),
        )

    same(body)


# ---- repeat_interleave: ATen's composites (index_select for tensor repeats; unsqueeze, expand, clone and
# view for an int) ------------------------------------------------------------------------------------------
def _node_chain(node):
    chain = []
    while node is not None:
        chain.append(node.name())
        node = node.next_functions[0][0] if node.next_functions else None
    return chain


REPEAT_INTERLEAVE = {
    "int": lambda T, x: x.repeat_interleave(2),
    "int dim": lambda T, x: x.repeat_interleave(3, dim=1),
    "int negative dim output_size": lambda T, x: T.repeat_interleave(x, 2, -2, output_size=4),
    "int zero": lambda T, x: x.repeat_interleave(0, dim=1),
    "tensor": lambda T, x: x.repeat_interleave(T.tensor([1, 0]), dim=0),
    "tensor int32": lambda T, x: T.repeat_interleave(x, T.tensor([1, 2, 3], dtype=T.int32), dim=1),
    "tensor 0-d": lambda T, x: x.repeat_interleave(T.tensor(2)),
    "tensor one element": lambda T, x: x.repeat_interleave(T.tensor([2]), dim=1, output_size=6),
    "tensor output_size": lambda T, x: x.repeat_interleave(T.tensor([1, 2]), 0, output_size=3),
}


@pytest.mark.parametrize("case", REPEAT_INTERLEAVE)
def test_repeat_interleave(case):
    def body(T):
        x = T.arange(6.0).reshape(2, 3).requires_grad_()
        y = REPEAT_INTERLEAVE[case](T, x)
        weights = T.arange(float(y.numel())).reshape(y.shape)
        return y, y.stride(), _node_chain(y.grad_fn), T.autograd.grad((y * weights).sum(), x)

    same(body)


def test_repeat_interleave_indices():
    def body(T):
        return [
            T.repeat_interleave(T.tensor([1, 0, 3])),
            T.repeat_interleave(T.tensor([2, 1], dtype=T.int32), output_size=3),
            T.repeat_interleave(T.tensor([], dtype=T.long)),
            T.repeat_interleave(T.tensor(3.0), 2),
            T.repeat_interleave(T.tensor([True, False]).long()),
        ]

    same(body)


REPEAT_INTERLEAVE_ERRORS = {
    "negative int": lambda T: T.ones(2, 3).repeat_interleave(-1),
    "dim out of range": lambda T: T.ones(2, 3).repeat_interleave(2, dim=2),
    "0-d with dim": lambda T: T.repeat_interleave(T.tensor(3.0), 2, dim=0),
    "int output_size": lambda T: T.ones(2, 3).repeat_interleave(2, output_size=5),
    "repeats size": lambda T: T.ones(2, 3).repeat_interleave(T.tensor([1, 2, 3]), dim=0),
    "repeats 2-d": lambda T: T.ones(2, 3).repeat_interleave(T.tensor([[1, 2]]), dim=0),
    "repeats float": lambda T: T.ones(2, 3).repeat_interleave(T.tensor([1.0, 2.0]), dim=0),
    "repeats uint8": lambda T: T.ones(2, 3).repeat_interleave(T.tensor([1, 2], dtype=T.uint8), dim=0),
    "repeats negative": lambda T: T.ones(2, 3).repeat_interleave(T.tensor([1, -2]), dim=0),
    "tensor output_size": lambda T: T.ones(2, 3).repeat_interleave(T.tensor([1, 2]), 0, output_size=4),
    "indices output_size": lambda T: T.repeat_interleave(T.tensor([1, 2]), output_size=5),
    "indices 2-d": lambda T: T.repeat_interleave(T.tensor([[1, 2]])),
    "indices 0-d": lambda T: T.repeat_interleave(T.tensor(3)),
    "indices bool": lambda T: T.repeat_interleave(T.tensor([True, False])),
    "indices negative": lambda T: T.repeat_interleave(T.tensor([1, -2])),
    "string repeats": lambda T: T.ones(2).repeat_interleave("a"),
    "bool repeats": lambda T: T.ones(2).repeat_interleave(True),
    "float repeats": lambda T: T.repeat_interleave(T.ones(2), 2.0),
    "no arguments": lambda T: T.repeat_interleave(),
    "too many": lambda T: T.repeat_interleave(T.ones(2), T.tensor([1, 2]), 0, 5),
}


@pytest.mark.parametrize("case", REPEAT_INTERLEAVE_ERRORS)
def test_repeat_interleave_errors(case):
    same_error(REPEAT_INTERLEAVE_ERRORS[case])
