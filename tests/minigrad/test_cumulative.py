"""cumsum and flip against torch beyond the table's float64 cases: dtypes (integers and bools into int64,
dtype=), float32 accumulation over long rows, 0-d inputs, errors."""

import pytest
from _compare import same, same_error


def test_values_and_dtypes():
    def body(T):
        T.manual_seed(0)
        x = T.rand(3, 5000)
        return [
            x.cumsum(1),
            T.tensor([1, 2, 3]).cumsum(0),
            T.tensor([True, False, True]).cumsum(0),
            T.tensor([1, 2], dtype=T.int32).cumsum(0, dtype=T.float64),
            T.tensor(3.0).cumsum(0),
            x.flip(1),
            x.flip(-1, 0),
            T.tensor(2.0).flip(0),
        ]

    same(body)


@pytest.mark.parametrize(
    "call",
    [
        lambda T: T.ones(2, 3).cumsum(2),
        lambda T: T.ones(2, 3).cumsum(),
        lambda T: T.ones(2, 3).flip(2),
        lambda T: T.ones(2, 3).flip((0, 0)),
    ],
)
def test_errors(call):
    same_error(call)
