"""einsum, composite as torch's: operands aligned by diagonal/permute/unsqueeze, contracted pairwise left to
right by a sum-product that reduces to bmm (permute, reshape, bmm, view, permute), the contraction dims of a
single operand summed at the end. Its graph is built from those ops, so its node names are torch's.

(No contraction path: torch only finds one with opt_einsum installed, and this torch has none; sublists are
turned into an equation string as torch's Python wrapper does.)
"""

import string

from .._core.arguments import type_name
from . import Tensor
from .linalg import bmm

_LETTERS = string.ascii_uppercase + string.ascii_lowercase  # torch's subscripts 0..51
_ELLIPSIS = len(_LETTERS)


def _subscript(label):
    return _LETTERS.index(label)


def _sublist_equation(args):
    """torch.einsum(op1, sublist1, op2, sublist2, ..., [sublist_out]) as (equation, operands)."""

    def letters(sublist):
        out = []
        for s in sublist:
            if s is Ellipsis:
                out.append("...")
            elif isinstance(s, int) and 0 <= s < 52:
                out.append(_LETTERS[s])
            else:
                raise ValueError(
                    "einsum(): subscript in subscript list is not within the valid range [0, 52)"
                )
        return "".join(out)

    operands = list(args[0::2][: len(args) // 2])
    equation = ",".join(letters(s) for s in args[1::2])
    if len(args) % 2:
        equation += "->" + letters(args[-1])
    return equation, operands


def _parse_inputs(lhs, count):
    labels, current, seen_ellipsis = [[]], 0, False
    i = 0
    while i < len(lhs):
        ch = lhs[i]
        if ch == " ":
            pass
        elif ch == ".":
            if seen_ellipsis:
                raise RuntimeError(
                    f"einsum(): found '.' for operand {current} for which an ellipsis was already found"
                )
            if not (i + 2 < len(lhs) and lhs[i + 1] == "." and lhs[i + 2] == "."):
                raise RuntimeError(
                    f"einsum(): found '.' for operand {current} that is not part of any ellipsis"
                )
            i += 2
            labels[current].append(_ELLIPSIS)
            seen_ellipsis = True
        elif ch == ",":
            current += 1
            if current >= count:
                raise RuntimeError("einsum(): fewer operands were provided than specified in the equation")
            labels.append([])
            seen_ellipsis = False
        else:
            if ch not in _LETTERS:
                raise RuntimeError(
                    f"einsum(): invalid subscript given at index {i} in the equation string, "
                    "subscripts must be in [a-zA-Z]"
                )
            labels[current].append(_subscript(ch))
        i += 1
    if current != count - 1:
        raise RuntimeError("einsum(): more operands were provided than specified in the equation")
    return labels


def einsum(*args):
    if len(args) < 2:
        raise ValueError(
            "einsum(): must specify the equation string and at least one operand, or at least one operand "
            "and its subscripts list"
        )
    if isinstance(args[0], str):
        equation, operands = args[0], list(args[1:])
        if len(operands) == 1 and isinstance(operands[0], list | tuple):
            operands = list(operands[0])
    else:
        equation, operands = _sublist_equation(args)
    for i, op in enumerate(operands):
        if not isinstance(op, Tensor):
            raise TypeError(f"expected Tensor as element {i} in argument 1, but got {type_name(op)}")
    if not operands:
        raise RuntimeError("einsum(): must provide at least one operand")
    return _einsum(equation, operands)


def _einsum(equation, operands):
    count = len(operands)
    arrow = equation.find("->")
    lhs = equation if arrow < 0 else equation[:arrow]
    op_labels = _parse_inputs(lhs, count)

    label_count = [0] * _ELLIPSIS
    ell_num_dim = 0
    for i, (op, labels) in enumerate(zip(operands, op_labels)):
        ndim = op._data.ndim
        nlabels = sum(1 for s in labels if s != _ELLIPSIS)
        has_ellipsis = _ELLIPSIS in labels
        for s in labels:
            if s != _ELLIPSIS:
                label_count[s] += 1
        if has_ellipsis:
            ell_num_dim = max(ell_num_dim, ndim - nlabels)
        if (nlabels > ndim) if has_ellipsis else (nlabels != ndim):
            relation = "is more than" if has_ellipsis else "does not match"
            tail = "" if has_ellipsis else " and no ellipsis was given"
            raise RuntimeError(
                f"einsum(): the number of subscripts in the equation ({nlabels}) {relation} the number of "
                f"dimensions ({ndim}) for operand {i}{tail}"
            )

    # every operand is aligned to the dims: output labels (and ellipsis), then the contracted ones
    perm_index_of = [-1] * _ELLIPSIS
    perm_index, ell_index, ell_in_output = 0, 0, False
    if arrow < 0:  # implicit output: the ellipsis, then the labels seen once, in alphabetical order
        perm_index, ell_in_output = ell_num_dim, True
        for s in range(_ELLIPSIS):
            if label_count[s] == 1:
                perm_index_of[s] = perm_index
                perm_index += 1
    else:
        rhs = equation[arrow + 2 :]
        i = 0
        while i < len(rhs):
            ch = rhs[i]
            if ch == " ":
                pass
            elif ch == ".":
                if ell_in_output:
                    raise RuntimeError(
                        "einsum(): found '.' for output but an ellipsis (...) was already found"
                    )
                if not (i + 2 < len(rhs) and rhs[i + 1] == "." and rhs[i + 2] == "."):
                    raise RuntimeError(
                        "einsum(): found '.' for output that is not part of any ellipsis (...)"
                    )
                i += 2
                ell_index, ell_in_output = perm_index, True
                perm_index += ell_num_dim
            else:
                if ch not in _LETTERS:
                    raise RuntimeError(
                        f"einsum(): invalid subscript given at index {len(lhs) + 2 + i} in the equation "
                        "string, subscripts must be in [a-zA-Z]"
                    )
                s = _subscript(ch)
                if label_count[s] == 0 or perm_index_of[s] != -1:
                    why = (
                        "appears more than once in the output"
                        if perm_index_of[s] > -1
                        else "does not appear in the equation for any input operand"
                    )
                    raise RuntimeError(f"einsum(): output subscript {ch} {why}")
                perm_index_of[s] = perm_index
                perm_index += 1
            i += 1
    out_num_dim = perm_index
    if not ell_in_output:
        ell_index = perm_index
        perm_index += ell_num_dim
    for s in range(_ELLIPSIS):
        if label_count[s] and perm_index_of[s] == -1:
            perm_index_of[s] = perm_index
            perm_index += 1

    label_size = [1] * _ELLIPSIS
    ell_sizes = [1] * ell_num_dim
    dim_counts = [0] * perm_index
    ops = []
    for i, (op, labels) in enumerate(zip(operands, op_labels)):
        permutation = [-1] * perm_index
        dim = 0
        for s in labels:
            if s == _ELLIPSIS:
                covered = operands[i]._data.ndim - (len(labels) - 1)
                for j in range(ell_num_dim - covered, ell_num_dim):
                    size = op._data.shape[dim]
                    if size != 1:
                        if ell_sizes[j] not in (1, size):
                            raise RuntimeError(
                                f"einsum(): dimension {dim} covered by ellipsis in operand {i}has size "
                                f"{size} which does not broadcast with previously seen ellipsis with size "
                                f"{ell_sizes[j]} for the respective dimension"
                            )
                        ell_sizes[j] = size
                        dim_counts[ell_index + j] += 1
                    permutation[ell_index + j] = dim
                    dim += 1
            elif permutation[perm_index_of[s]] == -1:
                size = op._data.shape[dim]
                if size != 1:
                    if label_size[s] not in (1, size):
                        raise RuntimeError(
                            f"einsum(): subscript {_LETTERS[s]} has size {size} for operand {i} which does "
                            f"not broadcast with previously seen size {label_size[s]}"
                        )
                    label_size[s] = size
                    dim_counts[perm_index_of[s]] += 1
                permutation[perm_index_of[s]] = dim
                dim += 1
            else:  # a repeated label: its diagonal, moved to where the label first was
                previous = permutation[perm_index_of[s]]
                a, b = op._data.shape[dim], op._data.shape[previous]
                if a != b:
                    raise RuntimeError(
                        f"einsum(): subscript {_LETTERS[s]} is repeated for operand {i} but the sizes don't "
                        f"match, {a} != {b}"
                    )
                op = _movedim_last_to(op.diagonal(0, previous, dim), previous)
        for k, value in enumerate(permutation):
            if value == -1:
                op = op.unsqueeze(dim)
                permutation[k] = dim
                dim += 1
        ops.append(op.permute(permutation))

    while len(ops) > 1:
        a, b = ops[0], ops[1]
        del ops[:2]
        sum_dims, a_dims, b_dims = [], [], []
        for dim in range(out_num_dim, perm_index):
            sa, sb = a._data.shape[dim], b._data.shape[dim]
            if sa != 1 and sb != 1:
                dim_counts[dim] -= 1
                if dim_counts[dim] == 1:
                    sum_dims.append(dim)
                    dim_counts[dim] = 0
            elif dim_counts[dim] == 1:
                if sa != 1:
                    a_dims.append(dim)
                    dim_counts[dim] = 0
                elif sb != 1:
                    b_dims.append(dim)
                    dim_counts[dim] = 0
        if a_dims:
            a = a.sum(a_dims, True)
        if b_dims:
            b = b.sum(b_dims, True)
        ops.insert(0, _sumproduct_pair(a, b, sum_dims))

    result = ops[0]
    if perm_index - out_num_dim > 0:
        if count > 1:  # the contracted dims are all 1 by now
            return result.view(result._data.shape[:out_num_dim])
        return result.sum(list(range(out_num_dim, perm_index)))
    return result


def _movedim_last_to(t, position):
    """t.movedim(-1, position): a permute."""
    order = list(range(t._data.ndim - 1))
    order.insert(position, t._data.ndim - 1)
    return t.permute(order)


def _sumproduct_pair(left, right, sum_dims):
    """torch's sumproduct_pair (keepdim): left * right summed over sum_dims, as one bmm."""
    if not sum_dims:
        return left * right
    ndim = left._data.ndim
    lro, lo, ro = [], [], []
    lro_size = lo_size = ro_size = sum_size = 1
    for i in range(ndim):
        sl, sr = left._data.shape[i] != 1, right._data.shape[i] != 1
        if i in sum_dims:
            if sl and sr:
                if left._data.shape[i] != right._data.shape[i]:
                    raise RuntimeError("non-broadcast dimensions must match")
                sum_size *= left._data.shape[i]
            elif sl:
                left = left.sum(i, True)
            elif sr:
                right = right.sum(i, True)
        elif sl and sr:
            if left._data.shape[i] != right._data.shape[i]:
                raise RuntimeError("non-broadcast dimensions must match")
            lro.append(i)
            lro_size *= left._data.shape[i]
        elif sl:
            lo.append(i)
            lo_size *= left._data.shape[i]
        else:
            ro.append(i)
            ro_size *= right._data.shape[i]
    out_size = (
        [left._data.shape[d] for d in lro]
        + [left._data.shape[d] for d in lo]
        + [1] * len(sum_dims)
        + [right._data.shape[d] for d in ro]
    )
    left_order = lro + lo + sum_dims + ro
    right_order = lro + sum_dims + ro + lo
    out_order = [0] * len(out_size)
    for position, d in enumerate(lro + lo + sum_dims + ro):
        out_order[d] = position
    left = left.permute(left_order).reshape(lro_size, lo_size, sum_size)
    right = right.permute(right_order).reshape(lro_size, sum_size, ro_size)
    return bmm(left, right).view(out_size).permute(out_order)
