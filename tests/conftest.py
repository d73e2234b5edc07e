"""Hypothesis profiles for the test suite.

dev: quick local runs. ci: derandomized, so a CI run is reproducible. thorough: opt-in, slow.
Pick one with HYPOTHESIS_PROFILE=...; CI (the CI variable set) defaults to ci, everything else to dev.
"""

import os

from hypothesis import HealthCheck, settings

_common = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("dev", max_examples=20, **_common)
settings.register_profile("ci", max_examples=30, derandomize=True, database=None, print_blob=True, **_common)
settings.register_profile("thorough", max_examples=500, **_common)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
