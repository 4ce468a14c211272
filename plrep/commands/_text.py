"""Text output that stays bounded and readable: sized columns, short big numbers, --max-lines."""

from __future__ import annotations

import argparse
import math
from collections.abc import Sequence

from plrep._validate import size_text
from plrep.commands._common import UsageError, int_range

# Simples a subcommand lists (JSON) or sizes a table for: S_n up to n = 51 (p(51) = 239943)
# fits, C_n up to n = 524286; past it the output alone would be tens of megabytes.
MAX_LISTED_SIMPLES = 262144
DEFAULT_MAX_LINES = 60
_MAX_DIGITS = 12  # longer integers print as ``n!`` or ``about 2.65e32``


def add_max_lines(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--max-lines",
        type=int_range(1, MAX_LISTED_SIMPLES),
        default=DEFAULT_MAX_LINES,
        help=f"text output: print at most this many {what} (default {DEFAULT_MAX_LINES}; "
        "--format json lists all)",
    )


def number_text(value: int, degree: int | None = None) -> str:
    """An integer for a table cell: exact up to 12 digits, else ``30!``, ``30!/2`` or ``about 2.65e32``.

    ``degree`` (n of S_n, A_n): huge orders of their simples' images are n! or n!/2.
    """
    value = int(value)
    if abs(value) < 10**_MAX_DIGITS:
        return str(value)
    if degree is not None and degree <= 10000:
        whole = math.factorial(degree)
        if value == whole:
            return f"{degree}!"
        if 2 * value == whole:
            return f"{degree}!/2"
    return ("-" if value < 0 else "") + _scientific(abs(value))


def _scientific(value: int) -> str:
    """A positive int as ``~2.65e32`` (through its top 64 bits: no float overflow, no huge str())."""
    shift = max(value.bit_length() - 64, 0)
    exponent = math.log10(value >> shift) + shift * math.log10(2)
    whole = math.floor(exponent)
    return f"~{10 ** (exponent - whole):.3g}e{whole}"


def order_text(order: int, degree: int | None = None) -> str:
    """|G| for a header line: exact when short, ``30! (about 2.65e32)`` when huge."""
    short = number_text(order, degree)
    if abs(int(order)) < 10**_MAX_DIGITS:  # never str() a huge int (10000! has 35,660 digits)
        return short
    return f"{short} ({size_text(order)})" if "!" in short else size_text(order)


def table_lines(header: Sequence[str], rows: Sequence[Sequence[str]], left: Sequence[bool]) -> list[str]:
    """Columns sized to their widest cell, two spaces apart; ``left`` marks left-aligned columns."""
    widths = [max([len(header[c])] + [len(row[c]) for row in rows]) for c in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        parts = [
            cell.ljust(width) if is_left else cell.rjust(width)
            for cell, width, is_left in zip(cells, widths, left, strict=True)
        ]
        return "  ".join(parts).rstrip()

    return [line(header), *(line(row) for row in rows)]


def count_simples(group) -> int:
    """Number of real simples, without listing them where that is costly (C_n, products).

    A cyclic product has one real simple per pair {xi, -xi}: (|G| + #{xi : 2 xi = 0}) / 2,
    and #{2 xi = 0} = prod_i gcd(2, n_i).
    """
    from plrep.groups import CyclicProduct

    if isinstance(group, CyclicProduct):
        return (group.order + math.prod(math.gcd(2, n) for n in group.factors)) // 2
    count = getattr(group, "num_simples", None)  # S1000: p(1000) = 2.4e31 is counted, never listed
    return int(count) if count is not None else len(group.simples)


def makes_simples_on_demand(group) -> bool:
    """Whether each simple is made alone in O(1), so a text table of a few needs no listing.

    D_n past ``SMALL_DIHEDRAL`` (closed forms) and S_n past ``MAX_PARTITIONS`` (ids ranked by the
    boxes below the first row) do; a cyclic product's simples come from an array of all of them.
    """
    from plrep.groups import DihedralGroup, SymmetricGroup
    from plrep.groups._named import SMALL_DIHEDRAL

    if isinstance(group, SymmetricGroup):
        return group.ranks_by_rows
    return isinstance(group, DihedralGroup) and group.degree > SMALL_DIHEDRAL


def check_listable(group, command: str, hint: str = "try a smaller n", *, on_demand: bool = False) -> int:
    """Refuse at once a group with more simples than a subcommand lists; returns their number.

    ``on_demand``: the caller makes only the simples it prints, so a group that makes each one
    alone (``makes_simples_on_demand``) is not refused however many it has.
    """
    count = count_simples(group)
    if on_demand and makes_simples_on_demand(group):
        return count
    if count > MAX_LISTED_SIMPLES:
        raise UsageError(
            f"`group` must have at most {MAX_LISTED_SIMPLES} real simple representations for "
            f"`plrep {command}` to list, got {group.name} with {size_text(count)} instead "
            f"({hint})"
        )
    return count


def cut_note(shown: int, total: int, what: str) -> str | None:
    """The last line of a cut table, or None when nothing was cut."""
    if shown >= total:
        return None
    more = f"... {number_text(total - shown)} more {what}"
    if total > MAX_LISTED_SIMPLES:  # --format json would be refused
        return f"{more} (raise --max-lines to at most {MAX_LISTED_SIMPLES})"
    return f"{more} (raise --max-lines, or --format json for all)"
