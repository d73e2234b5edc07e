"""Warnings torch gives once per process (TORCH_WARN_ONCE), each compared in a fresh process: the tests'
comparisons give them up front (_compare.py), since whether a comparison sees one would otherwise depend on
which tests ran before it in the same worker."""

import subprocess
import sys

import pytest

ONCE = {
    "padding='same' with an even kernel": (
        "torch.nn.functional.conv2d(torch.ones(1, 1, 5, 5), torch.ones(1, 1, k, k), padding='same')"
    ),
    "copying complex values into a real tensor": "torch.zeros(2).copy_(1j * k)",
}

SCRIPT = """
import sys, warnings
torch = __import__(sys.argv[1])
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    for k in (2, 3, 4, 2):
        {call}
print([str(w.message) for w in caught])
"""


@pytest.mark.parametrize("case", sorted(ONCE))
def test_a_warn_once_warning_is_given_once_per_process(case):
    script = SCRIPT.format(call=ONCE[case])
    printed = [
        subprocess.run(
            [sys.executable, "-c", script, engine], capture_output=True, text=True, check=True
        ).stdout
        for engine in ("torch", "minigrad")
    ]
    assert printed[0] == printed[1]
    assert printed[0].count("'") >= 2  # torch did warn: the comparison is about the warning, not its absence
