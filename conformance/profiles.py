"""Run profiles: how hard hypothesis tries on each check.

- ``dev``: few examples, a fresh random seed per run, for quick local feedback.
- ``ci``: derandomized (fixed seed 0 unless one is given), moderate examples: a CI run is reproducible.
  The whole suite on minigrad must finish in a few minutes on 2 cores, so examples are budgeted.
- ``thorough``: many examples, random seed; for hunting rare differences.

A check's own ``max_examples`` caps the profile's. Shrinking a failure is cut short after
``shrink_steps`` new examples (the smallest failing example found by then is reported): a backend
with many failing checks must not blow the run's time budget. The budget counts examples, not
seconds, so a run on a busy machine reports the same minimal example as one on an idle machine.
``shrink_seconds`` is a backstop for very slow examples in the random profiles only (a report says
when it cut in); the reproducible ``ci`` profile has none, so its result never depends on the load.

The profiles are plain ``hypothesis.settings`` objects built on demand, not registered globally,
so they never clash with the test suite's own profiles of the same names.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from hypothesis import HealthCheck, Phase, Verbosity, settings


@dataclass(frozen=True)
class Profile:
    name: str
    max_examples: int
    derandomize: bool
    shrink_steps: int
    shrink_seconds: float | None  # None: no clock at all
    description: str


PROFILES: dict[str, Profile] = {
    "dev": Profile("dev", 8, False, 150, 10.0, "few examples, random seed: quick local feedback"),
    "ci": Profile("ci", 25, True, 300, None, "derandomized (reproducible), moderate examples"),
    "thorough": Profile("thorough", 200, False, 2000, 40.0, "many examples, random seed"),
}


def get_profile(name: str) -> Profile:
    try:
        return PROFILES[name]
    except KeyError:
        raise ValueError(f"unknown profile {name!r}; choose one of {', '.join(PROFILES)}") from None


def choose_seed(profile: Profile, seed: int | None) -> int:
    """The run's seed: the given one, 0 for a derandomized profile, else a fresh random one."""
    if seed is not None:
        return seed
    return 0 if profile.derandomize else secrets.randbelow(2**32)


def hypothesis_settings(profile: Profile, check_max_examples: int | None = None) -> settings:
    """The settings one check runs with under ``profile``."""
    n = profile.max_examples if check_max_examples is None else min(profile.max_examples, check_max_examples)
    return settings(
        max_examples=max(1, n),
        deadline=None,
        derandomize=profile.derandomize,
        database=None,  # a run leaves no .hypothesis/ behind and never replays old examples
        report_multiple_bugs=False,  # one failure per check: the smallest one
        verbosity=Verbosity.quiet,
        phases=(Phase.explicit, Phase.generate, Phase.shrink),
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
        print_blob=False,
    )
