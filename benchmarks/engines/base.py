"""What every engine adapter shares: the way to say "this workload does not apply to me"."""


class NotApplicable(Exception):
    """The workload cannot be expressed on this engine; the message says why (shown as "n/a (why)")."""
