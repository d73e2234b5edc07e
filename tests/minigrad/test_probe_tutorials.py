"""Differences found by running tutorial-style torch programs under `import minigrad as torch` (a second
round of new-user probing: torch.Size arithmetic, float16 means, out-of-range scalars). Torch is the
oracle; each case compares at run time."""

import pytest
from _compare import same, same_error

# ---- torch.Size: concatenation checks what it concatenates; numel is an int64 product -------------------
SIZE_ADD_ERRORS = {
    "list": lambda t: t.Size([2, 3]) + [5],
    "int": lambda t: t.Size([2, 3]) + 5,
    "tensor": lambda t: t.Size([2, 3]) + t.ones(1),
    "float in tuple": lambda t: t.Size([2, 3]) + (1.5,),
    "float in tuple, on the left": lambda t: (1.5,) + t.Size([2, 3]),
    "None from a slice": lambda t: t.ones(2, 3).shape[:1] + (None,),
}


@pytest.mark.parametrize("case", SIZE_ADD_ERRORS)
def test_size_concatenation_errors(case):
    same_error(SIZE_ADD_ERRORS[case])


SIZE_ADD = {
    "0-d tensor": lambda t: t.Size([2, 3]) + (t.tensor(4),),
    "bool": lambda t: t.Size([2]) + (True,),
    "size": lambda t: t.Size([2]) + t.ones(3, 4).shape,
    "tuple on the left": lambda t: (1,) + t.Size([2]),
}


@pytest.mark.parametrize("case", SIZE_ADD)
def test_size_concatenation(case):
    same(SIZE_ADD[case])


def test_size_numel_wraps_like_int64():
    same(lambda t: (t.Size([2**40, 2**40]).numel(), t.Size([2**31, 2**31, 3]).numel()))


# ---- float16 means: summed and divided in float32 ----------------------------------------------------------
HALF_MEANS = {
    "all": lambda t: t.tensor([60000.0, 60000.0], dtype=t.float16).mean(),
    "dim": lambda t: t.tensor([[60000.0, 60000.0], [1.0, 2.0]], dtype=t.float16).mean(1),
    "keepdim": lambda t: t.tensor([[60000.0, 60000.0], [1.0, 2.0]], dtype=t.float16).mean(0, keepdim=True),
    "rounding": lambda t: t.tensor([1000.0, 0.1, 0.2, 0.3] * 100, dtype=t.float16).mean(),
    "dtype=float16": lambda t: t.tensor([60000.0, 60000.0]).mean(dtype=t.float16),
}


@pytest.mark.parametrize("case", HALF_MEANS)
def test_float16_mean_accumulates_in_float32(case):
    same(lambda t: HALF_MEANS[case](t).tolist())


# ---- Scalar arguments out of the dtype's range: torch's checked conversion, or a silent inf ----------------
def _scalar_calls(big):
    return {
        "full": lambda t, dt: t.full((2,), big, dtype=dt),
        "full_like": lambda t, dt: t.full_like(t.ones(2, dtype=dt), big),
        "fill_": lambda t, dt: t.ones(2, dtype=dt).fill_(big),
        "masked_fill": lambda t, dt: t.ones(2, dtype=dt).masked_fill(t.tensor([True, False]), big),
        "clamp": lambda t, dt: t.ones(2, dtype=dt).clamp(max=big),
        "clamp_min": lambda t, dt: t.ones(2, dtype=dt).clamp_min(-big),
        "add alpha": lambda t, dt: t.ones(2, dtype=dt).add(t.ones(2, dtype=dt), alpha=big),
        "linspace": lambda t, dt: t.linspace(0, big, 3, dtype=dt),
    }


SCALAR_RANGES = [
    ("float16", 1e10),
    ("float16", 65519.0),
    ("float16", float("inf")),
    ("float16", float("nan")),
    ("float32", 1e300),
    ("float32", 3.4028235e38),
    ("float64", 1e308),
    ("int8", 300),
    ("int32", 2**40),
    ("int64", 2**63),
    ("int32", float("nan")),
    ("uint8", -1.5),
    ("bool", 5),
]


@pytest.mark.parametrize("call", list(_scalar_calls(1)))
@pytest.mark.parametrize("dtype,big", SCALAR_RANGES)
def test_scalar_argument_overflow(call, dtype, big):
    if call == "add alpha" and (dtype == "bool" or (isinstance(big, float) and dtype[0] in "iu")):
        return  # alpha's own checks (float alpha, bool results) come first: covered elsewhere
    if call == "linspace" and dtype == "bool":
        return
    same(lambda t: _scalar_calls(big)[call](t, getattr(t, dtype)))


SILENT_OVERFLOWS = {
    "tensor()": lambda t: t.tensor([1e10, 1.0], dtype=t.float16),
    "0-d tensor()": lambda t: t.tensor(1e300, dtype=t.float32),
    "half + float": lambda t: t.tensor([1.0, 2.0], dtype=t.float16) + 1e10,
    "float * float": lambda t: t.tensor([1.0]) * 1e300,
    "half - float": lambda t: t.tensor([1.0], dtype=t.float16) - 1e300,
    "where": lambda t: t.where(t.tensor([True, False]), t.ones(2, dtype=t.float16), 1e10),
    "setitem": lambda t: t.ones(2, dtype=t.float16).index_put_((t.tensor([0]),), t.tensor(1e10)),
    "arange float16": lambda t: t.arange(0, 1e10, 1e9, dtype=t.float16),
    "arange float32": lambda t: t.arange(0, 1e300, 5e299, dtype=t.float32),
}


@pytest.mark.parametrize("case", SILENT_OVERFLOWS)
def test_overflowing_scalars_become_inf_without_warnings(case):
    same(SILENT_OVERFLOWS[case])


def test_float16_setitem_overflow_is_silent():
    def body(t):
        x = t.ones(2, dtype=t.float16)
        x[0] = 1e10
        return x

    same(body)
