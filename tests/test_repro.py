"""`plrep repro --quick` in the test suite: every figure that is not pending is produced."""

import html
import json

from plrep.cli import main


def test_quick_repro_produces_every_available_figure(tmp_path, capsys):
    out = tmp_path / "figs"
    assert main(["repro", "--quick", "--out", str(out)]) == 0
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
    descriptor = os.open(out / ".plrep-repro.lock", os.O_RDWR | os.O_CREAT)
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
    assert str(result["embed_g"]["key_irreducibles"]) in entry["caption"]
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
