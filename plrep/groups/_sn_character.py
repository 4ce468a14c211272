"""Single characters of S_n, chi^lambda(mu), without a table: the public ``character``.

Its own module because it accepts a ``SymmetricGroup`` (``_named``), which itself builds its
tables from ``_symmetric``: keeping it here keeps the imports one-way.
"""

from __future__ import annotations

from plrep.groups._mn_blocks import block_character
from plrep.groups._named import SymmetricGroup
from plrep.groups._symmetric import MAX_CYCLES, MAX_PARTITION_SIZE, _as_partition

__all__ = ["character"]


def character(group, partition, cycle_type) -> int:
    """chi^partition(cycle_type) of S_n, exact, without any table.

    Murnaghan–Nakayama with each block of equal cycles removed at once through r-quotients
    (``plrep.groups._mn_blocks``): no intermediate shapes, so near-square partitions with
    many 2-cycles take milliseconds, not seconds.

    Args:
        group: ``"S{n}"`` or a ``SymmetricGroup`` (n <= 10000).
        partition: lambda |- n, the simple (non-increasing positive ints).
        cycle_type: mu |- n, the class (its parts in any order).

    Raises:
        ValueError: ``group`` is not S_n, or either argument is not a partition of n.

    Example:
        >>> character("S100", (99, 1), (1,) * 100), character("S100", (99, 1), (100,))
        (99, -1)
    """
    if isinstance(group, str):
        text = group.strip()
        digits = text[1:]
        if not (text[:1] == "S" and digits.isascii() and digits.isdigit() and len(digits) <= 6):
            raise ValueError(f"`group` must be a symmetric group 'S<n>', got {group[:60]!r} instead")
        n = int(digits)
    elif isinstance(group, SymmetricGroup):
        n = group.degree
    else:
        raise ValueError(f"`group` must be 'S<n>' or a SymmetricGroup, got {type(group).__name__} instead")
    if not 1 <= n <= MAX_PARTITION_SIZE:
        raise ValueError(f"`group` must be S_n with 1 <= n <= {MAX_PARTITION_SIZE}, got S{n} instead")
    shape = _as_partition(partition, "partition")
    try:
        parts = sorted((int(p) for p in cycle_type), reverse=True)
    except (TypeError, ValueError):
        raise ValueError(f"`cycle_type` must be a partition of {n}, got {cycle_type!r} instead") from None
    mu = _as_partition(parts, "cycle_type")
    for name, value in (("partition", shape), ("cycle_type", mu)):
        if sum(value) != n:
            raise ValueError(f"`{name}` must be a partition of {n}, got one of {sum(value)} instead")
    cycles = sum(1 for part in mu if part > 1)
    if cycles > MAX_CYCLES:  # the documented input bound (set when this recursed once per cycle)
        raise ValueError(
            f"`cycle_type` must have at most {MAX_CYCLES} parts greater than 1, got {cycles} instead"
        )
    return block_character(shape, mu)
