"""Hypothesis profiles for the test suite.

ci (the default): derandomized, so every run of the tests, in CI or not, sees the same examples.
dev: fewer examples and a fresh random seed each run, for exploring. thorough: many examples, slow.
Pick one with HYPOTHESIS_PROFILE=dev|ci|thorough.
"""

import os

from hypothesis import HealthCheck, settings

_common = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("dev", max_examples=20, **_common)
settings.register_profile("ci", max_examples=30, derandomize=True, database=None, print_blob=True, **_common)
settings.register_profile("thorough", max_examples=500, **_common)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


OPT_IN = {
    "slow": "the whole catalog and other long runs: opt in with -m slow",
    "timing": "a speed ratio is a benchmark, meaningless on a busy machine: opt in with -m timing",
}


def pytest_collection_modifyitems(config, items):
    """Tests marked slow or timing run only when -m names their marker: the default run's verdict
    must not depend on the machine's load, and it must stay within its time budget."""
    import pytest

    wanted = config.getoption("markexpr") or ""
    for item in items:
        for marker, why in OPT_IN.items():
            if marker in item.keywords and marker not in wanted:
                item.add_marker(pytest.mark.skip(reason=why))
