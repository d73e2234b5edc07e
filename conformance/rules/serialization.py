"""Serialization: what pickle, deepcopy and torch.save keep of a tensor's autograd state."""

from hypothesis import strategies as st

from conformance.catalog import Rule
from conformance.strategies import float_dtypes, shapes, tensor_data

DOCS_SERIALIZATION = "https://pytorch.org/docs/stable/notes/serialization.html"

# What the body serializes: a leaf (with or without .grad), a result with a graph, a view, a Parameter,
# a tensor computed under no_grad, an integer tensor.
SUBJECTS = [
    "leaf",
    "leaf with grad",
    "non-leaf",
    "view of a leaf",
    "parameter",
    "no_grad result",
    "integer",
    "detached",
]


def _subject_source():
    return st.sampled_from(SUBJECTS)


PICKLE = Rule(
    id="SERIAL-001",
    area="serialization",
    title="pickle keeps a tensor's values, dtype and requires_grad, but not its graph or .grad",
    explanation="""
        pickle.dumps/loads of a tensor gives a new tensor with the same values, shape and dtype and the
        same requires_grad flag. It is always a leaf with grad_fn None, whatever it was: a result of a
        computation comes back as a leaf that requires grad, detached from its graph. .grad is not
        pickled (the copy's .grad is None). A Parameter comes back as a Parameter.
    """,
    example="""
        import pickle
        import torch
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        (x * 2).sum().backward()
        y = x * 3
        for t in (x, y):
            c = pickle.loads(pickle.dumps(t))
            print(c, c.is_leaf, c.grad_fn, c.grad)
    """,
    source=DOCS_SERIALIZATION,
)


@PICKLE.check(
    "round-trip", subject=_subject_source(), dtype=float_dtypes(), data=tensor_data(shapes(min_dims=1))
)
def pickle_round_trip(torch, obs, subject, dtype, data):
    import pickle

    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    (x * x).sum().backward()
    subjects = {
        "leaf": lambda: torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_(),
        "leaf with grad": lambda: x,
        "non-leaf": lambda: x * 3,
        "view of a leaf": lambda: x[0],
        "parameter": lambda: torch.nn.Parameter(x.detach() * 2),
        "no_grad result": lambda: torch.no_grad()(lambda: x * 2)(),
        "integer": lambda: torch.tensor([1, 2, 3]),
        "detached": lambda: x.detach(),
    }
    t = subjects[subject]()
    with obs.raises("pickle"):
        copy = pickle.loads(pickle.dumps(t))
        obs.record("copy", copy)
        obs.record("type", type(copy).__name__)
        obs.record("copy.grad", copy.grad)


DEEPCOPY = Rule(
    id="SERIAL-002",
    area="serialization",
    title="deepcopy copies leaves with their .grad and keeps views of one copy together; non-leaves refuse",
    explanation="""
        copy.deepcopy of a leaf gives an independent leaf with the same values and requires_grad, and a
        copy of its .grad (not the same tensor). Only leaves support it: deepcopy of a tensor computed by
        autograd raises RuntimeError "Only Tensors created explicitly by the user (graph leaves) support
        the deepcopy protocol at the moment." Within one deepcopy call, tensors that shared storage
        still share it in the copy (a view stays a view of the copied base). copy.copy also makes a new
        tensor.
    """,
    example="""
        import copy
        import torch
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        (x * 2).sum().backward()
        d = copy.deepcopy(x)
        print(d, d.grad, d.grad is x.grad)
        base = torch.zeros(3)
        b, v = copy.deepcopy([base, base[1:]])
        b[1] = 5.0
        print(v)
        try:
            copy.deepcopy(x * 2)
        except RuntimeError as e:
            print(str(e).split(".")[0])
    """,
    source="https://docs.python.org/3/library/copy.html",
)


@DEEPCOPY.check(
    "deepcopy",
    subject=_subject_source(),
    how=st.sampled_from(["deepcopy", "copy", "deepcopy with its view"]),
    dtype=float_dtypes(),
)
def deep_copies(torch, obs, subject, how, dtype):
    import copy

    x = torch.tensor([1.0, -2.0, 0.5], dtype=getattr(torch, dtype), requires_grad=True)
    (x * x).sum().backward()
    subjects = {
        "leaf": lambda: torch.tensor([3.0, 4.0], dtype=getattr(torch, dtype), requires_grad=True),
        "leaf with grad": lambda: x,
        "non-leaf": lambda: x * 3,
        "view of a leaf": lambda: x[1:],
        "parameter": lambda: torch.nn.Parameter(x.detach() * 2),
        "no_grad result": lambda: torch.no_grad()(lambda: x * 2)(),
        "integer": lambda: torch.tensor([1, 2, 3]),
        "detached": lambda: x.detach(),
    }
    t = subjects[subject]()
    with obs.raises(how):
        if how == "deepcopy with its view":
            c, view = copy.deepcopy([t, t.detach()[:1]])
            with torch.no_grad():
                c.detach()[0] = 42.0
            obs.record("view after writing the copied base", view)
        else:
            c = getattr(copy, how)(t)
        obs.record("copy", c)
        obs.record("type", type(c).__name__)
        obs.record("is the original", c is t)
        obs.record("copy.grad", c.grad)
        obs.record("copy.grad is the original's", c.grad is not None and c.grad is t.grad)
        with torch.no_grad():
            c.detach().mul_(0)  # the copy is independent of the original
        obs.record("original afterwards", t)


SAVE = Rule(
    id="SERIAL-003",
    area="serialization",
    title="torch.save and torch.load keep requires_grad and shared storage, not graphs or .grad",
    explanation="""
        torch.save writes tensors with their values, dtype, shape and requires_grad; torch.load gives
        leaves (no grad_fn, .grad None). Tensors saved together that share storage (a tensor and its
        views) share storage again after loading, so writing into one shows in the other. Parameters
        load as Parameters. torch.load defaults to weights_only=True and refuses objects other than
        tensors and plain containers (UnpicklingError "Weights only load failed").
    """,
    example="""
        import io
        import torch
        x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
        buffer = io.BytesIO()
        torch.save({"x": x, "tail": x.detach()[1:], "base": x.detach()}, buffer)
        buffer.seek(0)
        loaded = torch.load(buffer)
        loaded["base"][1] = 9.0
        print(loaded["x"], loaded["tail"])
    """,
    source=DOCS_SERIALIZATION,
)


@SAVE.check(
    "save-load",
    subject=_subject_source(),
    extra=st.sampled_from(["nothing", "a view", "an object", "a list of tensors"]),
    weights_only=st.sampled_from([None, True, False]),
)
def save_and_load(torch, obs, subject, extra, weights_only):
    import io

    x = torch.tensor([1.0, -2.0, 0.5], requires_grad=True)
    (x * x).sum().backward()
    subjects = {
        "leaf": lambda: torch.tensor([3.0, 4.0], requires_grad=True),
        "leaf with grad": lambda: x,
        "non-leaf": lambda: x * 3,
        "view of a leaf": lambda: x[1:],
        "parameter": lambda: torch.nn.Parameter(x.detach() * 2),
        "no_grad result": lambda: torch.no_grad()(lambda: x * 2)(),
        "integer": lambda: torch.tensor([1, 2, 3]),
        "detached": lambda: x.detach(),
    }
    t = subjects[subject]()
    payload = {"t": t}
    if extra == "a view":
        payload["view"] = t.detach()[:1]
    elif extra == "an object":
        payload["object"] = __import__("fractions").Fraction(1, 3)
    elif extra == "a list of tensors":
        payload["list"] = [t, t.detach() * 2]
    buffer = io.BytesIO()
    torch.save(payload, buffer)
    buffer.seek(0)
    options = {} if weights_only is None else {"weights_only": weights_only}
    with obs.raises("load"):
        loaded = torch.load(buffer, **options)
        obs.record("loaded", {k: v for k, v in loaded.items() if k != "object"})
        obs.record("types", {k: type(v).__name__ for k, v in loaded.items()})
        obs.record("t.grad", loaded["t"].grad)
        if "view" in loaded:
            with torch.no_grad():
                loaded["t"].detach()[0] = 42.0
            obs.record("view after writing the loaded tensor", loaded["view"])
