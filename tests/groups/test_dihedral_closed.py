"""D_n beyond listing size: classes, simples and characters in closed form (O(n)).

References: each class representative's permutation read directly (rotation x -> x + t or
reflection x -> t - x), the characters of D_n evaluated on it by hand, and the element-listing
class algebra of the base class where D_n is small enough to list.
"""

import math

import numpy as np
import pytest

from plrep.cli import main
from plrep.groups import dihedral
from plrep.groups._permutation import PermutationGroup


def _by_hand(n, k, eps, perm):
    t = int(perm[0])
    reflection = int(perm[1]) != (t + 1) % n
    if eps == 0:
        return 0.0 if reflection else 2 * math.cos(2 * math.pi * k * t / n)
    rotation_sign = (-1) ** t if k else 1
    return rotation_sign * (eps if reflection else 1)


@pytest.mark.parametrize("n", [65, 97, 100, 128])
def test_class_order_agrees_everywhere_past_64(n):  # issue 25 item 9: D97 mixed two orders
    group = dihedral(n)
    reps = group.elements[group.class_representatives]
    assert np.array_equal(np.bincount(group.class_labels), group.class_sizes)
    assert np.array_equal(group.class_labels[group.class_representatives], np.arange(group.num_classes))
    values = group.character_table.values
    for row, (k, eps) in enumerate(group.bands):
        expected = [_by_hand(n, k, eps, rep) for rep in reps]
        assert np.allclose(group.character_values(k, eps), expected, atol=1e-12)
        table_row = values[group.character_table._real_rows[row][0]].real
        assert np.allclose(table_row, expected, atol=1e-12)
    orders = [
        next(m for m in range(1, 2 * n + 1) if np.array_equal(_power(rep, m), np.arange(n))) for rep in reps
    ]
    assert group.class_element_orders.tolist() == orders
    # the element-listing classes of the base class are the same partition of the group
    listed = PermutationGroup.class_labels.func(group)
    assert len(set(zip(listed.tolist(), group.class_labels.tolist(), strict=True))) == group.num_classes


def _power(perm, m):
    out = np.arange(len(perm))
    for _ in range(m):
        out = perm[out]
    return out


def test_simples_are_closed_forms_and_huge_n_is_quick():
    for n in (65, 66, 99, 100):
        group = dihedral(n)
        assert tuple(group.simples) == PermutationGroup.simples.fget(group)
    group = dihedral(1_000_000)
    simples = group.simples
    assert len(simples) == group.num_simples == 500_003
    assert simples[4].name == "2a" and simples[4].order == 2_000_000 and simples[-1].dim == 2
    assert simples[4 + 250_000 - 1].order == 8  # rho_250000: kernel r^8, image D_4
    assert group.class_sizes.sum() == 2_000_000 and group.num_classes == 500_003


def test_dense_table_refused_at_once_for_large_n(capsys):
    with pytest.raises(ValueError, match="at most 2051 conjugacy classes"):
        _ = dihedral(5000).character_table
    assert main(["group", "D5000", "--characters"]) == 2
    assert "at most 2051 conjugacy classes" in capsys.readouterr().err


def test_cli_group_lists_d1000000_a_screen_at_a_time(capsys):
    # issue 26: `plrep group D1000000`. Text makes only the rows it prints; by hand, D_n for even
    # n has 4 linear simples and n/2 - 1 of dimension 2, and rho_k has image order 2n / gcd(n, k).
    n = 1_000_000
    assert main(["group", f"D{n}", "--max-lines", "6"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"D{n}: order {2 * n}, {4 + n // 2 - 1} real simple representations"
    rows = [line.split() for line in lines[2:8]]
    assert [int(row[2]) for row in rows] == [1, 1, 1, 1, 2, 2]
    assert [int(row[3]) for row in rows[4:]] == [2 * n // math.gcd(n, k) for k in (1, 2)]
    assert lines[8] == f"... {4 + n // 2 - 1 - 6} more simples (raise --max-lines to at most 262144)"
    # JSON lists every simple, so the listing cap still holds there
    assert main(["group", f"D{n}", "--format", "json"]) == 2
    assert "at most 262144 real simple representations" in capsys.readouterr().err
