"""F.scaled_dot_product_attention, F.multi_head_attention_forward and nn.MultiheadAttention against torch:
values, gradients of the inputs and every parameter, the output's node (the fused CPU kernel's or the math
composite's), dropout from torch's stream, seeded initial weights, reprs, errors and warnings."""

import pytest
import torch
from _compare import same, same_error

torch.set_num_threads(1)

SDPA_SHAPES = {
    "3-d (math)": ((2, 3, 4), (2, 5, 4), (2, 5, 4)),
    "4-d (fused)": ((1, 2, 3, 4), (1, 2, 5, 4), (1, 2, 5, 4)),
    "4-d, other value size (math)": ((1, 2, 3, 4), (1, 2, 5, 4), (1, 2, 5, 6)),
    "4-d, broadcast heads (math)": ((1, 2, 3, 4), (1, 1, 5, 4), (1, 1, 5, 4)),
}
SDPA_OPTIONS = {
    "plain": {},
    "causal": {"is_causal": True},
    "scale": {"scale": 0.3},
    "negative scale": {"scale": -0.5},
    "dropout": {"dropout_p": 0.4},
}


def _sdpa(t, shapes, options, dtype, mask):
    t.manual_seed(0)
    dt = getattr(t, dtype)
    q, k, v = (t.randn(*s, dtype=dt, requires_grad=True) for s in shapes)
    options = dict(options)
    if mask == "bool":
        options["attn_mask"] = t.rand(shapes[0][-2], shapes[1][-2]) > 0.3
    elif mask == "float":
        options["attn_mask"] = t.randn(shapes[0][-2], shapes[1][-2], dtype=dt)
    out = t.nn.functional.scaled_dot_product_attention(q, k, v, **options)
    out.pow(2).sum().backward()
    node = out.grad_fn
    saved = sorted(a for a in dir(node) if a.startswith("_saved_") and "raw" not in a)
    return [out, q.grad, k.grad, v.grad, saved, t.rand(1)]


@pytest.mark.parametrize("shapes", SDPA_SHAPES)
@pytest.mark.parametrize("options", SDPA_OPTIONS)
@pytest.mark.parametrize("mask", [None, "bool", "float"])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_scaled_dot_product_attention(shapes, options, mask, dtype):
    if mask and options == "causal":
        pytest.skip("torch refuses a mask with is_causal (tested below)")
    same(lambda t: _sdpa(t, SDPA_SHAPES[shapes], SDPA_OPTIONS[options], dtype, mask))


def test_grouped_query_attention_takes_the_fused_kernel():
    def body(t):
        t.manual_seed(0)
        q = t.randn(1, 4, 3, 2, requires_grad=True)
        k, v = t.randn(1, 2, 5, 2, requires_grad=True), t.randn(1, 2, 5, 2, requires_grad=True)
        out = t.nn.functional.scaled_dot_product_attention(q, k, v, enable_gqa=True)
        out.sum().backward()
        return [out, q.grad, k.grad, v.grad]

    same(body)


def test_fully_masked_rows_give_zeros():
    def body(t):
        q, k, v = (t.randn(1, 1, 2, 3, requires_grad=True) for _ in range(3))
        mask = t.tensor([[True, True], [False, False]])
        out = t.nn.functional.scaled_dot_product_attention(q, k, v, attn_mask=mask)
        out3 = t.nn.functional.scaled_dot_product_attention(q[0], k[0], v[0], attn_mask=mask)
        (out.sum() + out3.sum()).backward()
        return [out, out3, q.grad, k.grad, v.grad]

    same(body)


@pytest.mark.parametrize("lengths", [(0, 5), (3, 0)])
def test_empty_sequences(lengths):
    def body(t):
        q = t.randn(1, 2, lengths[0], 4, requires_grad=True)
        k, v = (
            t.randn(1, 2, lengths[1], 4, requires_grad=True),
            t.randn(1, 2, lengths[1], 6, requires_grad=True),
        )
        out = t.nn.functional.scaled_dot_product_attention(q, k, v)
        out.sum().backward()
        return [out, out.grad_fn.next_functions[1][0].next_functions, q.grad, k.grad, v.grad]

    same(body)


def test_fused_kernel_has_no_second_derivative():
    def body(t):
        q, k, v = (t.randn(1, 1, 2, 3, dtype=t.float64, requires_grad=True) for _ in range(3))
        out = t.nn.functional.scaled_dot_product_attention(q, k, v)
        (g,) = t.autograd.grad(out.sum(), q, create_graph=True)
        names = [g.grad_fn.name(), [n.name() for n, _ in g.grad_fn.next_functions]]
        g.sum().backward()
        return names

    same_error(body)


@pytest.mark.parametrize(
    "call",
    [
        lambda t, q, k, v: (q, k.double(), v),
        lambda t, q, k, v: (t.randn(4), t.randn(4), t.randn(4)),
        lambda t, q, k, v: (q, k, v, t.zeros(3, 5, dtype=t.int64)),
        lambda t, q, k, v: (q, k, v, t.zeros(3, 5, dtype=t.float64)),
        lambda t, q, k, v: (q, k, v, t.zeros(3, 5), 0.0, True),
        lambda t, q, k, v: (q, k, t.randn(2, 4, 4)),
        lambda t, q, k, v: (q, t.randn(2, 5, 3), v),
        lambda t, q, k, v: (q, k, v, t.zeros(4, 5)),
        lambda t, q, k, v: (q, k, v, None, 1.5),
    ],
)
def test_scaled_dot_product_attention_errors(call):
    def body(t):
        q, k, v = t.randn(2, 3, 4), t.randn(2, 5, 4), t.randn(2, 5, 4)
        return t.nn.functional.scaled_dot_product_attention(*call(t, q, k, v))

    same_error(body)


MHA_CALLS = {
    "cross": lambda t, q, k, v, dt: ((q, k, v), {}),
    "self": lambda t, q, k, v, dt: ((q, q, q), {}),
    "shared key and value": lambda t, q, k, v, dt: ((q, k, k), {}),
    "no weights": lambda t, q, k, v, dt: ((q, k, v), {"need_weights": False}),
    "per-head weights": lambda t, q, k, v, dt: ((q, k, v), {"average_attn_weights": False}),
    "bool mask": lambda t, q, k, v, dt: ((q, k, v), {"attn_mask": t.rand(4, 5) > 0.3}),
    "float mask, no weights": lambda t, q, k, v, dt: (
        (q, k, v),
        {"attn_mask": t.randn(4, 5, dtype=dt), "need_weights": False},
    ),
    "3-d mask": lambda t, q, k, v, dt: ((q, k, v), {"attn_mask": t.randn(6, 4, 5, dtype=dt)}),
    "padding mask": lambda t, q, k, v, dt: (
        (q, k, v),
        {"key_padding_mask": t.tensor([[False] * 4 + [True]] * 3)},
    ),
    "padding mask, no weights": lambda t, q, k, v, dt: (
        (q, k, v),
        {"key_padding_mask": t.tensor([[False] * 4 + [True]] * 3), "need_weights": False},
    ),
    "causal": lambda t, q, k, v, dt: (
        (q, q, q),
        {
            "attn_mask": t.triu(t.full((4, 4), float("-inf"), dtype=dt), 1),
            "is_causal": True,
            "need_weights": False,
        },
    ),
}
MHA_OPTIONS = {
    "default": {},
    "batch_first": {"batch_first": True},
    "kdim/vdim": {"kdim": 6, "vdim": 7},
    "no bias": {"bias": False},
    "bias_kv": {"add_bias_kv": True},
    "zero attention": {"add_zero_attn": True},
    "dropout": {"dropout": 0.3},
}


def _mha(t, options, call, dtype, train=True):
    t.manual_seed(0)
    dt = getattr(t, dtype)
    layer = t.nn.MultiheadAttention(8, 2, dtype=dt, **options)
    layer.train(train)
    batch_first = options.get("batch_first", False)

    def shape(length, size=8):
        return (3, length, size) if batch_first else (length, 3, size)

    q = t.randn(*shape(4), dtype=dt, requires_grad=True)
    k = t.randn(*shape(5, options.get("kdim", 8)), dtype=dt, requires_grad=True)
    v = t.randn(*shape(5, options.get("vdim", 8)), dtype=dt, requires_grad=True)
    args, kwargs = call(t, q, k, v, dt)
    out, weights = layer(*args, **kwargs)
    out.pow(2).sum().backward()
    grads = [x.grad for x in (q, k, v)]
    return [
        out,
        weights,
        [(n, p, p.grad) for n, p in layer.named_parameters()],
        grads,
        repr(layer),
        t.rand(1),
    ]


@pytest.mark.parametrize("options", MHA_OPTIONS)
@pytest.mark.parametrize("call", MHA_CALLS)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_multihead_attention(options, call, dtype):
    if options == "kdim/vdim" and call in ("self", "shared key and value", "causal"):
        pytest.skip("query, key and value have different sizes")
    if call == "causal" and options != "default":
        pytest.skip("one causal case is enough")
    same(lambda t: _mha(t, MHA_OPTIONS[options], MHA_CALLS[call], dtype))


def test_multihead_attention_in_eval_mode_and_unbatched():
    def body(t):
        t.manual_seed(0)
        layer = t.nn.MultiheadAttention(8, 2, batch_first=True).eval()
        x = t.randn(3, 4, 8)
        with t.no_grad():
            fast = layer(x, x, x)
        y = t.randn(4, 8, requires_grad=True)
        out, weights = layer(y, y, y)
        out.sum().backward()
        return [fast, layer(x, x, x, need_weights=False), out, weights, y.grad, repr(layer.out_proj)]

    same(body)


@pytest.mark.parametrize(
    "make",
    [
        lambda t: t.nn.MultiheadAttention(8, 3),
        lambda t: t.nn.MultiheadAttention(0, 2),
        lambda t: t.nn.MultiheadAttention(8, 2)(t.randn(4, 3, 8), t.randn(5, 3, 8), t.randn(6, 3, 8)),
        lambda t: t.nn.MultiheadAttention(8, 2)(
            t.randn(4, 3, 8), t.randn(5, 3, 8), t.randn(5, 3, 8), attn_mask=t.zeros(4, 4)
        ),
        lambda t: t.nn.MultiheadAttention(8, 2)(
            t.randn(4, 3, 8), t.randn(5, 3, 8), t.randn(5, 3, 8), key_padding_mask=t.zeros(3, 4, dtype=t.bool)
        ),
        lambda t: t.nn.MultiheadAttention(8, 2)(
            t.randn(4, 3, 8), t.randn(5, 3, 8), t.randn(5, 3, 8), attn_mask=t.zeros(4, 5, dtype=t.int64)
        ),
        lambda t: t.nn.MultiheadAttention(8, 2)(t.randn(4, 8), t.randn(5, 3, 8), t.randn(5, 3, 8)),
        lambda t: t.nn.MultiheadAttention(8, 2)(t.randn(4, 3, 7), t.randn(5, 3, 7), t.randn(5, 3, 7)),
        lambda t: t.nn.MultiheadAttention(8, 2)(
            t.randn(4, 3, 8), t.randn(5, 3, 8), t.randn(5, 3, 8), is_causal=True
        ),
    ],
)
def test_multihead_attention_errors(make):
    same_error(make)


def test_mismatched_mask_types_warn_as_torch():
    def body(t):
        layer = t.nn.MultiheadAttention(8, 2)
        q, kv = t.randn(4, 3, 8), t.randn(5, 3, 8)
        return layer(q, kv, kv, attn_mask=t.zeros(4, 5), key_padding_mask=t.zeros(3, 5, dtype=t.bool))[0]

    same(body)


def test_second_derivatives_of_the_math_path_in_float64():
    """torch's large-magnitude causal sample, where the softmax saturates: float64 agrees (float32 differs by
    rounding, see conformance/expectations/minigrad.toml)."""

    def body(t):
        t.manual_seed(0)
        q, k, v = ((t.randn(4, n, 8, dtype=t.float64) * 5).requires_grad_() for n in (3, 6, 6))
        out = t.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=True)
        grads = t.autograd.grad((out * out.detach().cos()).sum(), [q, k, v], create_graph=True)
        return t.autograd.grad(sum((g * g).sum() for g in grads), [q, k, v])

    same(body)
