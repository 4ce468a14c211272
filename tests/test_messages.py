"""Issue 25 item 8 (and the long numbers of item 13): refusals name the argument the user gave.

Each case once answered with Python's or numpy's own words ("Exceeds the limit (4300 digits)",
"maximum supported dimension", a ufunc error), named another group (A10000 as S10000), or
was silently accepted (kinks='abc', timedelta arrays, energies that overflow to inf).
"""

from __future__ import annotations

import contextlib
import io
import json

import numpy as np
import pytest

import plrep
from plrep.cli import main


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(argv))
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("call", "kind", "message"),
    [
        (
            lambda: plrep.parse_group("x".join(["C2"] * 100000)),
            ValueError,
            "`group` must have at most 32 factors",
        ),
        (
            lambda: plrep.parse_group("x".join(["C1"] * 3001)),
            ValueError,
            "`group` must have at most 32 factors",
        ),
        (lambda: plrep.groups.CyclicProduct((1,) * 65), ValueError, "`factors` must have at most 32 entries"),
        (lambda: plrep.parse_space("S4:natural^" + "9" * 5000), ValueError, "K a whole number of at most 30"),
        (lambda: plrep.alternating(10000).character_table, ValueError, "`group` A10000 must have"),
        (lambda: plrep.activation("relu", kinks="abc"), TypeError, "`kinks` must be a list of real numbers"),
        (lambda: plrep.activation(np.tanh, kinks="abc"), TypeError, "`kinks` must be a list of real numbers"),
        (lambda: plrep.activation(np.tanh, kinks=0.5), TypeError, "`kinks` must be a list of real numbers"),
        (lambda: plrep.activation("relu", kinks=[1.0]), ValueError, "`kinks` must be left out"),
        (
            lambda: plrep.energies(plrep.cyclic(8), np.arange(8).astype("m8[s]")),
            TypeError,
            "`x` must be a numeric array",
        ),
        (
            lambda: plrep.decompose(plrep.cyclic(8), np.zeros(8, dtype="V8")),
            TypeError,
            "`x` must be a numeric array",
        ),
        (
            lambda: plrep.energies(plrep.cyclic(8), 1e155 * np.linspace(1.0, 2.0, 8)),
            ValueError,
            "`x` must have energies ||P_L x||^2 within float64",
        ),
        (
            lambda: plrep.decompose(plrep.cyclic(8), 1e155 * np.linspace(1.0, 2.0, 8)).energies(),
            ValueError,
            "`x` must have energies ||P_L x||^2 within float64",
        ),
    ],
)
def test_api_refusals_name_the_argument(call, kind, message):
    with pytest.raises(kind) as info:
        call()
    assert message in str(info.value)
    assert "4300 digits" not in str(info.value) and len(str(info.value)) < 400


def test_named_kinks_equal_to_the_known_ones_are_accepted():
    assert plrep.activation("relu", kinks=[0.0]).kinks == (0.0,)
    assert plrep.activation(np.tanh, kinks=np.array([1.0, -1.0])).kinks == (-1.0, 1.0)


def test_energies_at_the_edge_of_float64_are_still_returned():
    x = 1e150 * np.linspace(1.0, 2.0, 8)
    assert np.isclose(plrep.energies(plrep.cyclic(8), x).sum(), np.dot(x, x), rtol=1e-12)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["group", "A10000"], "`group` A10000 must have"),
        (["explore", "--groups", "S10000", "--out", "page.html"], "of order about 2.85e35659"),
        (["explore", "--groups", "x".join(["C1"] * 3001), "--out", "page.html"], "at most 32 factors"),
        (["group", "S4:natural^" + "9" * 5000], "K a whole number of at most 30 digits"),
        (["graph", "S200"], "got about 7.89e374 x about 7.89e374 instead"),
    ],
)
def test_cli_refusals_name_the_argument_and_shorten_numbers(argv, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, out, err = _cli(*argv)
    assert status == 2 and out == "" and len(err.splitlines()) == 1
    assert message in err and "S10000 must" not in err and "4300" not in err and "dimension" not in err
    assert max(len(word) for word in err.split()) < 80  # no 375-digit or 9000-character words


@pytest.mark.parametrize(
    ("dtype", "message"),
    [
        ("m8[s]", "`--input` must hold a numeric array"),
        ("complex128", "`--input` must hold real numbers"),
        ("V8", "`--input` must hold a numeric array"),
    ],
)
def test_decompose_input_of_exotic_dtype_is_refused_naming_it(dtype, message, tmp_path):
    path = tmp_path / "x.npy"
    np.save(path, np.zeros(8, dtype=dtype))
    status, _, err = _cli("decompose", "C8", "--input", str(path))
    assert status == 2 and message in err and dtype.strip("[s]") in err.replace("timedelta64", "m8")


def test_tiny_energies_in_json_come_with_their_exact_fractions():
    status, out, err = _cli("decompose", "C4", "--values=1e-200,3e-200,0,0", "--format", "json")
    unit = json.loads(out)["units"][0]
    assert status == 0 and unit["energies"] == [0.0, 0.0, 0.0]  # below float64: JSON cannot say more
    # Reference by hand: x = (1, 3, 0, 0) e-200 has L0 = 16/4, L2 = 4/4, L1 = 10 - 5 (times 1e-400).
    assert np.allclose(unit["fractions"], [0.4, 0.5, 0.1], rtol=1e-12)
    assert unit["purity"] == pytest.approx(0.5) and "fractions" in err
