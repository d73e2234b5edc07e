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
