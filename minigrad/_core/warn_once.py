"""torch's TORCH_WARN_ONCE: a warning given the first time only, for the whole process.

The set of warnings already given is the one piece of process-wide state minigrad keeps besides the
thread-local grad mode, because torch keeps it too: a program must see a warn-once warning exactly
when torch shows it.
"""

import warnings

_given = set()


def warn_once(message, stacklevel=2):
    if message in _given:
        return
    _given.add(message)
    warnings.warn(message, UserWarning, stacklevel=stacklevel + 1)
