"""torch.autograd.functional: vjp, jvp, vhp, hvp, jacobian and hessian of a function of tensors.

Every function takes `inputs` as a Tensor or a tuple of Tensors and calls `func(*inputs)`; results mirror
that structure (a Tensor for a Tensor, a tuple for a tuple; Jacobians nest per output, then per input, each
block of shape `output.shape + input.shape`). As in torch:

- the inputs are replaced by fresh tensors before `func` sees them (detached leaves, or differentiable
  aliases under create_graph), so that tensors `func` captures from outside are not differentiated;
- results are detached unless create_graph, and zeros stand for inputs the outputs do not depend on
  (strict=True raises instead, with torch's message for each stage);
- jvp and hvp use the double-backward trick (a backward of a backward with respect to its grad_outputs);
- jacobian's vectorize=True runs autograd.grad with is_grads_batched (one backward per basis row here,
  where torch vmaps), and strategy="forward-mode" pushes each basis vector through forward-mode AD.
"""

import numpy as np

from .._core import grad_mode
from .._core.tensor import Tensor, make_output
from ..ops.joining import stack
from . import forward_ad
from .differentiate import grad

__all__ = ["hessian", "hvp", "jacobian", "jvp", "vhp", "vjp"]

_STRATEGIES = ("forward-mode", "reverse-mode")


# ---- arguments -----------------------------------------------------------------------------------------
def _as_tuple(value, arg_name, fn_name):
    """(was it a tuple, the tensors as a tuple); anything but a Tensor or a tuple of them is a TypeError."""
    is_tuple = isinstance(value, tuple)
    items = value if is_tuple else (value,)
    for i, item in enumerate(items):
        if not isinstance(item, Tensor):
            where = f"value at index {i}" if is_tuple else f"given {arg_name}"
            raise TypeError(
                f"The {arg_name} given to {fn_name} must be either a Tensor or a tuple of Tensors but the "
                f"{where} has type {type(item)}."
            )
    return is_tuple, items


def _unpack(result, shape):
    """Undo _as_tuple on a result: `shape` is one flag (was it a tuple) or two (outer, inner)."""
    if isinstance(shape, tuple):
        outer, inner = shape
        if not inner:
            result = tuple(row[0] for row in result)
        if not outer:
            result = result[0]
        return result
    return result if shape else result[0]


def _fresh(tensors, create_graph, need_graph):
    """New tensor objects for `tensors`: a differentiable alias when create_graph and the tensor requires
    grad (the result can then be differentiated back to it), else a detached leaf requiring `need_graph`."""
    return tuple(
        t.view_as(t) if create_graph and t.requires_grad else t.detach().requires_grad_(need_graph)
        for t in tensors
    )


def _finish(results, create_graph):
    """Results as returned to the user: detached unless create_graph (nested tuples alike)."""
    if isinstance(results[0], Tensor):
        return results if create_graph else tuple(t.detach() for t in results)
    return tuple(_finish(row, create_graph) for row in results)


def _check_v(v, reference, reference_is_tuple):
    if len(v) != len(reference):
        if reference_is_tuple:
            raise RuntimeError(
                f"v is a tuple of invalid length: should be {len(reference)} but got {len(v)}."
            )
        raise RuntimeError("The given v should contain a single Tensor.")
    for i, (given, ref) in enumerate(zip(v, reference)):
        if given.size() != ref.size():
            where = f"Entry {i} in " if reference_is_tuple else ""
            raise RuntimeError(f"{where}v has invalid size: should be {ref.size()} but got {given.size()}.")


def _prepare_v(v, fn_name, reference, reference_is_tuple, create_graph):
    _, v = _as_tuple(v, "v", fn_name)
    v = _fresh(v, create_graph, need_graph=False)
    _check_v(v, reference, reference_is_tuple)
    return v


# ---- strict mode ---------------------------------------------------------------------------------------
_STRICT_REQUIRES_GRAD = {
    "outputs": (
        "Output {i} of the user-provided function does not require gradients. The outputs must be computed "
        "in a differentiable manner from the input when running in strict mode."
    ),
    "grad_inputs": (
        "The gradient with respect to input {i} is independent of the inputs of the user-provided function. "
        "This is not allowed in strict mode."
    ),
    "jacobian": (
        "While computing the hessian, found that the jacobian of the user-provided function with respect to "
        "input {i} is independent of the input. This is not allowed in strict mode. You should ensure that "
        "your function is twice differentiable and that the jacobian depends on the inputs (this would be "
        "violated by a linear function for example)."
    ),
    "hessian": (
        "The hessian of the user-provided function with respect to input {i} is independent of the input. "
        "This is not allowed in strict mode. You should ensure that your function is thrice differentiable "
        "and that the hessian depends on the inputs."
    ),
}

INDEPENDENT_OF_INPUT = (
    "The output of the user-provided function is independent of input {i}. This is not allowed in strict "
    "mode."
)

# What strict mode says of a missing gradient, per stage of the computation
_STRICT_MISSING = {
    "back": INDEPENDENT_OF_INPUT,
    "back_trick": (
        "The gradient with respect to the input is independent of entry {i} in the grad_outputs when using "
        "the double backward trick to compute forward mode gradients. This is not allowed in strict mode."
    ),
    "double_back": (
        "The jacobian of the user-provided function is independent of input {i}. This is not allowed in "
        "strict mode."
    ),
    "double_back_trick": (
        "The hessian of the user-provided function is independent of entry {i} in the grad_jacobian. This is "
        "not allowed in strict mode as it prevents from using the double backward trick to replace forward "
        "mode AD."
    ),
}


def _strict_requires_grad(tensors, kind, strict):
    """strict mode: every one of `tensors` must exist and require grad (`kind` chooses the message)."""
    if not strict:
        return
    for i, t in enumerate(tensors):
        if t is None:
            raise RuntimeError(INDEPENDENT_OF_INPUT.format(i=i))
        if not t.requires_grad:
            raise RuntimeError(_STRICT_REQUIRES_GRAD[kind].format(i=i))


def _zeros_for_missing(grads, references, strict, create_graph, stage):
    """Zeros (shaped like the reference) where a gradient is None, or strict mode's error."""
    filled = []
    for i, (g, ref) in enumerate(zip(grads, references)):
        if g is None:
            if strict:
                raise RuntimeError(_STRICT_MISSING[stage].format(i=i))
            g = _zeros_like(ref)
        elif strict and create_graph and not g.requires_grad:
            what = "hessian" if stage.startswith("double") else "jacobian"
            raise RuntimeError(
                f"The {what} of the user-provided function is independent of input {i}. This is not allowed "
                "in strict mode when create_graph=True."
            )
        filled.append(g)
    return tuple(filled)


def _zeros_like(t, requires_grad=False):
    z = make_output(np.zeros(t._data.shape, t._data.dtype), None)
    z._requires_grad = requires_grad
    return z


def _grad_of_differentiable(
    outputs, inputs, grad_outputs=None, create_graph=False, retain_graph=None, is_grads_batched=False
):
    """autograd.grad over the outputs that require grad (None and the others are left out, with their
    grad_outputs); all None when none does."""
    if grad_outputs is None:
        grad_outputs = (None,) * len(outputs)
    kept = [(out, g) for out, g in zip(outputs, grad_outputs) if out is not None and out.requires_grad]
    if not kept:
        return (None,) * len(inputs)
    return grad(
        tuple(out for out, _ in kept),
        inputs,
        tuple(g for _, g in kept),
        allow_unused=True,
        create_graph=create_graph,
        retain_graph=retain_graph,
        is_grads_batched=is_grads_batched,
    )


def _single_element_output(outputs, is_tuple, fn_name):
    if is_tuple or not isinstance(outputs[0], Tensor):
        raise RuntimeError(f"The function given to {fn_name} should return a single Tensor")
    if outputs[0].nelement() != 1:
        raise RuntimeError(
            f"The Tensor returned by the function given to {fn_name} should contain a single element"
        )


def _v_defaults_to_one(tensors, what):
    if len(tensors) != 1 or tensors[0].nelement() != 1:
        raise RuntimeError(f"The vector v can only be None if {what} a single Tensor with a single element.")


_V_FOR_INPUTS = "the input to the user-provided function is"


# ---- the products --------------------------------------------------------------------------------------
def vjp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), v^T J): the vector-Jacobian product, shaped like the inputs."""
    with grad_mode.enable_grad():
        inputs_tuple, inputs = _as_tuple(inputs, "inputs", "vjp")
        inputs = _fresh(inputs, create_graph, need_graph=True)
        outputs_tuple, outputs = _as_tuple(func(*inputs), "outputs of the user-provided function", "vjp")
        _strict_requires_grad(outputs, "outputs", strict)
        if v is not None:
            v = _prepare_v(v, "vjp", outputs, outputs_tuple, create_graph)
        elif len(outputs) != 1 or outputs[0].nelement() != 1:
            raise RuntimeError(
                "The vector v can only be None if the user-provided function returns a single Tensor with a "
                "single element."
            )
    with grad_mode.set_grad_enabled(create_graph or grad_mode.is_grad_enabled()):
        grads = _grad_of_differentiable(outputs, inputs, v, create_graph=create_graph)
        result = _zeros_for_missing(grads, inputs, strict, create_graph, "back")
    return _unpack(_finish(outputs, create_graph), outputs_tuple), _unpack(
        _finish(result, create_graph), inputs_tuple
    )


def jvp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), J v): the Jacobian-vector product, shaped like the outputs, by the double-backward
    trick: the vjp's gradient with respect to its (zero) vector is J v."""
    with grad_mode.enable_grad():
        inputs_tuple, inputs = _as_tuple(inputs, "inputs", "jvp")
        inputs = _fresh(inputs, create_graph, need_graph=True)
        if v is not None:
            v = _prepare_v(v, "jvp", inputs, inputs_tuple, create_graph)
        else:
            _v_defaults_to_one(inputs, _V_FOR_INPUTS)
        outputs_tuple, outputs = _as_tuple(func(*inputs), "outputs of the user-provided function", "jvp")
        _strict_requires_grad(outputs, "outputs", strict)
        # the backward is linear in its grad_outputs, so their value does not matter (finite zeros)
        dummies = tuple(_zeros_like(out, requires_grad=True) for out in outputs)
        grad_inputs = _grad_of_differentiable(outputs, inputs, dummies, create_graph=True)
        _strict_requires_grad(grad_inputs, "grad_inputs", strict)
    with grad_mode.enable_grad() if create_graph else _nothing():
        grads = _grad_of_differentiable(grad_inputs, dummies, v, create_graph=create_graph)
        result = _zeros_for_missing(grads, outputs, strict, create_graph, "back_trick")
    return _unpack(_finish(outputs, create_graph), outputs_tuple), _unpack(
        _finish(result, create_graph), outputs_tuple
    )


class _nothing:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return None


def _scalar_function_jacobian(func, fn_name, inputs, strict):
    """(outputs, outputs_tuple, gradient of func's single-element output), with graphs kept for a second
    differentiation."""
    outputs_tuple, outputs = _as_tuple(func(*inputs), "outputs of the user-provided function", fn_name)
    _strict_requires_grad(outputs, "outputs", strict)
    _single_element_output(outputs, outputs_tuple, fn_name)
    jac = _grad_of_differentiable(outputs, inputs, create_graph=True)
    _strict_requires_grad(jac, "jacobian", strict)
    return outputs, outputs_tuple, jac


def vhp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), v^T H) for a function with a single-element output."""
    with grad_mode.enable_grad():
        inputs_tuple, inputs = _as_tuple(inputs, "inputs", "vhp")
        inputs = _fresh(inputs, create_graph, need_graph=True)
        if v is not None:
            v = _prepare_v(v, "vhp", inputs, inputs_tuple, create_graph)
        else:
            _v_defaults_to_one(inputs, _V_FOR_INPUTS)
        outputs, outputs_tuple, jac = _scalar_function_jacobian(func, "vhp", inputs, strict)
    with grad_mode.set_grad_enabled(create_graph or grad_mode.is_grad_enabled()):
        grads = _grad_of_differentiable(jac, inputs, v, create_graph=create_graph)
        result = _zeros_for_missing(grads, inputs, strict, create_graph, "double_back")
    return _unpack(_finish(outputs, create_graph), outputs_tuple), _unpack(
        _finish(result, create_graph), inputs_tuple
    )


def hvp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), H v) for a function with a single-element output (the double-backward trick applied
    to the vhp)."""
    with grad_mode.enable_grad():
        inputs_tuple, inputs = _as_tuple(inputs, "inputs", "hvp")
        inputs = _fresh(inputs, create_graph, need_graph=True)
        if v is not None:
            v = _prepare_v(v, "hvp", inputs, inputs_tuple, create_graph)
        else:
            _v_defaults_to_one(inputs, _V_FOR_INPUTS)
        outputs, outputs_tuple, jac = _scalar_function_jacobian(func, "hvp", inputs, strict)
        dummies = tuple(_zeros_like(inp, requires_grad=True) for inp in inputs)
        double_back = _grad_of_differentiable(jac, inputs, dummies, create_graph=True)
        _strict_requires_grad(jac, "hessian", strict)  # torch checks jac again here, not double_back
    with grad_mode.set_grad_enabled(create_graph or grad_mode.is_grad_enabled()):
        grads = _grad_of_differentiable(double_back, dummies, v, create_graph=create_graph)
        result = _zeros_for_missing(grads, inputs, strict, create_graph, "double_back_trick")
    return _unpack(_finish(outputs, create_graph), outputs_tuple), _unpack(
        _finish(result, create_graph), inputs_tuple
    )


# ---- Jacobians -----------------------------------------------------------------------------------------
def _construct_standard_basis_for(tensors, tensor_numels):
    """The rows of the identity of size sum(tensor_numels), split by columns among `tensors` (torch's name
    and signature): for each tensor a (total, numel) block in its dtype."""
    if len(tensors) != len(tensor_numels):
        raise AssertionError(
            "Expected tensors and tensor_numels to have the same length, but got "
            f"{len(tensors)} and {len(tensor_numels)}"
        )
    if len(tensors) == 0:
        raise AssertionError("Expected at least one tensor")
    total = sum(tensor_numels)
    blocks = []
    start = 0
    for t, n in zip(tensors, tensor_numels):
        block = np.zeros((total, n), t._data.dtype)
        block[np.arange(start, start + n), np.arange(n)] = 1
        blocks.append(make_output(block, None))
        start += n
    return tuple(blocks)


def jacobian(func, inputs, create_graph=False, strict=False, vectorize=False, strategy="reverse-mode"):
    """The Jacobian of `func` at `inputs`: one block per (output, input), of shape output.shape +
    input.shape (forward-mode blocks in the output's dtype, reverse-mode ones in the input's)."""
    if strategy not in _STRATEGIES:
        raise AssertionError(
            'Expected strategy to be either "forward-mode" or "reverse-mode". Hint: If your function has '
            'more outputs than inputs, "forward-mode" tends to be more performant. Otherwise, prefer to use '
            '"reverse-mode".'
        )
    if strategy == "forward-mode":
        if create_graph:
            raise NotImplementedError(
                'torch.autograd.functional.jacobian: `create_graph=True` and `strategy="forward-mode"` are '
                "not supported together (yet). Please either set `create_graph=False` or "
                '`strategy="reverse-mode"`.'
            )
        return _forward_jacobian(func, inputs, strict, vectorize)
    with grad_mode.enable_grad():
        inputs_tuple, inputs = _as_tuple(inputs, "inputs", "jacobian")
        inputs = _fresh(inputs, create_graph, need_graph=True)
        outputs_tuple, outputs = _as_tuple(func(*inputs), "outputs of the user-provided function", "jacobian")
        _strict_requires_grad(outputs, "outputs", strict)
        if vectorize:
            if strict:
                raise RuntimeError(
                    "torch.autograd.functional.jacobian: `strict=True` and `vectorized=True` are not "
                    "supported together. Please either set `strict=False` or `vectorize=False`."
                )
            blocks = _batched_reverse_jacobian(outputs, inputs, create_graph)
        else:
            blocks = tuple(
                _reverse_jacobian_of(i, out, inputs, create_graph, strict) for i, out in enumerate(outputs)
            )
        return _unpack(_finish(blocks, create_graph), (outputs_tuple, inputs_tuple))


def _reverse_jacobian_of(i, out, inputs, create_graph, strict):
    """The blocks of output `i`: one backward per element of it."""
    rows = [[] for _ in inputs]
    flat = out.reshape(-1)
    for j in range(out.nelement()):
        row = _grad_of_differentiable((flat[j],), inputs, retain_graph=True, create_graph=create_graph)
        for k, (g, inp) in enumerate(zip(row, inputs)):
            if g is None:
                if strict:
                    raise RuntimeError(
                        f"Output {i} of the user-provided function is independent of input {k}. This is not "
                        "allowed in strict mode."
                    )
                g = _zeros_like(inp)
            elif strict and create_graph and not g.requires_grad:
                raise RuntimeError(
                    f"The jacobian of the user-provided function is independent of input {i}. This is not "
                    "allowed in strict mode when create_graph=True."
                )
            rows[k].append(g)
    return tuple(stack(block, dim=0).view(out.size() + inp.size()) for block, inp in zip(rows, inputs))


def _batched_reverse_jacobian(outputs, inputs, create_graph):
    """vectorize=True: one autograd.grad with is_grads_batched over the identity's rows (split among the
    flattened outputs), then each input's rows split back per output."""
    numels = tuple(out.numel() for out in outputs)
    total = sum(numels)
    if total == 0:  # what torch's vmap says of a batch of none
        raise IndexError("index 0 is out of bounds for dimension 0 with size 0")
    basis = _construct_standard_basis_for(outputs, numels)
    flat_outputs = tuple(out.reshape(-1) for out in outputs)
    per_input = list(
        _grad_of_differentiable(flat_outputs, inputs, basis, create_graph=create_graph, is_grads_batched=True)
    )
    for k, g in enumerate(per_input):
        if g is None:  # torch: zeros, expanded to the batch
            per_input[k] = _zeros_like(inputs[k]).expand((total,) + tuple(inputs[k].shape))
    blocks_by_input = [
        [piece.view(out.shape + inp.shape) for piece, out in zip(g.split(numels, dim=0), outputs)]
        for g, inp in zip(per_input, inputs)
    ]
    return tuple(zip(*blocks_by_input))


def _forward_jacobian(func, inputs, strict, vectorize):
    """strategy="forward-mode": each row of the identity (split among the inputs) as the inputs' tangents,
    the outputs' tangents stacked; torch vmaps over the rows, this loops (calling func once per row)."""
    if strict:
        raise RuntimeError(
            'torch.autograd.functional.jacobian: `strict=True` and `strategy="forward-mode"` are not '
            'supported together (yet). Please either set `strict=False` or `strategy="reverse-mode"`.'
        )
    inputs_tuple, inputs = _as_tuple(inputs, "inputs", "jacobian")
    if not vectorize:
        raise NotImplementedError(
            "Computing Jacobian using forward-AD or forward-over-reverse Hessian isonly implemented for "
            "`vectorize=True`."
        )
    numels = tuple(inp.numel() for inp in inputs)
    total = sum(numels)
    basis = _construct_standard_basis_for(inputs, numels)
    outputs_tuple = primals = None
    rows = []  # per row of the basis: the outputs' tangents
    for row in range(max(total, 1)):  # with no elements at all, func still runs once (as under vmap)
        with forward_ad.dual_level():
            duals = tuple(
                forward_ad.make_dual(inp, block[row].view_as(inp) if total else _zeros_like(inp))
                for inp, block in zip(inputs, basis)
            )
            # torch names the outputs' function "None" here when they are not tensors
            is_tuple, outs = _as_tuple(func(*duals), "outputs", None)
            unpacked = [forward_ad.unpack_dual(out) for out in outs]
            if total:
                rows.append(tuple(t if t is not None else _zeros_like(p) for p, t in unpacked))
            if outputs_tuple is None:
                outputs_tuple, primals = is_tuple, [p for p, _ in unpacked]
    blocks = []
    for k, primal in enumerate(primals):
        if rows:
            stacked = stack([row[k] for row in rows], dim=0)
        else:
            stacked = make_output(np.zeros((0,) + primal._data.shape, primal._data.dtype), None)
        per_input = []
        for piece, inp in zip(stacked.split(numels, dim=0), inputs):
            moved = piece.permute(*range(1, piece.ndim), 0)  # the rows (the inputs' elements) go last
            per_input.append(moved.reshape(tuple(primal.shape) + tuple(inp.shape)))
        blocks.append(per_input)
    return _unpack(blocks, (outputs_tuple, inputs_tuple))


def hessian(
    func, inputs, create_graph=False, strict=False, vectorize=False, outer_jacobian_strategy="reverse-mode"
):
    """The Hessian of a function with a single-element output: the Jacobian of its gradient (the inner
    Jacobian in reverse mode, the outer one by `outer_jacobian_strategy`). One block per pair of inputs."""
    inputs_tuple, inputs = _as_tuple(inputs, "inputs", "hessian")
    if outer_jacobian_strategy not in _STRATEGIES:
        raise AssertionError('Expected strategy to be either "forward-mode" or "reverse-mode".')

    def single_output(*args):
        out = func(*args)
        is_tuple, outs = _as_tuple(out, "outputs of the user-provided function", "hessian")
        _strict_requires_grad(outs, "outputs", strict)
        _single_element_output(outs, is_tuple, "hessian")
        return out.squeeze()

    def gradient(*args):
        if outer_jacobian_strategy == "forward-mode":
            args = tuple(t.requires_grad_(True) for t in args)  # so that the inner jacobian keeps them
        jac = jacobian(single_output, args, create_graph=True)
        _strict_requires_grad(jac, "jacobian", strict)
        return jac

    result = jacobian(
        gradient, inputs, create_graph=create_graph, strict=strict, vectorize=vectorize,
        strategy=outer_jacobian_strategy,
    )  # fmt: skip
    return _unpack(result, (inputs_tuple, inputs_tuple))
