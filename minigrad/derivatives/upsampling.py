"""Rows of the upsampling family: upsample_nearest{1,2,3}d, _upsample_nearest_exact{1,2,3}d,
upsample_linear1d, upsample_bilinear2d, upsample_trilinear3d and upsample_bicubic2d, and their gradient ops
(forwards: ops/upsampling.py).

Every one is linear in its input: the gradient is the op's transpose (a `_backward` op, itself linear, whose
gradient is the forward op again), and the forward derivative is the op applied to the tangent. The rows
differ only in their schema's scale arguments (`scales`; `scales_h, scales_w`; `scales_d, scales_h,
scales_w`) and in whether they take align_corners, so they are built by one function; what a formula uses is
what its signature names (derivatives/__init__.py), hence the signatures made here from those names.
"""

import inspect

from . import Derivative, at

_SCALES = {1: ("scales",), 2: ("scales_h", "scales_w"), 3: ("scales_d", "scales_h", "scales_w")}


def _formula(names, body):
    """A formula whose parameters are `names`; body(values) gets them as a dict."""

    def formula(*args, **kwargs):
        values = dict(zip(names, args))
        values.update(kwargs)
        return body(values)

    kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    formula.__signature__ = inspect.Signature([inspect.Parameter(n, kind) for n in names])
    return formula


def _rows(op, node, dims, linear):
    """(the op's row, its gradient op's row). The kernels are at.upsample / at.upsample_backward, which take
    the op's name, its align_corners (None for the nearest modes) and its scales as a tuple."""
    scales = _SCALES[dims]
    align = ("align_corners",) if linear else ()
    align_arg = "bool align_corners, " if linear else ""
    scale_args = ", ".join(f"float? {s}=None" for s in scales)

    def options(v):
        return (v["align_corners"] if linear else None), tuple(v[s] for s in scales)

    def forward_of(tensor_name):
        return lambda v: at.upsample(op, v[tensor_name], v["output_size"], *options(v))

    def backward_of(tensor_name, sizes_name):
        return lambda v: at.upsample_backward(
            op, v[tensor_name], v["output_size"], v[sizes_name], *options(v)
        )

    forward = Derivative(
        f"{op}(Tensor self, SymInt[{dims}] output_size, {align_arg}{scale_args}) -> Tensor",
        f"{node}Backward0",
        self=_formula(
            ("grad", "output_size", "self_sym_sizes", *align, *scales), backward_of("grad", "self_sym_sizes")
        ),
        result=_formula(("self_t", "output_size", *align, *scales), forward_of("self_t")),
    )
    backward = Derivative(
        f"{op}_backward(Tensor grad_output, SymInt[{dims}] output_size, SymInt[{dims + 2}] input_size, "
        f"{align_arg}{scale_args}) -> Tensor",
        f"{node}BackwardBackward0",
        grad_output=_formula(("grad", "output_size", *align, *scales), forward_of("grad")),
        result=_formula(
            ("grad_output_t", "output_size", "input_size", *align, *scales),
            backward_of("grad_output_t", "input_size"),
        ),
    )
    return forward, backward


UPSAMPLE_NEAREST1D, UPSAMPLE_NEAREST1D_BACKWARD = _rows("upsample_nearest1d", "UpsampleNearest1D", 1, False)
UPSAMPLE_NEAREST2D, UPSAMPLE_NEAREST2D_BACKWARD = _rows("upsample_nearest2d", "UpsampleNearest2D", 2, False)
UPSAMPLE_NEAREST3D, UPSAMPLE_NEAREST3D_BACKWARD = _rows("upsample_nearest3d", "UpsampleNearest3D", 3, False)
UPSAMPLE_NEAREST_EXACT1D, UPSAMPLE_NEAREST_EXACT1D_BACKWARD = _rows(
    "_upsample_nearest_exact1d", "UpsampleNearestExact1D", 1, False
)
UPSAMPLE_NEAREST_EXACT2D, UPSAMPLE_NEAREST_EXACT2D_BACKWARD = _rows(
    "_upsample_nearest_exact2d", "UpsampleNearestExact2D", 2, False
)
UPSAMPLE_NEAREST_EXACT3D, UPSAMPLE_NEAREST_EXACT3D_BACKWARD = _rows(
    "_upsample_nearest_exact3d", "UpsampleNearestExact3D", 3, False
)
UPSAMPLE_LINEAR1D, UPSAMPLE_LINEAR1D_BACKWARD = _rows("upsample_linear1d", "UpsampleLinear1D", 1, True)
UPSAMPLE_BILINEAR2D, UPSAMPLE_BILINEAR2D_BACKWARD = _rows(
    "upsample_bilinear2d", "UpsampleBilinear2D", 2, True
)
UPSAMPLE_TRILINEAR3D, UPSAMPLE_TRILINEAR3D_BACKWARD = _rows(
    "upsample_trilinear3d", "UpsampleTrilinear3D", 3, True
)
UPSAMPLE_BICUBIC2D, UPSAMPLE_BICUBIC2D_BACKWARD = _rows("upsample_bicubic2d", "UpsampleBicubic2D", 2, True)

ROWS = {
    row.op: row
    for row in (
        UPSAMPLE_NEAREST1D,
        UPSAMPLE_NEAREST2D,
        UPSAMPLE_NEAREST3D,
        UPSAMPLE_NEAREST_EXACT1D,
        UPSAMPLE_NEAREST_EXACT2D,
        UPSAMPLE_NEAREST_EXACT3D,
        UPSAMPLE_LINEAR1D,
        UPSAMPLE_BILINEAR2D,
        UPSAMPLE_TRILINEAR3D,
        UPSAMPLE_BICUBIC2D,
        UPSAMPLE_NEAREST1D_BACKWARD,
        UPSAMPLE_NEAREST2D_BACKWARD,
        UPSAMPLE_NEAREST3D_BACKWARD,
        UPSAMPLE_NEAREST_EXACT1D_BACKWARD,
        UPSAMPLE_NEAREST_EXACT2D_BACKWARD,
        UPSAMPLE_NEAREST_EXACT3D_BACKWARD,
        UPSAMPLE_LINEAR1D_BACKWARD,
        UPSAMPLE_BILINEAR2D_BACKWARD,
        UPSAMPLE_TRILINEAR3D_BACKWARD,
        UPSAMPLE_BICUBIC2D_BACKWARD,
    )
}
