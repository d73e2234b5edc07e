"""Things a new user's torch program does that once printed differently under `import minigrad as torch`.

Found by running tutorial-style programs on both libraries (probes/newuser); each case compares with torch
at run time.
"""

import subprocess
import sys
import textwrap
import warnings

import numpy as np
import pytest
import torch
from _compare import same, same_error

import minigrad

# ---- linspace and arange: torch's kernels, bit for bit (repr and tolist show the last bits) ----------------
LINSPACES = [
    (-1, 1, 7),
    (0, 1, 20),
    (-3, 7, 101),
    (0.1, 0.9, 9),
    (2, -3, 1000),
    (5, 5, 3),
    (0, 1, 1),
    (0, 1, 0),
]


@pytest.mark.parametrize("dtype", ["float32", "float64", "int64", "int32", "float16"])
@pytest.mark.parametrize("start,end,steps", LINSPACES)
def test_linspace_values_are_torchs(start, end, steps, dtype):
    same(lambda t: repr(t.linspace(start, end, steps, dtype=getattr(t, dtype))))
    same(lambda t: t.linspace(start, end, steps, dtype=getattr(t, dtype)).tolist())


ARANGES = [
    (0, 1, 0.1),
    (1, 2.5, 0.5),
    (-1.0, 1.0, 0.25),
    (3.444, 19.67, 0.525),
    (2.84, -19.3, -0.7),
    (0, 30, 0.3),
]


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("start,end,step", ARANGES)
def test_float_arange_values_are_torchs(start, end, step, dtype):
    """.tolist() shows every bit: the values are the ones torch's vectorized kernel computes."""
    same(lambda t: t.arange(start, end, step, dtype=getattr(t, dtype)).tolist())


# ---- numpy interop --------------------------------------------------------------------------------------
NUMPY_CALLS = {
    "np.array(x)": lambda t: np.array(t.tensor([1.0, 2.0])).tolist(),
    "np.asarray(x)": lambda t: np.asarray(t.tensor([1, 2], dtype=t.int32)).dtype.name,
    "np.array(x, dtype)": lambda t: np.array(t.tensor([1.0]), dtype=np.float64).tolist(),
    "np.array(x requiring grad)": lambda t: np.array(t.ones(2, requires_grad=True)),
    "np.exp(x)": lambda t: np.exp(t.tensor([0.0, 1.0])),
    "np.greater(x, 0)": lambda t: np.greater(t.tensor([1.0, -1.0]), 0),
    "np.isnan(x)": lambda t: np.isnan(t.tensor([1.0, float("nan")])),
    "np.sqrt(ints)": lambda t: np.sqrt(t.tensor([4, 9])),
    "np.float64(x)": lambda t: float(np.float64(t.tensor(2.0))),
}


@pytest.mark.parametrize("call", NUMPY_CALLS)
def test_numpy_protocol_warnings_and_results(call):
    """torch's __array__/__array_wrap__ predate numpy 2's copy=/context= arguments: numpy warns
    (DeprecationWarning) and a bool result comes back as a uint8 tensor."""
    same(NUMPY_CALLS[call])


FROM_NUMPY_ERRORS = {
    "str array": lambda t: t.from_numpy(np.array(["a"])),
    "object array": lambda t: t.from_numpy(np.array([None])),
    "numpy scalar": lambda t: t.from_numpy(np.float32(3.0)),
    "list": lambda t: t.from_numpy([1, 2]),
}


@pytest.mark.parametrize("case", FROM_NUMPY_ERRORS)
def test_from_numpy_errors_name_the_type_as_torch_does(case):
    same_error(FROM_NUMPY_ERRORS[case])


# ---- gradgradcheck draws its grad_outputs from the global generator, as torch's make_tensor does ---------
def _random_after_gradgradcheck(t, **kwargs):
    t.manual_seed(0)
    x = t.randn(4, dtype=t.float64, requires_grad=True)
    assert t.autograd.gradgradcheck(t.tanh, (x,), **kwargs)
    return t.randn(3), t.rand(2, 3)


@pytest.mark.parametrize("kwargs", [{}, {"gen_non_contig_grad_outputs": True}])
def test_gradgradcheck_consumes_torchs_random_numbers(kwargs):
    same(lambda t: _random_after_gradgradcheck(t, **kwargs))


# ---- torch.tensor(data) with tensors, arrays and ranges inside --------------------------------------------
TENSOR_DATA = {
    "list of 1-d tensors": lambda t: t.tensor([t.tensor([1.0, 2.0]), t.tensor([3.0, 4.0])]),
    "list of one-element tensors": lambda t: t.tensor([t.tensor([1.0]), t.tensor([[2.0]])]),
    "list of 0-d tensors": lambda t: t.tensor([t.tensor(1.0), t.tensor(2)]),
    "tensor and float": lambda t: t.tensor([t.tensor(1), 2.5]),
    "nested": lambda t: t.tensor([[t.tensor(1.0)], [t.tensor(2.0)]]),
    "int rows": lambda t: t.tensor([t.arange(3), t.arange(3)]),
    "float tensors, long dtype": lambda t: t.tensor([t.tensor(1.7), t.tensor(2.0)], dtype=t.long),
    "int tensors, bool dtype": lambda t: t.tensor([t.tensor(1), t.tensor(0)], dtype=t.bool),
    "empty tensor": lambda t: t.tensor([t.tensor([])]),
    "float64 tensor": lambda t: t.tensor([t.tensor(0.1, dtype=t.float64), 1.0]),
    "range": lambda t: t.tensor(range(5)),
    "range float": lambda t: t.tensor(range(3), dtype=t.float32),
    "ranges": lambda t: t.tensor([range(2), range(2)]),
    "empty range": lambda t: t.tensor(range(0)),
    "list of arrays": lambda t: t.tensor([np.array([1.0, 2.0]), np.array([3.0, 4.0])]),
}


@pytest.mark.parametrize("case", TENSOR_DATA)
def test_tensor_from_nested_data(case):
    """A tensor inside a list is one scalar to torch (float() or an index, by the dtype), not a row."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the once-per-process warnings are checked in a fresh process below
        same(TENSOR_DATA[case], check_warnings=False)


# ---- the CPU-only build's answer to cuda ------------------------------------------------------------------
CUDA_CALLS = {
    "is_available": lambda t: t.cuda.is_available(),
    "device_count": lambda t: t.cuda.device_count(),
    "zeros(device=cuda)": lambda t: t.zeros(2, device="cuda"),
    "to(cuda)": lambda t: t.ones(2).to("cuda"),
    "to(cuda:0)": lambda t: t.ones(2).to("cuda:0"),
    "tensor(device=cuda)": lambda t: t.tensor([1.0], device="cuda"),
    "the usual device line": lambda t: t.ones(2).to(t.device("cuda" if t.cuda.is_available() else "cpu")),
}


@pytest.mark.parametrize("call", CUDA_CALLS)
def test_cuda_on_a_cpu_build(call):
    same(CUDA_CALLS[call])


# ---- where warnings point: at the user's line, or inside the library, as torch's do ------------------------
def _warning_sites(fn, module):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fn(module)
    return [(w.category.__name__, str(w.message)[:40], w.filename == __file__) for w in caught]


WARNING_SITES = {
    "F.softmax without dim": lambda t: t.nn.functional.softmax(t.ones(2, 3)),
    "F.log_softmax without dim": lambda t: t.nn.functional.log_softmax(t.ones(3)),
    "size_average": lambda t: t.nn.functional.mse_loss(t.ones(2), t.ones(2), size_average=False),
    "reduce": lambda t: t.nn.functional.nll_loss(t.ones(2, 3), t.tensor([0, 1]), reduce=False),
    "elementwise_mean": lambda t: t.nn.functional.mse_loss(
        t.ones(2), t.ones(2), reduction="elementwise_mean"
    ),
    "mse_loss sizes": lambda t: t.nn.functional.mse_loss(t.ones(2), t.ones(2, 1)),
    "non-leaf grad": lambda t: (t.ones(2, requires_grad=True) * 2).grad,
    "copy construct": lambda t: t.tensor(t.ones(2)),
    "np.array": lambda t: np.array(t.ones(2)),
}


@pytest.mark.parametrize("case", WARNING_SITES)
def test_warning_points_where_torchs_does(case):
    assert _warning_sites(WARNING_SITES[case], minigrad) == _warning_sites(WARNING_SITES[case], torch)


ONCE_PER_PROCESS = """
    import warnings
    import numpy as np
    import {lib} as torch
    warnings.simplefilter("always")
    x = torch.ones(2, requires_grad=True)
    for _ in range(2):
        torch.tensor([np.array([1.0, 2.0]), np.array([3.0, 4.0])])
        torch.tensor([x.sum(), x.sum()])
        (x * x).sum().backward(create_graph=True)
    torch.autograd.backward((x * x).sum(), create_graph=True)
"""


def _warnings_of_fresh_process(lib):
    """(where, message) of each warning printed: where is the line of the program, or "library"."""
    code = textwrap.dedent(ONCE_PER_PROCESS.format(lib=lib))
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=600, check=True
    )
    printed = []
    for line in done.stderr.splitlines():
        if "Warning: " not in line:
            continue  # the source line Python prints under a warning from a file
        site, message = line.split("Warning: ", 1)
        where = site.split(":")[1] if site.startswith("<string>:") else "library"
        printed.append((where, message.split(" (Triggered internally at")[0]))
    return printed


def test_once_per_process_warnings_in_a_fresh_process():
    """torch warns once per process when a list holds numpy arrays or tensors requiring grad, and once for
    backward(create_graph=True), from inside its engine."""
    assert _warnings_of_fresh_process("minigrad") == _warnings_of_fresh_process("torch")
