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
