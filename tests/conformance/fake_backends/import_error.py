"""A backend that cannot be imported: its own code raises."""

raise RuntimeError("this backend is broken on purpose")
