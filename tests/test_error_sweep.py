"""A bounded sweep of wrong-typed arguments over the public API and every CLI subcommand: every
refusal is a TypeError/ValueError (CLI: exit 2, one ``plrep: error:`` line) that names the
argument in backquotes, never "unhashable type" or "truth value of an array is ambiguous".

Each API call below is a valid call with exactly one argument replaced; the sweep is small by
construction (about 1,000 API calls and 400 CLI runs, a few seconds each batch).
"""

from __future__ import annotations

import contextlib
import io
import math

import numpy as np
import pytest

import plrep
from plrep.cli import main

WRONG = {
    "None": None,
    "list of lists": [[1, 2], [3]],
    "3-d array": np.zeros((2, 2, 2)),
    "string": "zz",
    "dict": {"a": 1},
    "huge int": 10**30,
    "NaN": math.nan,
    "negative int": -3,
    "bool": True,
    "empty list": [],
    "0-d array": np.array(1.5),
    "complex": 1j,
}


def _valid_calls():
    s3 = plrep.symmetric(3)
    natural = plrep.natural_gset(s3)
    spectrum = plrep.activation_spectrum("relu", harmonics=8)
    return {
        "activation": (("relu",), {}),
        "activation_spectrum": (("relu",), {"harmonics": 4, "amplitude": 1.0, "bias": 0.0}),
        "aliased_energies": (("relu", 8, 1), {"radius": 1.0, "harmonics": 16}),
        "alternating": ((4,), {}),
        "as_group": (("C4",), {}),
        "as_gset": (("C4",), {}),
        "by_simple": (("C4", [1, 2, 3]), {}),
        "character": (("S5", [3, 2], [2, 2, 1]), {}),
        "character_table": (("S3",), {}),
        "condensed_graph": ((12, "relu"), {}),
        "coset_space": ((s3, [[1, 0, 2]]), {}),
        "cyclic": ((4,), {}),
        "decay_rate": ((spectrum,), {"tol": 1e-10}),
        "decompose": (("C4", [1.0, 0, 0, 0]), {"axis": -1}),
        "dense_projector": (("C4", 1), {}),
        "dihedral": ((4,), {}),
        "discrete_energies": (("relu", 8, 1), {"radius": 1.0, "phase": 0.0, "bias": 0.0}),
        "energies": (("C4", [1.0, 0, 0, 0]), {"axis": -1}),
        "gini": (([1.0, 2.0, 0.0],), {}),
        "harmonic_magnitudes": ((spectrum,), {}),
        "hom_basis": ((s3, 1, 1), {}),
        "interaction_graph": (("C4", "relu"), {"method": "numeric", "seed": 0}),
        "multiplicities": (("C4",), {}),
        "natural_gset": ((s3,), {}),
        "nonzero_harmonics": ((spectrum,), {"tol": 1e-10}),
        "orbit_basis": ((natural, natural), {}),
        "parse_group": (("C4",), {}),
        "parse_space": (("C4",), {}),
        "product_action": ((natural, natural), {}),
        "random_baseline": (("C4",), {}),
        "regular": ((s3,), {}),
        "standard_plane": ((4,), {}),
        "standard_to_trivial": ((4, np.zeros((3, 2))), {}),
        "subsets": ((natural, 2), {}),
        "summarize": (("C4", [1.0, 0, 0, 0]), {"axis": -1, "key_fraction": 0.9}),
        "symmetric": ((4,), {}),
        "symmetric_power": ((natural, 2), {}),
        "tensor_power": ((natural, 2), {}),
        "unit_measures": ((plrep.summarize("C4", [[1.0, 0, 0, 0]]),), {"simples": [1]}),
    }


def _named(message: str) -> bool:
    return "`" in message


def _offenders(name: str, args: tuple, kwargs: dict, fn=None) -> list[str]:
    """Replace each argument in turn by each wrong value; collect the unnamed refusals."""
    fn = getattr(plrep, name) if fn is None else fn
    slots = [("arg", i) for i in range(len(args))] + [("kw", k) for k in kwargs]
    found = []
    for kind, slot in slots:
        for label, wrong in WRONG.items():
            call_args, call_kwargs = list(args), dict(kwargs)
            if kind == "arg":
                call_args[slot] = wrong
            else:
                call_kwargs[slot] = wrong
            try:
                fn(*call_args, **call_kwargs)
            except (TypeError, ValueError) as error:
                if not _named(str(error)):
                    found.append(f"{name} {slot}={label}: {type(error).__name__}: {str(error)[:120]}")
            except Exception as error:  # noqa: BLE001 - any other type is itself the finding
                found.append(f"{name} {slot}={label}: {type(error).__name__}: {str(error)[:120]}")
    return found


def test_every_public_function_is_swept():
    functions = {
        n for n in plrep.__all__ if callable(getattr(plrep, n)) and not isinstance(getattr(plrep, n), type)
    }
    skipped = {
        "check_action",
        "check_homomorphism",
        "check_sharing",
        "cyclic_product",
        "direct_product",
        "disjoint_union",
        "quaternion",
    }
    assert functions - skipped == set(_valid_calls())


def _valid_method_calls():
    """Entry points that are methods of returned objects (the sweep above covers plrep.*)."""
    pattern = plrep.hom_basis("S3", 2, 1)  # a PatternBasis: 5 maps, X^2 -> X
    return {
        "PatternBasis.apply": (pattern.apply, (np.ones(5), np.ones((2, 9))), {"transpose": False}),
        "PatternBasis.apply (transpose)": (pattern.apply, (np.ones(5), np.ones(3)), {"transpose": True}),
        "PatternBasis.basis_matrix": (pattern.basis_matrix, (1,), {}),
        "PatternBasis.weight_matrix": (pattern.weight_matrix, (np.ones(5),), {}),
    }


@pytest.mark.parametrize("name", sorted(_valid_method_calls()))
def test_wrong_types_to_methods_are_refused_naming_the_argument(name):
    fn, args, kwargs = _valid_method_calls()[name]
    fn(*args, **kwargs)  # the unmodified call is valid
    assert _offenders(name, args, kwargs, fn) == []


@pytest.mark.parametrize("name", sorted(_valid_calls()))
def test_wrong_types_are_refused_naming_the_argument(name):
    args, kwargs = _valid_calls()[name]
    getattr(plrep, name)(*args, **kwargs)  # the unmodified call is valid
    assert _offenders(name, args, kwargs) == []


CLI_VALUES = [
    "",
    "None",
    "[[1,2],[3]]",
    "{'a':1}",
    "nan",
    "1e400",
    str(10**30),
    "-3",
    "x" * 300,
    "C٣",
    "1,2,nan",
]
CLI_TEMPLATES = {
    "group": [["{}"]],
    "characters": [["{}"]],
    "decompose": [["{}", "--values=1"], ["C4", "--values={}"], ["C4", "--values=1,0,0,0", "--axis", "{}"]],
    "spectrum": [
        ["{}"],
        ["relu", "--amplitude", "{}"],
        ["relu", "--bias", "{}"],
        ["relu", "--harmonics", "{}"],
    ],
    "graph": [["{}"], ["C8", "--activation", "{}"], ["C8", "--layers", "{}"], ["C8", "--seed", "{}"]],
    "basis": [["{}"], ["S3", "--in", "{}"]],
    "hom": [["{}"], ["S3", "--in", "{}"]],
    "dws": [["{}"]],
    "check-sharing": [["{}", "pattern.npy"], ["S3", "{}"]],
    "inspect": [["{}"]],
    "sweep": [["{}", "--out", "o"], ["--status", "{}"], ["g.toml", "--out", "o", "--workers", "{}"]],
    "progress": [
        ["{}", "--group", "C5", "--watch", "W"],
        [".", "--group", "{}", "--watch", "W"],
        [".", "--group", "C5", "--watch", "{}"],
    ],
    "ablate": [["{}", "--group", "C5", "--at", "l", "--labels", "y.npy", "--keep", "0"]],
    "inr-dataset": [
        ["--kind", "{}", "--out", "o.npz"],
        ["--kind", "sines", "--num", "{}", "--out", "o.npz"],
        ["--kind", "sines", "--seed", "{}", "--out", "o.npz"],
        ["--kind", "sines", "--max-steps", "{}", "--out", "o.npz"],
        ["--kind", "sines", "--widths", "{}", "--out", "o.npz"],
        ["--kind", "sines", "--out", "{}"],
    ],
}


def _run(argv: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            status = main(argv)
        except SystemExit as exit_:
            status = exit_.code
    return status, err.getvalue()


@pytest.mark.parametrize("command", sorted(CLI_TEMPLATES))
def test_cli_refusals_are_one_line_naming_the_argument(command, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # relative file names resolve to nothing here
    offenders = []
    for template in CLI_TEMPLATES[command]:
        for value in CLI_VALUES:
            argv = [command, *(part.replace("{}", value) for part in template)]
            status, err = _run(argv)
            if status == 0:
                continue
            lines = err.splitlines()
            named = "`" in err or "argument" in err  # argparse names its own: "argument --seed: ..."
            if status != 2 or len(lines) != 1 or not lines[0].startswith("plrep: error: ") or not named:
                offenders.append(f"{argv[:1] + [a[:30] for a in argv[1:]]} -> {status}: {err[:200]!r}")
            elif len(err) > 1000:
                offenders.append(f"{argv[:2]}: a {len(err)}-character error line")
    assert offenders == []
