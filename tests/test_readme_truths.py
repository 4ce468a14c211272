"""What the README, the gallery and the help say is what plrep does (issue 25, item 16).

Each claim is checked against a run: the quickstart's printed table, the probe example's key
simples, the files `plrep inspect --format png` writes, the gallery's advice for pending case
studies, the names `repro --only` takes, and the error a clone folder named `plrep` gives.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from plrep.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _comment(marker: str) -> str:
    line = next(line for line in README.splitlines() if line.startswith(marker))
    return line.split("#", 1)[1]


def test_quickstart_table_comment_is_what_table_prints():
    import plrep

    x = np.maximum(np.cos(2 * np.pi * np.arange(8) / 8), 0)
    printed = plrep.decompose(plrep.cyclic(8), x).table()
    claimed = dict(re.findall(r"'(L\d)': (~0|[0-9.e-]+)", _comment("d.table()")))
    assert set(claimed) == set(printed)
    total = sum(printed.values())
    for name, text in claimed.items():
        if text == "~0":  # round-off, said to be round-off
            assert abs(printed[name]) < 1e-12 * total
        else:  # two significant digits of what it prints, not 0.0 for 1.5e-32
            assert float(text) == pytest.approx(printed[name], rel=0.05), name


def test_probe_comment_names_only_the_key_simples_printed():
    pytest.importorskip("jax")
    import jax.numpy as jnp

    from plrep.nn import probe

    p = 13

    def mlp(pairs):  # the README's example
        a, b = pairs // p, pairs % p
        hidden = jnp.cos(2 * jnp.pi * 3 * a / p)[:, None] + jnp.cos(2 * jnp.pi * 3 * b / p)[:, None]
        return {"pre": hidden, "post": hidden**2}

    table = probe(mlp, f"C{p}xC{p}").table()
    post = next(line for line in table.splitlines() if line.strip().startswith("post:"))
    printed_keys = re.findall(r"L\(\d+,\d+\)", post.split("key simples")[1].split(";")[0])
    comment = _comment("print(jax_report.table())")
    claimed = re.findall(r"L\(\d+,\d+\) \.\d+", comment)  # "L(0,0) .444": a key simple and its share
    assert [c.split()[0] for c in claimed] == printed_keys


def test_inspect_png_comment_names_the_files_written(tmp_path, capsys):
    from plrep.commands.inspect import _PICTURES

    line = next(line for line in README.splitlines() if "plrep inspect cyclic_net.npz --format png" in line)
    assert "one PNG per input simple" not in line
    assert all(name in line for name in _PICTURES) and len(_PICTURES) == 2


def test_gallery_advice_for_pending_case_studies_names_the_option():
    from paper_repro.gallery import render

    pending = [
        {"name": "case_digits_cnn", "title": "t", "status": "pending", "caption": "c", "files": []},
        {"name": "c8_relu", "title": "t", "status": "pending", "caption": "c", "files": []},
    ]
    page = render(pending)
    assert "--case-studies" in page


def test_figures_gitignore_states_no_run_time_it_does_not_keep():
    text = (ROOT / "figures" / ".gitignore").read_text(encoding="utf-8")
    assert "15 s" not in text  # a full `plrep repro` took 3.5 min when measured


def test_repro_help_lists_every_name_only_takes(capsys):
    from paper_repro.case_studies import CASE_STUDIES
    from paper_repro.runner import FIGURES

    with pytest.raises(SystemExit):
        main(["repro", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for name in [f.name for f in FIGURES] + [s.name for s in CASE_STUDIES]:
        assert name in text


def test_readme_documents_a_light_install():
    install = README.split("## Install", 1)[1].split("\n## ", 1)[0]
    assert "pip install ." in install and "make install" in install


def test_a_clone_folder_named_plrep_gives_the_error_the_readme_explains(tmp_path):
    """Python started above a clone named `plrep` takes the clone for the package."""
    (tmp_path / "plrep").symlink_to(ROOT)
    done = subprocess.run(
        [sys.executable, "-c", "import plrep; plrep.cyclic(8)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    if done.returncode == 0:
        pytest.skip("this interpreter resolves plrep past the clone folder")
    message = done.stderr.strip().splitlines()[-1]
    assert "module 'plrep' has no attribute 'cyclic'" in message
    assert "module 'plrep' has no attribute" in README  # the README names the error and its cause
    explained = README.split("module 'plrep' has no attribute", 1)[1][:600]
    assert "clone" in explained and "folder" in explained
