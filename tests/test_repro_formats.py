"""`plrep repro --format png|svg|pdf`: every picture in the chosen format, the gallery linking it."""

import json
import xml.etree.ElementTree as ElementTree

import pytest

from plrep.cli import main


def _pictures(out, name):
    entry = {e["name"]: e for e in json.loads((out / "manifest.json").read_text())["figures"]}[name]
    return entry, [f for f in entry["files"] if not f.endswith((".json", ".csv"))]


@pytest.mark.parametrize("figure", ["c8_relu", "periodic_image"])
def test_svg_pictures_parse_and_the_gallery_shows_them(tmp_path, capsys, figure):
    out = tmp_path / "figs"
    assert main(["repro", "--quick", "--out", str(out), "--only", figure, "--format", "svg"]) == 0
    entry, pictures = _pictures(out, figure)
    assert pictures and all(p.endswith(".svg") for p in pictures)
    assert entry["command"].endswith("--format svg")
    gallery = (out / "index.html").read_text()
    for name in pictures:
        root = ElementTree.parse(out / name).getroot()  # well-formed XML
        assert root.tag.endswith("svg")
        assert len(list(root.iter())) > 50  # something was drawn, not an empty page
        assert f'<img src="{name}"' in gallery and f'href="{name}"' in gallery
    assert not list(out.glob("*.png"))


def test_pdf_pictures_have_the_pdf_header_and_are_linked(tmp_path, capsys):
    out = tmp_path / "figs"
    assert main(["repro", "--quick", "--out", str(out), "--only", "c8_relu", "--format", "pdf"]) == 0
    _, pictures = _pictures(out, "c8_relu")
    assert pictures == ["c8_relu.pdf"]
    data = (out / "c8_relu.pdf").read_bytes()
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-64:]
    gallery = (out / "index.html").read_text()
    assert 'href="c8_relu.pdf"' in gallery and '<img src="c8_relu.pdf"' not in gallery


def test_png_is_the_default_and_decodes_to_a_non_blank_image(tmp_path, capsys):
    import matplotlib.image

    out = tmp_path / "figs"
    assert main(["repro", "--quick", "--out", str(out), "--only", "c8_relu"]) == 0
    _, pictures = _pictures(out, "c8_relu")
    assert pictures == ["c8_relu.png"]
    pixels = matplotlib.image.imread(out / "c8_relu.png")
    assert pixels.shape[0] > 100 and pixels.shape[1] > 100
    assert pixels[..., :3].std() > 0.05  # not one flat colour


def test_an_unknown_format_is_one_usage_line(tmp_path, capsys):
    assert main(["repro", "--out", str(tmp_path / "figs"), "--format", "gif"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.startswith("plrep: error: argument --format") and "gif" in err
    assert not (tmp_path / "figs").exists()
