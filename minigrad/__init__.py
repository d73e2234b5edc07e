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
from .factories import (
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
    sqrt,
    sub,
    subtract,
    true_divide,
)
from .ops.comparison import eq, equal, ge, gt, le, lt, ne
from .ops.conversion import clone
from .ops.cumulative import cumsum, flip
from .ops.indexing import index_put
from .ops.joining import cat, concat, concatenate, stack
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
    isin,
    logical_and,
    logical_not,
    logical_or,
    logical_xor,
)
from .ops.reductions import amax, amin, argmax, argmin, logsumexp, max, maximum, mean, min, minimum, prod, sum
from .ops.softmax import log_softmax, softmax
from .ops.transcendental import (
    acos,
    arccos,
    arcsin,
    arctan,
    asin,
    atan,
    cosh,
    erf,
    expm1,
    log1p,
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
    relu,
    relu_,
    round,
    sgn,
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
    flatten,
    narrow,
    permute,
    reshape,
    select,
    squeeze,
    t,
    transpose,
    unbind,
    unflatten,
    unsqueeze,
)

add_numpy_names(globals(), [name for name in list(globals()) if not name.startswith("_")], Tensor)
