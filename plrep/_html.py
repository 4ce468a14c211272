"""Inline HTML for notebooks: the ``_repr_html_`` of plrep's results, self-contained and static.

Jupyter shows an object's ``_repr_html_`` and falls back to its ``repr`` (plain text) where HTML
is not rendered. Everything here is one string of HTML with inline styles and SVG: no script, no
stylesheet, nothing loaded, no widget library. The colours are the explorer page's: the share of
a total on a log scale from ``FLOOR`` (white) to 1 (dark red).
"""

from __future__ import annotations

import html
import math

__all__ = ["FLOOR", "MAX_COLUMNS", "energy_table", "shade"]

FLOOR = 1e-8
# Past this many simples a table row lists its largest shares instead of every simple.
MAX_COLUMNS = 24
_RAMP = ((255, 247, 236), (253, 212, 158), (252, 141, 89), (215, 48, 31), (127, 0, 0))
_STYLE = "border-collapse:collapse;font:12px sans-serif;margin:4px 0"
_CELL = "border:1px solid #ddd;padding:2px 5px;text-align:right"


def shade(share: float) -> str:
    """The explorer's colour of a share in [0, 1] (log scale, white below ``FLOOR``)."""
    if not share >= FLOOR:
        return "#ffffff"
    t = min(1.0, (math.log10(share) - math.log10(FLOOR)) / -math.log10(FLOOR))
    x = t * (len(_RAMP) - 1)
    i = min(int(x), len(_RAMP) - 2)
    w = x - i
    r, g, b = (round(a * (1 - w) + c * w) for a, c in zip(_RAMP[i], _RAMP[i + 1], strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def _number(value: float) -> str:
    return f"{value:.3g}"


def _cell(energy: float, share: float, name: str) -> str:
    colour = shade(share)
    ink = "#fff" if share > 1e-2 else "#222"
    return (
        f'<td style="{_CELL};background:{colour};color:{ink}" data-simple="{html.escape(name)}" '
        f'data-energy="{energy!r}" title="{html.escape(name)}: energy {energy:.6g}">{_number(share)}</td>'
    )


def energy_table(names, rows, *, title: str, note: str = "") -> str:
    """A table of energy shares: one row per (label, energies), one column per simple.

    Cells show each simple's share of its row's energy, shaded as in the explorer; each carries
    the energy itself in ``data-energy``. Beyond ``MAX_COLUMNS`` simples a row lists its largest
    shares (name: share) instead.

    Example:
        >>> page = energy_table(["L0", "L1"], [("f", [1.0, 3.0])], title="C3")
        >>> 'data-energy="3.0"' in page and "<script" not in page
        True
    """
    names = [str(n) for n in names]
    head = f'<div class="plrep-inline"><div style="font:600 13px sans-serif">{html.escape(title)}</div>'
    lines = [head, f'<table style="{_STYLE}">']
    wide = len(names) > MAX_COLUMNS
    if not wide:
        header = "".join(f'<th style="{_CELL}">{html.escape(n)}</th>' for n in names)
        lines.append(f'<tr><th style="{_CELL}"></th>{header}<th style="{_CELL}">total</th></tr>')
    for label, energies in rows:
        energies = [float(e) for e in energies]
        total = sum(energies)
        shares = [e / total if total > 0 else 0.0 for e in energies]
        if wide:
            top = sorted(range(len(names)), key=lambda j: -shares[j])[:8]
            cells = "".join(
                f"{_cell(energies[j], shares[j], names[j])[:-5]} ({html.escape(names[j])})</td>" for j in top
            )
        else:
            cells = "".join(_cell(e, s, n) for e, s, n in zip(energies, shares, names, strict=True))
        lines.append(
            f'<tr><th style="{_CELL};text-align:left">{html.escape(str(label))}</th>{cells}'
            f'<td style="{_CELL}">{_number(total)}</td></tr>'
        )
    lines.append("</table>")
    legend = (
        "Cells: share of the row's energy ‖P_L f‖² (summed over units), log colour scale from "
        f"{FLOOR:g} (white) to 1; hover a cell for the energy."
        + (f" {len(names)} simples: each row lists its 8 largest." if wide else "")
    )
    lines.append(
        f'<div style="font:11px sans-serif;color:#555">{html.escape(legend)} {html.escape(note)}</div></div>'
    )
    return "\n".join(lines)
