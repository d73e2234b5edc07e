"""Cases for the upsampling family (minigrad/derivatives/upsampling.py): every kernel F.interpolate reaches,
by size and by scale factor (the scales are saved), upsampling and downsampling, with and without
align_corners; their gradient ops appear in the create_graph graphs."""

from . import Case, rand


def _interpolate(**options):
    return lambda T, x: T.nn.functional.interpolate(x, **options)


CASES = {
    "nearest_1d_scale": Case(_interpolate(scale_factor=2), (rand(1, 2, 3),)),
    "nearest_1d_size": Case(_interpolate(size=5), (rand(2, 1, 3),)),
    "nearest_2d_scale": Case(_interpolate(scale_factor=(1.5, 2)), (rand(1, 2, 3, 2),)),
    "nearest_2d_downsample": Case(_interpolate(size=(2, 3)), (rand(1, 1, 4, 5),)),
    "nearest_3d": Case(_interpolate(scale_factor=2), (rand(1, 1, 2, 2, 2),)),
    "nearest_exact_1d": Case(_interpolate(size=5, mode="nearest-exact"), (rand(1, 2, 3),)),
    "nearest_exact_2d": Case(_interpolate(scale_factor=1.7, mode="nearest-exact"), (rand(1, 1, 3, 2),)),
    "nearest_exact_3d": Case(_interpolate(size=(3, 2, 3), mode="nearest-exact"), (rand(1, 1, 2, 3, 2),)),
    "linear": Case(_interpolate(scale_factor=2, mode="linear"), (rand(1, 2, 4),)),
    "linear_align_corners": Case(_interpolate(size=7, mode="linear", align_corners=True), (rand(2, 1, 4),)),
    "bilinear": Case(_interpolate(scale_factor=(1.5, 2.5), mode="bilinear"), (rand(1, 2, 3, 2),)),
    "bilinear_downsample": Case(_interpolate(size=(2, 3), mode="bilinear"), (rand(1, 1, 4, 5),)),
    "bilinear_align_corners": Case(
        _interpolate(size=(4, 5), mode="bilinear", align_corners=True), (rand(1, 1, 3, 3),)
    ),
    "trilinear": Case(_interpolate(scale_factor=1.5, mode="trilinear"), (rand(1, 1, 2, 3, 2),)),
    "trilinear_align_corners": Case(
        _interpolate(size=(3, 3, 2), mode="trilinear", align_corners=True), (rand(1, 1, 2, 2, 3),)
    ),
}
CASES.update(
    {
        "bicubic": Case(_interpolate(scale_factor=(1.5, 2.0), mode="bicubic"), (rand(1, 2, 3, 3),)),
        "bicubic_downsample_align_corners": Case(
            _interpolate(size=(2, 3), mode="bicubic", align_corners=True), (rand(1, 1, 4, 5),)
        ),
    }
)
