"""Run the same function on torch and on minigrad and compare what it returns, raises and warns.

`fn(torch_module)` is called once with real torch and once with minigrad. Its result may be a tensor, a
grad_fn
node, a torch.Size, a dtype, Python scalars/strings/None, or tuples/lists/dicts of those. Torch is the oracle:
nothing here knows an expected value.
"""

import warnings

import numpy as np
import torch

import minigrad

# torch's first use of forward AD imports torch.jit lazily, which warns that torch.jit.script is deprecated:
# an import's side effect, not a behaviour to compare, so it happens here, once, before any comparison
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    with torch.autograd.forward_ad.dual_level():
        torch.autograd.forward_ad.make_dual(torch.ones(1), torch.ones(1)) * 2
    # warn-once warnings (torch's TORCH_WARN_ONCE, minigrad's warn_once) are given once per process, so
    # whether a comparison sees one would depend on which tests ran before it in the same worker (one that
    # ran only one engine leaves the two out of step): give them here, on both, so that none is seen later
    # (tests/minigrad/test_warn_once.py checks, each in a fresh process, that both give them once)
    for engine in (torch, minigrad):
        engine.nn.functional.conv2d(engine.ones(1, 1, 3, 3), engine.ones(1, 1, 2, 2), padding="same")
        engine.zeros(1).copy_(1j)


def _node(value):
    if value is None:
        return None
    return (value.name(), tuple(None if n is None else (n.name(), nr) for n, nr in value.next_functions))


def observe(value):
    """A plain-data picture of `value`, the same shape for torch and minigrad objects."""
    if isinstance(value, torch.Tensor | minigrad.Tensor):
        if not isinstance(value, torch.Tensor):
            data = value._data
        elif value._is_zerotensor():  # zeros without memory (numpy() refuses them, and a view of one crashes)
            data = np.zeros(tuple(value.shape), torch.empty(0, dtype=value.dtype).numpy().dtype)
        else:
            data = value.detach().numpy()
        return {
            "tensor": np.array(data, copy=True),
            "zero_tensor": value._is_zerotensor(),
            "shape": tuple(value.shape),
            "dtype": str(value.dtype),
            "requires_grad": value.requires_grad,
            "is_leaf": value.is_leaf,
            "grad_fn": _node(value.grad_fn),
        }
    if isinstance(value, torch.Size | minigrad.Size):
        return ("Size", repr(value))
    if isinstance(value, torch.dtype | minigrad.dtype):
        return ("dtype", repr(value))
    if hasattr(value, "next_functions") and hasattr(value, "name"):
        return ("node", _node(value))
    if isinstance(value, list | tuple):
        return tuple(observe(v) for v in value)
    if isinstance(value, dict):
        return {k: observe(v) for k, v in value.items()}
    return value


def run(fn, module):
    """(outcome, warnings): outcome is ("ok", observation) or ("raise", exception type, message)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            outcome = ("ok", observe(fn(module)))
        except Exception as e:  # the exception is the observation
            outcome = ("raise", type(e).__name__, str(e))
    return outcome, [(w.category.__name__, str(w.message)) for w in caught]


def _assert_same_value(ref, got, path):
    if isinstance(ref, dict) and "tensor" in ref:
        assert isinstance(got, dict) and "tensor" in got, f"{path}: expected a tensor, got {got!r}"
        for key in ("shape", "dtype", "requires_grad", "is_leaf", "grad_fn", "zero_tensor"):
            assert ref[key] == got[key], f"{path}.{key}: torch {ref[key]!r} != minigrad {got[key]!r}"
        torch.testing.assert_close(
            torch.from_numpy(got["tensor"]), torch.from_numpy(ref["tensor"]), equal_nan=True, msg=path
        )
    elif isinstance(ref, dict):
        assert isinstance(got, dict) and ref.keys() == got.keys(), f"{path}: {ref!r} != {got!r}"
        for k in ref:
            _assert_same_value(ref[k], got[k], f"{path}[{k!r}]")
    elif isinstance(ref, tuple):
        assert isinstance(got, tuple) and len(ref) == len(got), f"{path}: torch {ref!r} != minigrad {got!r}"
        for i, (r, g) in enumerate(zip(ref, got)):
            _assert_same_value(r, g, f"{path}[{i}]")
    elif isinstance(ref, float) and isinstance(got, float):
        assert np.isclose(ref, got, rtol=1e-5, atol=1e-6, equal_nan=True), f"{path}: {ref} != {got}"
    else:
        assert ref == got and type(ref) is type(got), f"{path}: torch {ref!r} != minigrad {got!r}"


def same(fn, check_warnings=True):
    """Assert fn behaves the same on torch and minigrad; returns torch's outcome."""
    ref, ref_warnings = run(fn, torch)
    got, got_warnings = run(fn, minigrad)
    assert ref[0] == got[0], f"torch {ref} but minigrad {got}"
    if ref[0] == "raise":
        assert ref[1] == got[1], f"exception type: torch {ref[1]} != minigrad {got[1]} ({got[2]})"
        assert ref[2] in got[2], f"message: torch {ref[2]!r} not in minigrad {got[2]!r}"
    else:
        _assert_same_value(ref[1], got[1], "result")
    if check_warnings:
        assert len(ref_warnings) == len(got_warnings), f"warnings: torch {ref_warnings} != {got_warnings}"
        for (rc, rm), (gc, gm) in zip(ref_warnings, got_warnings):
            assert rc == gc and rm in gm, f"warning: torch {(rc, rm)} != minigrad {(gc, gm)}"
    return ref


def same_error(fn):
    """Like same(), and also asserts that torch raised."""
    ref = same(fn)
    assert ref[0] == "raise", f"torch did not raise: {ref}"
    return ref
