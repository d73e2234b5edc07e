"""pairwise_distance and cosine_similarity (ATen composites: norm over the last dim of x1 - x2 + eps; the
dot product of the inputs each divided by its clamped norm), diff (torch's composite: narrow and sub,
repeated n times, after cat-ing prepend/append) and cdist (_cdist_forward, or _euclidean_dist for p=2
beyond 25 rows, as torch chooses). Forwards, and the helpers of
their formulas (cdist_backward, euclidean_dist_backward) registered in `at`; rows: derivatives/distances.py.
"""

import numpy as np

from .._core import dtypes as _dtype
from .._core import grad_mode
from .._core.arguments import int_arg, tensor_arg
from .._core.broadcast import broadcast_shapes
from .._core.dtypes import result_type
from .._core.fp import silent
from ..derivatives import at
from ..derivatives import distances as rows
from . import make_output, register_methods
from .joining import cat
from .norms import _vector_norm, norm_dim
from .signatures import parse, signatures
from .views import expand, narrow, wrap_dim


# ---- diff
def _check_diff_operand(input, other, dim):
    if other is None:
        return
    if other.dim() != input.dim():
        raise RuntimeError("diff expects prepend or append to be the same dimension as input")
    for i in range(other.dim()):
        if other.shape[i] != input.shape[i] and i != dim:
            raise RuntimeError(
                "diff expects the shape of tensor to prepend or append to match that of input except along "
                f"the differencing dimension; input.size({i}) = {input.shape[i]}, but got "
                f"tensor.size({i}) = {other.shape[i]}"
            )


def diff(input, n=1, dim=-1, prepend=None, append=None):
    tensor_arg(input, "diff")
    n = int_arg(n, "diff", "n", 2)
    dim = int_arg(dim, "diff", "dim", 3)
    if input.dim() < 1:
        raise RuntimeError("diff expects input to be at least one-dimensional")
    if n < 0:
        raise RuntimeError(f"order must be non-negative but got {n}")
    wrapped = wrap_dim(dim, input.dim())
    _check_diff_operand(input, prepend, wrapped)
    _check_diff_operand(input, append, wrapped)
    if prepend is not None or append is not None:
        input = cat([t for t in (prepend, input, append) if t is not None], dim)
    if n == 0:  # torch: a copy (CopyBackwards)
        out = make_output(np.empty_like(input._data), None)
        return out.copy_(input)
    result = input
    out_len = input.shape[wrapped] - 1
    for _ in range(min(n, input.shape[wrapped])):
        # torch's `narrow(.., 1, ..) - narrow(.., 0, ..)` evaluates its right operand first (GCC): so the
        # nodes are numbered, and their gradients accumulate, in that order
        earlier = narrow(result, dim, 0, out_len)
        later = narrow(result, dim, 1, out_len)
        result = later.logical_xor(earlier) if input._data.dtype == np.bool_ else later - earlier
        out_len -= 1
    return result


# ---- cdist
_COMPUTE_MODES = {None: 0, "use_mm_for_euclid_dist_if_necessary": 0, "use_mm_for_euclid_dist": 1}
_COMPUTE_MODES["donot_use_mm_for_euclid_dist"] = 2


def cdist(x1, x2, p=2.0, compute_mode=None):
    tensor_arg(x1, "cdist", "x1")
    tensor_arg(x2, "cdist", "x2")
    if compute_mode not in _COMPUTE_MODES:
        raise ValueError(f"{compute_mode} is not a valid value for compute_mode")
    mode = _COMPUTE_MODES[compute_mode]
    a, b = x1._data, x2._data
    for name, data in (("X1", a), ("X2", b)):
        if data.ndim < 2:
            raise RuntimeError(f"cdist only supports at least 2D tensors, {name} got: {data.ndim}D")
    if a.shape[-1] != b.shape[-1]:
        raise RuntimeError(
            f"X1 and X2 must have the same number of columns. X1: {a.shape[-1]} X2: {b.shape[-1]}"
        )
    for name, data in (("X1", a), ("X2", b)):
        if data.dtype.kind != "f":
            raise RuntimeError(
                f"cdist only supports floating-point dtypes, {name} got: "
                f"{_dtype.SCALAR_TYPE_NAMES[_dtype.from_numpy(data.dtype)].split()[-1].capitalize()}"
            )
    if p < 0:
        raise RuntimeError("cdist only supports non-negative p values")
    if a.dtype != b.dtype:
        raise RuntimeError(f"expected scalar type {_scalar_name(a.dtype)} but found {_scalar_name(b.dtype)}")
    batch = tuple(broadcast_shapes(a.shape[:-2], b.shape[:-2])) if a.ndim > 2 or b.ndim > 2 else ()
    r1, r2 = a.shape[-2], b.shape[-2]
    if p == 2 and (mode == 1 or (mode == 0 and (r1 > 25 or r2 > 25))):
        return _euclidean_dist(x1, x2, batch)
    with silent():
        result = _distances(
            np.broadcast_to(a, batch + a.shape[-2:]), np.broadcast_to(b, batch + b.shape[-2:]), p
        )
    return rows.CDIST_FORWARD.record(result, x1, x2, float(p), None)


def _scalar_name(dtype):
    return _dtype.from_numpy(dtype)._legacy.removesuffix("Tensor")


def _distances(a, b, p):
    diff = np.abs(a[..., :, None, :] - b[..., None, :, :])
    if p == 0:
        return (diff != 0).sum(-1).astype(a.dtype)
    if p == np.inf:
        return diff.max(-1, initial=0).astype(a.dtype)
    if p == 1:
        return diff.sum(-1).astype(a.dtype)
    if p == 2:
        return np.sqrt((diff * diff).sum(-1)).astype(a.dtype)
    return ((diff**p).sum(-1) ** (1 / p)).astype(a.dtype)


def cdist_backward(grad, x1, x2, p, cdist):
    """torch's _cdist_backward: sum_j grad_ij d||x1_i - x2_j||_p / dx1_i, 0 where the distance is 0; an op of
    its own, whose derivatives torch leaves not implemented."""
    a, b, g, dist = x1._data, x2._data, grad._data, cdist._data
    with silent():
        diff = a[..., :, None, :] - b[..., None, :, :]
        d = dist[..., None]
        if p == 0:
            term = np.zeros_like(diff)
        elif p == 1:
            term = np.sign(diff)
        elif p == np.inf:
            term = np.sign(diff) * (np.abs(diff) == d)
        elif p == 2:
            term = np.where(d == 0, 0, diff / d)
        elif p < 2:
            term = np.where(d == 0, 0, np.sign(diff) * np.abs(diff) ** (p - 1) / d ** (p - 1))
        else:
            term = np.where(d == 0, 0, diff * np.abs(diff) ** (p - 2) / d ** (p - 1))
        result = (g[..., None] * term).sum(-2).astype(a.dtype)
    shape = (
        np.broadcast_shapes(a.shape[:-2], b.shape[:-2]) + a.shape[-2:]
        if a.ndim > 2 or b.ndim > 2
        else a.shape
    )
    result = np.broadcast_to(result, shape).copy()
    return rows.CDIST_BACKWARD.record(result, grad, x1, x2, p, cdist)


def _euclidean_dist(x1, x2, batch):
    """torch's matrix-product form: [-2 x1, |x1|², 1] @ [x2, 1, |x2|²]ᵀ, clamped at 1e-30, square-rooted."""
    a, b = x1._data, x2._data
    if batch:
        a, b = np.broadcast_to(a, batch + a.shape[-2:]), np.broadcast_to(b, batch + b.shape[-2:])
    with silent():
        a_norm = (a * a).sum(-1, keepdims=True)
        b_norm = (b * b).sum(-1, keepdims=True)
        left = np.concatenate([a * -2, a_norm, np.ones_like(a_norm)], -1)
        right = np.concatenate([b, np.ones_like(b_norm), b_norm], -1)
        result = np.sqrt(np.maximum(left @ np.swapaxes(right, -1, -2), a.dtype.type(1e-30))).astype(a.dtype)
    out = rows.EUCLIDEAN_DIST.record(result, x1, x2)
    return out.view(out.shape)


def euclidean_dist_backward(grad, x1, x2, res, output_mask=(True, True)):
    """torch's: grad / res (0 where res is 0), against x1 and x2."""
    ratio = grad / res
    ratio = ratio.masked_fill(res == 0, 0)
    # each difference's right operand first, as torch's compiled `a - b` evaluates them
    x1_product = ratio.matmul(x2)
    x1_grad = x1 * ratio.sum(-1, True) - x1_product
    x2_product = ratio.mT.matmul(x1)
    return x1_grad, x2 * ratio.sum(-2, False).unsqueeze(-1) - x2_product


def _diff_method(self, n=1, dim=-1, prepend=None, append=None):
    return diff(self, n, dim, prepend, append)


register_methods(diff=_diff_method)
at.register(cdist_backward=cdist_backward, euclidean_dist_backward=euclidean_dist_backward)


# ---- pairwise_distance / cosine_similarity: ATen's composites ----------------------------------------------
_PAIRWISE_DISTANCE = signatures(
    "(Tensor x1, Tensor x2, float p = 2, float eps = 1e-06, bool keepdim = False)"
)
_COSINE_SIMILARITY = signatures("(Tensor x1, Tensor x2, int dim = 1, float eps = 1e-08)")


def pairwise_distance(*args, **kwargs):
    """The p-norm of x1 - x2 + eps over the last dim of the broadcast (at::norm: NormBackward1)."""
    _, v = parse("pairwise_distance", _PAIRWISE_DISTANCE, args, kwargs)
    x1, x2 = v["x1"], v["x2"]
    innermost_dim = max(x1._data.ndim, x2._data.ndim) - 1
    difference = x1 - x2
    # C++'s Tensor + double is add.Scalar (AddBackward1); integers promote to the default dtype
    if difference._data.dtype.kind == "f":
        shifted = at.add_scalar(difference, v["eps"])
    else:
        shifted = difference + v["eps"]
    return norm_dim(shifted, v["p"], innermost_dim, v["keepdim"])


def _expand_outplace(a, b):
    """ATen's expand_outplace: both expanded (even one already of the broadcast shape) unless equal."""
    if a._data.shape == b._data.shape:
        return a, b
    shape = broadcast_shapes(a._data.shape, b._data.shape)
    return expand(a, shape), expand(b, shape)


def cosine_similarity(*args, **kwargs):
    """sum(x1 / max(|x1|, eps) * x2 / max(|x2|, eps)) over dim: each input divided by its own norm first,
    as torch (the norms are clamped in place without recording, on clones, so the graph has CloneBackward0
    under each norm)."""
    _, v = parse("cosine_similarity", _COSINE_SIMILARITY, args, kwargs)
    x1, x2, dim, eps = v["x1"], v["x2"], v["dim"], v["eps"]
    common = result_type(x1, x2)
    if common.kind != "f":
        name = _dtype.SCALAR_TYPE_NAMES[_dtype.from_numpy(common)]
        raise RuntimeError(f"expected common dtype to be floating point, yet common dtype is {name}")
    x1, x2 = (t if t._data.dtype.kind == "f" else t.to(_dtype.from_numpy(common)) for t in (x1, x2))
    x1, x2 = _expand_outplace(x1, x2)
    x1_norm = _vector_norm(x1, 2, (dim,), True, None).clone()
    x2_norm = _vector_norm(x2, 2, (dim,), True, None).clone()
    with grad_mode.no_grad():
        x1_norm.clamp_min_(eps)
        x2_norm.clamp_min_(eps)
    return ((x1 / x1_norm) * (x2 / x2_norm)).sum(dim)
