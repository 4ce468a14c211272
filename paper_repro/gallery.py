"""The HTML gallery of ``plrep repro``: contents, thumbnails that open the full image, data links.

Kept apart from the runner (which owns running, staging and the manifest): ``render(entries)``
takes the manifest's figure entries and returns the page. Each figure gets an anchor and a line in
the contents; each image is a thumbnail labelled with its file name (captions name files, so
they hold whatever the page width), linking to the full-size file. Figures not generated in this
folder are listed once, by name, with the command that makes them: the page only describes
what it shows.
"""

from __future__ import annotations

import html

__all__ = ["render"]

_PICTURES = (".png", ".svg", ".pdf")
_STYLE = (
    "body{font-family:sans-serif;max-width:1200px;margin:auto;padding:0 1em;line-height:1.4}"
    "nav ol{columns:2}section{border-top:1px solid #ccc;padding:.5em 0 1em}"
    ".images{display:flex;flex-wrap:wrap;gap:12px}"
    "figure{margin:0;flex:1 1 360px;max-width:560px}"
    "figure img{width:100%;border:1px solid #ddd;background:#fff}"
    "figcaption{font-size:85%;color:#444}code{background:#f4f4f4;padding:0 .2em}"
    ".missing{color:#666}"
)


def _figure(name: str, title: str) -> str:
    link = html.escape(name, quote=True)
    if name.endswith(".pdf"):
        return f'<figure><a href="{link}">{html.escape(name)} (PDF)</a></figure>'
    return (
        f'<figure><a href="{link}" title="open full size"><img src="{link}" loading="lazy" '
        f'alt="{html.escape(title, quote=True)}: {link}"></a>'
        f"<figcaption>{html.escape(name)} (click for full size)</figcaption></figure>"
    )


def _explorer_link() -> str:
    return (
        '<p><a href="explore/index.html"><b>Interactive explorer</b></a>: interaction graphs of '
        "C_n, D_n, S_n, A_n, Q_8 for every activation (hover a vertex), the maps between simples and "
        "the spectra, with sliders; one self-contained page (<code>plrep explore</code>).</p>"
    )


def render(entries: list[dict], *, explorer: bool = False) -> str:
    """The gallery page for the manifest ``entries`` (dicts with name, title, status, caption, files).

    ``explorer``: the folder holds ``explore/index.html`` (``plrep explore``), linked at the top.
    """
    shown = [e for e in entries if e.get("status") == "done"]
    missing = [e for e in entries if e.get("status") != "done"]
    contents = "".join(
        f'<li><a href="#{html.escape(e["name"], quote=True)}">{html.escape(e["title"])}</a></li>'
        for e in shown
    )
    sections = []
    for entry in shown:
        pictures = [f for f in entry["files"] if f.endswith(_PICTURES)]
        data = [f for f in entry["files"] if not f.endswith(_PICTURES)]
        images = "".join(_figure(f, entry["title"]) for f in pictures)
        links = ", ".join(f'<a href="{html.escape(f, quote=True)}">{html.escape(f)}</a>' for f in data)
        command = f"<code>{html.escape(entry['command'])}</code>" if entry.get("command") else ""
        source = f" from <code>{html.escape(entry['source'])}</code>" if entry.get("source") else ""
        sections.append(
            f'<section id="{html.escape(entry["name"], quote=True)}"><h2>{html.escape(entry["title"])}</h2>'
            f'<div class="images">{images}</div><p>{html.escape(entry["caption"])}</p>'
            f"<p>{command}{source}{'; data: ' + links if links else ''} "
            f'<a href="#top">(contents)</a></p></section>'
        )
    note = ""
    if missing:
        names = ", ".join(f"<code>{html.escape(e['name'])}</code>" for e in missing)
        # Case studies (names case_*) run only with --case-studies: say so where one is missing.
        cases = any(str(e.get("name", "")).startswith("case_") for e in missing)
        note = (
            f'<p class="missing">Not generated in this folder: {names}. '
            "<code>plrep repro --out THIS_FOLDER</code> makes the figures"
            + (
                ", <code>plrep repro --case-studies --out THIS_FOLDER</code> also the case studies"
                if cases
                else ""
            )
            + ", <code>--only NAME</code> one of them.</p>"
        )
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>plrep figures</title>"
        f"<style>{_STYLE}</style></head><body><h1 id='top'>plrep: figures of arXiv 2408.00949</h1>"
        f"{_explorer_link() if explorer else ''}<nav><h2>Contents</h2><ol>{contents}</ol></nav>{note}"
        + "".join(sections)
        + "</body></html>\n"
    )
