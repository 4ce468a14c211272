"""Character tables, Frobenius-Schur types and real simples of permutation groups (docs/math.md §5)."""

import itertools
import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from plrep.decomposition import multiplicities
from plrep.groups import (
    TYPE_WEIGHTS,
    PermutationGroup,
    character_table,
    cyclic,
    cyclic_perm,
    dihedral,
    parse_group,
    symmetric,
)
from plrep.gsets import regular

GOLDEN = json.loads((Path(__file__).parents[1] / "golden" / "character_tables.json").read_text())
SPECS = [
    "S3",
    "S4",
    "S5",
    "A4",
    "A5",
    "D4",
    "D5",
    "Q8",
    "D6",
    "S6",
    "A6",
    "S3xC2",
    "C3xS3",
    "Q8xC3",
    "D12",
    "A4xC4",
]


def _cycle_type(perm):
    seen, lengths = set(), []
    for start in range(perm.size):
        if start not in seen:
            length, point = 0, start
            while point not in seen:
                seen.add(point)
                point, length = perm[point], length + 1
            lengths.append(length)
    return sorted(lengths, reverse=True)


def _class_keys(group, use_cycles):
    reps = group.elements[group.class_representatives]
    return [
        (int(size), int(order), tuple(_cycle_type(rep)) if use_cycles else ())
        for size, order, rep in zip(group.class_sizes, group.class_element_orders, reps, strict=True)
    ]


@pytest.mark.parametrize("spec", [k for k in GOLDEN if not k.startswith("_")])
def test_tables_match_textbook(spec):
    golden = GOLDEN[spec]
    group = parse_group(spec)
    table = group.character_table
    keys = [(c[0], c[1], tuple(c[2])) for c in golden["classes"]]
    ours = _class_keys(group, use_cycles=bool(golden["classes"][0][2]))
    assert sorted(ours) == sorted(keys)  # class sizes and element orders (and cycle types)
    expected = np.array([[complex(*v) for v in row] for row in golden["characters"]])
    # Match columns up to relabelling classes with equal keys, rows up to order.
    found = False
    for columns in itertools.permutations(range(len(keys))):
        if any(ours[c] != keys[i] for i, c in enumerate(columns)):
            continue
        values = table.values[:, list(columns)]
        rows = [int(np.argmin(np.abs(expected - v).sum(axis=1))) for v in values]
        if sorted(rows) == list(range(len(rows))) and np.allclose(values, expected[rows], atol=1e-9):
            assert table.indicators.tolist() == [golden["indicators"][r] for r in rows]
            found = True
            break
    assert found, f"{spec}: no relabelling of classes matches the textbook table"


@pytest.mark.parametrize("spec", SPECS)
def test_orthogonality_and_integrality(spec):
    group = parse_group(spec)
    values, sizes = group.character_table.values, group.class_sizes
    assert sizes.sum() == group.order
    assert np.allclose((values * sizes) @ np.conj(values).T / group.order, np.eye(len(values)), atol=1e-10)
    assert np.allclose(np.conj(values).T @ values, np.diag(group.order / sizes), atol=1e-9)
    degrees = group.character_table.degrees
    assert (degrees**2).sum() == group.order and np.all(group.order % degrees == 0)
    assert len(values) == group.num_classes


@pytest.mark.parametrize("spec", SPECS)
def test_regular_module_multiplicity_is_dim_over_type_weight(spec):
    group = parse_group(spec)
    counts = multiplicities(regular(group))
    dims = np.array([s.dim for s in group.simples])
    weights = np.array([TYPE_WEIGHTS[s.type] for s in group.simples])
    assert np.array_equal(counts * weights, dims)
    assert (dims**2 // weights).sum() == group.order


def test_quaternion_group_has_one_real_simple_of_dimension_4():
    simples = parse_group("Q8").simples
    assert [(s.dim, s.type) for s in simples] == [(1, "real")] * 4 + [(4, "quaternionic")]
    assert simples[-1].order == 8  # faithful
    assert parse_group("Q8").character_table.indicators.tolist() == [1, 1, 1, 1, -1]


def test_a4_has_a_complex_pair_realified_to_dimension_2():
    simples = parse_group("A4").simples
    assert [(s.name, s.dim, s.type, s.order) for s in simples] == [
        ("1a", 1, "real", 1),
        ("2a", 2, "complex", 3),
        ("3a", 3, "real", 12),
    ]


@given(st.integers(1, 30))
def test_cyclic_permutation_group_agrees_with_cyclic_product(n):
    ours = sorted((s.dim, s.order) for s in cyclic_perm(n).simples)
    reference = sorted((s.dim, s.order) for s in cyclic(n).simples)
    assert ours == reference
    assert all(s.type == ("real" if s.dim == 1 else "complex") for s in cyclic_perm(n).simples)


@given(st.integers(3, 24))
def test_dihedral_simples_follow_math_md(n):
    dims = sorted(s.dim for s in dihedral(n).simples)
    ones, twos = (2, (n - 1) // 2) if n % 2 else (4, n // 2 - 1)
    assert dims == [1] * ones + [2] * twos


def test_symmetric_group_class_numbers_are_partition_numbers():
    partitions = [1, 1, 2, 3, 5, 7, 11, 15]  # p(n), OEIS A000041
    for n in range(1, 8):
        assert symmetric(n).num_classes == partitions[n]
        assert all(s.type == "real" for s in symmetric(n).simples)  # S_n: all real (Young)


def test_names_and_json_shape():
    simple = parse_group("S4").simples[3]
    assert simple.to_dict() == {
        "id": 3,
        "name": "3a",
        "dim": 3,
        "order": 24,
        "type": "real",
        "partition": [3, 1],
    }


def test_table_is_deterministic_and_cached():
    group = parse_group("A5")
    assert parse_group("A5") is group
    again = character_table(group)
    assert np.array_equal(again.values, group.character_table.values)


def test_too_large_group_is_refused():
    # S_9 is no longer refused: its table comes from partitions (tests/groups/test_symmetric.py)
    assert character_table(symmetric(9)).values.shape == (30, 30)
    with pytest.raises(ValueError) as error:
        character_table(PermutationGroup(np.array(symmetric(9).generators), name="S9"))
    assert str(error.value) == (
        "`group` S9 has 362880 elements, more than the 200000 that plrep lists; orders and orbit "
        "bases still work, characters and projectors do not"
    )


def test_products_with_clustered_eigenvalues_get_their_table():
    """S4xS4xS4 once failed ("did not give separated common eigenvectors"): 125 classes whose
    random combinations have near-equal eigenvalues. Its degrees are the products of S_4's."""
    import itertools

    from plrep.groups import character_table

    table = character_table("S4xS4xS4")
    s4 = [1, 1, 2, 3, 3]
    expected = sorted(a * b * c for a, b, c in itertools.product(s4, repeat=3))
    assert sorted(table.degrees.tolist()) == expected
    assert int((table.degrees**2).sum()) == 24**3
