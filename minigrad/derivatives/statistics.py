"""Rows of the statistics family: var, std, var_mean, std_mean (their forwards: ops/statistics.py).

Every overload (unbiased=, dim=, correction=) reaches torch's `.correction` schema, as in torch: `unbiased`
becomes a correction of 1 or 0, and `_saved_correction` holds the correction as the call gave it (None when
it gave none). dims are saved as given (negative ones as uint64); the formulas take them signed, as `_dims`.
"""

from . import Derivative, at

_SCHEMA = "(Tensor self, int[1]? dim=None, *, Scalar? correction=None, bool keepdim=False)"


def _var_jvp(self_t, self_p, correction, keepdim, _dims):
    """The tangent of var: var_backward with grad = the tangent, kept dims, summed (pointwise + sum)."""
    return at.var_backward(self_t, self_p, _dims, correction, True).sum(_dims or (), keepdim)


def _std_jvp(self_t, self_p, correction, keepdim, _dims, std):
    return (_var_jvp(self_t, self_p, correction, keepdim, _dims) / (std * 2.0)).masked_fill(std == 0, 0)


VAR = Derivative(
    f"var.correction{_SCHEMA} -> Tensor",
    "VarBackward0",
    self=lambda grad, self, dim, correction, keepdim, _dims: at.var_backward(
        grad, self, _dims, correction, keepdim
    ),
    result=_var_jvp,
)
STD = Derivative(
    f"std.correction{_SCHEMA} -> Tensor",
    "StdBackward0",
    self=lambda grad, result, self, dim, correction, keepdim, _dims: at.std_backward(
        result, grad, self, _dims, correction, keepdim
    ),
    result=lambda self_t, self_p, correction, keepdim, _dims, result: _std_jvp(
        self_t, self_p, correction, keepdim, _dims, result
    ),
)
VAR_MEAN = Derivative(
    f"var_mean.correction{_SCHEMA} -> (Tensor, Tensor)",
    "VarMeanBackward0",
    self=lambda grads, self, dim, correction, keepdim, _dims: at.var_mean_backward(
        grads[0], grads[1], self, _dims, correction, keepdim
    ),
    result0=_var_jvp,
    result1=lambda self_t, keepdim, _dims: self_t.mean(_dims or (), keepdim),
)
STD_MEAN = Derivative(
    f"std_mean.correction{_SCHEMA} -> (Tensor, Tensor)",
    "StdMeanBackward0",
    self=lambda grads, self, result0, dim, correction, keepdim, _dims: at.std_mean_backward(
        grads[0], grads[1], self, result0, _dims, correction, keepdim
    ),
    result0=lambda self_t, self_p, correction, keepdim, _dims, result0: _std_jvp(
        self_t, self_p, correction, keepdim, _dims, result0
    ),
    result1=lambda self_t, keepdim, _dims: self_t.mean(_dims or (), keepdim),
)
