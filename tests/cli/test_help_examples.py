"""Every subcommand's --help examples, run as a user would (issue 25, item 1).

Each "examples:" line of ``plrep SUB --help`` is run in a shell, in a fresh folder holding a
copy of the repository's ``examples/`` (a user runs them from a clone), with the installed
``plrep`` console script (``/tmp/`` paths moved into that folder); each ``e.g.`` value
of a subcommand's one positional argument is run as ``plrep SUB VALUE``. ``plrep hom C8``, an
example of its own help, once failed with an AttributeError for every cyclic group.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plrep.cli import COMMANDS, build_parser, main

_BIN = Path(sys.executable).parent
_EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _subparsers() -> dict:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return dict(action.choices)


_PARSERS = _subparsers()


def _help_text(capsys, name: str) -> str:
    with pytest.raises(SystemExit) as stop:
        main([name, "--help"])
    assert stop.value.code == 0
    return capsys.readouterr().out


def _example_lines(text: str) -> list[str]:
    """The lines under "examples:" / "example:" at the end of a help text."""
    match = re.search(r"^examples?:\n((?:  .*\n?)+)", text, re.MULTILINE)
    return [] if match is None else [line.strip() for line in match.group(1).splitlines() if line.strip()]


def test_every_subcommand_has_examples(capsys):
    assert len(_PARSERS) >= len(COMMANDS)  # one module may register two (progress: also ablate)
    missing = [name for name in _PARSERS if not _example_lines(_help_text(capsys, name))]
    assert missing == []


@pytest.mark.parametrize("name", sorted(_PARSERS))
def test_help_examples_run_as_a_user_would(capsys, tmp_path, name):
    lines = _example_lines(_help_text(capsys, name))
    shutil.copytree(_EXAMPLES, tmp_path / "examples")
    environment = {**os.environ, "PATH": f"{_BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    for line in lines:
        command = line.split("  # ")[0].replace("/tmp/", f"{tmp_path}/")
        done = subprocess.run(
            command, shell=True, cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, (line, done.stderr[-2000:])
        assert "Traceback" not in done.stderr and "failed" not in done.stderr, (line, done.stderr[-2000:])
        if "--format json" in command:
            json.loads(done.stdout)
        elif not command.startswith("python"):
            assert done.stdout.strip(), line  # every example says something


def _positional_examples() -> list[tuple[str, str]]:
    """(subcommand, value) for each ``e.g.`` value of a subcommand's only required argument."""
    cases = []
    for name, parser in _PARSERS.items():
        positionals = [a for a in parser._actions if not a.option_strings]
        if len(positionals) != 1 or "e.g." not in (positionals[0].help or ""):
            continue
        listed = positionals[0].help.split("e.g.", 1)[1]
        listed = re.split(r"[;(]", listed)[0]
        cases.extend((name, value.strip()) for value in listed.split(", ") if value.strip())
    return cases


_POSITIONAL = _positional_examples()


def test_positional_examples_are_found():
    found = {name for name, _ in _POSITIONAL}
    assert {"group", "characters", "hom", "basis", "graph", "spectrum", "dws"} <= found
    assert ("hom", "C8") in _POSITIONAL


@pytest.mark.parametrize(("name", "value"), _POSITIONAL)
def test_positional_help_examples_run(capsys, name, value):
    extra = []
    if name == "decompose":  # needs a signal: one value per point of the G-set
        from plrep.gsets import parse_space

        extra = ["--values=" + ",".join(str(i % 3 - 1) for i in range(parse_space(value).size))]
    status = main([name, value, *extra])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert err == "" and out.strip()


@pytest.mark.parametrize(
    ("spec", "power", "expected"),
    [("C8", 1, 8), ("C12", 1, 12), ("C2xC2", 1, 4), ("C8", 2, 64), ("C3xC4", 2, 144), ("C1", 3, 1)],
)
def test_hom_of_cyclic_groups_is_the_free_orbit_count(capsys, spec, power, expected):
    """C_n products act freely on X = G, so Hom(R^{X^k}, R^X) has |G|^(k+1) / |G| = |G|^k orbits."""
    status = main(["hom", spec, "--in", str(power), "--format", "json"])
    out, err = capsys.readouterr()
    assert status == 0, err
    payload = json.loads(out)
    assert payload["dimension"] == payload["dimension_from_characters"] == expected
    # sum over simples of m_in m_out w_L, with w_L = dim (complex type) for the 2-dimensional ones
    rows = payload["simples"]
    assert sum(r["in"] * r["out"] * {"real": 1, "complex": 2}[r["type"]] for r in rows) == expected
