"""Anomaly mode: autograd checks backward for nan and tells where the failing node came from."""

from hypothesis import strategies as st

from conformance.catalog import Rule
from conformance.strategies import float_dtypes

DOCS = "https://pytorch.org/docs/stable/autograd.html#anomaly-detection"

NAN_CHECK = Rule(
    id="ANOMALY-001",
    area="anomaly",
    title="Under detect_anomaly, a backward node that returns nan raises, naming the node and the output",
    explanation="""
        Inside `with torch.autograd.detect_anomaly():` every backward node's results are checked, and the
        first one containing nan makes backward raise RuntimeError "Function 'DivBackward0' returned nan
        values in its 0th output." (the index is that of the node's output, i.e. the input it computes a
        gradient for). Forward values are not checked: a nan in the forward pass goes through. With
        detect_anomaly(check_nan=False), or outside anomaly mode, backward silently produces the nan
        gradients. Entering anomaly mode warns that it slows things down.
    """,
    example="""
        import torch
        x = torch.tensor([0.0, 1.0], requires_grad=True)
        with torch.autograd.detect_anomaly():
            y = (x / x).sum()
            try:
                y.backward()
            except RuntimeError as e:
                print(e)
        (x / x).sum().backward()
        print(x.grad)
    """,
    source=DOCS,
)

NAN_FORMS = [
    "(x / x).sum()", "x.sqrt().sum()", "(x * x.log()).sum()", "x.pow(0.5).sum() + x.sum()",
    "(x.abs() / x).sum()", "torch.where(x > 0, x.sqrt(), x).sum()", "x.sum()", "(x * 2).exp().sum()",
    "(0 * x.log()).sum()",
]  # fmt: skip


@NAN_CHECK.check(
    "nan-gradients",
    form=st.sampled_from(NAN_FORMS),
    values=st.lists(st.sampled_from([0.0, -1.0, 1.0, 4.0]), min_size=1, max_size=3),
    mode=st.sampled_from(
        ["detect_anomaly()", "detect_anomaly(check_nan=False)", "set_detect_anomaly(True)", "off"]
    ),
    dtype=float_dtypes(),
)
def nan_gradients(torch, obs, form, values, mode, dtype):
    import warnings

    x = torch.tensor(values, dtype=getattr(torch, dtype), requires_grad=True)
    block = torch.enable_grad() if mode == "off" else eval(f"torch.autograd.{mode}", {"torch": torch})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with block:
            out = eval(form, {"torch": torch, "x": x})
            with obs.raises("backward"):
                out.backward()
    # A warning's forward traceback names the program's files and lines: its first line is compared.
    obs.record("warnings", [(w.category.__name__, str(w.message).splitlines()[0]) for w in caught])
    obs.record("x.grad", x.grad)
    obs.record("anomaly mode afterwards", torch.is_anomaly_enabled())


SWITCHES = Rule(
    id="ANOMALY-002",
    area="anomaly",
    title="Anomaly mode is a switch: detect_anomaly and set_detect_anomaly nest and restore it",
    explanation="""
        torch.is_anomaly_enabled() reports the mode and torch.is_anomaly_check_nan_enabled() whether nan
        is checked (True by default). detect_anomaly(check_nan=...) and set_detect_anomaly(mode,
        check_nan=...) switch both for a block and restore the previous state when it ends, also by an
        exception; set_detect_anomaly(mode) called plainly switches the mode until it is called again.
    """,
    example="""
        import torch
        print(torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled())
        with torch.autograd.detect_anomaly(check_nan=False):
            print(torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled())
            with torch.autograd.set_detect_anomaly(False):
                print(torch.is_anomaly_enabled())
            print(torch.is_anomaly_enabled())
        print(torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled())
    """,
    source=DOCS,
)

SWITCH_STEPS = [
    "with torch.autograd.detect_anomaly():", "with torch.autograd.detect_anomaly(check_nan=False):",
    "with torch.autograd.set_detect_anomaly(False):",
    "with torch.autograd.set_detect_anomaly(True, check_nan=False):",
    "torch.autograd.set_detect_anomaly(True)", "torch.autograd.set_detect_anomaly(False)", "raise",
]  # fmt: skip


@SWITCHES.check("nesting", steps=st.lists(st.sampled_from(SWITCH_STEPS), min_size=1, max_size=4))
def anomaly_switches(torch, obs, steps):
    """Each `with` step opens a block holding the steps after it; a plain call switches the mode."""

    def state(label):
        obs.record(label, (torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled()))

    def run(rest, depth):
        if not rest:
            return
        step, rest = rest[0], rest[1:]
        if step == "raise":
            raise KeyError("leaving by an exception")
        if step.startswith("with "):
            with obs.warns(f"entering {step} (depth {depth})"):
                block = eval(step[len("with ") : -1], {"torch": torch})
                block.__enter__()
            try:
                state(f"inside {step} (depth {depth})")
                run(rest, depth + 1)
            finally:
                block.__exit__(None, None, None)
            state(f"after {step} (depth {depth})")
        else:
            exec(step, {"torch": torch})
            state(f"after {step} (depth {depth})")
            run(rest, depth)

    state("before")
    try:
        run(steps, 0)
    except KeyError:
        state("after the exception")
    torch.autograd.set_detect_anomaly(False)  # a plain call above must not leak into other checks


TRACEBACK = Rule(
    id="ANOMALY-003",
    area="anomaly",
    title="An error in backward under anomaly mode first warns where the node's forward ran",
    explanation="""
        When a backward node fails in anomaly mode (its backward raises, or returns nan), autograd issues
        a UserWarning "Error detected in <NodeName>. Traceback of forward call that caused the error:"
        followed by the forward traceback recorded when the node was made, then lets the exception
        through unchanged. The warning names the node as grad_fn.name() does.
    """,
    example="""
        import warnings
        import torch

        class Fails(torch.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                return x * 2

            @staticmethod
            def backward(ctx, g):
                raise ValueError("no gradient today")

        x = torch.ones(2, requires_grad=True)
        with warnings.catch_warnings(record=True) as caught, torch.autograd.detect_anomaly():
            warnings.simplefilter("always")
            try:
                Fails.apply(x).sum().backward()
            except ValueError as e:
                print("raised:", e)
        print([str(w.message).splitlines()[0] for w in caught])
    """,
    source=DOCS,
)


@TRACEBACK.check(
    "node-errors",
    failure=st.sampled_from(["raise in backward", "nan", "shape", "fine"]),
    dtype=float_dtypes(),
)
def traceback_warning(torch, obs, failure, dtype):
    import warnings

    class Step(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, g):
            if failure == "raise in backward":
                raise ValueError("no gradient today")
            if failure == "nan":
                return g * float("nan")
            if failure == "shape":
                return g.sum()
            return g * 2

    x = torch.tensor([1.0, 2.0], dtype=getattr(torch, dtype), requires_grad=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with torch.autograd.detect_anomaly():
            with obs.raises("backward"):
                (Step.apply(x) * 3).sum().backward()
    # The forward traceback's file names and lines are the program's: compare the first line only.
    obs.record("warnings", [(w.category.__name__, str(w.message).splitlines()[0]) for w in caught])
    obs.record("x.grad", x.grad)
