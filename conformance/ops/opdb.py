"""Op checks generated at run time from the installed torch's own op database (its OpInfo entries).

``torch.testing._internal.common_methods_invocations.op_db`` describes every op torch tests: how to call
it (function, method, in-place and operator variants, aliases), the dtypes it supports, whether it
supports backward, forward-mode AD and gradgrad, and generators of sample inputs and of error inputs.
The suite reads all of it from the database and hard-codes nothing about an op:

- an ``OpSpec`` per usable entry says which calls and which aspects exist (``specs()``);
- ``examples(spec, aspect)`` returns the ``Check.examples`` function: torch's sample inputs, generated
  on torch (seeded), converted to plain data (``encode``), so a check body can rebuild them on any
  engine and a reproducer can print them as literals;
- the bodies live in ``conformance.ops.opdb_bodies`` (standard library only: they are the reproducer).

Entries left out, and why: those whose op is not reachable through torch's Python API (ATen
``OpOverload`` packets such as ``_softmax_backward_data``, CUDA-only jiterator ops), those of
``torch.sparse`` (their samples are sparse tensors, which plain data cannot carry), and those that
support none of the dtypes checked here on the CPU.
"""

from __future__ import annotations

import ast
import builtins
import dataclasses
import dis
import functools
import inspect
import itertools
import linecache
import random
import zlib
from dataclasses import dataclass, field

import torch

# The dtypes samples are drawn in: floats for every aspect, integers and bool for the aspects
# without gradients, where the entry declares them.
FLOAT_DTYPES = ("float32", "float64")
EXACT_DTYPES = ("int8", "int16", "int32", "int64", "uint8", "bool")

# Globals a lambda from the database may use and stay portable: the engine as ``torch``, and the
# database's RNG wrapper (the bodies seed torch's RNG before every call instead).
PORTABLE_GLOBALS = {"torch", "wrapper_set_seed"}

# Areas of the op checks, by namespace first and then by the kind of OpInfo.
AREA_BY_PREFIX = {
    "nn.functional.": "op_nn",
    "linalg.": "op_linalg",
    "special.": "op_special",
    "fft.": "op_fft",
}
AREA_BY_CLASS = {
    "UnaryUfuncInfo": "op_unary",
    "BinaryUfuncInfo": "op_binary",
    "ReductionOpInfo": "op_reduction",
    "SpectralFuncInfo": "op_fft",
}
OTHER_AREA = "op_other"

# How many samples a check runs per dtype under each profile (None: all of them). The ci profile
# takes a few small samples so that the whole database runs in minutes; thorough runs every sample.
SAMPLES_PER_DTYPE = {"dev": 1, "ci": 1, "thorough": None}
FLOAT_SAMPLES_PER_DTYPE = {"dev": 1, "ci": 2, "thorough": None}
ERROR_SAMPLES = {"dev": 2, "ci": 3, "thorough": None}
# The ci profile picks among the first samples the generator yields, preferring small ones.
CANDIDATES = 12
SMALL = 256  # elements over all tensors of a sample


@functools.cache
def op_db() -> list:
    from torch.testing._internal.common_methods_invocations import op_db as database

    return list(database)


# -- what the database says about an op ---------------------------------------------------------------


def _resolve(root, path: str):
    found = root
    for part in path.split("."):
        found = getattr(found, part, None)
        if found is None:
            return None
    return found


def lambda_source(fn) -> str | None:
    """The source of a lambda from the database, if it is portable: it closes over nothing and uses no
    globals but ``torch`` and the RNG wrapper (so it can run with a backend as ``torch``)."""
    code = getattr(fn, "__code__", None)
    if code is None or code.co_name != "<lambda>" or fn.__closure__:
        return None
    globals_used = set()
    stack = [code]
    while stack:
        c = stack.pop()
        stack.extend(k for k in c.co_consts if inspect.iscode(k))
        globals_used |= {
            i.argval for i in dis.get_instructions(c) if i.opname in ("LOAD_GLOBAL", "LOAD_NAME")
        }
    if not all(name in PORTABLE_GLOBALS or hasattr(builtins, name) for name in globals_used):
        return None
    # The body's span comes from the code's positions; the lambda starts at a ``lambda`` keyword before
    # it, and ends where its body ends. (Parsing the whole database file would take seconds.)
    positions = [p for p in code.co_positions() if None not in p and p[3] > 0]  # not RESUME's (0, 0)
    if not positions:
        return None
    first_line, first_col = min((p[0], p[2]) for p in positions)
    last_line, last_col = max((p[1], p[3]) for p in positions)
    lines = [
        linecache.getline(code.co_filename, n).encode() for n in range(code.co_firstlineno, last_line + 1)
    ]
    if not lines or not lines[0]:
        return None
    lines[-1] = lines[-1][:last_col]
    head = lines[0][:first_col] if first_line == code.co_firstlineno else lines[0]
    args = list(code.co_varnames[: code.co_argcount])
    for start in reversed([i for i in range(len(head)) if head.startswith(b"lambda", i)]):
        text = " ".join(b"\n".join([lines[0][start:], *lines[1:]]).decode().split())
        try:
            node = ast.parse(text, mode="eval").body
        except SyntaxError:
            continue
        if isinstance(node, ast.Lambda) and [a.arg for a in node.args.args] == args:
            return text
    return None


def _tensor_method(fn) -> str | None:
    """``Tensor.<name>`` when ``fn`` is torch.Tensor's method of that name."""
    name = getattr(fn, "__name__", None)
    if name and getattr(torch.Tensor, name, None) is fn:
        return f"Tensor.{name}"
    return None


def function_call(name: str, fn) -> str | None:
    """How a body calls a function variant: ``torch.<path>``, a method, or the database's lambda."""
    if fn is None:
        return None
    if _resolve(torch, name) is fn:
        return f"torch.{name}"
    return _tensor_method(fn) or lambda_source(fn)


def operator_call(fn) -> str | None:
    import operator

    name = getattr(fn, "__name__", None)
    return f"operator.{name}" if name and getattr(operator, name, None) is fn else None


@dataclass(eq=False)  # hashed by identity: the sample caches key on it
class OpSpec:
    """One entry of the database, as the suite uses it. ``key`` is ``name`` or ``name@variant``."""

    info: object  # the OpInfo
    key: str
    area: str
    function: str | None  # the call of the op itself
    method: str | None
    inplace: str | None
    operators: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    dtypes: tuple[str, ...] = ()  # forward: floats and the exact dtypes the entry declares
    grad_dtypes: tuple[str, ...] = ()  # float dtypes with backward support

    @property
    def rule_id(self) -> str:
        return f"OPDB-{self.key}"

    @property
    def primary(self) -> str:
        """The call the gradient aspects use: the function variant, else the method."""
        return self.function or self.method

    def aspects(self) -> list[str]:
        """The check names of this op, in order; each exists only where the database says it applies."""
        info = self.info
        out = ["forward"] if self.function else []
        out += ["method"] if self.method else []
        out += ["inplace"] if self.inplace else []
        out += ["operator"] if self.operators else []
        out += ["aliases"] if self.aliases else []
        if self.grad_dtypes and self.primary:
            out += ["backward", "grad-fn"] if info.supports_autograd else []
            out += ["forward-ad"] if info.supports_forward_ad else []
            out += ["gradgrad"] if info.supports_autograd and info.supports_gradgrad else []
        if info.error_inputs_func is not None and self.primary and error_samples(self, 0, 1):
            out.append("errors")  # only where the database has error inputs for the CPU
        return out


def _area(info) -> str:
    for prefix, area in AREA_BY_PREFIX.items():
        if info.name.startswith(prefix):
            return area
    return AREA_BY_CLASS.get(type(info).__name__, OTHER_AREA)


def _spec(info) -> OpSpec | None:
    if info.name.startswith(("sparse.", "torch.ops.")):
        return None
    supported = {str(d).removeprefix("torch.") for d in info.supported_dtypes("cpu")}
    dtypes = tuple(d for d in FLOAT_DTYPES + EXACT_DTYPES if d in supported)
    if not any(d in supported for d in FLOAT_DTYPES + EXACT_DTYPES):
        return None
    backward = {str(d).removeprefix("torch.") for d in info.supported_backward_dtypes("cpu")}
    function = function_call(info.name, info.op)
    method = _tensor_method(info.method_variant) if info.method_variant is not None else None
    if function == method:  # method-only ops (expand, view, ...): the database's op calls the method
        function = None
    inplace = _tensor_method(info.inplace_variant) if info.inplace_variant is not None else None
    operators = [c for c in map(operator_call, (info.operator_variant, info.inplace_operator_variant)) if c]
    aliases = []
    for alias in info.aliases:
        aliases += [c for c in (function_call(alias.name, alias.op),) if c]
        if alias.method_variant is not None:
            aliases += [c for c in (_tensor_method(alias.method_variant),) if c]
        if alias.inplace_variant is not None:
            aliases += [c for c in (_tensor_method(alias.inplace_variant),) if c]
    if not (function or method or inplace or operators):
        return None
    key = info.name + (f"@{info.variant_test_name}" if info.variant_test_name else "")
    return OpSpec(
        info=info,
        key=key,
        area=_area(info),
        function=function,
        method=method,
        inplace=inplace,
        operators=operators,
        aliases=list(dict.fromkeys(aliases)),
        dtypes=dtypes,
        grad_dtypes=tuple(d for d in FLOAT_DTYPES if d in supported and d in backward),
    )


@functools.cache
def specs() -> list[OpSpec]:
    """Every usable entry of the installed torch's op database, in the database's order."""
    return [s for s in map(_spec, op_db()) if s is not None]


# -- samples as plain data ------------------------------------------------------------------------------


class Unencodable(Exception):
    """A sample holds something plain data cannot carry (a sparse tensor, a module, a function)."""


def encode(value):
    """A sample value as plain data (see ``opdb_bodies`` for the format)."""
    if isinstance(value, torch.Tensor):
        if value.layout != torch.strided or value.device.type != "cpu" or value.is_quantized:
            raise Unencodable(f"a {value.layout} tensor on {value.device}")
        t = value.detach().resolve_conj().resolve_neg()
        dtype = str(t.dtype).removeprefix("torch.")
        return {"tensor": [dtype, list(t.shape), t.reshape(-1).tolist(), bool(value.requires_grad)]}
    if isinstance(value, torch.dtype):
        return {"dtype": str(value).removeprefix("torch.")}
    if isinstance(value, torch.Size):
        return {"size": [int(s) for s in value]}
    if isinstance(value, torch.memory_format):
        return {"memory_format": str(value).removeprefix("torch.")}
    if isinstance(value, torch.layout):
        return {"layout": str(value).removeprefix("torch.")}
    if isinstance(value, torch.device):
        return {"device": str(value)}
    if isinstance(value, slice):
        return {"slice": [encode(value.start), encode(value.stop), encode(value.step)]}
    if value is Ellipsis:
        return {"ellipsis": None}
    if type(value) is complex:
        return {"complex": [value.real, value.imag]}
    if value is None or type(value) in (bool, int, float, str):
        return value
    if type(value) in (list, tuple):
        return type(value)(encode(v) for v in value)
    if type(value) is dict:
        return {"dict": {str(k): encode(v) for k, v in value.items()}}
    return _encode_object(value)


def _public_path(cls) -> str | None:
    """Where a class of torch's is reached from ``torch``: ``nn.PairwiseDistance`` rather than its module."""
    module = cls.__module__
    if module != "torch" and not module.startswith("torch."):
        return None
    candidates = [cls.__name__, f"nn.{cls.__name__}", f"{module.removeprefix('torch.')}.{cls.__name__}"]
    return next((path for path in candidates if _resolve(torch, path) is cls), None)


def _encode_object(value):
    """Torch's own option dataclasses, by their fields, and torch's modules that equal a default
    instance of their class (e.g. ``nn.PairwiseDistance()``): both rebuilt by calling the class."""
    cls, path = type(value), _public_path(type(value))
    if path is not None and dataclasses.is_dataclass(value):
        fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value) if f.init}
        return {"object": [path, {"dict": {k: encode(v) for k, v in fields.items()}}]}
    if path is not None and isinstance(value, torch.nn.Module):
        try:
            default = cls()
        except TypeError:
            default = None
        if default is not None and _public_state(default) == _public_state(value):
            return {"object": [path, {"dict": {}}]}
    raise Unencodable(cls.__name__)


def _public_state(module) -> dict:
    return {k: v for k, v in vars(module).items() if not k.startswith("_")}


def encode_sample(sample) -> dict:
    return {
        "input": encode(sample.input),
        "args": encode(tuple(sample.args)),
        "kwargs": encode(dict(sample.kwargs)),
    }


def _numel(sample) -> int:
    """Elements over all tensors of a sample (torch's SampleInput)."""
    from torch.utils._pytree import tree_leaves

    leaves = tree_leaves((sample.input, tuple(sample.args), dict(sample.kwargs)))
    return sum(t.numel() for t in leaves if isinstance(t, torch.Tensor))


def _seed_everything(seed: int):
    torch.random.default_generator.manual_seed(seed)  # torch.manual_seed would also queue CUDA seeding
    random.seed(seed)
    try:
        import numpy

        numpy.random.seed(seed % 2**32)
    except ImportError:
        pass


def _seed_for(spec: OpSpec, what: str, dtype: str, run_seed: int) -> int:
    return zlib.crc32(f"{run_seed}:{spec.key}:{what}:{dtype}".encode())


@functools.lru_cache(maxsize=64)
def raw_samples(spec: OpSpec, dtype: str, requires_grad: bool, run_seed: int, limit: int | None) -> tuple:
    """The first ``limit`` (None: all) samples of the op in ``dtype`` (torch's SampleInputs), generated
    from a seed that depends on the run's seed, so a derandomized run always sees the same ones."""
    _seed_everything(_seed_for(spec, "sample", dtype, run_seed))
    # The database's generator itself: OpInfo.sample_inputs adds test bookkeeping that inspects the stack.
    generated = spec.info.sample_inputs_func(spec.info, "cpu", getattr(torch, dtype), requires_grad)
    return tuple(itertools.islice(generated, limit))


def encoded(raw) -> list[dict]:
    """Samples as plain data, leaving out those plain data cannot carry."""
    out = []
    for sample in raw:
        try:
            out.append(encode_sample(sample))
        except Unencodable:
            continue
    return out


@functools.lru_cache(maxsize=64)
def error_samples(spec: OpSpec, run_seed: int, limit: int | None) -> tuple:
    """The op's error inputs for the CPU (their samples, as plain data)."""
    _seed_everything(_seed_for(spec, "errors", "", run_seed))
    errors = itertools.islice(spec.info.error_inputs_func(spec.info, "cpu"), limit)
    return tuple(encoded(error.sample_input for error in errors))


def _richness(sample) -> tuple:
    """How much of an op a sample exercises: non-empty first, then the most dimensions, then the most
    elements. The generators start with the degenerate shapes (0-d, one element, empty), where a bug
    about dimensions cannot show: sum(dim=-1) of a 0-d tensor sums nothing."""
    from torch.utils._pytree import tree_leaves

    leaves = tree_leaves((sample.input, tuple(sample.args), dict(sample.kwargs)))
    tensors = [t for t in leaves if isinstance(t, torch.Tensor)]
    numel = sum(t.numel() for t in tensors)
    return (numel > 0, max((t.dim() for t in tensors), default=0), numel)


def pick(candidates: list, count: int | None, offset: int) -> list:
    """``count`` samples (all when None): among the small ones the richest first (in the generator's
    order where equally rich), rotated by ``offset`` so that the dtypes of one check see different
    samples."""
    if count is None or not candidates:
        return list(candidates)
    small = [s for s in candidates if _numel(s) <= SMALL] or sorted(candidates, key=_numel)[:1]
    ranked = sorted(small, key=_richness, reverse=True)  # stable: equals keep the generator's order
    start = offset % len(ranked)
    return (ranked[start:] + ranked[:start])[:count]


def _budget(profile, dtype) -> int | None:
    table = FLOAT_SAMPLES_PER_DTYPE if dtype in FLOAT_DTYPES else SAMPLES_PER_DTYPE
    return table.get(profile.name, 1)


class NoSamples(Exception):
    """The database yields no usable sample for a check (the check would test nothing)."""


def _chosen(spec: OpSpec, dtypes, requires_grad: bool, profile, run_seed: int, usable=None):
    """Samples (as plain data) for a check under a profile; only samples ``usable`` accepts."""
    found = False
    for i, dtype in enumerate(dtypes):
        count = _budget(profile, dtype)
        offset = (
            i * (count or 1)  # the next dtype takes the next samples
            if profile.derandomize
            else random.Random(f"{run_seed}:{spec.key}:{dtype}").randrange(CANDIDATES)
        )
        limit = None if count is None else CANDIDATES
        for attempt in (limit, None) if limit is not None else (None,):
            candidates = [
                s
                for s in raw_samples(spec, dtype, requires_grad, run_seed, attempt)
                if not usable or usable(s)
            ]
            if candidates:  # none among the first few: look at all of them
                break
        for sample in encoded(pick(candidates, count, offset)):
            found = True
            yield sample
    if not found:
        raise NoSamples(f"torch's op database has no usable sample for {spec.key} in {', '.join(dtypes)}")


# -- whether torch reproduces a value -----------------------------------------------------------------


@dataclass(frozen=True)
class Behaviour:
    """What torch shows of an op across its first samples, judged once per op and call."""

    reproducible: bool  # the same output values twice (not so for uninitialized memory: torch.empty)
    random: bool  # it draws from torch's RNG (dropout, bernoulli): bodies seed it before each call


@functools.cache
def behaviour(spec: OpSpec) -> Behaviour:
    """Run the op on torch: does it draw from the RNG, and are its outputs reproducible? For the second
    question, before each rerun blocks of the outputs' sizes are painted with a pattern and freed, so
    that an output allocated from them and never written shows the pattern. Judged per op over its
    first samples (one lucky sample of torch.empty can look reproducible), on torch's own sample
    objects: decoding plain data would cost more than the runs."""
    from torch.utils._pytree import tree_map

    from conformance.ops import opdb_bodies

    fn = opdb_bodies.op_callable(torch, spec.primary)
    generator = torch.random.default_generator
    dtype = "float32" if "float32" in spec.dtypes else spec.dtypes[0]
    first_samples = raw_samples(spec, dtype, False, 0, CANDIDATES)[:3]

    def run(sample, seed):
        fresh = lambda v: v.detach().clone() if isinstance(v, torch.Tensor) else v  # noqa: E731
        inp, args, kwargs = tree_map(fresh, (sample.input, tuple(sample.args), dict(sample.kwargs)))
        if seed:
            generator.manual_seed(0)
        try:
            out = fn(inp, *args, **kwargs)
        except Exception:
            return None
        return [t.detach().clone() for t in opdb_bodies.tensors_in(out) if t.layout == torch.strided]

    random = False
    reproducible = True
    for sample in first_samples:
        state = generator.get_state()
        run(sample, seed=False)
        random = random or not torch.equal(state, generator.get_state())
        first = run(sample, seed=True)
        for pattern in (0, 1):  # distinct in every dtype, bool included
            if first is None or not reproducible:
                break
            paint = [torch.full(t.shape, pattern, dtype=t.dtype) for t in first for _ in range(8)]
            del paint
            again = run(sample, seed=True)
            reproducible = (
                again is not None and len(again) == len(first) and all(map(_identical, first, again))
            )
    return Behaviour(reproducible, random)


def _identical(a, b) -> bool:
    try:
        torch.testing.assert_close(a, b, rtol=0, atol=0, equal_nan=True)
    except AssertionError:
        return False
    return True


# -- the examples of each aspect ------------------------------------------------------------------------


def _operands(spec: OpSpec) -> int:
    import operator

    return len(inspect.signature(getattr(operator, spec.operators[0].removeprefix("operator."))).parameters)


def _fits_operator(spec: OpSpec):
    """A Python operator takes its operands (the input and the rest) and no keyword arguments."""
    operands = _operands(spec)
    return lambda sample: len(sample.args) == operands - 1 and not sample.kwargs


def _flags(spec: OpSpec, values: bool = True) -> dict:
    """The body's keyword flags for an op's behaviour, given only where they differ from the default."""
    seen = behaviour(spec)
    return ({"values": False} if values and not seen.reproducible else {}) | (
        {"random": True} if seen.random else {}
    )


def examples(spec: OpSpec, aspect: str):
    """``Check.examples`` for one aspect of an op: ``fn(profile, run_seed) -> iterator of kwargs``."""

    def forward_like(calls, inplace=False, usable=None):
        def run(profile, run_seed):
            for sample in _chosen(spec, spec.dtypes, False, profile, run_seed, usable):
                yield (
                    {"calls": calls, "sample": sample} | _flags(spec) | ({"inplace": True} if inplace else {})
                )

        return run

    def gradient(extra_seed: bool):
        def run(profile, run_seed):
            for i, sample in enumerate(_chosen(spec, spec.grad_dtypes, True, profile, run_seed)):
                yield (
                    {"call": spec.primary, "sample": sample}
                    | ({"seed": i} if extra_seed else {})
                    | _flags(spec, values=False)
                )

        return run

    def errors(profile, run_seed):
        chosen = error_samples(spec, run_seed, ERROR_SAMPLES.get(profile.name, 3))
        if not chosen:
            raise NoSamples(
                f"torch's op database has no error input for {spec.key} that plain data can carry"
            )
        for sample in chosen:
            yield {"calls": [spec.primary], "sample": sample} | _flags(spec)

    return {
        "forward": lambda: forward_like([spec.function]),
        "method": lambda: forward_like([spec.method]),
        "inplace": lambda: forward_like([spec.inplace], inplace=True),
        "operator": lambda: forward_like(spec.operators, usable=_fits_operator(spec)),
        "aliases": lambda: forward_like(spec.aliases),
        "backward": lambda: gradient(True),
        "grad-fn": lambda: gradient(False),
        "forward-ad": lambda: gradient(True),
        "gradgrad": lambda: gradient(True),
        "errors": lambda: errors,
    }[aspect]()
