"""Figures are decoded, not just sniffed: PNGs read back as images with drawn pixels, SVGs parse
as XML and hold the expected labels (matplotlib writes each text as a comment before its glyphs)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pytest

from plrep.cli import main


def _png_pixels(path):
    import matplotlib.image

    image = matplotlib.image.imread(str(path))
    assert image.ndim == 3 and image.shape[2] in (3, 4)
    return image


def _drawn_fraction(image) -> float:
    """Share of pixels that differ from the most common (background) colour."""
    flat = (image[..., :3].reshape(-1, 3) * 255).round().astype(np.int64)
    codes = flat[:, 0] * 65536 + flat[:, 1] * 256 + flat[:, 2]
    background = np.bincount(codes).argmax()
    return float(np.mean(codes != background))


def _svg(path):
    parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True))
    root = ET.parse(str(path), parser=parser).getroot()
    comments = [node.text.strip() for node in root.iter() if node.tag is ET.Comment]
    return root, comments


@pytest.mark.parametrize(
    "argv",
    [
        ["graph", "C8", "--format", "png"],
        ["spectrum", "abs", "--format", "png"],
    ],
    ids=["graph", "spectrum"],
)
def test_png_outputs_decode_to_drawn_images(argv, tmp_path, capsys):
    path = tmp_path / "figure.png"
    assert main([*argv, "--out", str(path)]) == 0
    capsys.readouterr()
    image = _png_pixels(path)
    height, width = image.shape[:2]
    assert height >= 100 and width >= 100
    drawn = _drawn_fraction(image)
    assert 0.005 < drawn < 0.9, drawn  # something is drawn, and it is not a solid block
    assert len(np.unique((image[..., :3].reshape(-1, 3) * 255).round(), axis=0)) > 3  # several colours


def test_graph_svg_is_xml_with_one_label_per_simple(tmp_path, capsys):
    path = tmp_path / "g.svg"
    assert main(["graph", "C12", "--format", "svg", "--out", str(path), "--label", "order"]) == 0
    capsys.readouterr()
    root, comments = _svg(path)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert (
        float(root.get("width").removesuffix("pt")) > 50 and float(root.get("height").removesuffix("pt")) > 50
    )
    assert "C12: relu" in comments
    # orders of L0..L6 of C_12: 12 / gcd(k, 12) = 1, 12, 6, 4, 3, 12, 2 (by hand)
    labels = sorted(c for c in comments if c.isdigit())
    assert labels == sorted(["1", "12", "6", "4", "3", "12", "2"])
    assert len(root.findall(".//{http://www.w3.org/2000/svg}path")) > 7  # vertices and edges are drawn


def test_inspect_pngs_decode(tmp_path, capsys):
    import jax

    from plrep.nn import NetworkSpec, init, save

    weights = tmp_path / "net.npz"
    save(weights, init(jax.random.key(0), NetworkSpec("C6", (1, 3, 2), readout=2)))
    out = tmp_path / "pics"
    assert main(["inspect", str(weights), "--format", "png", "--out", str(out), "--samples", "2"]) == 0
    capsys.readouterr()
    for name in ("frequency_flow.png", "filter_spectra.png"):
        image = _png_pixels(out / name)
        assert min(image.shape[:2]) >= 100 and 0.005 < _drawn_fraction(image) < 0.9
