"""Orbit bases of Hom_G(R^X, R^Y) and the S_N facts of docs/math.md §6."""

import json

import numpy as np
import pytest

from plrep.cli import main
from plrep.equivariant import (
    hom_basis,
    hom_dimension_from_characters,
    nullspace_basis,
    orbit_basis,
)
from plrep.groups import cyclic, parse_group
from plrep.gsets import natural_gset, regular, symmetric_power, tensor_power
from plrep.testing import assert_equivariant

CASES = [  # (group spec, k, l, symmetric)
    ("S3", 1, 1, False),
    ("S3", 2, 1, False),
    ("S3", 2, 2, False),
    ("S4", 2, 1, False),
    ("S4", 2, 1, True),
    ("A4", 1, 2, False),
    ("D5", 2, 1, False),
    ("D6", 1, 1, False),
    ("Q8", 1, 1, False),
    ("S3xC2", 1, 1, False),
    ("A5", 1, 1, False),
]


def _spaces(spec, k, l, symmetric):  # noqa: E741
    X = natural_gset(parse_group(spec))
    return (symmetric_power(X, k) if symmetric else tensor_power(X, k)), tensor_power(X, l)


@pytest.mark.parametrize(("spec", "k", "l", "symmetric"), CASES)
def test_dimension_matches_nullspace_and_characters(spec, k, l, symmetric):  # noqa: E741
    source, target = _spaces(spec, k, l, symmetric)
    basis = orbit_basis(source, target)
    assert basis.count == hom_basis(spec, k, l, symmetric=symmetric).count
    assert basis.count == len(nullspace_basis(source, target))
    assert basis.count == hom_dimension_from_characters(source, target)


@pytest.mark.parametrize(("spec", "k", "l", "symmetric"), CASES)
def test_every_basis_element_is_equivariant(spec, k, l, symmetric):  # noqa: E741
    source, target = _spaces(spec, k, l, symmetric)
    basis = orbit_basis(source, target)
    dense = basis.dense()
    assert np.array_equal(dense.sum(axis=0), np.ones((target.size, source.size)))  # a partition
    assert np.array_equal(basis.matrices().toarray().reshape(dense.shape), dense)
    for matrix in dense:  # f(g x) = g f(x) for every generator g
        assert_equivariant(lambda x, m=matrix: x @ m.T, source, target, rtol=1e-12, atol=1e-12)
    y, xi = basis.representatives.T
    assert np.array_equal(basis.labels[y, xi], np.arange(basis.count))


def test_nullspace_vectors_lie_in_the_orbit_span():
    source, target = _spaces("D5", 2, 1, False)
    basis = orbit_basis(source, target)
    null = nullspace_basis(source, target).reshape(basis.count, -1)
    span = basis.matrices().toarray().astype(float)
    coefficients, *_ = np.linalg.lstsq(span.T, null.T, rcond=None)
    assert np.allclose(span.T @ coefficients, null.T, atol=1e-10)


def test_cyclic_gsets_work_too():
    group = cyclic(6)
    X = regular(group)
    assert orbit_basis(X, X).count == 6  # circulant matrices
    assert orbit_basis(tensor_power(X, 2), X).count == 36
    assert hom_basis(group, 1, 1).count == 6
    assert hom_basis("C2xC3", 1, 1).count == 6


def test_regular_module_endomorphisms_count_type_weights():
    # dim End_G(R[G]) = |G| = sum_L (dim L / w_L)^2 w_L
    for spec in ("Q8", "A4", "D4", "C3xS3"):
        R = regular(parse_group(spec))
        assert orbit_basis(R, R).count == parse_group(spec).order == hom_dimension_from_characters(R, R)


# docs/math.md §6 (the 2019 note on S_N-symmetric layers). Correct values: linear 2 (N >= 2),
# bilinear R^N x R^N -> R^N 4 (N = 2), 5 (N >= 3); quadratic 3 (N = 2), 4 (N >= 3).
NOTE_QUADRATIC_TABLE = {2: 6, 3: 9, 4: 11, 5: 13, 6: 15}  # the note's "colours" (docs/math.md §6)


@pytest.mark.parametrize("n", range(1, 9))
def test_s_n_layer_dimensions(n):
    linear = hom_basis(f"S{n}", 1, 1).count
    bilinear = hom_basis(f"S{n}", 2, 1).count
    quadratic = hom_basis(f"S{n}", 2, 1, symmetric=True).count
    assert linear == min(n, 2)
    assert bilinear == {1: 1, 2: 4}.get(n, 5)
    assert quadratic == {1: 1, 2: 3}.get(n, 4)
    if n in NOTE_QUADRATIC_TABLE:
        assert quadratic != NOTE_QUADRATIC_TABLE[n]  # the note's table is wrong for every N


@pytest.mark.parametrize("n", [3, 5, 8])
def test_quadratic_basis_is_the_four_named_maps(n):
    # x∘x, ||x||^2 1, (sum x) x, (sum x)^2 1 as symmetric tensors T[y, a, b]
    eye = np.eye(n)
    named = [
        np.einsum("ya,yb->yab", eye, eye),
        np.broadcast_to(eye, (n, n, n)),
        (np.einsum("ya,b->yab", eye, np.ones(n)) + np.einsum("yb,a->yab", eye, np.ones(n))) / 2,
        np.ones((n, n, n)),
    ]
    basis = hom_basis(f"S{n}", 2, 1, symmetric=True)
    X = natural_gset(parse_group(f"S{n}"))
    points = symmetric_power(X, 2).points
    orbit_tensors = []
    for i in range(basis.count):  # symmetric tensor of each orbit of (y, {a, b})
        tensor = np.zeros((n, n, n))
        for y, col in zip(*np.nonzero(basis.labels == i), strict=True):
            a, b = points[col]
            tensor[y, a, b] = tensor[y, b, a] = 1
        orbit_tensors.append(tensor.ravel())
    stacked = np.array([t.ravel() for t in named])
    assert np.linalg.matrix_rank(stacked) == 4
    assert np.linalg.matrix_rank(np.vstack([stacked, orbit_tensors])) == 4


def test_s32_bilinear_representatives():
    basis = hom_basis("S32", 2, 1)
    assert basis.count == 5
    assert basis.representative_tuples() == [(0, 0, 0), (0, 0, 1), (0, 1, 0), (0, 1, 1), (0, 1, 2)]


def test_weight_matrix():
    basis = hom_basis("S4", 1, 1)
    assert np.array_equal(basis.weight_matrix([2.0, 1.0]), np.eye(4) + np.ones((4, 4)))
    with pytest.raises(ValueError, match=r"^`coefficients` must have last axis of length 2"):
        basis.weight_matrix([1.0])


def test_errors():
    with pytest.raises(ValueError, match=r"^`k` must be an integer >= 0, got -1 instead$"):
        hom_basis("S3", -1, 1)
    with pytest.raises(
        TypeError, match=r"^`group` must be a group spec such as 'S4', a group or a G-set, got 3 instead$"
    ):
        hom_basis(3, 1, 1)
    with pytest.raises(ValueError, match=r"^`k` and `l` must keep \|source\| x \|X\^l\| at most 67108864 "):
        _ = hom_basis("S100", 3, 1).labels  # the labels of S_n on tuples keep the entry cap


def test_cli_basis(capsys):
    assert main(["basis", "S4", "--in", "2", "--out", "1", "--symmetric", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["dimension"] == 4
    assert payload["representatives"] == [[0, 0, 0], [0, 0, 1], [0, 1, 1], [0, 1, 2]]
    assert main(["basis", "D6"]) == 0
    assert "dim Hom_G(R^X^1, R^X^1) = 4" in capsys.readouterr().out  # D6 on the hexagon: 4 orbits on pairs
    assert main(["basis", "S4", "--in", "-2"]) == 2
    assert capsys.readouterr().err == "plrep: error: `--in` must be a non-negative integer, got -2 instead\n"


@pytest.mark.parametrize(
    ("spec", "args", "expected"),
    [  # expected from docs/math.md §6 (S_N), and the orbit counts checked against nullspaces above
        ("S5", ["--in", "2", "--out", "1"], 5),
        ("S5", ["--in", "2", "--out", "1", "--symmetric"], 4),
        ("S2", ["--in", "2", "--out", "1", "--symmetric"], 3),
        ("Q8", [], 8),  # regular module of Q8: 1 + 1 + 1 + 1 + 4 (quaternionic weight)
    ],
)
def test_cli_hom_counts_orbits_and_characters(capsys, spec, args, expected):
    assert main(["hom", spec, *args, "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["dimension"] == payload["dimension_from_characters"] == expected
    weights = {"real": 1, "complex": 2, "quaternionic": 4}
    assert sum(s["in"] * s["out"] * weights[s["type"]] for s in payload["simples"]) == expected


def test_cli_hom_text_and_skipped_check(capsys):
    assert main(["hom", "S32", "--in", "2", "--out", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("S32: dim Hom_G(R^(X^2), R^(X^1)) = 5   (|X| = 32)\n")
    assert "character cross-check skipped" in out
    assert main(["hom", "S4"]) == 0
    assert "from characters: sum_L m_in m_out w_L = 2" in capsys.readouterr().out
    assert main(["hom", "S4", "--out", "-1"]) == 2
    assert capsys.readouterr().err == "plrep: error: `--out` must be a non-negative integer, got -1 instead\n"
    assert main(["hom", "Z4"]) == 2


def test_zeroth_powers_are_one_point():
    # Sym^0 X = X^0 = a point, so Hom_G(R, R^X) is the invariant vectors of R^X: one orbit for S_4
    assert hom_basis("S4", 0, 1, symmetric=True).count == hom_basis("S4", 0, 1).count == 1
    assert (
        hom_basis("S4", 2, 0, symmetric=True).count == 2
    )  # invariant quadratic forms: sum x_i^2, (sum x_i)^2


@pytest.mark.parametrize("spec", ["C4", "C6", "C2xC3"])
def test_hom_dimension_from_characters_of_cyclic_products(spec):
    # Abelian groups: 2-dimensional real simples are of complex type (weight 2); orbits count it.
    X = natural_gset(parse_group(spec))
    for source, target in ((X, X), (tensor_power(X, 2), X)):
        assert hom_dimension_from_characters(source, target) == orbit_basis(source, target).count
