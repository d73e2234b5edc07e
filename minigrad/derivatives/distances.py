"""Rows of the distances family: cdist's _cdist_forward (CdistBackward0) with its gradient op _cdist_backward,
whose own derivatives torch leaves not implemented (so a second derivative of a small cdist raises), and
_euclidean_dist (the p=2 matrix-product path cdist takes for more than 25 rows), whose joint formula is
twice differentiable. diff is a composite of narrow and sub: no row. Forwards: ops/distances.py.
"""

from . import Derivative, at


def _not_implemented(grad):
    raise NotImplementedError("the derivative for '_cdist_backward' is not implemented.")


CDIST_FORWARD = Derivative(
    "_cdist_forward(Tensor x1, Tensor x2, float p, int? compute_mode) -> Tensor",
    "CdistBackward0",
    x1=lambda grad, x1, x2, p, result: at.cdist_backward(grad.contiguous(), x1, x2, p, result),
    x2=lambda grad, x2, x1, p, result: at.cdist_backward(
        grad.mT.contiguous(), x2, x1, p, result.mT.contiguous()
    ),
)
CDIST_BACKWARD = Derivative(
    "_cdist_backward(Tensor grad, Tensor x1, Tensor x2, float p, Tensor cdist) -> Tensor",
    "CdistBackwardBackward0",
    grad=_not_implemented,
    x1=_not_implemented,
    x2=_not_implemented,
    cdist=_not_implemented,
)
EUCLIDEAN_DIST = Derivative(
    "_euclidean_dist(Tensor x1, Tensor x2) -> Tensor",
    "EuclideanDistBackward0",
    **{"x1, x2": lambda grad, x1, x2, result: at.euclidean_dist_backward(grad, x1, x2, result)},
)
