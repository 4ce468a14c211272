"""A real headless browser for the explorer's tests: Debian's chromium, started once per page.

The browser tests skip (with how to install it) only where no chromium is found; `make test`
installs it first where apt-get works (`make browser`), and CI runs as root, so there they run.
"""

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from plrep.explorer import explorer_data, explorer_html

_NAMES = ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome")
_FLAGS = (
    "--headless",
    "--no-sandbox",  # CI runs as root, where chromium refuses its sandbox
    "--disable-gpu",
    "--disable-dev-shm-usage",  # containers often have a tiny /dev/shm
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-first-run",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
    "--virtual-time-budget=8000",
)
GROUPS = ("C12", "D6", "S4")


def _chromium() -> str | None:
    return next((path for path in map(shutil.which, _NAMES) if path), None)


@pytest.fixture(scope="session")
def chromium() -> str:
    """The browser's path; the test skips, saying how to install one, where there is none."""
    path = _chromium()
    if path is None:
        pytest.skip(
            "no chromium found: install it with `make browser` (as root) or `apt-get install chromium`"
        )
    return path


@pytest.fixture(scope="session")
def page_path(tmp_path_factory) -> Path:
    """A small explorer page (the test groups, C_n up to 12 in the maps panel)."""
    path = tmp_path_factory.mktemp("explore") / "index.html"
    path.write_text(explorer_html(explorer_data(list(GROUPS), max_n=12)), encoding="utf-8")
    return path


class Page:
    """The rendered DOM of one page load and the console lines chromium logged."""

    def __init__(self, dom: str, console: list[str]):
        self.dom, self.console = dom, console
        collector = _Collector()
        collector.feed(dom)
        self.elements = collector.elements  # (tag, attributes, text)

    def find(self, *, cls: str | None = None, id: str | None = None, tag: str | None = None) -> list:
        found = []
        for element_tag, attributes, text in self.elements:
            if cls is not None and cls not in attributes.get("class", "").split():
                continue
            if id is not None and attributes.get("id") != id:
                continue
            if tag is not None and element_tag != tag:
                continue
            found.append((attributes, text))
        return found


class _Collector(HTMLParser):
    """Every element with its attributes and the text directly inside it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self._open = [], []

    def handle_starttag(self, tag, attrs):
        self.elements.append([tag, dict(attrs), ""])
        self._open.append(self.elements[-1])

    def handle_endtag(self, tag):
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self._open:
            self._open[-1][2] += data


@pytest.fixture(scope="session")
def render(chromium, tmp_path_factory):
    """``render(path, hash, screenshot=None)``: load file://path#hash in headless chromium."""

    def run(path: Path, fragment: str, screenshot: Path | None = None) -> Page:
        profile = tmp_path_factory.mktemp("chromium-profile")
        url = f"{path.resolve().as_uri()}#{fragment}"
        output = (
            ["--dump-dom"]
            if screenshot is None
            else [f"--screenshot={screenshot}", "--window-size=1400,1000"]
        )
        done = subprocess.run(
            [chromium, *_FLAGS, f"--user-data-dir={profile}", *output, url],
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        console = [line for line in done.stderr.splitlines() if re.search(r":CONSOLE[:(]", line)]
        return Page(done.stdout, console)

    return run


def _devtools_module():
    """tests/explorer/_devtools.py, loaded by path (the suite imports tests with importlib mode)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "plrep_tests_devtools", Path(__file__).with_name("_devtools.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def devtools_browser():
    """The ``Browser`` class of ``_devtools.py``: chromium driven over the DevTools protocol."""
    return _devtools_module().Browser
