"""The notebooks as HTML pages: self-contained, and rendered with their figures by a browser.

The pages are rendered from the committed notebooks into a temporary folder and opened in
headless Chromium (Debian package ``chromium``). Without Chromium the browser tests are
skipped, except in CI (``CI=true``), where a missing browser fails them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT

from corpus_tools.pages import REMOTE_RESOURCE, render_site

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
BROWSER_FLAGS = ["--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars", "--virtual-time-budget=10000"]
# Appended to a copy of each page: once loaded, count the images the browser decoded.
PROBE = ("<script>window.addEventListener('load', function () { var n = 0; for (var i of document.images) "
         "{ if (i.complete && i.naturalWidth > 0) n++; } document.body.setAttribute('data-images-rendered', n); });</script>")


def chromium() -> str:
    """The Chromium executable, or skip (fail in CI) when there is none."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("Chromium is not installed: CI must install it (.ci/run does: apt-get install chromium)")
    pytest.skip("Chromium is not installed (Debian: apt-get install chromium); the browser tests need it")


class _Page(HTMLParser):
    """Headings, images and the probe's count in a page's DOM."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.images: list[str] = []
        self.rendered: int | None = None
        self._heading: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs.get("src") or "")
        elif tag == "body" and "data-images-rendered" in attrs:
            self.rendered = int(attrs["data-images-rendered"])
        elif re.fullmatch(r"h[1-6]", tag):
            self._heading = []

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append(_plain("".join(self._heading)))
            self._heading = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading.append(data)


def _plain(text: str) -> str:
    """Heading text without Markdown marks, anchor pilcrows or extra spaces."""
    return " ".join(re.sub(r"[`*_¶]", "", text).split())


def _markdown_headings(nb) -> list[str]:
    return [_plain(m.group(1)) for c in nb.cells if c.cell_type == "markdown"
            for m in re.finditer(r"^#{1,6}\s+(.+?)\s*#*\s*$", c.source, re.M)]


def _figure_outputs(nb) -> int:
    return sum(1 for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
               if "image/png" in o.get("data", {}) or "image/jpeg" in o.get("data", {}))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    render_site(NOTEBOOKS, out, title="Notebooks")
    return out


def test_every_notebook_has_a_page_and_the_index_links_them_in_order(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', index)
    assert links == [f"{p.stem}.html" for p in NOTEBOOKS]
    assert all((site / link).is_file() for link in links)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_page_is_self_contained(site, path):
    page = (site / f"{path.stem}.html").read_text(encoding="utf-8")
    assert not REMOTE_RESOURCE.search(page), "the page loads something from the network"
    assert "cdnjs" not in page and "require.min.js" not in page
    figures = _figure_outputs(nbformat.read(path, as_version=4))
    assert len(re.findall(r'<img[^>]+src="data:image/', page)) == figures


def test_a_page_that_loads_from_the_network_is_refused(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Remote\n\n![logo](https://example.org/logo.png)")]
    path = tmp_path / "remote.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(ValueError, match="network"):
        render_site([path], tmp_path / "site")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_browser_renders_the_headings_and_every_figure(site, path, tmp_path):
    browser = chromium()
    probed = tmp_path / f"{path.stem}.html"
    probed.write_text((site / probed.name).read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = subprocess.run([browser, *BROWSER_FLAGS, "--dump-dom", probed.as_uri()], capture_output=True, text=True,
                         timeout=120, check=True).stdout
    page = _Page()
    page.feed(dom)
    nb = nbformat.read(path, as_version=4)
    assert page.headings and page.headings[0] == _markdown_headings(nb)[0]
    missing = [h for h in _markdown_headings(nb) if h not in page.headings]
    assert not missing, f"headings not rendered: {missing}"
    figures = _figure_outputs(nb)
    assert sum(src.startswith("data:image/") for src in page.images) == figures
    assert page.rendered == figures, "the browser did not decode every figure"


def test_browser_screenshot_of_a_page_is_not_blank(site, tmp_path):
    browser = chromium()
    from PIL import Image, ImageStat

    shot = tmp_path / "page.png"
    page = site / f"{NOTEBOOKS[0].stem}.html"
    subprocess.run([browser, *BROWSER_FLAGS, f"--screenshot={shot}", "--window-size=1000,1400", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    with Image.open(shot) as image:
        grey = image.convert("L")
        assert grey.size == (1000, 1400)
        stat = ImageStat.Stat(grey)
        dark = sum(grey.histogram()[:128]) / (grey.size[0] * grey.size[1])
    assert stat.stddev[0] > 10, "the screenshot is a flat colour"
    assert 0.001 < dark < 0.5, "the page shows no text, or is mostly dark"
