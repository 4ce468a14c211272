"""D_n by FFTs over the rotations, and its closed-form characters, against the element path.

The element path (classes by listing, Burnside–Dixon–Schneider, character projectors summed over
elements) is the reference where it works (n <= 66 here); beyond it, the orthogonality relations
and class counts, which the closed forms do not use.
"""

import numpy as np
import pytest

from plrep.decomposition import decompose, multiplicities
from plrep.decomposition._projectors import character_multiplicities, character_parts
from plrep.groups import PermutationGroup, dihedral
from plrep.gsets import parse_space, regular


def _plain(n):
    return PermutationGroup(np.array(dihedral(n).generators), name=f"D{n}")


@pytest.mark.parametrize("n", [3, 4, 5, 6, 8, 12, 65, 66])
def test_closed_form_table_matches_the_element_path(n):
    group, plain = dihedral(n), _plain(n)
    assert sorted(group.class_sizes.tolist()) == sorted(plain.class_sizes.tolist())
    assert [s.dim for s in group.simples] == [s.dim for s in plain.simples]
    if n <= 64:  # same class numbering: the tables and names are identical
        np.testing.assert_allclose(group.character_table.values, plain.character_table.values, atol=1e-12)
        assert [s.name for s in group.simples] == [s.name for s in plain.simples]
    else:
        assert sorted(s.order for s in group.simples) == sorted(s.order for s in plain.simples)


@pytest.mark.parametrize("n", [200, 4096])
def test_large_dihedral_tables_are_character_tables(n):
    group = dihedral(n)
    values, sizes = group.character_table.values.real, group.class_sizes
    assert "elements" not in group.__dict__ and group.order == 2 * n
    assert len(group.simples) == n // 2 + 3  # n even: four 1-dim simples and n/2 - 1 rho_k
    assert np.allclose((values * sizes) @ values.T / (2 * n), np.eye(len(values)))
    assert np.allclose(values.T @ values, np.diag(2 * n / sizes))


@pytest.mark.parametrize(
    "spec", ["D3", "D6", "D9", "D8:natural", "D7:natural^2", "D6:natural^2", "D9:subsets^2"]
)
def test_fft_backend_matches_the_character_backend(spec):
    space = parse_space(spec) if ":" in spec else regular(dihedral(int(spec[1:])))
    x = np.random.default_rng(5).normal(size=(3, space.size))
    result = decompose(space, x)
    assert result.backend == "dihedral"
    np.testing.assert_allclose(result.components(), character_parts(space, x).components(), atol=1e-12)
    np.testing.assert_allclose(result.energies(), character_parts(space, x).energies(), atol=1e-12)
    np.testing.assert_array_equal(multiplicities(space), character_multiplicities(space))
