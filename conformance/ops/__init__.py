"""The op table: every op of the API the suite covers, as data (see ``opinfo.OpInfo``).

``conformance.rules.ops`` turns each entry into a rule ``OP-<NAME>`` with checks forward, backward
(differentiable ops) and errors (ops with error cases).
"""

from conformance.ops import (
    table_compare,
    table_index,
    table_inplace,
    table_math,
    table_nn,
    table_reduce,
    table_shape,
)
from conformance.ops.opinfo import OpInfo

OPS: list[OpInfo] = [
    *table_math.OPS,
    *table_reduce.OPS,
    *table_nn.OPS,
    *table_shape.OPS,
    *table_index.OPS,
    *table_inplace.OPS,
    *table_compare.OPS,
]

__all__ = ["OPS", "OpInfo"]
