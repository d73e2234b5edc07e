"""minigrad: an autograd engine on numpy that behaves like torch.autograd (`import minigrad as torch`).

This file is the torch-shaped namespace: a flat list of imports. Add new op families below.
"""

__version__ = "0.1.0"

from . import _C, autograd, cuda, linalg, nn, optim, serialization, storage, utils
from ._core.dtypes import (
    bool,
    double,
    dtype,
    float,
    float16,
    float32,
    float64,
    get_default_dtype,
    half,
    int,
    int8,
    int16,
    int32,
    int64,
    long,
    set_default_dtype,
    short,
    uint8,
)
from ._core.generator import Generator
from ._core.grad_mode import (
    enable_grad,
    inference_mode,
    is_grad_enabled,
    is_inference_mode_enabled,
    no_grad,
    set_grad_enabled,
)
from ._core.memory_format import contiguous_format, memory_format, preserve_format
from ._core.tensor import Size, Tensor, device
from ._core.tensor_str import set_printoptions
from ._core.type_info import finfo, iinfo

# Last, once every op is defined and registered: numpy's axis=/keepdims= names, as torch's parser takes them
from ._numpy_names import add_numpy_names  # noqa: E402
from ._out_arguments import add_out_arguments
from .autograd.anomaly_mode import is_anomaly_check_nan_enabled, is_anomaly_enabled, set_anomaly_enabled
from .legacy import (
    BoolTensor,
    ByteTensor,
    CharTensor,
    DoubleTensor,
    FloatTensor,
    HalfTensor,
    IntTensor,
    LongTensor,
    ShortTensor,
)
from .nn.modules.rnn import (
    gru,
    gru_cell,
    lstm,
    lstm_cell,
    rnn_relu,
    rnn_relu_cell,
    rnn_tanh,
    rnn_tanh_cell,
)

# families without functions of torch's namespace: loaded for their Tensor methods and the ops formulas reach
from .ops import losses as _losses  # noqa: F401
from .ops import masked as _masked  # noqa: F401
from .ops.activations import celu, celu_, hardshrink, selu, selu_, threshold, threshold_
from .ops.arithmetic import (
    abs,
    add,
    addcdiv,
    addcmul,
    div,
    divide,
    exp,
    floor_divide,
    fmod,
    log,
    mul,
    multiply,
    neg,
    negative,
    positive,
    pow,
    reciprocal,
    remainder,
    rsub,
    sgn,
    sqrt,
    square,
    sub,
    subtract,
    true_divide,
)
from .ops.comparison import (
    allclose,
    eq,
    equal,
    ge,
    greater,
    greater_equal,
    gt,
    isclose,
    le,
    less,
    less_equal,
    lt,
    ne,
    not_equal,
)
from .ops.conversion import clone
from .ops.convolution import constant_pad_nd, conv1d, conv2d, conv_transpose1d, conv_transpose2d, convolution
from .ops.creation import (
    _efficientzerotensor,
    arange,
    as_tensor,
    bernoulli,
    default_generator,
    empty,
    empty_like,
    eye,
    from_numpy,
    full,
    full_like,
    get_default_device,
    get_rng_state,
    initial_seed,
    is_floating_point,
    is_inference,
    is_tensor,
    linspace,
    manual_seed,
    multinomial,
    normal,
    numel,
    ones,
    ones_like,
    rand,
    rand_like,
    randint,
    randint_like,
    randn,
    randn_like,
    randperm,
    scalar_tensor,
    seed,
    set_default_device,
    set_rng_state,
    tensor,
    zeros,
    zeros_like,
)
from .ops.cumulative import cummax, cummin, cumprod, cumsum, flip, logcumsumexp
from .ops.diagonals import diag, diag_embed, diagonal, trace, tril, tril_indices, triu, triu_indices
from .ops.distances import cdist, cosine_similarity, diff, pairwise_distance
from .ops.dropout import (
    alpha_dropout,
    alpha_dropout_,
    dropout,
    dropout_,
    feature_alpha_dropout,
    feature_alpha_dropout_,
    feature_dropout,
    feature_dropout_,
)
from .ops.einsum import einsum
from .ops.embedding import embedding, embedding_renorm_
from .ops.extra_reductions import aminmax, nanmean, nansum
from .ops.indexing import argwhere, fill, index_put, nonzero
from .ops.joining import cat, column_stack, concat, concatenate, dstack, hstack, row_stack, stack, vstack
from .ops.linalg import (
    addmm,
    addmv,
    baddbmm,
    bmm,
    cross,
    det,
    dot,
    ger,
    inner,
    inverse,
    kron,
    logdet,
    matmul,
    matrix_power,
    mm,
    mv,
    outer,
    slogdet,
    tensordot,
)
from .ops.logical import (
    all,
    any,
    bitwise_and,
    bitwise_left_shift,
    bitwise_not,
    bitwise_or,
    bitwise_right_shift,
    bitwise_xor,
    isfinite,
    isin,
    isinf,
    isnan,
    isneginf,
    isposinf,
    isreal,
    logical_and,
    logical_not,
    logical_or,
    logical_xor,
)
from .ops.losses import kl_div
from .ops.masked import masked_select
from .ops.normalization import (
    batch_norm,
    group_norm,
    instance_norm,
    layer_norm,
    native_batch_norm,
    native_group_norm,
    native_layer_norm,
)
from .ops.norms import norm
from .ops.pointwise_binary import copysign, fmax, fmin, heaviside, hypot, lerp
from .ops.pooling import adaptive_avg_pool1d, avg_pool1d, max_pool1d, max_pool1d_with_indices, max_pool2d
from .ops.rearranging import fliplr, flipud, repeat_interleave, roll, rot90, tile
from .ops.reductions import amax, amin, argmax, argmin, logsumexp, max, maximum, mean, min, minimum, prod, sum
from .ops.rnn import mkldnn_rnn_layer
from .ops.scattering import gather, index_add, index_fill, index_select, scatter, scatter_add
from .ops.softmax import log_softmax, softmax
from .ops.sorting import (
    argsort,
    bucketize,
    kthvalue,
    median,
    mode,
    msort,
    nanmedian,
    searchsorted,
    sort,
    topk,
    unique,
)
from .ops.splitting import (
    chunk,
    dsplit,
    hsplit,
    split,
    split_with_sizes,
    tensor_split,
    unsafe_chunk,
    unsafe_split,
    unsafe_split_with_sizes,
    vsplit,
)
from .ops.statistics import bincount, histc, std, std_mean, var, var_mean
from .ops.transcendental import (
    acos,
    arccos,
    arcsin,
    arctan,
    arctan2,
    asin,
    atan,
    atan2,
    cosh,
    erf,
    exp2,
    expm1,
    log1p,
    log2,
    log10,
    logit,
    rsqrt,
    sinh,
    xlogy,
)
from .ops.unary import (
    ceil,
    clamp,
    clamp_,
    clamp_max,
    clamp_max_,
    clamp_min,
    clamp_min_,
    clip,
    clip_,
    cos,
    cos_,
    floor,
    frac,
    nan_to_num,
    nan_to_num_,
    relu,
    relu_,
    round,
    sigmoid,
    sigmoid_,
    sign,
    sin,
    sin_,
    tanh,
    tanh_,
    trunc,
    where,
)
from .ops.views import (
    broadcast_tensors,
    broadcast_to,
    flatten,
    moveaxis,
    movedim,
    narrow,
    permute,
    reshape,
    select,
    squeeze,
    swapaxes,
    swapdims,
    t,
    transpose,
    unbind,
    unflatten,
    unsqueeze,
)
from .serialization import load, save
from .storage import TypedStorage, UntypedStorage

add_numpy_names(globals(), [name for name in list(globals()) if not name.startswith("_")], Tensor)
add_out_arguments(globals())

# torch's constants (plain Python floats, and None for newaxis), after the functions above are wrapped
from math import e, inf, nan, pi  # noqa: E402

newaxis = None
