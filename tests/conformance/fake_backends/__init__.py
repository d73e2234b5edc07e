"""Torch-like test backends: torch itself, except that torch.exp misbehaves.

``wrong_exp`` computes a wrong value, ``hang_exp`` never returns, ``crash_exp`` kills its process,
``import_error`` cannot even be imported.
"""

WRONG = "tests.conformance.fake_backends.wrong_exp"
HANG = "tests.conformance.fake_backends.hang_exp"
CRASH = "tests.conformance.fake_backends.crash_exp"
IMPORT_ERROR = "tests.conformance.fake_backends.import_error"
