"""Weight-sharing, homomorphism and action checks; the folded action of docs/math.md §6."""

import json
import math

import numpy as np
import pytest

from plrep.cli import main
from plrep.equivariant import (
    check_action,
    check_homomorphism,
    check_sharing,
    hom_basis,
    pair_preserving_group,
)
from plrep.groups import PermutationGroup, dihedral, parse_group, symmetric
from plrep.gsets import GSet, natural_gset


def _act(perm, values):
    out = np.empty_like(values)
    out[..., perm] = values
    return out


def test_orbit_labels_are_complete_sharing():
    for spec, k in (("S5", 1), ("S4", 2), ("D6", 1), ("A4", 2)):
        pattern = hom_basis(spec, k, 1).labels.reshape((-1,) + (parse_group(spec).degree,) * k)
        report = check_sharing(pattern, parse_group(spec))
        assert report.equivariant and report.complete
        assert report.num_colours == report.num_orbits


def test_merged_colours_are_equivariant_but_incomplete():
    pattern = np.zeros((5, 5), dtype=int)  # only the all-ones map
    report = check_sharing(pattern, symmetric(5))
    assert (report.equivariant, report.complete, report.num_orbits) == (True, False, 2)


def test_one_gset_stands_for_every_axis():
    deepsets = 1 - np.eye(4, dtype=int)  # DeepSets: one weight on the diagonal, one off it
    by_gset = check_sharing(deepsets, natural_gset(symmetric(4)))
    assert (by_gset.equivariant, by_gset.complete) == (True, True)
    assert by_gset == check_sharing(deepsets, "S4")
    cyclic_colours = np.arange(16).reshape(4, 4) % 3  # not constant on the S_4-orbits
    assert not check_sharing(cyclic_colours, natural_gset(symmetric(4))).equivariant


@pytest.mark.parametrize("seed", range(5))
def test_counterexample_is_a_real_counterexample(seed):
    rng = np.random.default_rng(seed)
    group = dihedral(6)
    pattern = rng.integers(0, 4, size=(6, 6))
    report = check_sharing(pattern, group, seed=seed)
    assert not report.equivariant
    weights = np.vectorize(report.weights.get)(pattern)
    g = group.generators[report.generator]
    (x,) = report.inputs
    difference = weights @ _act(g, x) - _act(g, weights @ x)
    assert np.abs(difference).max() == pytest.approx(report.difference) and report.difference > 1e-6
    entry = np.array(report.entry)
    assert pattern[g[entry[0]], g[entry[1]]] != pattern[entry[0], entry[1]]


def test_circulant_symmetric_sharing_for_dihedral_group():
    n = 8
    i, j = np.indices((n, n))
    distance = np.minimum((i - j) % n, (j - i) % n)
    assert check_sharing(distance, dihedral(n)).complete
    report = check_sharing((i - j) % n, dihedral(n))  # circulant: rotations only
    assert not report.equivariant and report.generator == 1  # the reflection breaks it


def test_three_tensors_bilinear_and_quadratic():
    group = symmetric(4)
    bilinear = hom_basis(group, 2, 1).labels.reshape(4, 4, 4)
    assert check_sharing(bilinear, group).complete
    assert check_sharing(bilinear, group, kind="quadratic").complete
    transposed = np.where(bilinear == 2, 1, np.where(bilinear == 1, 2, bilinear))  # relabel only
    assert check_sharing(transposed, group).equivariant
    tilted = bilinear.copy()
    tilted[0, 1, 2] = 0
    report = check_sharing(tilted, group, kind="quadratic")
    assert not report.equivariant and report.difference > 1e-6
    assert report.inputs[0] is report.inputs[1]


def test_sharing_errors():
    with pytest.raises(ValueError) as error:
        check_sharing(np.zeros((4, 5), dtype=int), symmetric(4))
    assert str(error.value) == "`pattern` must have shape (4, 4) (target first), got shape (4, 5) instead"
    with pytest.raises(ValueError) as error:
        check_sharing(np.zeros(4), symmetric(4))
    assert str(error.value) == (
        "`pattern` must be a non-empty integer array of colour labels with 2 or 3 axes, got an array of "
        "shape (4,) and dtype float64 instead"
    )
    with pytest.raises(
        ValueError, match=r"^`kind` must be one of 'bilinear', 'quadratic', got 'cubic' instead$"
    ):
        check_sharing(np.zeros((4, 4), dtype=int), symmetric(4), kind="cubic")


def _evaluate(word, generators, size):
    perm = np.arange(size)
    for index in word:  # first index applied first
        perm = generators[index][perm]
    return perm


def test_violated_relation_is_returned():
    group = symmetric(3)
    images = np.array([[0, 1], [1, 0]])  # (0 1) -> id, (0 1 2) -> swap: not a homomorphism
    report = check_homomorphism(group, images)
    assert not report.is_homomorphism
    lhs, rhs = report.relation
    assert np.array_equal(_evaluate(lhs, group.generators, 3), _evaluate(rhs, group.generators, 3))
    assert not np.array_equal(_evaluate(lhs, images, 2), _evaluate(rhs, images, 2))
    assert report.reason.startswith("the relation ") and report.reason.endswith(
        " holds in S3 but not for the images"
    )


def test_homomorphisms_are_accepted():
    for n in range(2, 7):  # the sign character: transposition -> swap, n-cycle -> swap^(n-1)
        sign = np.array([[1, 0], [1, 0] if n % 2 == 0 else [0, 1]])
        assert check_homomorphism(symmetric(n), sign).is_homomorphism
    big = symmetric(32)
    assert check_homomorphism(big, [[1, 0], [1, 0]]).is_homomorphism
    report = check_homomorphism(big, [[1, 0], [0, 1]])  # too big to list: orders compared
    assert not report.is_homomorphism and report.relation is None
    assert report.image_graph_order == 2 * math.factorial(32)


def test_gset_from_images_is_validated():
    with pytest.raises(ValueError, match=r"^`generators` must define an action of S3: the relation "):
        GSet(symmetric(3), [[0, 1], [1, 0]])
    assert GSet(symmetric(3), [[1, 0], [0, 1]]).size == 2  # the sign action


@pytest.mark.parametrize("n", [4, 6, 8])
def test_folded_action_is_an_action_only_of_the_pair_preserving_subgroup(n):
    half = n // 2

    def folded(perms):  # output j -> sigma(j) mod N/2 (the 2019 note)
        return perms[:, :half] % half

    report = check_action(symmetric(n), folded, half)
    assert not report.is_action
    composed = folded(report.g[None])[0][folded(report.h[None])[0]]  # f(g) o f(h)
    assert composed[report.point] != folded(report.g[report.h][None])[0][report.point]
    pairs = pair_preserving_group(n)
    assert pairs.order == 2**half * math.factorial(half)
    assert check_action(pairs, folded, half).is_action
    pairs_of = np.arange(n) % half  # the subgroup is exactly the stabiliser of the pairing
    assert np.all(pairs.contains(pairs.elements))
    members = symmetric(n).elements
    keeps_pairs = np.array([len({(pairs_of[i], pairs_of[p[i]]) for i in range(n)}) == half for p in members])
    assert np.array_equal(pairs.contains(members), keeps_pairs)
    outsider = members[np.flatnonzero(~keeps_pairs)[0]]  # any larger subgroup fails again
    larger = PermutationGroup(np.vstack([pairs.generators, outsider]))
    assert not check_action(larger, folded, half).is_action


def test_check_action_errors():
    with pytest.raises(ValueError, match=r"^`action` must return an integer array of shape \(m, 2\)"):
        check_action(symmetric(3), lambda p: p, 2)


def test_cli_check_sharing(tmp_path, capsys):
    np.save(tmp_path / "ok.npy", hom_basis("S4", 1, 1).labels)
    np.save(tmp_path / "bad.npy", np.arange(16).reshape(4, 4))
    assert main(["check-sharing", "S4", str(tmp_path / "ok.npy"), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload == {"group": "S4", "equivariant": True, "complete": True, "colours": 2, "orbits": 2}
    assert main(["check-sharing", "S4", str(tmp_path / "bad.npy")]) == 1  # a failed check exits 1
    assert capsys.readouterr().out.startswith("equivariant: no; generator 0 of S4 maps entry (0, 0)")
    np.save(tmp_path / "wrong.npy", np.zeros((3, 3), dtype=int))
    assert main(["check-sharing", "S4", str(tmp_path / "wrong.npy")]) == 2
    assert capsys.readouterr().err == (
        "plrep: error: `pattern` must have shape (4, 4) (target first), got shape (3, 3) instead\n"
    )


def test_cli_group_and_characters(capsys):
    assert main(["group", "Q8", "--format", "json"]) == 0
    simples = json.loads(capsys.readouterr().out)["simples"]
    assert simples[-1] == {"id": 4, "name": "4a", "dim": 4, "order": 8, "type": "quaternionic"}
    assert main(["characters", "S3", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["class_sizes"] == [1, 3, 2] and payload["indicators"] == [1, 1, 1]
    # `plrep group --characters` is the same table; cyclic specs get one through C_n as permutations
    assert main(["group", "S3", "--characters", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == payload
    assert main(["group", "C4", "--characters", "--format", "json"]) == 0
    cyclic_table = json.loads(capsys.readouterr().out)
    assert cyclic_table["indicators"] == [1, 0, 0, 1]  # L_1 of C_4 is a complex pair: FS indicator 0
    assert main(["characters", "S31"]) == 2  # S12 is tabulated by partitions since issue 14
    assert "`group` S31 must have at most 5604 conjugacy classes" in capsys.readouterr().err
    assert main(["group", "Q12"]) == 2
    assert natural_gset(symmetric(3)).size == 3
