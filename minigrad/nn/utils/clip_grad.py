"""clip_grad_norm_ and clip_grad_value_: the total norm of the gradients (the norm of the per-tensor norms),
then every gradient scaled in place by min(1, max_norm / (total + 1e-6)), under no_grad."""

import numpy as np

from ..._core.grad_mode import no_grad
from ..._core.tensor import Tensor
from ...ops import creation as factories


def _as_list(parameters):
    return [parameters] if isinstance(parameters, Tensor) else list(parameters)


def _vector_norm(values, norm_type):
    values = np.abs(values.astype(np.float64).reshape(-1))
    if norm_type == float("inf"):
        return values.max(initial=0.0)
    if norm_type == float("-inf"):
        return values.min(initial=np.inf)
    if norm_type == 0:
        return float(np.count_nonzero(values))
    return (values**norm_type).sum() ** (1.0 / norm_type)


def get_total_norm(tensors, norm_type=2.0, error_if_nonfinite=False, foreach=None):
    tensors = _as_list(tensors)
    norm_type = float(norm_type)
    if not tensors:
        return factories.tensor(0.0)
    dtype = tensors[0].dtype
    norms = np.array([_vector_norm(t.detach().numpy(), norm_type) for t in tensors]).astype(dtype.numpy)
    total = factories.tensor(_vector_norm(norms, norm_type), dtype=dtype)
    if error_if_nonfinite and not np.isfinite(total.item()):
        raise RuntimeError(
            f"The total norm of order {norm_type} for gradients from `parameters` is non-finite, so it "
            "cannot be "
            "clipped. To disable this error and scale the gradients by the non-finite norm anyway, set "
            "`error_if_nonfinite=False`"
        )
    return total


def clip_grad_norm_(parameters, max_norm, norm_type=2.0, error_if_nonfinite=False, foreach=None):
    parameters = _as_list(parameters)
    grads = [p.grad for p in parameters if p.grad is not None]
    total = get_total_norm(grads, norm_type, error_if_nonfinite, foreach)
    if grads:
        coefficient = min(float(max_norm) / (total.item() + 1e-6), 1.0)
        with no_grad():
            for grad in grads:
                grad.mul_(factories.tensor(coefficient, dtype=total.dtype))
    return total


def clip_grad_value_(parameters, clip_value, foreach=None):
    clip_value = float(clip_value)
    with no_grad():
        for param in _as_list(parameters):
            if param.grad is not None:
                param.grad.clamp_(min=-clip_value, max=clip_value)
