"""Every notebook runs top to bottom, is committed executed, and reproduces its figures."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from corpus_tools.notebooks import execute_notebook

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_notebook_is_executed_in_order_without_errors(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = _code_cells(nb)
    assert [c["execution_count"] for c in cells] == list(range(1, len(cells) + 1))
    outputs = [o for c in cells for o in c["outputs"]]
    assert outputs, "committed without outputs"
    assert not [o for o in outputs if o["output_type"] == "error"]
    assert not [o for o in outputs if o.get("name") == "stderr"]
    assert "parameters" in cells[0]["metadata"].get("tags", [])
    assert nb["cells"][0]["cell_type"] == "markdown"  # opens with its question
    # ... and closes with findings and limitations, typed or rendered from computed values
    shown = [("".join(c["source"]) if c["cell_type"] == "markdown" else "") for c in nb["cells"]]
    shown += ["".join(o.get("data", {}).get("text/markdown", "")) for o in outputs]
    assert any("Findings" in s for s in shown) and any("Limitations" in s for s in shown)


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes_and_reproduces_its_figures(path, tmp_path, monkeypatch):
    figures = tmp_path / "figures"
    monkeypatch.setenv("CORPUS_TOOLS_FIGURES", str(figures))
    execute_notebook(path, output=tmp_path / path.name)
    written = sorted(figures.iterdir()) if figures.exists() else []
    prefix = path.name[:2] + "_"
    assert all(p.name.startswith(prefix) for p in written)
    for produced in written:
        committed = ROOT / "figures" / produced.name
        assert committed.exists(), f"{produced.name} is not committed: run make reproduce"
        assert produced.read_bytes() == committed.read_bytes(), f"{produced.name} differs: run make reproduce"


@pytest.mark.notebooks
@pytest.mark.parametrize("actor", ["sadr"])
def test_sentiment_notebook_runs_for_another_actor(actor, tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUS_TOOLS_FIGURES", str(tmp_path / "figures"))
    path = ROOT / "notebooks" / "03_sentiment.ipynb"
    nb = execute_notebook(path, output=tmp_path / path.name, parameters={"ACTOR": actor})
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "sadr: 15 sentences judged" in text
    assert (tmp_path / "figures" / "03_sadr_by_unit.png").exists()
