"""torch's CPU random generator, so that a seed gives torch's numbers.

torch draws from a 32-bit Mersenne Twister seeded like std::mt19937 (numpy's MT19937 runs the same engine
once its key is set the same way), then turns raw bits into samples with its own recipes:
- uniform: the low 24 (float32) or 53 (float64, from two draws) bits of a draw, times 2**-bits;
- normal, 16 or more values: fill with uniforms, then Box-Muller over each block of 16 (the first 8 are
  u1, the last 8 u2); a tail that is not a full block redraws the last 16 values and transforms them;
- normal, fewer values or a non-contiguous destination: one float64 Box-Muller pair per two values,
  the second value cached in the generator for the next draw (even by a later call).
"""

import os

import numpy as np

from .fma import fma

DEFAULT_SEED = 67280421310721  # torch's default_rng_seed_val, the seed of a new Generator()
_MANTISSA_BITS = {np.dtype(np.float16): 11, np.dtype(np.float32): 24, np.dtype(np.float64): 53}


def _mt19937_key(seed):
    """std::mt19937's seeding (init_genrand) of the 624-word state from the low 32 bits of the seed."""
    key = [seed & 0xFFFFFFFF]
    for i in range(1, 624):
        prev = key[-1]
        key.append((1812433253 * (prev ^ (prev >> 30)) + i) & 0xFFFFFFFF)
    return np.array(key, dtype=np.uint32)


class Generator:
    """A torch.Generator on the CPU: manual_seed's return value and the generator= argument."""

    def __init__(self, device="cpu"):
        self.manual_seed(DEFAULT_SEED)

    def manual_seed(self, seed):
        self._seed = int(seed) & 0xFFFFFFFFFFFFFFFF
        self._engine = np.random.MT19937()
        # pos 624: the whole state is regenerated before the first draw, as std::mt19937 does
        self._engine.state = {
            "bit_generator": "MT19937",
            "state": {"key": _mt19937_key(self._seed), "pos": 624},
        }
        self._next_normal = None  # the cached second value of a scalar Box-Muller pair
        return self

    def initial_seed(self):
        return self._seed

    def _draws(self, n):
        return self._engine.random_raw(n).astype(np.uint64)

    def _uniform(self, n, dtype):
        bits = _MANTISSA_BITS[dtype]
        if bits > 32:
            pairs = self._draws(2 * n).reshape(n, 2)
            raw = (pairs[:, 0] << np.uint64(32)) | pairs[:, 1]  # first draw is the high word
        else:
            raw = self._draws(n)
        return ((raw & np.uint64((1 << bits) - 1)) * 2.0**-bits).astype(dtype)

    def uniform(self, shape, dtype):
        """torch.rand's samples in [0, 1), in torch's order."""
        return self._uniform(int(np.prod(shape)), np.dtype(dtype)).reshape(shape)

    def normal(self, shape, dtype, contiguous=True):
        """torch.randn's samples, in torch's (memory) order; a non-contiguous destination is filled one
        value at a time, as torch does."""
        dtype = np.dtype(dtype)
        n = int(np.prod(shape))
        if n < 16 or not contiguous:
            return (
                np.array([self._scalar_normal() for _ in range(n)], dtype=np.float64)
                .astype(dtype)
                .reshape(shape)
            )
        data = self._uniform(n, dtype)
        full = n - n % 16
        _box_muller_blocks(data[:full])
        if n % 16:
            tail = self._uniform(16, dtype)
            _box_muller_blocks(tail)
            data[n - 16 :] = tail
        return data.reshape(shape)

    def _scalar_normal(self):
        cached = self._next_normal
        if cached is not None:
            self._next_normal = None
            return cached
        u1, u2 = self._uniform(2, np.dtype(np.float64))
        radius = np.sqrt(-2.0 * np.log1p(-u2))
        theta = 2.0 * np.pi * u1
        self._next_normal = radius * np.sin(theta)
        return radius * np.cos(theta)


def default_generator():
    """The process's generator: torch seeds it from the OS at startup, so unseeded programs differ per run."""
    return Generator().manual_seed(int.from_bytes(os.urandom(8), "little"))


def _box_muller_blocks(data):
    """In place, per block of 16 uniforms: u1 = 1 - first 8 (so log never sees 0), u2 = last 8."""
    blocks = data.reshape(-1, 16)
    u1 = 1 - blocks[:, :8]
    u2 = blocks[:, 8:]
    radius = np.sqrt(-2 * np.log(u1))
    theta = (2.0 * np.pi * u2).astype(data.dtype)
    blocks[:, :8] = radius * np.cos(theta)
    blocks[:, 8:] = radius * np.sin(theta)


# ---- the other distributions (ATen's CPU kernels: DistributionTemplates.h, DistributionsHelper.h) -----
# Each method returns the values a kernel writes, one per element in the order the kernel visits them
# (memory order); the callers place them.

_STATE_BYTES = 5056  # sizeof(CPUGeneratorImplState), the layout torch.get_rng_state() returns


def _raw64(gen, n):
    """random64(): two 32-bit draws, the first one the high word."""
    pairs = gen._draws(2 * n).reshape(n, 2)
    return (pairs[:, 0] << np.uint64(32)) | pairs[:, 1]


def uniform_real(gen, n, dtype, low, high):
    """uniform_(low, high): a uniform of the dtype's precision scaled in the dtype's arithmetic (float32 for
    float16), where a value that rounds up to `high` becomes `low`."""
    dtype = np.dtype(dtype)
    math = np.dtype(np.float64) if dtype == np.float64 else np.dtype(np.float32)
    unit = gen._uniform(n, math)
    lo, hi = math.type(low), math.type(high)
    with np.errstate(over="ignore", invalid="ignore"):
        values = fma(unit, hi - lo, lo, math).astype(
            dtype
        )  # the compiled kernel fuses x * (to - from) + from
    values[values == dtype.type(high)] = dtype.type(low)
    return values


def normal_values(gen, n, dtype, mean, std, contiguous):
    """normal_(mean, std): blocks of 16 for 16 or more contiguous values, else one double pair at a time."""
    dtype = np.dtype(dtype)
    if n >= 16 and contiguous and dtype == np.float16:
        # computed in float32 block by block: the tail's 16 uniforms follow the last full block's
        full = n - n % 16
        standard = np.empty(n, dtype=np.float32)
        standard[:full] = gen.normal((full,), np.float32)
        if n % 16:
            standard[n - 16 :] = gen.normal((16,), np.float32)
        return fma(standard, np.float32(std), np.float32(mean), np.float32).astype(dtype)
    if n >= 16 and contiguous:
        return fma(gen.normal((n,), dtype), dtype.type(std), dtype.type(mean), dtype)
    standard = np.array([gen._scalar_normal() for _ in range(n)], dtype=np.float64)
    return fma(standard, std, mean, np.float64).astype(dtype)


def exponential(gen, n, lambd):
    """exponential_(lambd), in double: -1/lambd * log1p(-u)."""
    with np.errstate(divide="ignore"):
        return -1.0 / lambd * np.log1p(-gen._uniform(n, np.dtype(np.float64)))


def bernoulli_scalar(gen, n, p):
    """bernoulli_(p) for a number p: a double uniform below p."""
    return gen._uniform(n, np.dtype(np.float64)) < p


def bernoulli_tensor(gen, probabilities):
    """bernoulli with a probability per element: a uniform of p's precision (float for float16/32)."""
    math = np.dtype(np.float64) if probabilities.dtype == np.float64 else np.dtype(np.float32)
    flat = probabilities.reshape(-1)
    return gen._uniform(flat.size, math) < flat.astype(math)


def random_from_to(gen, n, span, base):
    """random_(from, to) and randint: (draw % span) + from, the draw 64 bits wide when span >= 2**28."""
    draws = _raw64(gen, n) if span >= 1 << 28 else gen._draws(n)
    return (draws % np.uint64(span)).astype(np.int64) + base


def random_full_range(gen, n):
    """random_(-2**63, None): every int64."""
    return _raw64(gen, n).view(np.int64)


_RANDOM_MODULUS = {  # random_() without bounds: the largest value + 1 (floats: 2**digits + 1)
    np.dtype(np.bool_): 2,
    np.dtype(np.uint8): 2**8,
    np.dtype(np.int8): 2**7,
    np.dtype(np.int16): 2**15,
    np.dtype(np.int32): 2**31,
    np.dtype(np.int64): 2**63,
    np.dtype(np.float16): 2**11 + 1,
    np.dtype(np.float32): 2**24 + 1,
    np.dtype(np.float64): 2**53 + 1,
}


def random_default(gen, n, dtype):
    dtype = np.dtype(dtype)
    wide = dtype in (np.dtype(np.float64), np.dtype(np.int64))
    draws = _raw64(gen, n) if wide else gen._draws(n)
    return (draws % np.uint64(_RANDOM_MODULUS[dtype])).astype(dtype)


def randperm(gen, n):
    """Fisher-Yates as torch's CPU kernel runs it: position i swaps with i + draw % (n - i)."""
    perm = list(range(n))
    draws = gen._draws(max(n - 1, 0)).tolist()
    for i, draw in enumerate(draws):
        j = i + draw % (n - i)
        perm[i], perm[j] = perm[j], perm[i]
    return perm


def multinomial_with_replacement(gen, rows, n_sample):
    """ATen's kernel: per row a cumulative sum in the input's dtype (float32 for float16), normalised, its
    last entry set to 1, and a binary search for each double uniform."""
    math = np.float64 if rows.dtype == np.float64 else np.float32
    result = np.empty((rows.shape[0], n_sample), dtype=np.int64)
    for i, row in enumerate(rows.astype(math)):
        cumulative = np.cumsum(row, dtype=math)  # sequential, as the kernel adds
        cumulative /= cumulative[-1]
        cumulative[-1] = 1
        uniforms = gen._uniform(n_sample, np.dtype(np.float64))
        result[i] = np.searchsorted(cumulative.astype(np.float64), uniforms, side="left")
    return result


def get_state(gen):
    """torch's CPUGeneratorImplState as bytes: seed, left, seeded, next, the 624 state words, the legacy
    normal fields (the cached double sample in normal_y), the float sample fields."""
    state = gen._engine.state["state"]
    pos = int(state["pos"])
    raw = np.zeros(_STATE_BYTES, dtype=np.uint8)
    head = np.array([gen._seed], dtype=np.uint64).view(np.uint8)
    raw[0:8] = head
    raw[8:12] = np.array([625 - pos], dtype=np.int32).view(np.uint8)  # left: draws before regenerating, + 1
    raw[12:16] = np.array([1], dtype=np.int32).view(np.uint8)
    raw[16:24] = np.array([pos % 624], dtype=np.uint64).view(np.uint8)
    raw[24:5016] = state["key"].astype(np.uint64).view(np.uint8)
    if gen._next_normal is not None:
        raw[5024:5032] = np.array([gen._next_normal], dtype=np.float64).view(np.uint8)
        raw[5040:5044] = np.array([1], dtype=np.int32).view(np.uint8)
    return raw


def set_state(gen, raw):
    raw = np.ascontiguousarray(raw, dtype=np.uint8)
    gen._seed = int(raw[0:8].view(np.uint64)[0])
    left = int(raw[8:12].view(np.int32)[0])
    key = raw[24:5016].view(np.uint64).astype(np.uint32)
    gen._engine = np.random.MT19937()
    gen._engine.state = {"bit_generator": "MT19937", "state": {"key": key, "pos": 625 - left}}
    valid = int(raw[5040:5044].view(np.int32)[0])
    gen._next_normal = float(raw[5024:5032].view(np.float64)[0]) if valid else None
