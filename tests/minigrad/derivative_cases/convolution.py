"""Cases for the convolution family (minigrad/derivatives/convolution.py). Every first-order case's
create_graph graph holds convolution_backward's node (ConvolutionBackwardBackward0), and gradgradcheck
differentiates it once more (torch's _convolution_double_backward)."""

from . import Case, rand


def _conv2d(**options):
    return lambda T, x, w, b: T.nn.functional.conv2d(x, w, b, **options)


CASES = {
    "conv2d": Case(_conv2d(), (rand(2, 3, 5, 4), rand(4, 3, 3, 2, seed=1), rand(4, seed=2))),
    "conv2d_without_bias": Case(
        lambda T, x, w: T.nn.functional.conv2d(x, w), (rand(1, 2, 4, 4), rand(3, 2, 2, 2, seed=1))
    ),
    "conv2d_strided_padded_dilated": Case(
        _conv2d(stride=(2, 1), padding=(1, 2), dilation=(1, 2)),
        (rand(2, 2, 6, 5), rand(3, 2, 3, 2, seed=1), rand(3, seed=2)),
    ),
    "conv2d_groups": Case(_conv2d(groups=2), (rand(1, 4, 4, 4), rand(6, 2, 2, 3, seed=1), rand(6, seed=2))),
    "conv2d_same_odd_kernel": Case(
        _conv2d(padding="same"), (rand(1, 2, 4, 5), rand(2, 2, 3, 3, seed=1), rand(2, seed=2))
    ),
    # an even kernel pads the input first (ConstantPadNdBackward0)
    "conv2d_same_even_kernel": Case(
        _conv2d(padding="same"), (rand(1, 2, 4, 5), rand(2, 2, 2, 3, seed=1), rand(2, seed=2))
    ),
    "conv2d_unbatched": Case(_conv2d(padding=1), (rand(2, 3, 3), rand(2, 2, 2, 2, seed=1), rand(2, seed=2))),
    "conv1d": Case(
        lambda T, x, w, b: T.nn.functional.conv1d(x, w, b, stride=2, padding=1),
        (rand(2, 3, 7), rand(4, 3, 3, seed=1), rand(4, seed=2)),
    ),
    "conv1d_unbatched": Case(
        lambda T, x, w: T.nn.functional.conv1d(x, w, dilation=2), (rand(2, 7), rand(3, 2, 2, seed=1))
    ),
    "conv_transpose2d": Case(
        lambda T, x, w, b: T.nn.functional.conv_transpose2d(x, w, b, stride=2, padding=1, output_padding=1),
        (rand(2, 3, 3, 3), rand(3, 2, 3, 3, seed=1), rand(2, seed=2)),
    ),
    "conv_transpose2d_groups_dilated": Case(
        lambda T, x, w: T.nn.functional.conv_transpose2d(x, w, groups=2, dilation=(1, 2)),
        (rand(1, 4, 3, 2), rand(4, 1, 2, 2, seed=1)),
    ),
    # output_padding below the dilation, not the stride: the gradients use only the first windows
    "conv_transpose2d_output_padding_below_dilation": Case(
        lambda T, x, w: T.nn.functional.conv_transpose2d(x, w, None, 1, 0, (1, 0), 1, (2, 1)),
        (rand(1, 2, 3, 2), rand(2, 2, 2, 1, seed=1)),
    ),
    "conv_transpose1d_unbatched": Case(
        lambda T, x, w, b: T.nn.functional.conv_transpose1d(x, w, b, stride=3),
        (rand(2, 4), rand(2, 3, 2, seed=1), rand(3, seed=2)),
    ),
    "pad": Case(lambda T, x: T.constant_pad_nd(x, (1, 2, -1, 0), 0.5), (rand(2, 3, 4),)),
}
