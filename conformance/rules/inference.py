"""Inference tensors: what torch.inference_mode makes, and what autograd refuses to do with them later."""

from hypothesis import strategies as st

from conformance.catalog import Rule
from conformance.strategies import float_dtypes

DOCS = "https://pytorch.org/docs/stable/notes/autograd.html#inference-mode"
DOCS_API = "https://pytorch.org/docs/stable/generated/torch.autograd.grad_mode.inference_mode.html"

MADE = Rule(
    id="INFER-001",
    area="inference",
    title="Inside inference_mode, new tensors are inference tensors; views of normal tensors are not",
    explanation="""
        Every tensor allocated inside `with torch.inference_mode():` is an inference tensor
        (t.is_inference() is True): factories and the results of ops, also ops on tensors that require
        grad (which record nothing, so the results do not require grad). A view of a normal tensor taken
        inside stays a normal tensor, and so do tensors made under inference_mode(False) nested inside.
        torch.is_inference_mode_enabled() tells the mode; grad mode reads as disabled inside.
    """,
    example="""
        import torch
        normal = torch.ones(2)
        w = torch.ones(2, requires_grad=True)
        with torch.inference_mode():
            made, result, view, tracked = torch.zeros(2), normal * 2, normal[0], w * 2
            print(made.is_inference(), result.is_inference(), view.is_inference(), tracked.requires_grad)
            with torch.inference_mode(False):
                print(torch.ones(1).is_inference(), torch.is_inference_mode_enabled())
        print(made.is_inference(), torch.is_inference_mode_enabled())
    """,
    source=DOCS,
)

MADE_FORMS = [
    "torch.zeros(2)", "torch.tensor([1.0, 2.0])", "n * 2", "n[0]", "n.view(-1)", "w * 2", "w.detach()",
    "n.clone()", "torch.cat([n, n])", "n.t() if n.dim() == 2 else n.unsqueeze(0)", "w[1:]", "n.data",
    "torch.ones_like(n)",
]  # fmt: skip


@MADE.check(
    "flags",
    form=st.sampled_from(MADE_FORMS),
    mode=st.sampled_from(
        ["inference_mode()", "inference_mode(False) inside inference_mode()", "decorator", "no_grad()"]
    ),
    dtype=float_dtypes(),
)
def inference_flags(torch, obs, form, mode, dtype):
    dt = getattr(torch, dtype)
    n = torch.tensor([1.0, 2.0, 3.0], dtype=dt)
    w = torch.tensor([1.0, 2.0, 3.0], dtype=dt, requires_grad=True)

    def make():
        obs.record("modes inside", (torch.is_inference_mode_enabled(), torch.is_grad_enabled()))
        return eval(form, {"torch": torch, "n": n, "w": w})

    if mode == "inference_mode()":
        with torch.inference_mode():
            t = make()
    elif mode == "no_grad()":
        with torch.no_grad():
            t = make()
    elif mode == "decorator":
        t = torch.inference_mode()(make)()
    else:
        with torch.inference_mode():
            with torch.inference_mode(False):
                t = make()
    obs.record("is_inference", t.is_inference())
    obs.record("requires_grad", t.requires_grad)
    obs.record("value", t)
    obs.record("modes after", (torch.is_inference_mode_enabled(), torch.is_grad_enabled()))


REFUSED = Rule(
    id="INFER-002",
    area="inference",
    title="Outside inference_mode an inference tensor refuses in-place updates, versions and autograd",
    explanation="""
        Out of inference mode, an inference tensor can be read and used in ops that record nothing, but
        an in-place update raises ("Inplace update to inference tensor outside InferenceMode is not
        allowed"), reading _version raises ("Inference tensors do not track version counter."), setting
        requires_grad=True raises, and an op that would save it for backward raises ("Inference tensors
        cannot be saved for backward"). Ops that save nothing of it (an addition) are fine. A clone()
        made outside inference mode is a normal tensor and can do all of these.
    """,
    example="""
        import torch
        with torch.inference_mode():
            t = torch.ones(2)
        w = torch.ones(2, requires_grad=True)
        print((t + w).sum())
        for attempt in (lambda: t.add_(1), lambda: t._version, lambda: (t * w).sum()):
            try:
                attempt()
            except RuntimeError as e:
                print(str(e).split(".")[0])
        c = t.clone()
        c.add_(1)
        print(c, c.is_inference())
    """,
    source=DOCS_API,
)

REFUSED_ATTEMPTS = [
    "t.add_(1)", "t.zero_()", "t[0] = 5.0", "t._version", "t.requires_grad_()", "(t * w).sum().backward()",
    "(t + w).sum().backward()", "(w * 2 + t).exp().sum().backward()",
    "torch.mm(t.view(1, -1), w.view(-1, 1))", "c = t.clone(); c.add_(1); c._version", "n.copy_(t)",
    "t.copy_(n)", "t.detach().add_(1)", "t * 2", "t.sum()", "w.data.copy_(t)", "t.requires_grad_(False)",
    "t.view(-1)", "t.clone().requires_grad_()",
]  # fmt: skip


@REFUSED.check(
    "outside", attempt=st.sampled_from(REFUSED_ATTEMPTS), dtype=float_dtypes(), inside=st.booleans()
)
def inference_refusals(torch, obs, attempt, dtype, inside):
    dt = getattr(torch, dtype)
    with torch.inference_mode():
        t = torch.tensor([1.0, -2.0, 3.0], dtype=dt)
    w = torch.tensor([0.5, 0.5, 0.5], dtype=dt, requires_grad=True)
    n = torch.zeros(3, dtype=dt)
    names = {"torch": torch, "t": t, "w": w, "n": n}
    with obs.raises(attempt):
        if inside:  # the same attempt back inside inference mode
            with torch.inference_mode():
                exec(f"result = {attempt}" if "=" not in attempt and ";" not in attempt else attempt, names)
        else:
            exec(f"result = {attempt}" if "=" not in attempt and ";" not in attempt else attempt, names)
        obs.record("result", names.get("result"))
    obs.record("t", t)
    obs.record("t is inference", t.is_inference())
    obs.record("w.grad", w.grad)


AFTERWARDS = Rule(
    id="INFER-003",
    area="inference",
    title="Out of inference mode, results of inference tensors are normal; their views stay inference",
    explanation="""
        Being an inference tensor belongs to the storage. Outside inference mode an op that makes new
        storage from an inference tensor (t * 2, t.clone(), torch.cat, t.to(another dtype)) gives a
        normal tensor, which autograd may use; a view or alias of it (t[0], t.view(-1), t.t(),
        t.detach(), t.data, t.contiguous() of a contiguous tensor, a reshape that needs no copy) is an
        inference tensor too, with all the restrictions.
    """,
    example="""
        import torch
        with torch.inference_mode():
            t = torch.ones(3)
        print((t * 2).is_inference(), t.clone().is_inference())
        print(t[0].is_inference(), t.detach().is_inference())
    """,
    source=DOCS,
)

AFTERWARDS_FORMS = [
    "t * 2", "t[0]", "t.view(-1)", "t.detach()", "t.clone()", "torch.cat([t, t])", "t.reshape(-1)",
    "t.expand(2, 3)", "t.to(torch.float64)", "t.contiguous()", "t.unsqueeze(0)", "t.data", "t.sum()",
    "t.exp()", "t[1:]", "t.flip(0)",
]  # fmt: skip


@AFTERWARDS.check(
    "derived",
    form=st.sampled_from(AFTERWARDS_FORMS),
    then=st.sampled_from(["nothing", "add_", "requires_grad_"]),
)
def derived_tensors(torch, obs, form, then):
    with torch.inference_mode():
        t = torch.tensor([1.0, -2.0, 3.0])
    d = eval(form, {"torch": torch, "t": t})
    obs.record("is_inference", d.is_inference())
    obs.record("value", d)
    with obs.raises(then):
        if then == "add_":
            d.add_(1)
        elif then == "requires_grad_":
            d.requires_grad_()
    obs.record("t afterwards", t)
