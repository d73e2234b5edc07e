"""Backends that misbehave as badly as a process can, for tests/conformance/test_faults.py.

``*_at_import`` modules do it while being imported; ``in_ops`` does it inside ``torch.exp``, choosing
what by the environment variable FAULT (see its docstring). Everything else is torch.
"""

PACKAGE = "tests.conformance.fault_backends"
