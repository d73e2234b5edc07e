"""gradcheck / gradgradcheck: compare analytical Jacobians (autograd.grad, one row per output element) with
numerical ones (central finite differences), like torch's slow mode, with torch's messages.
"""

import warnings

import numpy as np

from .._core import dtypes as _dtype
from .._core.graph import Node, make_node
from .._core.tensor import Size, Tensor, make_output
from ..ops.creation import _generator
from . import forward_ad as fwad
from .differentiate import grad

__all__ = [
    "GradcheckError",
    "get_analytical_jacobian",
    "get_numerical_jacobian",
    "gradcheck",
    "gradgradcheck",
]


class GradcheckError(RuntimeError):
    r"""Error raised by :func:`gradcheck` and :func:`gradgradcheck`."""


def _as_tuple(x):
    if isinstance(x, tuple):
        return x
    if isinstance(x, list):
        return tuple(x)
    return (x,)


def _differentiable_outputs(x):
    return tuple(o for o in _as_tuple(x) if o.requires_grad)


def _inputs_requiring_grad(inputs):
    return [x for x in inputs if isinstance(x, Tensor) and x.requires_grad]


def _check_inputs(inputs):
    any_requires_grad = False
    for idx, inp in enumerate(inputs):
        if isinstance(inp, Tensor) and inp.requires_grad:
            if inp._data.dtype != np.float64:
                warnings.warn(
                    f"Input #{idx} requires gradient and "
                    "is not a double precision floating point or complex. "
                    "This check will likely fail if all the inputs are "
                    "not of double precision floating point or complex. ",
                    stacklevel=3,
                )
            data = inp._data
            if not all(st > 0 or sz <= 1 for st, sz in zip(data.strides, data.shape)):
                raise RuntimeError(
                    f"The {idx}th input has a dimension with stride 0. gradcheck only "
                    "supports inputs that are non-overlapping to be able to "
                    "compute the numerical gradients correctly. You should call "
                    ".contiguous on the input before passing it to gradcheck."
                )
            any_requires_grad = True
    if not any_requires_grad:
        raise ValueError(
            "gradcheck expects at least one input tensor to require gradient, "
            "but none of them have requires_grad=True."
        )


def _float_outputs(outputs):
    return [o for o in outputs if isinstance(o, Tensor) and o._data.dtype.kind == "f"]


def _numerical_jacobians(func, inputs, outputs, eps, targets=None):
    """jacobians[i][j]: d output j / d input i as an (input numel, output numel) tensor, in output j's dtype.

    Each input element (of `targets` if given: tensors `func` reaches otherwise) is perturbed in place
    (through the shared numpy memory, as torch does through .data).
    """
    outputs = _float_outputs(outputs)
    result = []
    for inp in _inputs_requiring_grad(inputs if targets is None else targets):
        columns = [np.zeros((inp._data.size, o._data.size), o._data.dtype) for o in outputs]
        for k, index in enumerate(np.ndindex(*inp._data.shape)):
            original = inp._data[index].copy()
            inp._data[index] = original - eps
            before = [np.array(o._data, copy=True) for o in _float_outputs(_as_tuple(func(*inputs)))]
            inp._data[index] = original + eps
            after = [np.array(o._data, copy=True) for o in _float_outputs(_as_tuple(func(*inputs)))]
            inp._data[index] = original
            for j, (a, b) in enumerate(zip(before, after)):
                _check_same_dtype_and_shape(a, b, eps, index)
                columns[j][k] = ((b - a) / (2 * eps)).reshape(-1)
        result.append([make_output(c, None) for c in columns])
    return result


def _check_same_dtype_and_shape(a, b, eps, index):
    if a.shape != b.shape:
        raise AssertionError(
            "Expected `func` to return outputs with the same shape when inputs are perturbed on index "
            f"{index} by {eps}, but got: shapes {Size(a.shape)} and {Size(b.shape)}."
        )
    if a.dtype != b.dtype:
        raise AssertionError(
            f"Expected `func` to return outputs with the same dtype when inputs are perturbed on index "
            f"{index} by {eps}, but got: dtypes {_dtype.from_numpy(a.dtype)} and "
            f"{_dtype.from_numpy(b.dtype)}."
        )


def _analytical_rows(inputs, output):
    """rows[i][r]: gradient of output element r with respect to input i (None if unused)."""
    wanted = _inputs_requiring_grad(inputs)
    rows = [[] for _ in wanted]
    for r in range(output._data.size):
        upstream = np.zeros(output._data.shape, output._data.dtype)
        upstream.reshape(-1)[r] = 1
        grads = grad(output, wanted, make_output(upstream, None), retain_graph=True, allow_unused=True)
        for i, g in enumerate(grads):
            rows[i].append(None if g is None else np.array(g._data, copy=True))
    return rows


def _stack_rows(rows, inputs, output_numel):
    jacobians, sizes_ok, types_ok = [], True, True
    for inp, input_rows in zip(_inputs_requiring_grad(inputs), rows):
        jacobian = np.zeros((inp._data.size, output_numel), inp._data.dtype)
        for r, g in enumerate(input_rows):
            if g is None:
                continue
            if g.shape != inp._data.shape:
                sizes_ok = False
            elif g.dtype != inp._data.dtype:
                types_ok = False
            if g.size == inp._data.size:
                jacobian[:, r] = g.reshape(-1)
        jacobians.append(jacobian)
    return jacobians, sizes_ok, types_ok


FAILED_NONDET_MSG = """\n
NOTE: If your op relies on non-deterministic operations i.e., it is listed here:
https://pytorch.org/docs/stable/generated/torch.use_deterministic_algorithms.html
this failure might be expected.

If you are adding a new operator, please file an issue and then use one of the
workarounds. The workaround depends on how your test invokes gradcheck/gradgradcheck.
If the test
- manually invokes gradcheck/gradgradcheck, then call gradcheck/gradgradcheck
  with `nondet_tol=<tol>` as a keyword argument.
- is OpInfo-based (e.g., in test_ops_gradients.py), then modify the OpInfo for the test
  to have `gradcheck_nondet_tol=<tol>`.
- is a Module test (e.g., in common_nn.py), then modify the corresponding
  module_test entry to have `gradcheck_nondet_tol=<tol>`
"""


def _analytical_twice(inputs, output, nondet_tol):
    """(jacobians, reentrant, sizes_ok, types_ok): computed twice, like torch, to detect a backward that is
    not reentrant (whose results differ by more than nondet_tol)."""
    first, sizes_ok, types_ok = _stack_rows(_analytical_rows(inputs, output), inputs, output._data.size)
    second, _, _ = _stack_rows(_analytical_rows(inputs, output), inputs, output._data.size)
    reentrant = all(a.size == 0 or np.abs(a - b).max() <= nondet_tol for a, b in zip(first, second))
    return first, reentrant, sizes_ok, types_ok


def _analytical_jacobians(inputs, output, nondet_tol, check_grad_dtypes):
    first, reentrant, sizes_ok, types_ok = _analytical_twice(inputs, output, nondet_tol)
    if not types_ok and check_grad_dtypes:
        raise GradcheckError("Gradient has dtype mismatch")
    if not sizes_ok:
        raise GradcheckError("Analytical gradient has incorrect size")
    if not reentrant:
        raise GradcheckError(
            "Backward is not reentrant, i.e., running backward with "
            "same input and grad_output multiple times gives different values, "
            "although analytical gradient matches numerical gradient."
            f"The tolerance for nondeterminism was {nondet_tol}." + FAILED_NONDET_MSG
        )
    return [make_output(j, None) for j in first]


# ---- the deprecated jacobian helpers torch still exports ------------------------------------------------
def _warn_private_api(name):
    warnings.warn(
        f"`{name}` was part of PyTorch's private API and not meant to be exposed. We are deprecating it "
        "and it will be removed in a future version of PyTorch. If you have a specific use for this or "
        "feature request for this to be a stable API, please file us an issue at "
        "https://github.com/pytorch/pytorch/issues/new",
        FutureWarning,
        stacklevel=3,
    )


def get_numerical_jacobian(fn, inputs, target=None, eps=1e-3, grad_out=1.0):
    """Deprecated in torch: the numerical Jacobians of fn's first output (fn takes the inputs as one tuple)
    with respect to each input (or each tensor of `target`) that requires grad."""
    _warn_private_api("get_numerical_jacobian")
    if grad_out != 1.0:
        raise ValueError(
            "Expected grad_out to be 1.0. get_numerical_jacobian no longer supports values of "
            "grad_out != 1.0."
        )
    inputs = _as_tuple(inputs)
    outputs = _as_tuple(fn(inputs))  # (torch refuses complex outputs here: minigrad has no complex dtype)
    targets = inputs if target is None else _as_tuple(target)
    jacobians = _numerical_jacobians(lambda *xs: fn(xs), inputs, outputs, eps, targets)
    return tuple(per_output[0] for per_output in jacobians)


def get_analytical_jacobian(inputs, output, nondet_tol=0.0, grad_out=1.0):
    """Deprecated in torch: (jacobians, reentrant, sizes_ok, types_ok) of `output` with respect to the
    inputs that require grad, computed twice to tell whether backward is reentrant; never raises for them."""
    _warn_private_api("get_analytical_jacobian")
    if grad_out != 1.0:
        raise ValueError(
            "Expected grad_out to be 1.0. get_analytical_jacobian no longer supports values of "
            "grad_out != 1.0."
        )
    jacobians, reentrant, sizes_ok, types_ok = _analytical_twice(_as_tuple(inputs), output, nondet_tol)
    return tuple(make_output(j, None) for j in jacobians), reentrant, sizes_ok, types_ok


def _allclose(a, b, rtol, atol):
    dtype = np.promote_types(a._data.dtype, b._data.dtype)
    return bool(np.allclose(a._data.astype(dtype), b._data.astype(dtype), rtol=rtol, atol=atol))


def _slow_gradcheck(func, func_out, inputs, outputs, eps, rtol, atol, check_grad_dtypes, nondet_tol):
    func_out = _as_tuple(func_out)
    if not outputs:
        for per_input in _numerical_jacobians(func, inputs, func_out, eps):
            for jacobian in per_input:
                if np.any(jacobian._data != 0):
                    raise GradcheckError("Numerical gradient for function expected to be zero")
        return True
    numerical = _numerical_jacobians(func, inputs, func_out, eps)
    # numerical[i][j] is per input i and float output j; keep the outputs that require grad
    float_outs = _float_outputs(func_out)
    keep = [j for j, o in enumerate(float_outs) if o.requires_grad]
    for i, output in enumerate(outputs):
        analytical = _analytical_jacobians(inputs, output, nondet_tol, check_grad_dtypes)
        for j, (a, per_input) in enumerate(zip(analytical, numerical)):
            n = per_input[keep[i]]
            if not _allclose(a, n, rtol, atol):
                raise GradcheckError(
                    f"Jacobian mismatch for output {i:d} with respect to input {j:d},\n"
                    f"numerical:{n}\nanalytical:{a}\n"
                )
    return True


def _test_backward_mul_by_grad_output(outputs, inputs):
    wanted = _inputs_requiring_grad(inputs)
    if not wanted:
        raise GradcheckError("no Tensors requiring grad found in input")
    zeros = [make_output(np.zeros_like(o._data), None) for o in outputs]
    grads = grad(outputs, wanted, zeros, allow_unused=True)
    for gi, di in zip(grads, wanted):
        if gi is None:
            continue
        if not np.all(gi._data == 0):
            raise GradcheckError("backward not multiplied by grad_output")
        if gi._data.dtype != di._data.dtype:
            raise GradcheckError("grad is incorrect type")
        if gi._data.shape != di._data.shape:
            raise GradcheckError("grad is incorrect size")
    return True


class UndefinedGradBackward(Node):
    """torch._C._functions.UndefinedGrad: passes an undefined (None) gradient to whatever made its input."""

    __slots__ = ()

    def backward(self, grad):
        return (None,)


def _undefined_grad(t):
    node = make_node(UndefinedGradBackward, t)
    return make_output(t._data, node)


def _warn_bc_breaking():
    warnings.warn(
        "Backwards compatibility: New undefined gradient support checking "
        "feature is enabled by default, but it may break existing callers "
        "of this function. If this is true for you, you can call this "
        'function with "check_undefined_grad=False" to disable the feature',
        stacklevel=4,
    )


def _test_undefined_backward_mode(func, outputs, inputs):
    wanted = _inputs_requiring_grad(inputs)
    if not wanted:
        raise GradcheckError("no Tensors requiring grad found in input")

    def check(outputs_to_check):
        zeros = [make_output(np.zeros_like(o._data), None) for o in outputs_to_check]
        try:
            grads = grad(outputs_to_check, wanted, zeros, allow_unused=True)
        except RuntimeError as e:
            _warn_bc_breaking()
            raise GradcheckError(
                "Expected backward function to handle undefined output grads. "
                'Please look at "Notes about undefined output gradients" in '
                '"tools/autograd/derivatives.yaml"'
            ) from e
        for gi in grads:
            if gi is not None and not np.all(gi._data == 0):
                _warn_bc_breaking()
                raise GradcheckError(
                    "Expected all input grads to be undefined or zero when all output grads are undefined "
                    'or zero. Please look at "Notes about undefined output gradients" in '
                    '"tools/autograd/derivatives.yaml"'
                )
        return True

    to_check = [[_undefined_grad(o) for o in _differentiable_outputs(func(*inputs))]]
    if len(to_check[0]) > 1:
        for undefined_idx in range(len(outputs)):
            fresh = _differentiable_outputs(func(*inputs))
            to_check.append([_undefined_grad(o) if k == undefined_idx else o for k, o in enumerate(fresh)])
    return all(check(outs) for outs in to_check)


def gradcheck(
    func,
    inputs,
    *,
    eps=1e-6,
    atol=1e-5,
    rtol=1e-3,
    raise_exception=True,
    nondet_tol=0.0,
    check_undefined_grad=True,
    check_grad_dtypes=False,
    check_batched_grad=False,
    check_batched_forward_grad=False,
    check_forward_ad=False,
    check_backward_ad=True,
    fast_mode=False,
    masked=None,
):
    """True if the analytical gradients of `func` at `inputs` match finite differences; else GradcheckError
    (or False with raise_exception=False). fast_mode runs the same full check as slow mode."""
    if not (check_forward_ad or check_backward_ad):
        raise AssertionError("Expected at least one of check_forward_ad or check_backward_ad to be True")
    if check_batched_grad and not check_backward_ad:
        raise AssertionError("Setting check_batched_grad=True requires check_backward_ad to be True")
    if check_batched_forward_grad and not check_forward_ad:
        raise AssertionError("Setting check_batched_forward_grad=True requires check_forward_ad to be True")
    if check_batched_grad or check_batched_forward_grad:
        raise NotImplementedError("minigrad: gradcheck has no vmap (check_batched_grad)")
    try:
        return _gradcheck(
            func, inputs, eps, atol, rtol, nondet_tol, check_undefined_grad, check_grad_dtypes,
            check_forward_ad, check_backward_ad,
        )  # fmt: skip
    except GradcheckError:
        if raise_exception:
            raise
        return False


def _gradcheck(
    func, inputs, eps, atol, rtol, nondet_tol, check_undefined_grad, check_grad_dtypes, forward, backward
):
    inputs = _as_tuple(inputs)
    _check_inputs(inputs)
    func_out = func(*inputs)
    outputs = _differentiable_outputs(func_out)
    if backward:
        _slow_gradcheck(func, func_out, inputs, outputs, eps, rtol, atol, check_grad_dtypes, nondet_tol)
        _test_backward_mul_by_grad_output(outputs, inputs)
        if check_undefined_grad:
            _test_undefined_backward_mode(func, outputs, inputs)
    if forward:
        _forward_gradcheck(func, func_out, inputs, outputs, eps, rtol, atol)
        if check_undefined_grad:
            _test_undefined_forward_mode(func, inputs)
    return True


def _forward_gradcheck(func, func_out, inputs, outputs, eps, rtol, atol):
    """Analytical Jacobians from forward mode (one tangent per input element) against finite differences."""
    func_out = _as_tuple(func_out)
    if not outputs:
        return _slow_gradcheck(func, func_out, inputs, outputs, eps, rtol, atol, False, 0.0)
    numerical = _numerical_jacobians(func, inputs, func_out, eps)  # [input][float output]
    float_outs = _float_outputs(func_out)
    keep = [j for j, o in enumerate(float_outs) if o.requires_grad]
    analytical = _forward_jacobians(func, inputs)  # [input][float output]
    for i, k in enumerate(keep):
        for j, (per_input_a, per_input_n) in enumerate(zip(analytical, numerical)):
            a, n = per_input_a[k], per_input_n[k]
            if not _allclose(a, n, rtol, atol):
                raise GradcheckError(
                    f"Jacobian computed with forward mode mismatch for output {i:d} with respect to input "
                    f"{j:d},\nnumerical:{n}\nanalytical:{a}\n"
                )
    return True


def _dual_inputs(fwad, inputs):
    duals, tangents = [], []
    for inp in inputs:
        if isinstance(inp, Tensor) and inp.requires_grad:
            inp = fwad.make_dual(inp.detach(), make_output(np.zeros_like(inp._data), None))
            tangents.append(fwad.unpack_dual(inp).tangent)
        duals.append(inp)
    return duals, tangents


def _forward_jacobians(func, inputs):
    """jacobians[i][j]: d float output j / d input i from forward mode, as (input numel, output numel)."""
    with fwad.dual_level():
        duals, tangents = _dual_inputs(fwad, inputs)
        result = []
        for tangent in tangents:
            columns = None
            for k, index in enumerate(np.ndindex(*tangent._data.shape)):
                tangent._data[index] = 1
                outs = _float_outputs(_as_tuple(func(*duals)))
                if columns is None:
                    columns = [np.zeros((tangent._data.size, o._data.size), o._data.dtype) for o in outs]
                for j, o in enumerate(outs):
                    res = fwad.unpack_dual(o).tangent
                    if res is not None:
                        columns[j][k] = res._data.reshape(-1)
                tangent._data[index] = 0
            if columns is None:  # an empty input
                outs = _float_outputs(_as_tuple(func(*duals)))
                columns = [np.zeros((0, o._data.size), o._data.dtype) for o in outs]
            result.append([make_output(c, None) for c in columns])
        return result


def _test_undefined_forward_mode(func, inputs):
    """An input without a tangent must give the same output tangents as one with a zero tangent."""
    with fwad.dual_level():
        duals, tangents = _dual_inputs(fwad, inputs)
        rng = np.random.default_rng(0)
        for t in tangents:
            t._data[...] = rng.standard_normal(t._data.shape)
        for idx, inp in enumerate(inputs):
            if not (isinstance(inp, Tensor) and inp.requires_grad):
                continue
            kept = duals[idx]
            duals[idx] = fwad.make_dual(inp.detach(), make_output(np.zeros_like(inp._data), None))
            first = _float_outputs(_as_tuple(func(*duals)))
            duals[idx] = inp.detach()
            second = _float_outputs(_as_tuple(func(*duals)))
            duals[idx] = kept
            for index, (a, b) in enumerate(zip(first, second)):
                ta, tb = fwad.unpack_dual(a).tangent, fwad.unpack_dual(b).tangent
                if ta is not None and tb is not None and not _allclose(ta, tb, 1e-5, 1e-8):
                    raise GradcheckError(
                        f"Mismatch in tangent values for output with index: {index} when input: {inp} has an "
                        f"undefined tangent value.  Got: {ta} but expected: {tb}"
                    )
    return True


def gradgradcheck(
    func,
    inputs,
    grad_outputs=None,
    *,
    eps=1e-6,
    atol=1e-5,
    rtol=1e-3,
    gen_non_contig_grad_outputs=False,
    raise_exception=True,
    nondet_tol=0.0,
    check_undefined_grad=True,
    check_grad_dtypes=False,
    check_batched_grad=False,
    check_fwd_over_rev=False,
    check_rev_over_rev=True,
    fast_mode=False,
    masked=False,
):
    """gradcheck of the function that maps (inputs, grad_outputs) to the gradients of func (second order)."""
    if not (check_fwd_over_rev or check_rev_over_rev):
        raise AssertionError("Expected at least one of check_fwd_over_rev or check_rev_over_rev to be True")
    if check_undefined_grad and not check_rev_over_rev:
        raise AssertionError("Setting check_undefined_grad=True requires check_rev_over_rev to be True")
    if check_batched_grad and not check_rev_over_rev:
        raise AssertionError("Setting check_batched_grad=True requires check_rev_over_rev to be True")
    inputs = _as_tuple(inputs)
    if grad_outputs is None:
        outputs = _differentiable_outputs(func(*inputs))
        grad_outputs = tuple(
            _random_grad_output(
                o._data.shape,
                o._data.dtype if o._data.dtype.kind == "f" else np.float64,
                gen_non_contig_grad_outputs,
            )
            for o in outputs
        )
    else:
        grad_outputs = _as_tuple(grad_outputs)
    num_outputs = len(grad_outputs)
    diff_inputs = {i for i, x in enumerate(inputs) if isinstance(x, Tensor) and x.requires_grad}
    diff_grad_outputs = {i for i, x in enumerate(grad_outputs) if x.requires_grad}

    def new_func(*args):
        input_args = tuple(
            x.requires_grad_() if i in diff_inputs else x for i, x in enumerate(args[:-num_outputs])
        )
        outputs = _differentiable_outputs(func(*input_args))
        grads_in = tuple(
            x.requires_grad_() if i in diff_grad_outputs else x for i, x in enumerate(args[-num_outputs:])
        )
        wanted = tuple(x for i, x in enumerate(input_args) if i in diff_inputs)
        result = grad(outputs, wanted, grads_in, create_graph=True, allow_unused=True)
        return tuple(g for g in result if g is not None)

    return gradcheck(
        new_func,
        inputs + grad_outputs,
        eps=eps,
        atol=atol,
        rtol=rtol,
        raise_exception=raise_exception,
        nondet_tol=nondet_tol,
        check_undefined_grad=check_undefined_grad,
        check_grad_dtypes=check_grad_dtypes,
        check_batched_grad=check_batched_grad,
        fast_mode=fast_mode,
        check_forward_ad=check_fwd_over_rev,
        check_backward_ad=check_rev_over_rev,
        masked=masked,
    )


def _random_grad_output(shape, dtype, noncontiguous):
    """torch.testing.make_tensor(low=-1, high=1, requires_grad=True, noncontiguous=...): uniform_(-1, 1)
    from the global generator, so the user's later random numbers are torch's too. A noncontiguous one
    draws twice the last dim and keeps every other value."""

    noncontiguous = noncontiguous and int(np.prod(shape)) > 1
    drawn = (*shape[:-1], 2 * shape[-1]) if noncontiguous else shape
    values = _generator.uniform(drawn, dtype) * dtype.type(2) - dtype.type(1)
    t = make_output(np.ascontiguousarray(values[..., 1::2]) if noncontiguous else values, None)
    t._requires_grad = True
    return t
