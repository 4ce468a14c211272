"""`plrep repro --quick` in the test suite: every figure that is not pending is produced."""

import contextlib
import html
import io
import json
import math
from html.parser import HTMLParser

import numpy as np
import pytest

from plrep.cli import main


@pytest.fixture(scope="module")
def quick_repro(tmp_path_factory):
    """One `plrep repro --quick` run (about a minute), shared by the checks below."""
    out = tmp_path_factory.mktemp("repro") / "figs"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["repro", "--quick", "--out", str(out)]) == 0
    return out


def test_quick_repro_produces_every_available_figure(quick_repro):
    out = quick_repro
    manifest = json.loads((out / "manifest.json").read_text())
    from paper_repro.case_studies import CASE_STUDIES
    from paper_repro.runner import FIGURES

    names = [e["name"] for e in manifest["figures"]]
    assert names == [f.name for f in FIGURES] + [c.name for c in CASE_STUDIES]
    # the case studies (slow: they train models) run only with --case-studies or --only
    assert all(e["status"] == "pending" for e in manifest["figures"][len(FIGURES) :])
    for entry, figure in zip(manifest["figures"], FIGURES, strict=False):
        assert entry["status"] == ("done" if figure.available() else "pending")
        if entry["status"] == "done":
            assert any(f.endswith(".png") for f in entry["files"])
            assert any(f.endswith((".json", ".csv")) for f in entry["files"])
            for name in entry["files"]:
                assert (out / name).stat().st_size > 0
        else:
            assert entry["caption"].startswith("Not generated in this folder")
    gallery = (out / "index.html").read_text()
    assert all(html.escape(figure.title) in gallery for figure in FIGURES)
    # contents with anchors; every picture is a thumbnail linking to its full-size file
    for entry in (e for e in manifest["figures"] if e["status"] == "done"):
        assert f'href="#{entry["name"]}"' in gallery and f'id="{entry["name"]}"' in gallery
        for name in entry["files"]:
            assert f'href="{name}"' in gallery
    assert not list(out.glob(".staging-*")) and not list(out.glob(".*.partial"))
    # The interactive explorer is written beside the figures and linked from the gallery.
    assert (out / "explore" / "index.html").stat().st_size > 0 and 'href="explore/index.html"' in gallery


def test_only_one_figure_keeps_the_others(tmp_path, capsys):
    out = tmp_path / "figs"
    assert main(["repro", "--quick", "--out", str(out), "--only", "periodic_image"]) == 0
    (out / "user_notes.txt").write_text("mine")
    assert main(["repro", "--quick", "--out", str(out), "--only", "monkey_saddles"]) == 0
    names = {e["name"]: e for e in json.loads((out / "manifest.json").read_text())["figures"]}
    assert names["periodic_image"]["status"] == "done" and names["monkey_saddles"]["status"] == "done"
    assert (out / "user_notes.txt").read_text() == "mine"  # nothing else in the folder is touched
    gallery = (out / "index.html").read_text()
    assert "Pending" not in gallery and "issue" not in gallery  # no stale development text
    assert 'id="monkey_saddles"' in gallery and 'id="guitar_string"' not in gallery
    assert "Not generated in this folder" in gallery and "guitar_string" in gallery


def test_unknown_figure_name_is_a_usage_error(tmp_path, capsys):
    assert main(["repro", "--out", str(tmp_path), "--only", "nope"]) == 2
    assert "`--only` must be one of guitar_string" in capsys.readouterr().err


def _crafted_manifest(out, figures):
    (out / "manifest.json").write_text(json.dumps({"quick": True, "figures": figures}))
    (out / "index.html").write_text("old")


def test_an_old_manifest_is_checked_and_escaped(tmp_path, capsys):
    out = tmp_path / "figs"
    out.mkdir()
    evil = {
        "name": "guitar_string",
        "title": "<script>alert(1)</script>",
        "status": 'done"><script>x()</script>',
        "caption": "<img src=x onerror=alert(1)>",
        "files": ["javascript:alert(1)", "../../etc/passwd.png"],
        "command": "</code><script>y()</script>",
    }
    quoted = dict(evil, status="done", files=["a.png"])
    _crafted_manifest(out, [evil, quoted, 5, {"name": 7}, {"status": "done"}])
    assert main(["repro", "--quick", "--out", str(out), "--only", "c8_relu"]) == 0
    page = (out / "index.html").read_text()
    assert "<script" not in page and "javascript:" not in page and "onerror=alert(1)>" not in page
    assert "../" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the valid entry, escaped
    # Malformed entries are dropped; a manifest without a figure list is refused on one line.
    _crafted_manifest(out, [[1, 2], {"name": "c8_relu", "files": "x"}])
    assert main(["repro", "--quick", "--out", str(out), "--only", "c8_relu"]) == 0
    for figures in ("x", None):
        _crafted_manifest(out, figures)
        assert main(["repro", "--quick", "--out", str(out), "--only", "c8_relu"]) == 2
        assert "whose manifest.json was not written by `plrep repro`" in capsys.readouterr().err


def test_planted_links_and_user_folders_are_left_alone(tmp_path, capsys):
    out = tmp_path / "figs"
    out.mkdir()
    outside = tmp_path / "outside.html"
    outside.write_text("precious")
    (out / ".index.html.partial").symlink_to(outside)
    (out / ".manifest.json.partial").symlink_to(outside)
    user = out / ".staging-c8_relu"
    user.mkdir()
    (user / "mine.txt").write_text("mine")
    stale = out / ".staging-c8_relu-abcd1234"  # what a killed run leaves (mkdtemp's pattern)
    stale.mkdir()
    assert main(["repro", "--quick", "--out", str(out), "--only", "c8_relu"]) == 0
    assert outside.read_text() == "precious"
    assert (user / "mine.txt").read_text() == "mine"
    assert not stale.exists()
    assert (out / "index.html").read_text().startswith("<!doctype html>")


def test_a_directory_in_use_is_refused(tmp_path, capsys):
    import fcntl
    import os

    out = tmp_path / "figs"
    out.mkdir()
    descriptor = os.open(out, os.O_RDONLY | os.O_DIRECTORY)  # what a running repro holds
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert main(["repro", "--quick", "--out", str(out), "--only", "c8_relu"]) == 2
        err = capsys.readouterr().err
        assert "`--out` must not be in use by another `plrep repro` run" in err and err.count("\n") == 1
    finally:
        os.close(descriptor)
    assert main(["repro", "--quick", "--out", str(out), "--only", "c8_relu"]) == 0


def test_a_case_study_runs_its_analysis_script_into_the_gallery(tmp_path, capsys):
    out = tmp_path / "figs"
    assert main(["repro", "--quick", "--out", str(out), "--only", "case_group_composition"]) == 0
    entries = {e["name"]: e for e in json.loads((out / "manifest.json").read_text())["figures"]}
    entry = entries["case_group_composition"]
    assert entry["status"] == "done" and entry["source"] == "analysis/group_composition.py"
    assert {"group_composition.json", "group_composition.png"} <= set(entry["files"])
    result = json.loads((out / "group_composition.json").read_text())
    # the caption carries the script's key numbers, read back from its JSON
    assert f"test {100 * result['test_accuracy']:.1f} %" in entry["caption"]
    assert str(result["learned"]) in entry["caption"]
    assert entries["case_digits_cnn"]["status"] == "pending" and entries["c8_relu"]["status"] == "pending"
    gallery = (out / "index.html").read_text()
    assert 'id="case_group_composition"' in gallery and 'href="group_composition.png"' in gallery


def test_case_studies_without_analysis_folder_are_pending_not_errors(tmp_path, capsys, monkeypatch):
    import paper_repro.case_studies as cases

    monkeypatch.setattr(cases, "ANALYSIS", tmp_path / "no-analysis")  # an installed wheel has none
    out = tmp_path / "figs"
    assert main(["repro", "--quick", "--out", str(out), "--only", "case_digits_cnn", "--case-studies"]) == 0
    entries = {e["name"]: e for e in json.loads((out / "manifest.json").read_text())["figures"]}
    assert entries["case_digits_cnn"]["status"] == "pending"
    assert "needs a clone of plrep" in capsys.readouterr().err


def _cyclic_rule(n: int, even_only: bool) -> set[tuple[int, int]]:
    """Edges of C_n for abs (even_only) and relu = x/2 + |x|/2, from periodicity and parity (by hand):
    L_i gives multiples j of g = gcd(i, n); if d = n/g is even, only j/g even, plus j = i for relu."""
    edges = set()
    for i in range(n // 2 + 1):
        g = math.gcd(i, n)
        for j in range(0, n // 2 + 1, g):
            if (n // g) % 2 == 0 and (j // g) % 2 == 1 and (even_only or j != i):
                continue
            edges.add((i, j))
    return edges


def test_quick_repro_data_files_hold_the_right_numbers(quick_repro):
    c8 = json.loads((quick_repro / "c8_relu.json").read_text())
    assert {(e["source"], e["target"]) for e in c8["edges"]} == _cyclic_rule(8, even_only=False)
    graphs = json.loads((quick_repro / "cyclic_graphs.json").read_text())
    for name, even_only in (("relu", False), ("abs", True)):
        for group, entry in graphs[name].items():
            n = int(group.removeprefix("C"))
            assert {tuple(e) for e in entry["edges"]} == _cyclic_rule(n, even_only), (name, group)
    # ReLU(sin x) = 1/pi + sin(x)/2 - (2/pi) sum_m cos(2mx)/(4m^2 - 1) (half-wave rectifier series)
    relu = json.loads((quick_repro / "guitar_string.json").read_text())["spectra"][0]
    assert relu["activation"] == "relu"
    k = np.arange(len(relu["a"]))
    denominator = np.where(k == 1, 1.0, k.astype(float) ** 2 - 1)  # k = 1 is odd: its a_1 is 0
    want_a = np.where(k % 2 == 0, -2 / (np.pi * denominator), 0.0)
    want_a[0] = 1 / np.pi
    want_b = np.where(k == 1, 0.5, 0.0)
    np.testing.assert_allclose(relu["a"], want_a, atol=1e-15)
    np.testing.assert_allclose(relu["b"], want_b, atol=1e-15)


class _Gallery(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images, self.links, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs["src"])
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])

    def handle_data(self, data):
        self.text.append(data)


def test_quick_repro_gallery_shows_every_picture_once_with_escaped_titles(quick_repro):
    manifest = json.loads((quick_repro / "manifest.json").read_text())
    gallery = _Gallery()
    gallery.feed((quick_repro / "index.html").read_text())
    pictures = [
        f for e in manifest["figures"] if e["status"] == "done" for f in e["files"] if f.endswith(".png")
    ]
    assert sorted(gallery.images) == sorted(pictures)  # each picture once, nothing else
    assert all(f in gallery.links for e in manifest["figures"] if e["status"] == "done" for f in e["files"])
    text = "".join(gallery.text)
    for entry in manifest["figures"]:
        # done entries by title (the parser unescapes: | and < survive intact); pending ones
        # (the case studies a quick run skips) are only named in the "not generated" line
        assert (entry["title"] if entry["status"] == "done" else entry["name"]) in text


def test_a_planted_explore_link_is_refused_before_any_work(tmp_path, capsys, monkeypatch):
    """Issue 25, item 5: `ln -s ../vict D/explore; plrep repro --quick --out D` wrote vict/index.html."""
    import paper_repro.runner

    ran = []
    monkeypatch.setattr(paper_repro.runner, "run_all", lambda **kwargs: ran.append(kwargs) or 0)
    victim = tmp_path / "vict"
    victim.mkdir()
    (victim / "index.html").write_text("precious")
    out = tmp_path / "D"
    out.mkdir()
    (out / "explore").symlink_to(victim)
    assert main(["repro", "--quick", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "explore" in err and "symbolic link" in err
    assert (victim / "index.html").read_text() == "precious" and ran == []


def test_a_manifest_entry_with_a_bad_source_is_dropped_not_fatal(tmp_path, capsys):
    """Issue 25, item 5: a non-string `source` gave exit 1 and was saved again (every later run failed)."""
    out = tmp_path / "figs"
    out.mkdir()
    good = {"name": "guitar_string", "title": "t", "status": "done", "caption": "c", "files": ["a.png"]}
    for source in (5, ["x"], {"a": 1}):
        _crafted_manifest(out, [dict(good, source=source)])
        assert main(["repro", "--quick", "--out", str(out), "--only", "c8_relu"]) == 0, (
            capsys.readouterr().err
        )
        entries = {e["name"]: e for e in json.loads((out / "manifest.json").read_text())["figures"]}
        assert entries["guitar_string"]["status"] == "pending"  # the bad entry is not kept
        assert main(["repro", "--quick", "--out", str(out), "--only", "c8_relu"]) == 0
