"""Real simples are listed by REAL dimension (a complex pair of degree d is one simple of
dimension 2d), named ATLAS-style by that dimension: checked against counts derived by hand."""

from __future__ import annotations

import string
from collections import Counter

import pytest

from plrep.groups import cyclic_perm, direct_product, quaternion, symmetric


def _cyclic_expected(n: int) -> list[tuple[int, str]]:
    # C_n: the trivial character, the sign x -> (-1)^x when n is even, and (n - 1) // 2 complex
    # pairs (characters x -> e^{2 pi i k x / n}, 0 < k < n/2), each a real simple of dimension 2.
    real = [(1, "real")] * (2 if n % 2 == 0 else 1)
    return real + [(2, "complex")] * ((n - 1) // 2)


def _names(dims: list[int]) -> list[str]:
    seen: Counter = Counter()
    out = []
    for dim in dims:
        out.append(f"{dim}{string.ascii_lowercase[seen[dim]]}")
        seen[dim] += 1
    return out


@pytest.mark.parametrize("n", [3, 4, 5, 6, 8])
def test_cyclic_permutation_group_simples_by_real_dimension(n):
    simples = cyclic_perm(n).simples
    expected = _cyclic_expected(n)
    assert [(s.dim, s.type) for s in simples] == expected
    assert [s.name for s in simples] == _names([d for d, _ in expected])
    assert [s.id for s in simples] == list(range(len(expected)))


@pytest.mark.parametrize(
    ("group", "expected"),
    [
        # S3 (1, sgn, 2: real) x C3 (1, and one complex pair): complex characters of degree 1, 1
        # (pairs with w), 2 (pair w x 2) become real dimensions 2, 2, 4.
        (
            direct_product(symmetric(3), cyclic_perm(3)),
            {(1, "real"): 2, (2, "real"): 1, (2, "complex"): 2, (4, "complex"): 1},
        ),
        # Q8 (four real of degree 1, the quaternionic 2 -> real dim 4) x C3: pairs 1 x w (four, dim 2),
        # 2 x w (degree 2, dim 4).
        (
            direct_product(quaternion(), cyclic_perm(3)),
            {(1, "real"): 4, (2, "complex"): 4, (4, "quaternionic"): 1, (4, "complex"): 1},
        ),
        # C4 x C2: real characters are those with values +-1 (4 of 8), the other 4 form 2 pairs.
        (direct_product(cyclic_perm(4), cyclic_perm(2)), {(1, "real"): 4, (2, "complex"): 2}),
    ],
    ids=["S3xC3", "Q8xC3", "C4xC2"],
)
def test_products_with_complex_pairs_list_simples_by_real_dimension(group, expected):
    simples = group.simples
    dims = [s.dim for s in simples]
    assert dims == sorted(dims)
    assert Counter((s.dim, s.type) for s in simples) == expected
    assert [s.name for s in simples] == _names(dims)
    assert (
        sum(s.dim**2 // {"real": 1, "complex": 2, "quaternionic": 4}[s.type] for s in simples) == group.order
    )
