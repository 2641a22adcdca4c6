"""The notebook series on any corpus: ``python -m corpus_tools.report CORPUS_DIR --out OUT_DIR``.

Runs every notebook ``notebooks/NN_*.ipynb`` on the corpus and its case file, papermill
style (``CORPUS`` and ``CASE`` are injected after the cell tagged ``parameters``), and
writes into OUT_DIR:

* ``notebooks/``: the executed notebooks;
* ``figures/``: every figure as PNG, SVG and the CSV it plots;
* ``results/``: the coded tables (see ``CODEBOOK.md`` and :mod:`corpus_tools.results`);
* ``site/``: the notebooks as offline HTML pages with an ``index.html``.

Cells tagged ``bundled-corpus`` hold prose written about the bundled corpus's results
(findings with their numbers, descriptions of its outside checks). On another corpus they
are left out of the report, and a note says so where they stood. Progress goes to stderr,
one line per notebook. A notebook that fails is written up to the failing cell, the other
notebooks still run, and the command exits with status 1 naming it.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient.exceptions import CellExecutionError

from corpus_tools.io.case import CASE_FILE, load_case
from corpus_tools.io.checks import is_bundled_corpus
from corpus_tools.io.corpus import CorpusError, find_corpus_dir, load_corpus
from corpus_tools.notebooks import run_notebook
from corpus_tools.pages import render_site
from corpus_tools.results import code_corpus, write_results
from corpus_tools.viz.figures import FIGURES_ENV

BUNDLED_TAG = "bundled-corpus"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
NOTEBOOK_DIR = Path(__file__).resolve().parents[2] / "notebooks"
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"


def series(folder: str | os.PathLike | None = None) -> list[Path]:
    """The numbered notebooks of the series, in order.

    Args:
        folder: Where they are (default: the repository's ``notebooks/``).

    Returns:
        The paths, sorted by name.

    Raises:
        FileNotFoundError: the folder has no numbered notebook.
    """
    folder = Path(folder) if folder is not None else NOTEBOOK_DIR
    found = sorted(folder.glob(NOTEBOOK_GLOB))
    if not found:
        raise FileNotFoundError(f"no notebook {NOTEBOOK_GLOB} in {folder}")
    return found


def drop_bundled_cells(nb: nbformat.NotebookNode, corpus: Path) -> int:
    """Replace each run of cells tagged ``bundled-corpus`` by one note naming the corpus.

    Args:
        nb: The notebook (changed in place).
        corpus: The corpus the report is about.

    Returns:
        How many cells were left out.
    """
    note = (f"*Text written about the bundled corpus stood here (its description, findings or outside checks). "
            f"It is left out of this report on `{corpus}`; every table and figure here is computed from this corpus.*")
    cells, dropped, previous_dropped = [], 0, False
    for cell in nb.cells:
        if BUNDLED_TAG in cell.get("metadata", {}).get("tags", []):
            dropped += 1
            if not previous_dropped:
                replacement = nbformat.v4.new_markdown_cell(note, metadata={"tags": ["report-note"]})
                replacement.id = f"report-note-{dropped}"
                cells.append(replacement)
            previous_dropped = True
        else:
            cells.append(cell)
            previous_dropped = False
    nb.cells = cells
    return dropped


def _error_cells(nb: nbformat.NotebookNode) -> list[int]:
    return [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and any(o.output_type == "error" for o in c.outputs)]


def run_report(
    corpus: str | os.PathLike,
    out: str | os.PathLike,
    *,
    case: str | os.PathLike | None = None,
    notebooks: list[str | os.PathLike] | None = None,
    timeout: int = 600,
    log=None,
) -> dict[str, object]:
    """Run the notebook series on a corpus and write notebooks, figures, results and HTML.

    Args:
        corpus: The corpus folder (``raw/``, ``metadata.csv``, ``case.toml``, ...).
        out: The output folder (created if needed).
        case: The case file (default: ``CORPUS/case.toml``).
        notebooks: The notebooks to run (default: the series in ``notebooks/``).
        timeout: Seconds allowed per cell.
        log: Where progress lines go (default: stderr).

    Returns:
        ``{"notebooks": [...], "failed": [...], "results": {...}, "pages": [...]}``: the
        executed notebooks, those that failed, the result CSVs and the HTML pages.

    Raises:
        CorpusError, CaseError: the corpus or its case file cannot be read (before any
            notebook runs).
    """
    log = log if log is not None else sys.stderr
    corpus = find_corpus_dir(corpus).resolve()
    case_path = Path(case).resolve() if case is not None else corpus / CASE_FILE
    if not case_path.is_file():
        raise CorpusError(case_path, "case file not found: a corpus needs a case.toml (or pass --case)")
    the_case = load_case(case_path)
    units = load_corpus(corpus)
    out = Path(out).resolve()
    folders = {name: out / name for name in ("notebooks", "figures", "results", "site")}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    paths = [Path(p) for p in notebooks] if notebooks is not None else series()
    bundled = is_bundled_corpus(corpus)
    parameters = {"CORPUS": str(corpus), "CASE": str(case_path)}
    print(f"report on {corpus} (case {case_path.name}, target {the_case.target}, {len(units)} units) -> {out}", file=log, flush=True)
    previous = os.environ.get(FIGURES_ENV)
    os.environ[FIGURES_ENV] = str(folders["figures"])
    executed, failed = [], []
    try:
        for k, path in enumerate(paths, 1):
            started = time.monotonic()
            print(f"[{k}/{len(paths)}] {path.name} ...", file=log, flush=True)
            nb = nbformat.read(path, as_version=4)
            dropped = 0 if bundled else drop_bundled_cells(nb, corpus)
            target = folders["notebooks"] / path.name
            status = "ok"
            try:
                run_notebook(nb, cwd=path.parent, parameters=parameters, timeout=timeout)
            except CellExecutionError as err:
                failed.append(target)
                status = f"FAILED in cell {_error_cells(nb) or '?'}: {_ANSI.sub('', str(err)).strip().splitlines()[-1]}"
            nbformat.write(nb, target)
            executed.append(target)
            note = f", {dropped} bundled-corpus cells left out" if dropped else ""
            print(f"[{k}/{len(paths)}] {path.name} {status} ({time.monotonic() - started:.0f} s{note})", file=log, flush=True)
    finally:
        if previous is None:
            os.environ.pop(FIGURES_ENV, None)
        else:
            os.environ[FIGURES_ENV] = previous
    print("coded tables -> results/", file=log, flush=True)
    results = write_results(units, code_corpus(units, case=the_case), folders["results"])
    print("HTML -> site/", file=log, flush=True)
    pages = render_site(executed, folders["site"], title=f"Report on {corpus.name}: {the_case.description or the_case.target}")
    return {"notebooks": executed, "failed": failed, "results": results, "pages": pages}


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m corpus_tools.report CORPUS_DIR --out OUT_DIR [--case CASE]``."""
    parser = argparse.ArgumentParser(description="Run the notebook series on a corpus: executed notebooks, figures, results, HTML.")
    parser.add_argument("corpus", help="corpus folder (raw/, metadata.csv, case.toml)")
    parser.add_argument("--out", required=True, help="output folder")
    parser.add_argument("--case", default=None, help="case file (default: CORPUS/case.toml)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell (default: 600)")
    args = parser.parse_args(argv)
    try:
        report = run_report(args.corpus, args.out, case=args.case, timeout=args.timeout)
    except (CorpusError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if report["failed"]:
        print("failed: " + ", ".join(str(p) for p in report["failed"]), file=sys.stderr)
        return 1
    print(f"done: {Path(args.out) / 'site' / 'index.html'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
