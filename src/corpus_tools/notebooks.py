"""Execute notebooks in place, reproducibly, with optional parameters.

The first code cell tagged ``parameters`` holds defaults (papermill's convention);
given parameters are written into a cell inserted just after it, tagged
``injected-parameters``. No timing metadata is recorded, so a re-run of unchanged
code writes the same notebook.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

KERNEL = "python3"


def inject_parameters(nb: nbformat.NotebookNode, parameters: dict) -> None:
    """Insert an ``injected-parameters`` cell after the ``parameters`` cell."""
    nb.cells = [c for c in nb.cells if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]
    index = next((i for i, c in enumerate(nb.cells) if "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if index is None:
        raise ValueError("notebook has no cell tagged 'parameters' to override")
    source = "\n".join(f"{name} = {value!r}" for name, value in parameters.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    cell.id = "injected-parameters"
    nb.cells.insert(index + 1, cell)


def execute_notebook(
    path: str | os.PathLike,
    *,
    output: str | os.PathLike | None = None,
    parameters: dict | None = None,
    timeout: int = 600,
) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in its own folder and write it with outputs.

    Args:
        path: The notebook.
        output: Where to write the executed notebook; default: in place.
        parameters: Values overriding the ``parameters`` cell.
        timeout: Seconds allowed per cell.

    Returns:
        The executed notebook.
    """
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    run_notebook(nb, cwd=path.parent, parameters=parameters, timeout=timeout)
    nbformat.write(nb, output or path)
    return nb


def run_notebook(
    nb: nbformat.NotebookNode,
    *,
    cwd: str | os.PathLike,
    parameters: dict | None = None,
    timeout: int = 600,
) -> nbformat.NotebookNode:
    """Run a notebook already read, in place (its cells get their outputs).

    Args:
        nb: The notebook.
        cwd: The folder the kernel runs in (relative paths in the notebook start here).
        parameters: Values overriding the ``parameters`` cell.
        timeout: Seconds allowed per cell.

    Returns:
        ``nb``, executed.

    Raises:
        nbclient.exceptions.CellExecutionError: a cell raised; ``nb`` holds the outputs
            up to and including the error.
    """
    if parameters:
        inject_parameters(nb, parameters)
    client = NotebookClient(
        nb, timeout=timeout, kernel_name=KERNEL, record_timing=False,
        resources={"metadata": {"path": str(Path(cwd).resolve())}},
    )
    try:
        client.execute()
    finally:
        nb.metadata.pop("widgets", None)
    return nb


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m corpus_tools.notebooks NOTEBOOK...``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+")
    args = parser.parse_args(argv)
    for nb_path in args.notebooks:
        print(f"executing {nb_path}", file=sys.stderr, flush=True)
        execute_notebook(nb_path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
