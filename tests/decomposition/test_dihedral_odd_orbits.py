"""Issue 25 item 12: D_n-sets with n even and rotation orbits of odd length.

The mutation ``even = same & (length % 2 == 0)`` -> ``even = same`` in decomposition/_dihedral.py
survived every test: D_6 acting trivially on 2 points then got multiplicities [2, 1, 0, -1, 0, 0].
The reference here is Burnside's formula m_L = (1/2n) sum_g fix(g) chi_L(g) with the characters
of D_n written out by hand (rotations r^j, reflections s r^j), not plrep's character table.
"""

from __future__ import annotations

import numpy as np
import pytest

import plrep
from plrep.gsets import GSet


def _hand_multiplicities(group, generators: np.ndarray) -> list[int]:
    n = group.degree
    rotate, reflect = (np.asarray(g) for g in generators)
    size = rotate.size
    power = np.arange(size)
    fixed_rotations, fixed_reflections = [], []
    for _ in range(n):
        fixed_rotations.append(int((power == np.arange(size)).sum()))  # r^j
        fixed_reflections.append(int((reflect[power] == np.arange(size)).sum()))  # s r^j
        power = rotate[power]
    j = np.arange(n)
    counts = []
    for k, eps in group.bands:
        if eps == 0:  # 2-dim: 2 cos(2 pi k j / n) on rotations, 0 on reflections
            on_rotations, on_reflections = 2 * np.cos(2 * np.pi * k * j / n), np.zeros(n)
        else:  # 1-dim: (-1)^{k j... } = 1 (k = 0) or (-1)^j (k = n/2) on r^j; eps times that on s r^j
            on_rotations = np.ones(n) if k == 0 else (-1.0) ** j
            on_reflections = eps * on_rotations
        total = np.dot(fixed_rotations, on_rotations) + np.dot(fixed_reflections, on_reflections)
        counts.append(round(total / (2 * n)))
    return counts


def _cases():
    d6, d4 = plrep.dihedral(6), plrep.dihedral(4)
    three = np.arange(3)
    return {
        "D6 trivially on 2 points": (d6, np.array([[0, 1], [0, 1]])),
        "D6 through D3 on 3 points (rotation orbit of length 3)": (
            d6,
            np.stack([(three + 1) % 3, (-three) % 3]),
        ),
        "D6 through D3 on 3 points plus 2 fixed": (
            d6,
            np.array([[1, 2, 0, 3, 4], [0, 2, 1, 3, 4]]),
        ),
        "D4 trivially on 1 point": (d4, np.array([[0], [0]])),
        "D6 on the hexagon": (d6, np.stack([(np.arange(6) + 1) % 6, (-np.arange(6)) % 6])),
    }


@pytest.mark.parametrize("name", sorted(_cases()))
def test_dihedral_multiplicities_match_burnside_by_hand(name):
    group, generators = _cases()[name]
    gset = GSet(group, generators)
    expected = _hand_multiplicities(group, generators)
    assert plrep.multiplicities(gset).tolist() == expected
    assert (
        min(expected) >= 0
        and sum(c * s.dim for c, s in zip(expected, group.simples, strict=True)) == gset.size
    )


def test_trivial_action_is_all_trivial():
    gset = GSet(plrep.dihedral(6), np.array([[0, 1], [0, 1]]))
    counts = plrep.multiplicities(gset).tolist()
    trivial = [i for i, (k, eps) in enumerate(plrep.dihedral(6).bands) if (k, eps) == (0, 1)]
    assert counts == [2 if i in trivial else 0 for i in range(len(counts))]
