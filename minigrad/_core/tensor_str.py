"""The text torch prints for a tensor, produced from a numpy array.

`format_tensor(array, dtype_name=...)` returns what `repr(torch_tensor)` shows for a CPU tensor holding
the same values, under torch's default print options. The rules (facts read from torch/_tensor_str.py):

- the print options (`set_printoptions`: precision, threshold, edgeitems, linewidth, sci_mode, profiles) are
  process-wide, as torch keeps them; the numbers below are their defaults;
- one element style for the whole tensor, chosen from the elements that get shown: booleans and integers
  print as `str(value)`; floats print as whole numbers with a trailing dot when every nonzero finite value
  is whole, in scientific notation when the nonzero finite magnitudes span more than 1000x, exceed 1e8 or
  go below 1e-4, otherwise with 4 decimals; elements are right-aligned to the widest nonzero finite one;
- rows are wrapped so that each line fits in 80 columns, counting the indentation of the nesting level;
- more than 1000 elements are summarized: along every dimension longer than 6 only the first and last 3
  entries are shown, with `...` in between;
- `key=value` suffixes follow the contents, moving to a new line when they would pass column 80.
"""

import dataclasses
import math
from collections.abc import Sequence

import numpy as np


@dataclasses.dataclass
class PrintOptions:
    precision: int = 4  # digits after the decimal point
    threshold: float = 1000  # more elements than this are summarized
    edgeitems: int = 3  # entries kept at each end of a summarized dimension
    linewidth: int = 80
    sci_mode: bool | None = None  # None: chosen from the values


PRINT_OPTS = PrintOptions()  # process-wide, like torch's torch._tensor_str.PRINT_OPTS

_PROFILES = {
    "default": {"precision": 4, "threshold": 1000, "edgeitems": 3, "linewidth": 80},
    "short": {"precision": 2, "threshold": 1000, "edgeitems": 2, "linewidth": 80},
    "full": {"precision": 4, "threshold": math.inf, "edgeitems": 3, "linewidth": 80},
}


def set_printoptions(
    precision=None, threshold=None, edgeitems=None, linewidth=None, profile=None, sci_mode=None
):
    """torch.set_printoptions: a profile first, then the options given; sci_mode is always set (None:
    automatic)."""
    if profile in _PROFILES:  # torch ignores an unknown profile
        for name, value in _PROFILES[profile].items():
            setattr(PRINT_OPTS, name, value)
    given = {"precision": precision, "threshold": threshold, "edgeitems": edgeitems, "linewidth": linewidth}
    for name, value in given.items():
        if value is not None:
            setattr(PRINT_OPTS, name, value)
    PRINT_OPTS.sci_mode = sci_mode


PREFIX = "tensor("

NUMPY_DTYPES = {
    "float16": np.float16,
    "float32": np.float32,
    "float64": np.float64,
    "uint8": np.uint8,
    "int8": np.int8,
    "int16": np.int16,
    "int32": np.int32,
    "int64": np.int64,
    "bool": np.bool_,
}


def format_size(shape) -> str:
    """What `repr(torch.Size(shape))` prints, e.g. `torch.Size([2, 3])`."""
    return "torch.Size([" + ", ".join(str(int(n)) for n in shape) + "])"


def format_tensor(
    array: np.ndarray, *, dtype_name: str, default_dtype_name: str = "float32", suffixes: Sequence[str] = ()
) -> str:
    """What `repr(torch_tensor)` prints for a CPU tensor with `array`'s values and dtype `dtype_name`.

    `suffixes` are extra `key=value` strings (e.g. `grad_fn=<MulBackward0>`) placed after torch's own ones.
    """
    array = np.asarray(array, dtype=NUMPY_DTYPES[dtype_name])
    dtype_suffix = f"dtype=torch.{dtype_name}"
    own_suffixes = []
    if array.size == 0:
        # nothing shows the shape or the dtype, so torch spells both out (the shape unless it is 1-d)
        if array.ndim != 1:
            own_suffixes.append(f"size={tuple(int(n) for n in array.shape)}")
        if dtype_name != default_dtype_name:
            own_suffixes.append(dtype_suffix)
        contents = "[]"
    else:
        if not PRINT_OPTS.edgeitems:  # torch adds the size whenever edgeitems is 0, summarized or not
            own_suffixes.append(f"size={tuple(int(n) for n in array.shape)}")
        # the elements themselves reveal bool and int64, and floats of the default dtype
        if dtype_name not in (default_dtype_name, "int64", "bool"):
            own_suffixes.append(dtype_suffix)
        contents = _contents(array, indent=len(PREFIX))
    return _append_suffixes(PREFIX + contents, own_suffixes + list(suffixes), indent=len(PREFIX))


def _contents(array: np.ndarray, indent: int) -> str:
    summarize = array.size > PRINT_OPTS.threshold
    shown = array
    if summarize and array.ndim > 1 and not PRINT_OPTS.edgeitems:
        shown = array[:0]
    elif summarize and array.ndim == 1 and not PRINT_OPTS.edgeitems:
        shown = array  # torch's summary of a vector keeps x[:0] and x[-0:], the whole vector
    elif summarize:
        shown = array[np.ix_(*[_shown_indices(n) for n in array.shape])]
    style = ElementStyle(shown)
    if array.ndim == 0:
        return style.format(array.item())
    return _nested_str(array, indent, summarize, style)


def _shown_indices(length: int) -> list[int]:
    edge = PRINT_OPTS.edgeitems
    if length > 2 * edge:
        return list(range(edge)) + list(range(length - edge, length))
    return list(range(length))


class ElementStyle:
    """How every element of one tensor is written: the notation and the common width."""

    def __init__(self, shown: np.ndarray):
        self.is_float = shown.dtype.kind == "f"
        self.int_mode = True  # floats that are all whole numbers print as `2.`
        self.sci_mode = False
        self.width = 1
        values = shown.reshape(-1)
        if not self.is_float:
            self.width = max([self.width] + [len(str(v)) for v in values.tolist()])
            return
        # nan, inf and zeros neither pick the notation nor widen the columns
        nonzero_finite = values[np.isfinite(values) & (values != 0)]
        if nonzero_finite.size == 0:
            return
        magnitudes = np.abs(nonzero_finite)
        # Python floats: their division overflows to inf without a numpy warning
        smallest, largest = float(magnitudes.min()), float(magnitudes.max())
        self.int_mode = bool(np.all(nonzero_finite == np.ceil(nonzero_finite)))
        self.sci_mode = bool(largest / smallest > 1000.0 or largest > 1.0e8 or smallest < 1.0e-4)
        if PRINT_OPTS.sci_mode is not None:
            self.sci_mode = PRINT_OPTS.sci_mode
        precision = PRINT_OPTS.precision
        if self.sci_mode:
            texts = [f"{v:.{precision}e}" for v in nonzero_finite.tolist()]
        elif self.int_mode:
            texts = [f"{v:.0f}." for v in nonzero_finite.tolist()]
        else:
            texts = [f"{v:.{precision}f}" for v in nonzero_finite.tolist()]
        self.width = max(len(text) for text in texts)

    def format(self, value) -> str:
        if not self.is_float:
            text = str(value)
        elif self.sci_mode:
            text = f"{value:.{PRINT_OPTS.precision}e}"
        elif self.int_mode:
            # the trailing dot marks a float; nan and inf are recognisable without it
            text = f"{value:.0f}" + ("" if math.isinf(value) or math.isnan(value) else ".")
        else:
            text = f"{value:.{PRINT_OPTS.precision}f}"
        return text.rjust(self.width)


def _nested_str(array: np.ndarray, indent: int, summarize: bool, style: ElementStyle) -> str:
    """`[...]` for an array of at least one dimension whose `[` sits at column `indent`."""
    if array.ndim == 1:
        return _row_str(array, indent, summarize, style)
    edge = PRINT_OPTS.edgeitems
    if summarize and len(array) > 2 * edge:
        head = [_nested_str(sub, indent + 1, summarize, style) for sub in array[:edge]]
        tail = [_nested_str(sub, indent + 1, summarize, style) for sub in array[len(array) - edge :]]
        parts = head + ["..."] + tail
    else:
        parts = [_nested_str(sub, indent + 1, summarize, style) for sub in array]
    # blocks of a higher dimension are set apart by one blank line per dimension beyond a matrix
    separator = "," + "\n" * (array.ndim - 1) + " " * (indent + 1)
    return "[" + separator.join(parts) + "]"


def _row_str(row: np.ndarray, indent: int, summarize: bool, style: ElementStyle) -> str:
    edge = PRINT_OPTS.edgeitems
    if summarize and not edge:
        texts = ["..."]
    elif summarize and len(row) > 2 * edge:
        texts = (
            [style.format(v) for v in row[:edge].tolist()]
            + [" ..."]
            + [style.format(v) for v in row[len(row) - edge :].tolist()]
        )
    else:
        texts = [style.format(v) for v in row.tolist()]
    # each element takes its width plus ", "; torch counts that against the line width after the indent
    per_line = max(1, (PRINT_OPTS.linewidth - indent) // (style.width + 2))
    lines = [", ".join(texts[i : i + per_line]) for i in range(0, len(texts), per_line)]
    return "[" + (",\n" + " " * (indent + 1)).join(lines) + "]"


def _append_suffixes(text: str, suffixes: list[str], indent: int) -> str:
    # torch measures the last line as its length plus 2, a quirk that decides where suffixes wrap
    line_length = len(text) - text.rfind("\n") + 1
    pieces = [text]
    for suffix in suffixes:
        if line_length + len(suffix) + 2 > PRINT_OPTS.linewidth:
            pieces.append(",\n" + " " * indent + suffix)
            line_length = indent + len(suffix)
        else:
            pieces.append(", " + suffix)
            line_length += len(suffix) + 2
    return "".join(pieces) + ")"
