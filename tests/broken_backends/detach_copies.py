"""Bug: detach() returns a copy instead of a view sharing the original's storage, so in-place changes
on one are not seen by the other (and they have separate version counters).

Caught by the detach area (DETACH-002::in-place: detach() shares storage: in-place changes show through in
both directions).
"""

from tests.broken_backends._base import Tensor, install

CAUGHT_BY = "DETACH-002::in-place"


class CopyingDetach(Tensor):
    def detach(self):
        return super().detach().clone()


install(__name__, tensor_class=CopyingDetach)
