"""Tensors through pickle (every protocol), copy.copy, copy.deepcopy and save/load, against torch: values,
dtypes, layouts, requires_grad and leafness, .grad, Python attributes, versions, which tensors share memory
afterwards (views saved together do; pickled separately they do not), and the errors and warnings (a
non-leaf's deepcopy, hooks that are not serialized, weights_only's refusals)."""

import collections
import copy
import io
import pickle
import re

import pytest
import torch
from _compare import run, same, same_error
from _graphs import SHAPES, make_inputs, programs
from hypothesis import given
from hypothesis import strategies as st

import minigrad


def _pickled(protocol):
    return lambda t, obj: pickle.loads(pickle.dumps(obj, protocol=protocol))


ROUND_TRIPS = {
    **{f"pickle protocol {p}": _pickled(p) for p in range(6)},
    "copy.copy": lambda t, obj: copy.copy(obj),
    "copy.deepcopy": lambda t, obj: copy.deepcopy(obj),
    "save/load": lambda t, obj: _save_load(t, obj),
    "save/load protocol 3": lambda t, obj: _save_load(t, obj, pickle_protocol=3),
}  # fmt: skip


def _save_load(t, obj, **kwargs):
    buffer = io.BytesIO()
    t.save(obj, buffer, **kwargs)
    buffer.seek(0)
    return t.load(buffer)


def _picture(t, tensors):
    """What a user sees of the round-tripped tensors, then which of them share memory with the first."""
    seen = [
        # (numpy keeps no offset for an empty slice: minigrad's empty views report 0)
        (x, x._version, x.storage_offset() if x.numel() else None, _strides(x), x.grad)
        for x in tensors
    ]
    with t.no_grad():
        tensors[0].view(-1)[0] = 100.0
    return seen, [x.detach().clone() for x in tensors]


def _strides(x):
    return tuple(s for s, n in zip(x.stride(), x.shape) if n != 1)  # the other strides are arbitrary


VIEWS = {
    "itself": lambda x: x,
    "first rows": lambda x: x.reshape(-1)[1:],
    "transposed": lambda x: x.reshape(-1, 1).t(),
    "expanded": lambda x: x.reshape(-1)[:1].expand(3, 1),
    "scaled (a new tensor)": lambda x: x * 2,
}


@given(
    program=programs(max_inputs=2),
    shape=SHAPES,
    seed=st.integers(0, 2**16),
    requires_grad=st.booleans(),
    with_grad=st.booleans(),
    views=st.lists(st.sampled_from(sorted(VIEWS)), min_size=1, max_size=3),
    trip=st.sampled_from(sorted(ROUND_TRIPS)),
    attribute=st.booleans(),
)
def test_round_trips(program, shape, seed, requires_grad, with_grad, views, trip, attribute):
    def body(t):
        inputs = make_inputs(t, program.n_inputs, shape, seed, requires_grad)
        out = program(t, *inputs)
        out = out[0] if isinstance(out, tuple) else out
        if with_grad and requires_grad:
            out.sum().backward(retain_graph=True)
        leaf = inputs[0]
        if attribute:
            leaf.note = "kept"
        tensors = [leaf, out] + [VIEWS[name](leaf.detach()) for name in views]
        back = ROUND_TRIPS[trip](t, tensors)
        result = [_picture(t, back)]
        if attribute:
            result.append(back[0].note)
        return result

    same(body)


def test_deepcopy_of_a_non_leaf_raises():
    same_error(lambda t: copy.deepcopy(t.ones(2, requires_grad=True) * 2))
    same_error(lambda t: copy.deepcopy([t.ones(2, requires_grad=True)[1:]]))


def test_deepcopy_shares_the_copied_memory_of_views_and_keeps_them_apart_from_the_originals():
    def body(t):
        base = t.arange(4.0)
        a, b, c = copy.deepcopy([base, base[1:], base.t()])
        with t.no_grad():
            a[1] = 7
        return b, c, base, b._base is None

    same(body)


def test_hooks_are_not_pickled():
    """torch warns, for every hook, that it will not be serialized (naming the hook, whose address differs
    between the engines' runs); the copy has no hooks."""

    def body(t):
        x = t.ones(2, requires_grad=True)
        x.register_hook(lambda g: g * 2)
        y = pickle.loads(pickle.dumps(x))
        y.sum().backward()
        return y.grad

    (ref, ref_warnings), (got, got_warnings) = run(body, torch), run(body, minigrad)
    assert ref == ("ok", ref[1]) and got[0] == "ok"
    for warnings in (ref_warnings, got_warnings):
        assert [(category, re.sub(" at 0x[0-9a-f]+", "", message)) for category, message in warnings] == [
            (
                "UserWarning",
                "backward hook <function test_hooks_are_not_pickled.<locals>.body.<locals>.<lambda>> on "
                "tensor will not be serialized.  If this is expected, you can decorate the function with "
                "@torch.utils.hooks.unserializable_hook to suppress this warning",
            )
        ]
    same(body, check_warnings=False)


class Unlisted:
    pass


def _type_name(obj):
    return type(obj).__name__


LOAD_CASES = {
    "a user class, weights_only": lambda t: _save_load(t, {"c": Unlisted()}),
    "a user class, weights_only=False": lambda t: _type_name(_load(t, Unlisted(), weights_only=False)),
    "a user class, allowed": lambda t: _allowed(t),
    "frozenset": lambda t: _save_load(t, frozenset([1])),
    "defaultdict": lambda t: _save_load(t, collections.defaultdict(list)),
    "range": lambda t: _save_load(t, range(3)),
    "plain data": lambda t: _save_load(t, [{1, 2}, 1 + 2j, bytearray(b"ab"), b"x", None, 10**30, "s"]),
    "ordered dict": lambda t: _save_load(t, collections.OrderedDict(a=1)),
    "counter": lambda t: _save_load(t, collections.Counter("ab")),
    "torch types": lambda t: [repr(v) for v in _save_load(t, [t.Size([2, 3]), t.device("cpu"), t.float64])],
    "every dtype": lambda t: _save_load(t, [t.ones(2, dtype=d) for d in (t.float16, t.uint8, t.bool)]),
    "protocol 4, weights_only": lambda t: _save_load(t, t.ones(2), pickle_protocol=4),
    "protocol 5, not weights_only": lambda t: _load(t, t.ones(2), {"pickle_protocol": 5}, weights_only=False),
    "map_location cpu": lambda t: _load(t, t.ones(2), map_location="cpu"),
    "map_location device": lambda t: _load(t, t.ones(2), map_location=t.device("cpu")),
    "map_location cuda": lambda t: _load(t, t.ones(2), map_location="cuda"),
    "map_location dict to cuda": lambda t: _load(t, t.ones(2), map_location={"cpu": "cuda:0"}),
    "pickle_module with weights_only": lambda t: _load(t, 1, pickle_module=pickle, weights_only=True),
    "pickle_module": lambda t: _load(t, 1, pickle_module=pickle),
    "missing file": lambda t: t.load("/nonexistent-dir/nothing.pt"),
    "missing directory": lambda t: t.save(1, "/nonexistent-dir/nothing.pt"),
    "save returns": lambda t: t.save(1, io.BytesIO()),
}  # fmt: skip


def _load(t, obj, save_kwargs=None, **kwargs):
    buffer = io.BytesIO()
    t.save(obj, buffer, **(save_kwargs or {}))
    buffer.seek(0)
    return t.load(buffer, **kwargs)


def _allowed(t):
    with t.serialization.safe_globals([Unlisted]):
        return type(_save_load(t, {"c": Unlisted()})["c"]).__name__


@pytest.mark.parametrize("name", sorted(LOAD_CASES))
def test_save_and_load(name):
    same(LOAD_CASES[name])


def test_save_and_load_with_paths(tmp_path):
    def body(t):
        path = tmp_path / f"{t.__name__}.pt"
        x = t.tensor([1.0, 2.0], requires_grad=True)
        t.save({"x": x, "view": x[1:]}, path)
        by_path, by_name = t.load(path), t.load(str(path))
        with t.no_grad():
            by_path["x"][1] = 5
        return by_path, by_name

    same(body)


@pytest.mark.parametrize("trip", sorted(ROUND_TRIPS))
def test_parameters_round_trip_as_parameters_sharing_memory_with_their_views(trip):
    """A Parameter comes back a Parameter (torch.load's weights_only default allows it), and views saved
    with it share its memory again."""

    def body(t):
        weight = t.nn.Parameter(t.arange(4.0))
        frozen = t.nn.Parameter(t.ones(2), requires_grad=False)
        back = ROUND_TRIPS[trip](t, [weight, weight.detach()[1:], frozen])
        seen = [(type(x).__name__, x.requires_grad, x.is_leaf) for x in back]
        with t.no_grad():
            back[0][1] = 100.0
        return seen, back

    same(body)
