"""`plrep decompose` on tiny and huge finite values: scaled by a power of two before squaring."""

import json

import pytest

from plrep.cli import main


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(
    ("values", "total", "cells"),
    [
        # C4 regular: x = delta_0 * a has energies a^2 (1/4, 1/2, 1/4) on L0, L1, L2 (by hand)
        ("1e-200,0,0,0", "1e-400", "L0=2.5e-401  L1=5e-401  L2=2.5e-401"),
        ("1.34e154,0,0,0", "1.7956e+308", "L0=4.489e+307  L1=8.978e+307  L2=4.489e+307"),
        # (3, 1, 0, 0) * 1e-170: L0 (4/2)^2 = 4, L2 (2/2)^2 = 1, L1 |3 - i|^2 / 2 = 5 (times 1e-340)
        ("3e-170,1e-170,0,0", "1e-339", "L0=4e-340  L1=5e-340  L2=1e-340"),
        ("1,2,3,4", "30", "L0=25  L1=4  L2=1"),
    ],
)
def test_decompose_prints_true_energies_of_tiny_and_huge_values(capsys, values, total, cells):
    status, out, err = run(capsys, "decompose", "C4", f"--values={values}")
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert lines[1].startswith(f"row 0: total {total}, dominant ")
    assert lines[2].strip() == cells


def test_tiny_values_have_a_dominant_simple_and_key_simples(capsys):
    status, out, _ = run(capsys, "decompose", "C4", "--values=1e-200,0,0,0", "--format", "json")
    payload = json.loads(out)
    assert status == 0
    assert payload["units"][0]["dominant"] == 1 and payload["units"][0]["purity"] == pytest.approx(0.5)
    assert sorted(payload["key_simples"]) == [0, 1, 2]
    status, out, _ = run(capsys, "decompose", "C4", "--values=1.34e154,0,0,0", "--format", "json")
    assert json.loads(out)["energies"] == [pytest.approx([4.489e307, 8.978e307, 4.489e307], rel=1e-12)]
    assert json.loads(out)["units"][0]["energies"] == json.loads(out)["energies"][0]


def test_zero_input_has_no_dominant_simple(capsys):
    status, out, _ = run(capsys, "decompose", "C4", "--values=0,0,0,0")
    assert status == 0 and "total 0, dominant tie, purity nan" in out
