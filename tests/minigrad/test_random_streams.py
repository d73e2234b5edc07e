"""The random functions beyond rand/randn draw torch's numbers for the same seed: uniform_/normal_/
exponential_/bernoulli_/random_ and friends, randint, randperm, multinomial, normal's overloads, bernoulli,
the generator's state, across seeds, shapes, dtypes and memory layouts."""

import pytest
from _compare import same, same_error
from hypothesis import given, settings
from hypothesis import strategies as st

seeds = st.integers(0, 2**64 - 1)
shapes = st.one_of(st.just(()), st.lists(st.integers(0, 25), min_size=1, max_size=3).map(tuple))
float_dtypes = st.sampled_from(["float16", "float32", "float64"])


@settings(max_examples=20, deadline=None)
@given(seed=seeds, shape=shapes, dtype=float_dtypes, low=st.floats(-5, 5), width=st.floats(0, 10))
def test_uniform_and_normal_in_place(seed, shape, dtype, low, width):
    def body(t):
        t.manual_seed(seed)
        dt = getattr(t, dtype)
        return [
            t.empty(shape, dtype=dt).uniform_(low, low + width),
            t.empty(shape, dtype=dt).normal_(low, width),
            t.empty(shape, dtype=dt).normal_(),
            t.empty(shape, dtype=dt).exponential_(width + 0.5),
        ]

    same(body)


@settings(max_examples=20, deadline=None)
@given(seed=seeds, rows=st.integers(1, 20), cols=st.integers(1, 20), dtype=float_dtypes)
def test_non_contiguous_destinations_fill_in_memory_order(seed, rows, cols, dtype):
    def body(t):
        t.manual_seed(seed)
        dt = getattr(t, dtype)
        a = t.empty(rows, cols, dtype=dt)
        b = t.empty(rows, cols, dtype=dt)
        return [
            a.t().uniform_(),
            b.t().normal_(2.0, 0.5),
            t.empty(rows, 2 * cols, dtype=dt)[:, ::2].normal_(),
        ]

    same(body)


@settings(max_examples=20, deadline=None)
@given(
    seed=seeds,
    shape=shapes,
    p=st.floats(0, 1),
    dtype=st.sampled_from(["float32", "float64", "int64", "bool"]),
)
def test_bernoulli(seed, shape, p, dtype):
    def body(t):
        t.manual_seed(seed)
        probabilities = t.rand(shape, dtype=t.float64 if dtype == "float64" else t.float32)
        return [
            t.empty(shape, dtype=getattr(t, dtype)).bernoulli_(p),
            t.bernoulli(probabilities),
            probabilities.bernoulli(p),
            t.empty(shape).bernoulli_(probabilities.float()),
        ]

    same(body)


@settings(max_examples=20, deadline=None)
@given(
    seed=seeds,
    shape=shapes,
    low=st.integers(-(2**40), 2**40),
    span=st.one_of(st.integers(1, 100), st.integers(1, 2**35)),
    dtype=st.sampled_from(["int64", "float64", "int32"]),
)
def test_randint_and_random_(seed, shape, low, span, dtype):
    if dtype == "int32":
        low, span = low % 1000, span % 1000 + 1
    if dtype == "float64":
        low, span = low % 2**20, span % 2**20 + 1

    def body(t):
        t.manual_seed(seed)
        dt = getattr(t, dtype)
        return [
            t.randint(low, low + span, shape, dtype=dt),
            t.randint(span, shape),
            t.empty(shape, dtype=dt).random_(low, low + span),
            t.empty(shape, dtype=dt).random_(span),
            t.empty(shape, dtype=dt).random_(),
            t.randint_like(t.ones(shape), low % 7, low % 7 + 3),
        ]

    same(body)


@pytest.mark.parametrize("dtype", ["bool", "uint8", "int8", "int16", "int32", "int64", "float16", "float32"])
def test_random_without_bounds_per_dtype(dtype):
    def body(t):
        t.manual_seed(7)
        return t.empty(50, dtype=getattr(t, dtype)).random_()

    same(body)


@settings(max_examples=20, deadline=None)
@given(seed=seeds, n=st.integers(0, 300))
def test_randperm(seed, n):
    def body(t):
        t.manual_seed(seed)
        return t.randperm(n), t.randperm(n, dtype=t.float32), t.rand(2)

    same(body)


@settings(max_examples=25, deadline=None)
@given(
    seed=seeds,
    rows=st.one_of(st.none(), st.integers(1, 4)),
    categories=st.integers(1, 12),
    samples=st.integers(1, 12),
    replacement=st.booleans(),
    dtype=st.sampled_from(["float32", "float64"]),
)
def test_multinomial(seed, rows, categories, samples, replacement, dtype):
    if not replacement:
        samples = min(samples, categories)
    shape = (categories,) if rows is None else (rows, categories)

    def body(t):
        t.manual_seed(seed)
        weights = t.rand(shape, dtype=getattr(t, dtype)) + 0.01
        return (
            t.multinomial(weights, samples, replacement),
            weights.multinomial(samples, replacement),
            t.rand(2),
        )

    same(body)


def test_normal_overloads_and_their_nodes():
    def body(t):
        t.manual_seed(5)
        mean = t.full((3, 1), 0.5, requires_grad=True)
        std = t.full((4,), 2.0, requires_grad=True)
        both = t.normal(mean, std)
        both.sum().backward()
        return [
            both,
            t.normal(mean, 0.5),
            t.normal(1.0, std),
            t.normal(t.zeros(20), 3.0),
            t.normal(2.0, 3.0, (4, 5)),
            t.normal(2.0, 3.0, size=(17,), dtype=t.float64),
            mean.grad,
            std.grad,
        ]

    same(body)


def test_in_place_random_ops_on_graphs():
    def body(t):
        a = t.ones(3, requires_grad=True)
        results = []
        for fill in (
            "uniform_",
            "normal_",
            "exponential_",
            "bernoulli_",
            "random_",
            "cauchy_",
            "log_normal_",
        ):
            x = a * 2
            getattr(x, fill)()
            x.sum().backward()
            results += [x.grad_fn, a.grad]
        return results

    same(body)


def test_generators_and_rng_state():
    def body(t):
        t.manual_seed(0)
        g = t.Generator().manual_seed(3)
        state = t.get_rng_state()
        first = t.randn(3), t.randint(10, (4,)), t.randn(1)
        t.set_rng_state(state)
        again = t.randn(3), t.randint(10, (4,)), t.randn(1)
        saved = g.get_state()
        from_g = t.randperm(5, generator=g)
        g.set_state(saved)
        return [*first, *again, state, from_g, t.randperm(5, generator=g), t.initial_seed(), g.initial_seed()]

    same(body)


@pytest.mark.parametrize(
    "call",
    [
        lambda t: t.ones(3, requires_grad=True).uniform_(),
        lambda t: t.randint(3, 2, (2,)),
        lambda t: t.multinomial(t.ones(3), 4),
        lambda t: t.multinomial(t.ones(3), 0),
        lambda t: t.multinomial(t.ones(2, 2, 2), 1),
        lambda t: t.multinomial(t.tensor([1, 2]), 1),
        lambda t: t.multinomial(t.tensor([1.0, -1.0]), 1),
        lambda t: t.multinomial(t.tensor([1.0, float("nan")]), 2, True),
        lambda t: t.multinomial(t.zeros(2), 1),
        lambda t: t.empty(3, dtype=t.int64).normal_(),
        lambda t: t.empty(3, dtype=t.int64).uniform_(),
        lambda t: t.empty(3).uniform_(2, 1),
        lambda t: t.empty(3).normal_(0, -1),
        lambda t: t.empty(3).bernoulli_(1.5),
        lambda t: t.empty(3).exponential_(-1),
        lambda t: t.empty(3).random_(5, 2),
        lambda t: t.randperm(-1),
        lambda t: t.normal(0.0, -1.0, (2,)),
        lambda t: t.empty(3).cauchy_(0, 0),
        lambda t: t.empty(3).cauchy_(1, -1.5),
        lambda t: t.empty(3).cauchy_(0, float("nan")),
        lambda t: t.empty(3, dtype=t.int64).cauchy_(0, 0),
        lambda t: t.empty(3, dtype=t.int64).cauchy_(),
        lambda t: t.empty(3, dtype=t.int8).cauchy_(),
        lambda t: t.empty(3, dtype=t.bool).cauchy_(),
    ],
)
def test_errors(call):
    same_error(call)


RANDOM_OUT_CALLS = [
    "T.bernoulli(p, out=T.empty(4))",
    "T.bernoulli(p, out=T.empty(4, dtype=T.float64))",
    "T.bernoulli(p, out=T.empty(4, dtype=T.int64))",
    "T.bernoulli(p, out=T.empty(2))",
    "T.bernoulli(p, out=T.empty(4, dtype=T.bool))",
    "T.bernoulli(p, 0.5, out=T.empty(4))",
    "T.bernoulli(p.clone().requires_grad_(), out=T.empty(4))",
    "T.bernoulli(p, out='a')",
    "T.bernoulli(p, out=T.empty(4, requires_grad=True))",
    "T.multinomial(p, 2, out=T.empty(2, dtype=T.int64))",
    "T.multinomial(p, 2, out=T.empty(2))",
    "T.multinomial(p, 2, out=T.empty(3, dtype=T.int64))",
    "T.multinomial(p, 2, out=T.empty(2, dtype=T.int32))",
    "T.multinomial(p, 2, True, out=T.empty(5, dtype=T.int64))",
    "T.multinomial(p, 5, out=T.empty(5, dtype=T.int64))",
    "T.multinomial(p, 5, out=T.empty(5))",
    "T.multinomial(p.clone().requires_grad_(), 2, out=T.empty(2, dtype=T.int64))",
    "T.multinomial(p.long(), 2, out=T.empty(2))",
    "T.multinomial(p, 2, out='a')",
]


@pytest.mark.parametrize("call", RANDOM_OUT_CALLS)
def test_bernoulli_and_multinomial_out(call):
    # the same draws as without out=, written into out (resized silently, cast to its dtype; multinomial
    # wants a Long out, checked after the input's dtype and before the sample count); out's version counts
    def body(T):
        T.manual_seed(3)
        result = eval(call, {"T": T, "p": T.tensor([0.5, 0.2, 0.9, 0.4])})
        return result, result._version

    same(body)
