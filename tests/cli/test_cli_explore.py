"""`plrep explore`: writes one page, never clobbers without --force, refuses bad input on one line."""

import os

import pytest

from plrep.cli import main


def _run(capsys, *argv):
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_writes_a_page_and_overwrites_only_with_force(capsys, tmp_path):
    out = tmp_path / "explore"
    status, text, _ = _run(capsys, "explore", "--out", out, "--groups", "C4,D3", "--max-n", "4")
    assert status == 0 and f"wrote {out / 'index.html'}" in text
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '"spec":"D3"' in page and page.rstrip().endswith("</html>")
    assert list(out.iterdir()) == [out / "index.html"]  # no temporary file left behind
    status, _, err = _run(capsys, "explore", "--out", out, "--groups", "C4", "--max-n", "4")
    assert status == 2 and "pass --force" in err
    status, _, _ = _run(capsys, "explore", "--out", out, "--groups", "C4", "--max-n", "4", "--force")
    assert status == 0 and '"spec":"D3"' not in (out / "index.html").read_text(encoding="utf-8")


def test_never_follows_a_symlink(capsys, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    (tmp_path / "out").mkdir()
    os.symlink(victim, tmp_path / "out" / "index.html")
    status, _, err = _run(capsys, "explore", "--out", tmp_path / "out", "--groups", "C2", "--force")
    assert status == 2 and "symbolic link" in err and victim.read_text() == "keep"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--max-n", "129"], "`--max-n` must be an integer <= 128"),
        (["--max-n", "1"], "`--max-n` must be an integer >= 2"),
        (["--max-n", "8.5"], "`--max-n` must be an integer"),
        (["--groups", "C12,,D6"], "`--groups` must be comma-separated"),
        (["--groups", "S6"], "`--groups` must hold groups of order at most 128"),
        (["--groups", "C4,C4"], "`--groups` must not repeat"),
        (["--groups", "C4:natural"], "`--groups` must name groups"),
        (["--groups", "Z9"], "`--groups` must be a spec"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(capsys, tmp_path, argv, message):
    out = tmp_path / "never"
    status, text, err = _run(capsys, "explore", "--out", out, *argv)
    assert status == 2 and text == "" and err.count("\n") == 1 and message in err, err
    assert not out.exists()  # refused before the directory is made


def test_out_that_is_a_file(capsys, tmp_path):
    (tmp_path / "file").write_text("x")
    status, _, err = _run(capsys, "explore", "--out", tmp_path / "file", "--groups", "C2")
    assert status == 2 and "`--out` must be a directory" in err
