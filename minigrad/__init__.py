"""minigrad: an autograd engine on numpy that behaves like torch.autograd (`import minigrad as torch`).

This file is the torch-shaped namespace: a flat list of imports. Add new op families below.
"""

__version__ = "0.1.0"

from . import autograd, cuda, nn, optim, utils
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

# Last, once every op is defined and registered: numpy's axis=/keepdims= names, as torch's parser takes them
from ._numpy_names import add_numpy_names  # noqa: E402
from .autograd.anomaly_mode import is_anomaly_check_nan_enabled, is_anomaly_enabled, set_anomaly_enabled

# families without functions of torch's namespace: loaded for their Tensor methods and the ops formulas reach
from .ops import losses as _losses  # noqa: F401
from .ops import masked as _masked  # noqa: F401
from .ops.arithmetic import (
    abs,
    add,
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
from .ops.creation import (
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
    is_tensor,
    linspace,
    manual_seed,
    multinomial,
    normal,
    ones,
    ones_like,
    rand,
    rand_like,
    randint,
    randint_like,
    randn,
    randn_like,
    randperm,
    seed,
    set_default_device,
    set_rng_state,
    tensor,
    zeros,
    zeros_like,
)
from .ops.cumulative import cumsum, flip
from .ops.indexing import argwhere, fill, index_put, nonzero
from .ops.joining import cat, column_stack, concat, concatenate, dstack, hstack, row_stack, stack, vstack
from .ops.linalg import addmm, bmm, dot, matmul, mm, mv
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
from .ops.reductions import amax, amin, argmax, argmin, logsumexp, max, maximum, mean, min, minimum, prod, sum
from .ops.softmax import log_softmax, softmax
from .ops.splitting import chunk, dsplit, hsplit, split, split_with_sizes, tensor_split, vsplit
from .ops.transcendental import (
    acos,
    arccos,
    arcsin,
    arctan,
    asin,
    atan,
    cosh,
    erf,
    exp2,
    expm1,
    log1p,
    log2,
    log10,
    rsqrt,
    sinh,
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

add_numpy_names(globals(), [name for name in list(globals()) if not name.startswith("_")], Tensor)
