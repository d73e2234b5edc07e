"""A tiny catalog for the machinery's own tests (selected with CONFORMANCE_CATALOG / catalog=).

``basic`` passes on torch; ``broken`` holds a check torch itself fails (an ``error``) and one that
needs a module nobody has (a ``skip``).
"""

BASIC = "tests.conformance.fake_rules.basic"
BROKEN = "tests.conformance.fake_rules.broken"
