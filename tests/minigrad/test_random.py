"""manual_seed, Generator, rand/randn(_like): a seed gives torch's numbers, in torch's order."""

import pytest
from _compare import same, same_error
from hypothesis import given, settings
from hypothesis import strategies as st

shapes = st.one_of(
    st.just(()),
    st.lists(st.integers(0, 40), min_size=1, max_size=2).map(tuple),
)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**64 - 1), shape=shapes, dtype=st.sampled_from(["float32", "float64"]))
def test_seeded_draws_are_torchs(seed, shape, dtype):
    def body(t):
        t.manual_seed(seed)
        dt = getattr(t, dtype)
        # several calls in a row: each one must leave the generator where torch leaves it (the cached
        # second value of a scalar normal pair included)
        return [t.randn(shape, dtype=dt), t.rand(shape, dtype=dt), t.randn(3, dtype=dt), t.randn(shape)]

    same(body)


@pytest.mark.parametrize("n", [1, 2, 15, 16, 17, 31, 32, 33, 100])
def test_normal_sizes_around_the_block_of_16(n):
    def body(t):
        t.manual_seed(n)
        return t.randn(n), t.randn(n, dtype=t.float64), t.rand(n, dtype=t.float64)

    same(body)


def test_generators_and_like_variants():
    def body(t):
        fresh = t.Generator()  # torch seeds a new Generator with a fixed default
        g = t.Generator().manual_seed(7)
        t.manual_seed(3)
        return (
            fresh.initial_seed(),
            t.rand(4, generator=fresh),
            t.rand(2, 3, generator=g),
            t.randn(5, generator=g),
            t.randn_like(t.ones(20)),
            t.rand_like(t.ones(2, dtype=t.float64)),
            t.manual_seed(3).initial_seed(),
            t.rand(2, requires_grad=True),
        )

    same(body)


@pytest.mark.parametrize("name", ["zeros", "ones", "empty", "rand", "randn"])
@pytest.mark.parametrize("kwargs", [{}, {"requires_grad": True}])
def test_a_size_is_required(name, kwargs):
    def body(t):
        return getattr(t, name)(**kwargs)

    same_error(body)
