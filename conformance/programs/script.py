"""A program as a standalone Python script that uses the torch API only.

After every step the script prints what changed in the state the check records (grad mode, and each
variable's values, flags, grad_fn, _version, retains_grad and .grad). Run it as ``python prog.py``
(real torch) and ``python prog.py <backend>`` (an engine as torch): the outputs part at the
step where the engines part.
"""

from __future__ import annotations

from conformance.programs.generate import BLOCKS
from conformance.reproducer import engine_import

DOCSTRING = '''\
"""A random autograd program from the conformance fuzzer (check {check_id}).

python this.py            runs it on torch
python this.py BACKEND    runs it on BACKEND as torch: a module (minigrad) or a name
                          registered for `conformance run --backend` (mygrad)
After each step it prints what changed; the first lines that differ between the two runs show the bug.
"""
'''

HELPERS = (
    r"""
import re
import warnings
"""
    + engine_import()
    + r'''


def first_sentence(message):
    return str(message).split(". ")[0]


warnings.simplefilter("always")
warnings.showwarning = lambda message, category, *rest: print(
    f"  warning {category.__name__}: {first_sentence(message)}"
)


def read(value, attribute):
    try:
        return getattr(value, attribute)
    except Exception as e:
        return f"<{type(e).__name__}: {e}>"


def describe(t):
    if not hasattr(t, "shape"):
        return repr(t)
    values = ", ".join(f"{x:.6g}" for x in t.detach().reshape(-1).tolist())
    text = f"tensor([{values}]) shape={tuple(t.shape)} {t.dtype}"
    text += f" requires_grad={t.requires_grad} is_leaf={read(t, 'is_leaf')}"
    grad_fn = read(t, "grad_fn")  # raises for a view whose base was modified in place under grad mode
    if isinstance(grad_fn, str):
        text += f" grad_fn={grad_fn}"
    elif grad_fn is not None:
        nexts = [None if fn is None else fn.name() for fn, _ in grad_fn.next_functions]
        text += f" grad_fn={grad_fn.name()}{nexts}"
    return text


def tangent(t):
    try:
        return torch.autograd.forward_ad.unpack_dual(t).tangent
    except Exception as e:
        return f"<{type(e).__name__}: {e}>"


def describe_variable(t):
    if t is None:
        return "None"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        grad = read(t, "grad")
    warned = "".join(f" (warning: {first_sentence(w.message)})" for w in caught)
    flags = f"_version={read(t, '_version')} retains_grad={read(t, 'retains_grad')}"
    text = f"{describe(t)}\n      {flags}\n      .grad = {describe(grad)}{warned}"
    if any(kind == "dual_level" for kind, _ in blocks):
        text += f"\n      tangent = {describe(tangent(t))}"
    return text


blocks = []  # (kind, context manager) of the entered with-blocks, innermost last


def enter(kind, make_block):
    """Enter a with-block by hand, so that one that fails to open is reported and the program goes on."""
    try:
        block = make_block()
        block.__enter__()
        blocks.append((kind, block))
    except Exception as e:
        print(f"  raised {type(e).__name__}: {e}")


def leave(kind):
    if blocks and blocks[-1][0] == kind:
        blocks.pop()[1].__exit__(None, None, None)


shown = {}


def show():
    """Print the parts of the state that changed since the last step."""
    state = {"grad enabled": str(torch.is_grad_enabled())}
    for name in sorted((k for k in globals() if re.fullmatch(r"v\d+", k)), key=lambda k: int(k[1:])):
        state[name] = describe_variable(globals()[name])
    for key, text in state.items():
        if shown.get(key) != text:
            print(f"  {key}: {text}")
            shown[key] = text
'''
)


def render_script(program: list[str], check_id: str = "PROG-001::random-programs") -> str:
    lines = (DOCSTRING.format(check_id=check_id) + HELPERS).splitlines()
    for i, step in enumerate(program):
        lines += ["", f"print({f'step {i}: {step}'!r})"]
        if step in BLOCKS:  # `with X:` is entered by hand: enter("kind", lambda: X), left by leave("kind")
            lines.append(f"enter({BLOCKS[step]!r}, lambda: {step[len('with ') : -1]})")
        elif step.startswith("<leave "):
            lines.append(f"leave({step[len('<leave ') : -1]!r})")
        else:
            lines += [
                "try:",
                f"    {step}",
                "except Exception as e:",
                "    print(f'  raised {type(e).__name__}: {e}')",
            ]
        lines.append("show()")
    return "\n".join(lines) + "\n"
