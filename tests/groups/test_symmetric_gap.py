"""S_n (n <= 12) and A_n (n <= 10) against GAP's character tables (tests/golden/make_sn_an_tables.*).

GAP's tables are computed by GAP from the permutation groups; plrep's by Murnaghan–Nakayama
and restriction (beyond listing size) or by listing elements. Columns are matched by cycle type;
the two halves of a split A_n class are compared as an unordered pair.
"""

import cmath
import json
import re
from pathlib import Path

import numpy as np
import pytest

from plrep.groups import alternating, symmetric
from plrep.groups._symmetric import alternating_table, symmetric_table

GAP = json.loads((Path(__file__).parents[1] / "golden" / "sn_an_character_tables.json").read_text())["tables"]


def _cyclotomic(text: str) -> complex:
    """Evaluate GAP's printed cyclotomic, e.g. '-E(5)-E(5)^4' or '1/2*E(3)' (nothing else allowed)."""
    if not re.fullmatch(r"[0-9E()^*/+\- ]+", text):
        raise ValueError(f"unexpected GAP value {text!r}")
    expression = text.replace("^", "**").replace("E(", "_E(")
    return complex(eval(expression, {"__builtins__": {}, "_E": lambda k: cmath.exp(2j * cmath.pi / k)}))


def _canonical(values, types):
    rows = []
    for row in values:
        by_type = {}
        for mu, value in zip(types, row, strict=True):
            by_type.setdefault(tuple(mu), []).append((round(value.real, 8) + 0.0, round(value.imag, 8) + 0.0))
        rows.append(tuple(sorted((mu, tuple(sorted(v))) for mu, v in by_type.items())))
    return sorted(rows)


def _gap(name):
    table = GAP[name]
    values = [[_cyclotomic(v) for v in row] for row in table["values"]]
    return table, _canonical(values, table["cycle_types"])


@pytest.mark.parametrize("n", range(2, 13))
def test_symmetric_tables_match_gap(n):
    table, expected = _gap(f"S{n}")
    group = symmetric(n)
    assert _canonical(group.character_table.values, group.class_cycle_types) == expected
    assert sorted(zip(map(tuple, table["cycle_types"]), table["sizes"], strict=True)) == sorted(
        zip(group.class_cycle_types, group.class_sizes.tolist(), strict=True)
    )
    _, types, values = symmetric_table(n)  # the combinatorial path also where elements are listed
    assert _canonical(np.array(values, dtype=complex), types) == expected


@pytest.mark.parametrize("n", range(3, 11))
def test_alternating_tables_match_gap(n):
    table, expected = _gap(f"A{n}")
    group = alternating(n)
    if n != 9:  # A_9 (181,440 elements) lists its elements: 12 s, the same path as n <= 8
        assert _canonical(group.character_table.values, group.class_cycle_types) == expected
        assert sorted(table["sizes"]) == sorted(group.class_sizes.tolist())
    _, classes, values = alternating_table(n)
    assert _canonical(np.array(values), [mu for mu, _ in classes]) == expected


LARGE = np.load(Path(__file__).parents[1] / "golden" / "sn_an_character_tables_large.npz", allow_pickle=False)


def _types(name):
    return [tuple(int(p) for p in row if p) for row in LARGE[f"{name}_cycle_types"]]


@pytest.mark.parametrize("n", range(13, 21))
def test_symmetric_tables_match_gap_to_s20(n):
    """Every entry of S_13..S_20 (tests/golden/make_sn_an_tables_large.*): rows matched as sets."""
    gap_types, gap_values = _types(f"S{n}"), LARGE[f"S{n}_values"]
    _, types, values = symmetric_table(n)
    column = {mu: j for j, mu in enumerate(types)}
    assert sorted(column) == sorted(gap_types)
    ours = values[:, [column[mu] for mu in gap_types]]
    assert sorted(map(tuple, ours.tolist())) == sorted(map(tuple, gap_values.tolist()))


@pytest.mark.parametrize("n", range(11, 15))
def test_alternating_tables_match_gap_to_a14(n):
    gap_values = np.array([[_cyclotomic(v) for v in row] for row in LARGE[f"A{n}_values"]])
    _, classes, values = alternating_table(n)
    assert _canonical(values, [mu for mu, _ in classes]) == _canonical(gap_values, _types(f"A{n}"))
