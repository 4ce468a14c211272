"""S_n by partitions: hook lengths, Murnaghan–Nakayama, cycle-type classes, closed-form orders.

References never share the code under test: the element-listing path (Burnside–Dixon–Schneider
on a plain ``PermutationGroup`` with the same generators) for n <= 7, and the orthogonality
relations, integrality and the involution count sum_lambda f^lambda = #{g : g^2 = 1} beyond.
"""

import contextlib
import io
import json
import math

import numpy as np
import pytest

from plrep.cli import main
from plrep.groups import (
    PermutationGroup,
    SymmetricGroup,
    alternating,
    class_size,
    hook_dimension,
    mn_character,
    partition_count,
    partitions,
    symmetric,
)
from plrep.groups._symmetric import cycle_type_of, symmetric_table


def _plain(n):
    return PermutationGroup(np.array(symmetric(n).generators), name=f"plain S{n}")


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6, 7])
def test_murnaghan_nakayama_matches_the_element_listing_table(n):
    plain = _plain(n)
    listed = np.rint(plain.character_table.values.real).astype(int)
    types = [cycle_type_of(rep) for rep in plain.elements[plain.class_representatives]]
    assert [class_size(mu) for mu in types] == plain.class_sizes.tolist()
    combinatorial = {tuple(mn_character(shape, mu) for mu in types) for shape in partitions(n)}
    assert combinatorial == {tuple(row) for row in listed.tolist()}
    assert sorted(hook_dimension(shape) for shape in partitions(n)) == sorted(listed[:, 0].tolist())


@pytest.mark.parametrize("n", [4, 6, 7])
def test_symmetric_group_keeps_names_and_adds_partitions(n):
    group, plain = symmetric(n), _plain(n)
    assert isinstance(group, SymmetricGroup)
    assert [s.name for s in group.simples] == [s.name for s in plain.simples]
    assert [s.dim for s in group.simples] == [hook_dimension(s.partition) for s in group.simples]
    types = group.class_cycle_types
    for simple, row in zip(group.simples, group.character_table.values.real, strict=True):
        assert [mn_character(simple.partition, mu) for mu in types] == np.rint(row).astype(int).tolist()
    assert group.simples[0].partition == (n,) and group.simples[1].partition == (1,) * n


def test_s4_partitions_in_the_golden_id_order():
    assert [s.partition for s in symmetric(4).simples] == [(4,), (1, 1, 1, 1), (2, 2), (3, 1), (2, 1, 1)]


@pytest.mark.parametrize("n", [9, 10, 12])
def test_table_beyond_listing_size_is_a_character_table(n):
    group = symmetric(n)
    table = group.character_table
    values, sizes = table.values.real, group.class_sizes.astype(float)
    order = math.factorial(n)
    assert group.num_classes == partition_count(n) == len(group.simples)
    assert int(group.class_sizes.sum()) == order
    assert np.allclose((values * sizes) @ values.T / order, np.eye(len(values)))
    assert np.allclose(values.T @ values, np.diag(order / sizes))
    # all characters of S_n are real with indicator +1, so sum_lambda f^lambda = #involutions
    involutions = sum(class_size(mu) for mu in partitions(n) if max(mu) <= 2)
    assert int(table.degrees.sum()) == involutions
    assert group.class_cycle_types[0] == (1,) * n
    assert group.class_element_orders.tolist() == [math.lcm(*mu) for mu in group.class_cycle_types]
    names = [s.name for s in group.simples]
    assert len(set(names)) == len(names) and names[:2] == ["1a", "1b"]


def test_closed_form_order_needs_no_stabiliser_chain():
    group = symmetric(100)
    assert group.order == math.factorial(100)
    assert alternating(60).order == math.factorial(60) // 2
    assert "_chain" not in group.__dict__


def test_power_map_by_cycle_types():
    group = symmetric(9)
    squares = group.power_map(2)
    for mu, target in zip(group.class_cycle_types, squares, strict=True):
        parts = sorted((p // math.gcd(p, 2) for p in mu for _ in range(math.gcd(p, 2))), reverse=True)
        assert group.class_cycle_types[target] == tuple(parts)


def test_single_values_for_large_n_and_bad_input():
    assert mn_character((49, 1), (1,) * 50) == hook_dimension((49, 1)) == 49
    assert mn_character((49, 1), (50,)) == -1
    with pytest.raises(ValueError, match="`shape` must be a partition"):
        mn_character((1, 2), (3,))
    with pytest.raises(ValueError, match="`cycle_type` must partition the same n"):
        mn_character((2, 1), (2,))
    with pytest.raises(ValueError, match=r"`group` S31 must have at most 5604 conjugacy classes"):
        symmetric_table(31)


def _json(command):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main([*command.split(), "--format", "json"])
    return code, out.getvalue()


def test_cli_characters_lists_cycle_types_and_partitions():
    code, text = _json("characters S4")
    payload = json.loads(text)
    assert code == 0
    assert payload["classes"] == [
        {"cycle_type": list(mu), "size": size}
        for mu, size in zip(symmetric(4).class_cycle_types, payload["class_sizes"], strict=True)
    ]
    assert [s["partition"] for s in payload["simples"]] == [[4], [1, 1, 1, 1], [2, 2], [3, 1], [2, 1, 1]]
    code, text = _json("characters S10")
    payload = json.loads(text)
    assert len(payload["classes"]) == 42 and payload["classes"][0] == {"cycle_type": [1] * 10, "size": 1}


def test_cli_refuses_huge_symmetric_groups_quickly(capsys):
    assert main(["group", "S100", "--format", "json"]) == 2
    # counted (p(100) = 190,569,292, exactly), never listed, then refused by the command's cap
    error = capsys.readouterr().err
    assert (
        "at most 262144 real simple representations for `plrep group`" in error
        and "S100 with 190569292" in error
    )
    assert main(["characters", "S1000"]) == 2
    assert "`group` S1000 must have at most 5604 conjugacy classes" in capsys.readouterr().err


def test_cli_group_text_lists_the_first_simples_of_s100_by_rows(capsys):
    # Text makes only the simples it prints (ids ranked by the boxes below the first row), so
    # S100's p(100) = 190,569,292 simples are not refused there. Dimensions by the hook length
    # formula by hand: (99,1) -> n - 1, (98,2) -> n(n - 3)/2, (98,1,1) -> (n - 1)(n - 2)/2.
    assert main(["group", "S100", "--max-lines", "4"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("S100: order 100! (about 9.33e157), 190569292 real simple")
    rows = [line.split() for line in lines[2:6]]
    assert [(row[1], int(row[2])) for row in rows] == [
        ("(100)", 1),
        ("(99,1)", 99),
        ("(98,2)", 4850),
        ("(98,1,1)", 4851),
    ]
    assert lines[6] == "... 190569288 more simples (raise --max-lines to at most 262144)"


def _canonical(values, types):
    """Rows as tuples: values per cycle type, the two halves of a split class as a sorted pair."""
    rows = []
    for row in np.asarray(values):
        by_type = {}
        for mu, value in zip(types, row, strict=True):
            by_type.setdefault(mu, []).append((round(value.real, 8) + 0.0, round(value.imag, 8) + 0.0))
        rows.append(tuple(sorted((mu, tuple(sorted(v))) for mu, v in by_type.items())))
    return sorted(rows)


@pytest.mark.parametrize("n", [3, 4, 5, 6, 7, 8])
def test_alternating_restriction_matches_the_element_listing_table(n):
    from plrep.groups._symmetric import alternating_table

    plain = PermutationGroup(np.array(alternating(n).generators), name=f"plain A{n}")
    types = [cycle_type_of(rep) for rep in plain.elements[plain.class_representatives]]
    _, classes, values = alternating_table(n)
    assert sorted(class_size(mu) // (2 if half else 1) for mu, half in classes) == sorted(
        plain.class_sizes.tolist()
    )
    assert _canonical(values, [mu for mu, _ in classes]) == _canonical(plain.character_table.values, types)
    # the labelled group keeps the element-listing names and labels every simple
    assert [s.name for s in alternating(n).simples] == [s.name for s in plain.simples]
    assert all(s.partition for s in alternating(n).simples)


@pytest.mark.parametrize("n", [10, 11])
def test_alternating_table_beyond_listing_size(n):
    group = alternating(n)
    values, sizes = group.character_table.values, group.class_sizes.astype(float)
    order = math.factorial(n) // 2
    assert int(group.class_sizes.sum()) == order and group.class_cycle_types[0] == (1,) * n
    assert np.allclose((values * sizes) @ np.conj(values).T / order, np.eye(len(values)))
    assert np.allclose(np.conj(values).T @ values, np.diag(order / sizes))
    dims = sum(s.dim for s in group.simples if s.type == "real")
    complex_dims = sum(s.dim for s in group.simples if s.type == "complex")
    assert dims + complex_dims == sum(int(d) for d in group.character_table.degrees)
