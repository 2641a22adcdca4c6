"""Executed notebooks as self-contained HTML pages that work offline, with an index.

Pages are nbconvert's JupyterLab template with the remote scripts it would load left
out (require.js, MathJax and Mermaid from a CDN: the notebooks use none of them), the
CSS inlined and every figure embedded as a ``data:`` URI. A page opens from the file
system with no network.

Command line: ``python -m corpus_tools.pages NOTEBOOK... --out site``.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import sys
from pathlib import Path

import jinja2
import nbformat
from nbconvert import HTMLExporter

TEMPLATE_NAME = "offline.html.j2"
_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""
# A tag that loads something from the network when the page is displayed.
REMOTE_RESOURCE = re.compile(r"<(?:script|link|img|iframe|source|embed|object)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.I)


def _exporter() -> HTMLExporter:
    return HTMLExporter(
        template_name="lab", template_file=TEMPLATE_NAME, embed_images=True,
        extra_loaders=[jinja2.DictLoader({TEMPLATE_NAME: _TEMPLATE})],
    )


def notebook_title(nb: nbformat.NotebookNode, default: str) -> str:
    """The first Markdown heading of a notebook (without ``#``), else ``default``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#+\s+(.+)$", cell.source, re.M)
            if match:
                return match.group(1).strip()
    return default


def render_page(notebook: str | os.PathLike, out_dir: str | os.PathLike) -> Path:
    """Write one notebook as ``OUT_DIR/<stem>.html``.

    Args:
        notebook: An executed notebook.
        out_dir: The folder of the pages (created if needed).

    Returns:
        The page written.

    Raises:
        ValueError: the page would load a resource from the network.
    """
    notebook = Path(notebook)
    nb = nbformat.read(notebook, as_version=4)
    body, _ = _exporter().from_notebook_node(nb, resources={"metadata": {"name": notebook_title(nb, notebook.stem)}})
    remote = REMOTE_RESOURCE.search(body)
    if remote:
        raise ValueError(f"{notebook}: the page would load {remote.group(0)!r} from the network")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    page = out / f"{notebook.stem}.html"
    page.write_text(body, encoding="utf-8")
    return page


def write_index(pages: list[tuple[str, str]], out_dir: str | os.PathLike, *, title: str = "Notebooks") -> Path:
    """Write ``index.html`` linking the pages.

    Args:
        pages: (file name relative to ``out_dir``, link text) in order.
        out_dir: The folder of the pages.
        title: The index's heading.

    Returns:
        The index written.
    """
    items = "\n".join(f'<li><a href="{html.escape(href)}">{html.escape(text)}</a></li>' for href, text in pages)
    index = Path(out_dir) / "index.html"
    index.write_text(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{html.escape(title)}</title>\n"
        "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5}</style>\n"
        f"</head>\n<body>\n<h1>{html.escape(title)}</h1>\n<ol>\n{items}\n</ol>\n</body>\n</html>\n",
        encoding="utf-8",
    )
    return index


def render_site(notebooks: list[str | os.PathLike], out_dir: str | os.PathLike, *, title: str = "Notebooks") -> list[Path]:
    """Render every notebook to ``out_dir`` and write an ``index.html`` linking them.

    Args:
        notebooks: Executed notebooks, in reading order.
        out_dir: The folder of the site.
        title: The index page's heading.

    Returns:
        The pages written, index last.
    """
    pages, links = [], []
    for notebook in notebooks:
        page = render_page(notebook, out_dir)
        nb = nbformat.read(notebook, as_version=4)
        pages.append(page)
        links.append((page.name, notebook_title(nb, Path(notebook).stem)))
    return [*pages, write_index(links, out_dir, title=title)]


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m corpus_tools.pages NOTEBOOK... --out FOLDER``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--out", default="site", help="output folder (default: site)")
    parser.add_argument("--title", default="Notebooks", help="heading of index.html")
    args = parser.parse_args(argv)
    for page in render_site(args.notebooks, args.out, title=args.title):
        print(f"wrote {page}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
