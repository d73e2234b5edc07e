"""Run one program's source twice, with `torch` bound to the real torch and to minigrad, and compare what it
printed (and warned): the same text, except that object addresses are masked and numbers may differ within
float tolerance (a printed float32 can differ in its last digit after many steps)."""

import contextlib
import io
import re
import sys
import types
import warnings

import torch

import minigrad

_ADDRESS = re.compile(r"0x[0-9a-fA-F]+")
_NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|nan|inf")

# torch's thread pool spins on a loaded machine (100 small steps took seconds); one thread is also
# deterministic
torch.set_num_threads(1)


def _engine_modules(engine):
    """The modules a program imports under torch's names, taken from `engine`."""
    return {
        "torch": engine,
        "torch.nn": engine.nn,
        "torch.nn.functional": engine.nn.functional,
        "torch.nn.init": engine.nn.init,
        "torch.optim": engine.optim,
        "torch.optim.lr_scheduler": engine.optim.lr_scheduler,
        "torch.autograd": engine.autograd,
        "torch.autograd.function": engine.autograd.function,
        "torch.autograd.functional": engine.autograd.functional,
        "torch.autograd.forward_ad": engine.autograd.forward_ad,
        "torch.autograd.graph": engine.autograd.graph,
        "torch.utils": engine.utils,
        "torch.utils.data": engine.utils.data,
        "torch.utils.checkpoint": engine.utils.checkpoint,
    }


def run_program(source, engine):
    """(stdout, warnings) of `source` run with `import torch` giving `engine`."""
    saved = {name: sys.modules.get(name) for name in _engine_modules(torch)}
    sys.modules.update(_engine_modules(engine))
    out = io.StringIO()
    try:
        with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(out):
            warnings.simplefilter("always")
            # torch scripts some forward-AD formulas on their first use in a process, warning that
            # torch.jit.script is deprecated: a DeprecationWarning from inside torch, hidden when a program
            # runs as __main__, and one that depends on which test ran first
            warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"torch\.")
            module = types.ModuleType("__tutorial__")
            exec(compile(source, "<tutorial>", "exec"), module.__dict__)
    finally:
        for name, value in saved.items():
            if value is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = value
    return out.getvalue(), [f"{w.category.__name__}: {w.message}" for w in caught]


def _split(text):
    """Text with numbers replaced by a marker, and the numbers."""
    text = _ADDRESS.sub("0x?", text)
    numbers = [float(n) for n in _NUMBER.findall(text)]
    return _NUMBER.sub("#", text), numbers


def assert_same_output(torch_text, minigrad_text, rtol=1e-4, atol=1.5e-4):
    ref_shape, ref_numbers = _split(torch_text)
    got_shape, got_numbers = _split(minigrad_text)
    if ref_shape != got_shape or len(ref_numbers) != len(got_numbers):
        raise AssertionError(f"output differs:\n--- torch\n{torch_text}\n--- minigrad\n{minigrad_text}")
    for i, (r, g) in enumerate(zip(ref_numbers, got_numbers)):
        same = (r != r and g != g) or r == g or abs(r - g) <= atol + rtol * abs(r)
        if not same:
            raise AssertionError(
                f"number {i} differs: torch {r} != minigrad {g}\n--- torch\n{torch_text}\n--- "
                f"minigrad\n{minigrad_text}"
            )


def assert_program_runs_alike(source):
    """Run `source` on both engines; their printed output and warnings must agree."""
    torch_out, torch_warnings = run_program(source, torch)
    minigrad_out, minigrad_warnings = run_program(source, minigrad)
    assert_same_output(torch_out, minigrad_out)
    assert_same_output("\n".join(torch_warnings), "\n".join(minigrad_warnings))
    return torch_out
