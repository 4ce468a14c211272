"""An independent Murnaghan–Nakayama rule for the tests: Young diagrams and hook cells.

Shares no code with plrep: a rim hook of size r is found from a cell (i, j) of hook length r
(arm + leg + 1), and removing it shifts rows i+1 .. i+leg up by one box to the left; the
remaining fixed points are counted by the hook length formula. Memoised on (shape, parts left).
"""

from __future__ import annotations

import math
from functools import cache


def _columns(shape):
    return [sum(1 for row in shape if row > j) for j in range(shape[0])] if shape else []


def hook_formula(shape) -> int:
    columns = _columns(shape)
    product = 1
    for i, row in enumerate(shape):
        for j in range(row):
            product *= (row - j - 1) + (columns[j] - i - 1) + 1
    return math.factorial(sum(shape)) // product


def _rim_hooks(shape, size):
    columns = _columns(shape)
    for i, row in enumerate(shape):
        for j in range(row):
            arm, leg = row - j - 1, columns[j] - i - 1
            if arm + leg + 1 != size:
                continue
            new = list(shape)
            for k in range(i, i + leg):
                new[k] = shape[k + 1] - 1
            new[i + leg] = j
            yield (-1) ** leg, tuple(part for part in new if part > 0)


@cache
def character(shape: tuple, cycle_type: tuple) -> int:
    """chi^shape(cycle_type); cycle_type in non-increasing order."""
    if not cycle_type or cycle_type[0] == 1:
        return hook_formula(shape)
    first, rest = cycle_type[0], cycle_type[1:]
    return sum(sign * character(smaller, rest) for sign, smaller in _rim_hooks(shape, first))
