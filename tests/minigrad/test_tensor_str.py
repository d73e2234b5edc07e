"""format_tensor against the real `repr` of torch tensors holding the same values (torch is the oracle)."""

import contextlib
import math
import warnings

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from minigrad._core.tensor_str import NUMPY_DTYPES, format_size, format_tensor

FLOAT_DTYPES = ["float16", "float32", "float64"]
INT_DTYPES = ["uint8", "int8", "int16", "int32", "int64"]
DEFAULT_DTYPES = ["float32", "float64"]
SPECIALS = [math.nan, math.inf, -math.inf, 0.0, -0.0]

# ways a float tensor can pick up a grad_fn while keeping its values exactly
IDENTITY_OPS = {
    "mul": lambda x: x * 1,
    "clone": lambda x: x.clone(),
    "round_trip": lambda x: x.to(torch.float64).to(x.dtype),
}


@contextlib.contextmanager
def default_dtype(name):
    previous = torch.get_default_dtype()
    torch.set_default_dtype(getattr(torch, name))
    try:
        yield
    finally:
        torch.set_default_dtype(previous)


def caller_suffixes(tensor):
    """The suffixes Tensor.__repr__ passes on, read off the torch tensor."""
    if tensor.grad_fn is not None:
        return [f"grad_fn=<{type(tensor.grad_fn).__name__}>"]
    if tensor.requires_grad:
        return ["requires_grad=True"]
    return []


def assert_same_repr(tensor, default_dtype_name="float32"):
    with default_dtype(default_dtype_name):
        expected = repr(tensor)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # torch's repr warns about nothing, so ours must not either
        ours = format_tensor(
            tensor.detach().numpy(),
            dtype_name=str(tensor.dtype).removeprefix("torch."),
            default_dtype_name=default_dtype_name,
            suffixes=caller_suffixes(tensor),
        )
    assert ours == expected, f"\nours:  {ours}\ntorch: {expected}"


def with_grad(array, grad_mode):
    tensor = torch.from_numpy(array)
    if grad_mode == "none":
        return tensor
    leaf = tensor.clone().requires_grad_()
    return leaf if grad_mode == "leaf" else IDENTITY_OPS[grad_mode](leaf)


# ---------------------------------------------------------------- strategies


@st.composite
def small_shapes(draw):
    """0 to 4 dims, sides up to 40 (zero included), at most 1000 elements so nothing is summarized."""
    shape = []
    for _ in range(draw(st.integers(0, 4))):
        room = 1000 // max(1, math.prod(shape))
        empty = draw(st.integers(0, 9)) == 0  # a zero side now and then, not in most draws
        shape.append(0 if empty else draw(st.integers(1, min(40, room))))
    return tuple(shape)


@st.composite
def summarized_shapes(draw):
    """1 to 4 dims with more than 1000 elements."""
    ndim = draw(st.integers(1, 4))
    max_side = {1: 3000, 2: 200, 3: 40, 4: 16}[ndim]
    shape = [draw(st.integers(1, max_side)) for _ in range(ndim)]
    rest = math.prod(shape[1:])
    shape[0] = max(shape[0], 1000 // rest + 1)
    return tuple(shape)


float_regimes = st.sampled_from(
    [
        st.floats(-10, 10),
        st.floats(0.5, 999),  # narrow range: fixed notation
        st.integers(-10_000, 10_000).map(float),  # whole numbers: `2.` style
        st.integers(-(10**12), 10**12).map(float),  # whole but huge: scientific
        st.floats(-1e-3, 1e-3),
        st.floats(-1e12, 1e12),
        st.floats(allow_nan=False, allow_infinity=False),  # overflows to inf in narrow dtypes
        st.sampled_from([1e-4, 9.99e-5, 1e8, 1.0000001e8, 1.0, 1000.0, 1000.5, 999.99995, 0.5, -0.0]),
    ]
)


@st.composite
def float_values(draw, shape, dtype_name):
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    size = math.prod(shape)
    if draw(st.booleans()):
        # dense, varied values: magnitudes spanning 1 to 10**span at some scale, optionally whole numbers
        magnitudes = rng.uniform(1, 10.0 ** draw(st.integers(1, 4)), size) * 10.0 ** draw(st.integers(-7, 10))
        values = magnitudes * draw(st.sampled_from([1, -1, rng.choice([-1, 1], size)]))
        if draw(st.booleans()):
            values = np.round(values)
    else:
        # a handful of distinct values spread over the tensor
        elements = draw(float_regimes)
        if draw(st.booleans()):
            elements = st.one_of(elements, st.sampled_from(SPECIALS))
        values = rng.choice(np.array(draw(st.lists(elements, min_size=1, max_size=8))), size=size)
    with np.errstate(over="ignore"):
        return values.astype(NUMPY_DTYPES[dtype_name]).reshape(shape)


@st.composite
def int_values(draw, shape, dtype_name):
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    info = np.iinfo(NUMPY_DTYPES[dtype_name])
    low, high = draw(st.sampled_from([(max(info.min, -5), 5), (info.min, info.max), (0, 100)]))
    return rng.integers(low, high, size=shape, endpoint=True, dtype=NUMPY_DTYPES[dtype_name])


@st.composite
def bool_values(draw, shape):
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return rng.random(shape) < draw(st.sampled_from([0.0, 0.5, 1.0]))


@st.composite
def tensors(draw, shapes):
    shape = draw(shapes)
    # floats have the most rules, so they get drawn most
    dtype_name = draw(st.sampled_from(FLOAT_DTYPES * 3 + INT_DTYPES + ["bool"]))
    if dtype_name in FLOAT_DTYPES:
        array = draw(float_values(shape, dtype_name))
        grad_mode = draw(st.sampled_from(["none", "leaf", *IDENTITY_OPS]))
    elif dtype_name in INT_DTYPES:
        array, grad_mode = draw(int_values(shape, dtype_name)), "none"
    else:
        array, grad_mode = draw(bool_values(shape)), "none"
    return with_grad(np.array(array), grad_mode)  # a fresh C-ordered copy (0-d stays 0-d)


# ---------------------------------------------------------------- properties


@settings(max_examples=600, deadline=None)
@given(tensor=tensors(small_shapes()), default=st.sampled_from(DEFAULT_DTYPES))
def test_matches_torch_repr(tensor, default):
    assert_same_repr(tensor, default)


@settings(max_examples=80, deadline=None)
@given(tensor=tensors(summarized_shapes()), default=st.sampled_from(DEFAULT_DTYPES))
def test_matches_torch_repr_when_summarized(tensor, default):
    assert_same_repr(tensor, default)


@settings(max_examples=100, deadline=None)
@given(shape=st.lists(st.integers(0, 3000), max_size=5))
def test_size_matches_torch(shape):
    assert format_size(shape) == repr(torch.Size(shape))
    assert format_size(tuple(shape)) == str(torch.Size(shape))


# ---------------------------------------------------------------- regressions

REGRESSIONS = {
    "brief_mul": lambda: torch.tensor([1.0, 2.0], requires_grad=True) * 2,
    "scalar_leaf": lambda: torch.tensor(3.5, requires_grad=True),
    "empty_2d": lambda: torch.zeros(0, 3),
    "empty_int64": lambda: torch.zeros(2, 0, 3, dtype=torch.int64),
    "empty_bool_1d": lambda: torch.zeros(0, dtype=torch.bool),
    "empty_float64": lambda: torch.zeros(0, 3, dtype=torch.float64),
    "empty_requires_grad": lambda: torch.zeros(0, requires_grad=True),
    "int32": lambda: torch.tensor([1, 2], dtype=torch.int32),
    "int64_scalar": lambda: torch.tensor(-7),
    "bool": lambda: torch.tensor([True, False]),
    "bool_all_true": lambda: torch.tensor([[True, True]]),
    "sci_ratio": lambda: torch.tensor([[1e-5, 1e3], [-1.0, 2.0]]),
    "float64": lambda: torch.tensor([1.0, 2.0], dtype=torch.float64),
    "ratio_exactly_1000": lambda: torch.tensor([1.0, 1000.0]),
    "ratio_just_over_1000": lambda: torch.tensor([1.0, 1000.5]),
    "max_exactly_1e8": lambda: torch.tensor([1e8, 3e7], dtype=torch.float64),
    "max_just_over_1e8": lambda: torch.tensor([1.0000001e8, 3e7], dtype=torch.float64),
    "min_1e-4": lambda: torch.tensor([1e-4, 2e-4], dtype=torch.float64),
    "min_below_1e-4": lambda: torch.tensor([9.99e-5, 2e-4], dtype=torch.float64),
    "nan_inf_only": lambda: torch.tensor([math.nan, math.inf, -math.inf]),
    "nan_inf_with_fraction": lambda: torch.tensor([math.nan, 1.5, -math.inf]),
    "nan_inf_with_whole": lambda: torch.tensor([math.nan, 12.0, -math.inf, 0.0]),
    "nan_inf_sci": lambda: torch.tensor([math.nan, 1e-7, math.inf]),
    "negative_zero": lambda: torch.tensor([-0.0, 1.0]),
    "negative_zero_fraction": lambda: torch.tensor([-0.0, 0.25]),
    "negative_zero_scalar": lambda: torch.tensor(-0.0),
    "all_zero_matrix": lambda: torch.zeros(2, 3),
    "rounds_up_to_wider": lambda: torch.tensor([9.99996, 0.5]),
    "three_digit_exponent": lambda: torch.tensor([1e-300, 1.0], dtype=torch.float64),
    "wraps_row": lambda: torch.arange(40.0) * 1.5,
    "wraps_nested_rows": lambda: torch.arange(60.0).reshape(2, 30) / 7,
    "wraps_wide_ints": lambda: torch.arange(-(10**15), -(10**15) + 50),
    "four_dims": lambda: torch.arange(24.0).reshape(2, 3, 2, 2) - 10,
    "summarized_row": lambda: torch.arange(2000.0),
    "summarized_matrix": lambda: torch.arange(2000.0).reshape(2, 1000),
    "summarized_every_dim": lambda: torch.arange(8000).reshape(20, 20, 20),
    "summarized_but_short_dims": lambda: torch.ones(6, 6, 6, 6) / 3,
    # the tiny middle values are not shown, so they must not switch the notation to scientific
    "summarized_edge_values_decide": lambda: torch.cat(
        [torch.ones(3), torch.full((1000,), 1e-9), -torch.ones(3)]
    ),
    "float16": lambda: torch.tensor([0.1, 65504.0, -2.5], dtype=torch.float16),
    "uint8": lambda: torch.tensor([0, 255], dtype=torch.uint8),
    "int8": lambda: torch.tensor([[-128, 5], [7, 127]], dtype=torch.int8),
    "int16_scalar": lambda: torch.tensor(300, dtype=torch.int16),
    "suffix_wraps": lambda: torch.arange(12.0, dtype=torch.float64).requires_grad_() * 1.25,
    "suffix_after_wrapped_row": lambda: (torch.arange(23.0) / 3).requires_grad_(),
    "ratio_overflows_double": lambda: torch.tensor([1e308, -1e-308], dtype=torch.float64),
    "subnormal": lambda: torch.tensor([5e-324, 1.0], dtype=torch.float64),
    "int64_extremes": lambda: torch.tensor([-(2**63), 2**63 - 1]),
    "dtype_and_grad_fn": lambda: torch.ones(2, 2, dtype=torch.float16, requires_grad=True).clone(),
}


@pytest.mark.parametrize("name", list(REGRESSIONS))
@pytest.mark.parametrize("default", DEFAULT_DTYPES)
def test_regression_cases(name, default):
    with default_dtype(default):
        tensor = REGRESSIONS[name]()
    assert_same_repr(tensor, default)


def test_suffixes_wrap_like_torch():
    # last lines of many lengths, 11 to 80 columns, so each suffix lands on both sides of the wrap point
    for digits in range(1, 9):
        for length in range(1, 26):
            row = torch.arange(float(length)) + 10 ** (digits - 1)
            for values in (row, row.expand(2, length)):
                leaf = values.clone().requires_grad_()
                assert_same_repr(leaf)  # requires_grad=True
                assert_same_repr(leaf * 1)  # grad_fn=<MulBackward0>
                assert_same_repr(leaf.to(torch.float64))  # dtype=torch.float64, grad_fn=<ToCopyBackward0>


# ---- set_printoptions: the same options give the same text -------------------------------------------------
PRINT_OPTIONS = {
    "precision=2": {"precision": 2},
    "precision=8": {"precision": 8},
    "sci_mode=True": {"sci_mode": True},
    "sci_mode=False": {"sci_mode": False},
    "profile=short": {"profile": "short"},
    "profile=full": {"profile": "full"},
    "threshold=5": {"threshold": 5},
    "linewidth=30": {"linewidth": 30},
    "edgeitems=1": {"edgeitems": 1, "threshold": 3},
    "edgeitems=0": {"edgeitems": 0, "threshold": 3},
    "unknown profile": {"profile": "nonsense", "precision": 1},
}


def _reprs_under(engine, options):
    values = [
        engine.tensor([1.23456, 2.34567, -0.5]),
        engine.tensor(3.5),
        engine.tensor([1e-8, 1e8]),
        engine.arange(10),
        engine.arange(20.0) * 1.5,
        engine.arange(2000.0).reshape(40, 50) / 7,
        engine.tensor([1.0, 2.0], requires_grad=True) * 2,
        engine.ones(3, 4, dtype=engine.float64),
        engine.tensor([[1.0, 2.0], [3.0, 4.0]]),
    ]
    engine.set_printoptions(**options)
    try:
        return [repr(v) for v in values]
    finally:
        engine.set_printoptions(profile="default")


@pytest.mark.parametrize("case", PRINT_OPTIONS)
def test_set_printoptions(case):
    import minigrad

    assert _reprs_under(minigrad, PRINT_OPTIONS[case]) == _reprs_under(torch, PRINT_OPTIONS[case])


def test_set_printoptions_keeps_options_across_calls_but_resets_sci_mode():
    import minigrad

    def reprs(engine):
        engine.set_printoptions(precision=2, sci_mode=True)
        engine.set_printoptions(linewidth=40)  # sci_mode back to automatic, precision kept
        try:
            return repr(engine.arange(30.0) / 3)
        finally:
            engine.set_printoptions(profile="default")

    assert reprs(minigrad) == reprs(torch)
