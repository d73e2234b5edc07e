"""torch.autograd.anomaly_mode: detect_anomaly and set_detect_anomaly (process-global, as torch's)."""

import warnings

from .._core import anomaly

__all__ = ["detect_anomaly", "is_anomaly_check_nan_enabled", "is_anomaly_enabled", "set_detect_anomaly"]


def is_anomaly_enabled():
    return anomaly.state.enabled


def is_anomaly_check_nan_enabled():
    return anomaly.state.check_nan


def set_anomaly_enabled(enabled, check_nan=True):
    anomaly.set_enabled(enabled, check_nan)


class detect_anomaly:  # noqa: N801 (torch's name)
    """Context manager that enables anomaly detection: nodes remember the traceback of the forward call that
    made them, a failing backward warns with it, and with check_nan a nan gradient raises."""

    def __init__(self, check_nan=True):
        self.prev = is_anomaly_enabled()
        self.check_nan = check_nan
        self.prev_check_nan = is_anomaly_check_nan_enabled()
        warnings.warn(
            "Anomaly Detection has been enabled. This mode will increase the runtime and should only be "
            "enabled for debugging.",
            stacklevel=2,
        )

    def __enter__(self):
        set_anomaly_enabled(True, self.check_nan)

    def __exit__(self, *args):
        set_anomaly_enabled(self.prev, self.prev_check_nan)


class set_detect_anomaly:  # noqa: N801 (torch's name)
    """Sets anomaly detection on or off at construction; as a context manager, restores it on exit."""

    def __init__(self, mode, check_nan=True):
        self.prev = is_anomaly_enabled()
        self.prev_check_nan = is_anomaly_check_nan_enabled()
        set_anomaly_enabled(mode, check_nan)

    def __enter__(self):
        pass

    def __exit__(self, *args):
        set_anomaly_enabled(self.prev, self.prev_check_nan)
