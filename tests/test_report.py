"""The notebook series runs on any corpus: parameters, outside checks, coded tables, report.

The invented second case (``tests/data/case_ferry``) is the other corpus: its target is
Lena Okafor, and nothing of the bundled corpus may show through in its report.
"""

from __future__ import annotations

import ast
import re
import shutil

import nbformat
import pandas as pd
import pytest
from conftest import CORPUS, ROOT, write_small_corpus

import corpus_tools as ct
from corpus_tools import report
from corpus_tools.io.checks import find_check, is_bundled_corpus, skipped
from corpus_tools.results import COLUMNS, TABLES, code_corpus, result_table, write_results
from corpus_tools.viz.prose import actor_name, case_summary, short_name

FERRY = ROOT / "tests" / "data" / "case_ferry"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CODEBOOK = ROOT / "CODEBOOK.md"
# This file names the document; the blame module's comment is corrected with the blame rules' revision.
DESIGN_REFERENCES_LEFT = {"tests/test_report.py"}  # this test names the file it looks for


def _first_code_cell(nb):
    return next(c for c in nb.cells if c.cell_type == "code")


# --------------------------------------------------------------------------- notebook parameters


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_first_code_cell_is_tagged_parameters_and_defines_corpus_and_case(path):
    nb = nbformat.read(path, as_version=4)
    cell = _first_code_cell(nb)
    assert "parameters" in cell.metadata.get("tags", [])
    assigned = {t.id: node.value for node in ast.parse(cell.source).body if isinstance(node, ast.Assign)
                for t in node.targets if isinstance(t, ast.Name)}
    assert {"CORPUS", "CASE"} <= set(assigned)
    # CASE defaults to None, so that injecting CORPUS alone reads CORPUS/case.toml.
    assert isinstance(assigned["CASE"], ast.Constant) and assigned["CASE"].value is None
    assert isinstance(assigned["CORPUS"], ast.Constant) and isinstance(assigned["CORPUS"].value, str)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_loads_the_parameters_and_passes_the_case_to_every_measure(path):
    nb = nbformat.read(path, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "ct.load_corpus(CORPUS)" in code
    assert "ct.load_case(CASE or CORPUS)" in code
    measures = ("find_mentions", "quotes", "sentiment_toward", "sentiment_profile", "blame_claims",
                "stance_statements", "stance_profile", "stance_summary", "statement_counts_plot")
    for call in re.finditer(rf"\b({'|'.join(measures)})\((.*)", code):
        assert "case=case" in call.group(2), f"{path.name}: {call.group(0)!r} does not pass case=case"
    assert "load_gazetteer()" not in code, "the gazetteer comes from the case"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_prose_outside_bundled_cells_does_not_type_the_bundled_target(path):
    names = ct.load_case(CORPUS).gazetteer.set_index("id").loc["kadhimi", "names"].split(";")
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown" and report.BUNDLED_TAG not in cell.metadata.get("tags", []):
            found = [n for n in names if n.lower() in cell.source.lower()]
            assert not found, f"{path.name} cell {cell.get('id')}: typed target name {found}; compute it or tag the cell"


def test_prose_names_come_from_the_case_gazetteer():
    ferry, bundled = ct.load_case(FERRY), ct.load_case(CORPUS)
    assert (actor_name(ferry), short_name(ferry)) == ("Lena Okafor", "Okafor")
    assert (actor_name(bundled), short_name(bundled)) == ("Mustafa al-Kadhimi", "Kadhimi")
    assert actor_name(ferry, "red_tide") == "Red Tide cartel" and short_name(ferry, "red_tide") == "Red Tide"
    summary = case_summary(ferry, ct.load_corpus(FERRY), "ferry")
    assert "Lena Okafor" in summary and "5 units" in summary and ferry.description in summary
    assert "Kadhimi" not in summary


def test_case_description_must_be_a_string(tmp_path):
    shutil.copy(FERRY / "gazetteer.csv", tmp_path / "gazetteer.csv")
    text = (FERRY / "case.toml").read_text(encoding="utf-8")
    (tmp_path / "case.toml").write_text(re.sub(r"(?m)^description = .*$", "description = 3", text), encoding="utf-8")
    with pytest.raises(ct.CaseError, match="'description'"):
        ct.load_case(tmp_path)


# --------------------------------------------------------------------------- outside checks


def test_find_check_prefers_the_given_file_then_checks_folder_then_corpus_folder(tmp_path):
    corpus = write_small_corpus(tmp_path / "c", {"a.txt": b"Some text here.\n"})
    assert find_check(corpus, "blame_gold.csv") is None
    (corpus / "blame_gold.csv").write_text("x\n")
    assert find_check(corpus, "blame_gold.csv") == corpus / "blame_gold.csv"
    (corpus / "checks").mkdir()
    (corpus / "checks" / "blame_gold.csv").write_text("y\n")
    assert find_check(corpus, "blame_gold.csv") == corpus / "checks" / "blame_gold.csv"
    given = tmp_path / "mine.csv"
    given.write_text("z\n")
    assert find_check(corpus, "blame_gold.csv", given=given) == given
    with pytest.raises(FileNotFoundError, match=r"missing\.csv"):
        find_check(corpus, "blame_gold.csv", given=tmp_path / "missing.csv")


def test_bundled_checks_are_found_for_the_bundled_corpus_only(corpus_copy):
    assert is_bundled_corpus(CORPUS) and not is_bundled_corpus(corpus_copy)
    assert find_check(CORPUS, "stance_headlines.csv") == ROOT / "tests" / "data" / "stance_headlines.csv"
    assert find_check(corpus_copy, "stance_headlines.csv") is None
    assert find_check(FERRY, "blame_gold.csv") == FERRY / "blame_gold.csv"
    message = skipped("The headline check", "stance_headlines.csv", corpus_copy)
    assert "skipped" in message and "stance_headlines.csv" in message and str(corpus_copy) in message


def test_bundled_cells_are_replaced_by_one_note_per_run():
    nb = nbformat.v4.new_notebook()
    tagged = {"tags": [report.BUNDLED_TAG]}
    nb.cells = [nbformat.v4.new_markdown_cell("# Title"), nbformat.v4.new_markdown_cell("Kadhimi 1", metadata=tagged),
                nbformat.v4.new_markdown_cell("Kadhimi 2", metadata=dict(tagged)), nbformat.v4.new_code_cell("x = 1"),
                nbformat.v4.new_markdown_cell("Kadhimi 3", metadata=dict(tagged))]
    assert report.drop_bundled_cells(nb, FERRY) == 3
    sources = [c.source for c in nb.cells]
    assert sources[0] == "# Title" and sources[2] == "x = 1"
    assert len(nb.cells) == 4 and not any("Kadhimi" in s for s in sources)
    assert all(str(FERRY) in sources[i] for i in (1, 3))


def test_report_refuses_a_corpus_without_a_case_file(tmp_path, capsys):
    corpus = write_small_corpus(tmp_path / "c", {"a.txt": b"Some text here.\n"})
    assert report.main([str(corpus), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "case.toml" in err and str(corpus) in err
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- coded tables


@pytest.fixture(scope="module")
def ferry():
    units = ct.load_corpus(FERRY)
    return units, code_corpus(units, case=ct.load_case(FERRY))


def test_results_are_byte_identical_whatever_the_row_order(ferry, tmp_path):
    units, tables = ferry
    first = write_results(units, tables, tmp_path / "a")
    shuffled = {name: t.sample(frac=1, random_state=3) for name, t in tables.items()}
    second = write_results(units.sample(frac=1, random_state=5), shuffled, tmp_path / "b")
    assert set(first) == set(TABLES)
    for name in TABLES:
        assert first[name].read_bytes() == second[name].read_bytes(), name


def test_results_keep_offsets_outlet_voice_and_no_unit_text(ferry, tmp_path):
    units, tables = ferry
    paths = write_results(units, tables, tmp_path)
    written = {name: pd.read_csv(path, keep_default_na=False) for name, path in paths.items()}
    assert "text" not in written["units"].columns and len(written["units"]) == len(units)
    assert written["units"]["body_lines"].str.fullmatch(r"\d+(;\d+)*").all()
    texts = units.set_index("unit_id")["text"]
    for name in ("mentions", "sentiment", "blame", "stance"):
        table = written[name]
        assert len(table) > 0, name
        assert list(table.columns[:len(COLUMNS[name])]) == COLUMNS[name]
        assert (table["outlet"] == table["unit_id"].map(units.set_index("unit_id")["outlet"])).all()
        assert table["voice"].ne("").all()
        # the offsets give back the evidence
        spans = [texts[u][a:b] for u, a, b in zip(table["unit_id"], table["start"], table["end"])]
        if "surface" in table:
            assert spans == table["surface"].tolist(), name
        assert table[["unit_id", "sent_id", "start"]].apply(tuple, axis=1).is_monotonic_increasing, name
    assert (written["sentiment"]["actor"] == "okafor").all()
    scores = pd.read_csv(paths["sentiment"], dtype=str)["score"]
    assert scores.str.fullmatch(r"-?\d+\.\d{4}").all()


def test_quoted_mentions_carry_their_speaker(ferry):
    units, tables = ferry
    mentions = result_table("mentions", units, tables["mentions"])
    quoted = tables["quotes"]
    inside = mentions[mentions["voice"] != "author"]
    assert len(inside) > 0 and set(inside["speech"]) <= {"quote", "reported"}
    for row in inside.itertuples():
        rows = quoted[(quoted.unit_id == row.unit_id) & (quoted.start <= row.start) & (quoted.end >= row.end)]
        assert len(rows), row


def test_results_refuse_a_table_without_a_codebook_column(ferry):
    units, tables = ferry
    with pytest.raises(ValueError, match="blame table lacks column"):
        result_table("blame", units, tables["blame"].drop(columns=["certainty"]))
    with pytest.raises(ValueError, match="not one of"):
        result_table("claims", units, tables["blame"])


def test_codebook_defines_every_column_and_category(ferry):
    units, tables = ferry
    codebook = CODEBOOK.read_text(encoding="utf-8")
    for name in TABLES:
        table = result_table(name, units, tables.get(name))
        assert f"`{name}.csv`" in codebook
        for column in table.columns:
            assert f"`{column}`" in codebook, f"CODEBOOK.md does not define {name}.{column}"
    categories = {"mentions": ["how", "speech"], "sentiment": ["label", "how", "speech"],
                  "blame": ["role", "certainty", "voice_kind"], "stance": ["kind", "speech"]}
    for name, columns in categories.items():
        table = result_table(name, units, tables[name])
        for column in columns:
            for value in set(table[column]):
                assert f"`{value}`" in codebook, f"CODEBOOK.md does not define {name}.{column} = {value!r}"


def test_no_file_points_to_a_design_document_the_repository_lacks():
    if (ROOT / "DESIGN.md").exists():
        pytest.skip("the repository has a DESIGN.md")
    for folder in ("src", "notebooks", "corpus", "tests"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in {".py", ".ipynb", ".md", ".txt", ".toml", ".csv"}:
                if path.relative_to(ROOT).as_posix() in DESIGN_REFERENCES_LEFT:
                    continue
                assert "DESIGN.md" not in path.read_text(encoding="utf-8", errors="replace"), path


# --------------------------------------------------------------------------- the report, end to end


@pytest.mark.notebooks
def test_report_on_the_second_case(tmp_path, capfd):
    out = tmp_path / "report"
    assert report.main([str(FERRY), "--out", str(out)]) == 0
    err = capfd.readouterr().err
    for k, path in enumerate(NOTEBOOKS, 1):
        assert f"[{k}/{len(NOTEBOOKS)}] {path.name} ok" in err
    for path in NOTEBOOKS:
        nb = nbformat.read(out / "notebooks" / path.name, as_version=4)
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        assert not [o for o in outputs if o.output_type == "error"], path.name
        injected = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
        assert str(FERRY) in injected.source
        page = (out / "site" / f"{path.stem}.html").read_text(encoding="utf-8")
        assert "Okafor" in page, f"{path.name}: the page does not name the case's target"
        assert "Kadhimi" not in page, f"{path.name}: the page carries the bundled corpus's prose"
    index = (out / "site" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{p.stem}.html"' in index for p in NOTEBOOKS)
    for name in TABLES:
        table = pd.read_csv(out / "results" / f"{name}.csv")
        assert len(table) > 0, name
    assert set(pd.read_csv(out / "results" / "units.csv")["unit_id"]) == set(ct.load_corpus(FERRY)["unit_id"])
    figures = {p.name for p in (out / "figures").iterdir()}
    assert "03_okafor_by_unit.png" in figures and not any("kadhimi" in f for f in figures)
    shutil.rmtree(out)


@pytest.mark.notebooks
def test_a_failing_notebook_is_written_and_named_and_the_others_still_run(tmp_path):
    folder = tmp_path / "nbs"
    folder.mkdir()
    for name, body in (("01_fails.ipynb", "raise RuntimeError('no such table')"), ("02_runs.ipynb", "print(CORPUS)")):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_markdown_cell(f"# {name}"),
                    nbformat.v4.new_code_cell("CORPUS = None\nCASE = None", metadata={"tags": ["parameters"]}),
                    nbformat.v4.new_code_cell(body)]
        nbformat.write(nb, folder / name)
    log = tmp_path / "log.txt"
    with log.open("w") as stream:
        done = report.run_report(FERRY, tmp_path / "out", notebooks=sorted(folder.glob("*.ipynb")), log=stream)
    assert [p.name for p in done["failed"]] == ["01_fails.ipynb"]
    assert "01_fails.ipynb FAILED in cell [3]: RuntimeError: no such table" in log.read_text()
    failed = nbformat.read(tmp_path / "out" / "notebooks" / "01_fails.ipynb", as_version=4)
    assert failed.cells[-1].outputs[0].output_type == "error"
    ran = nbformat.read(tmp_path / "out" / "notebooks" / "02_runs.ipynb", as_version=4)
    assert str(FERRY) in ran.cells[-1].outputs[0].text
    assert (tmp_path / "out" / "site" / "01_fails.html").is_file() and (tmp_path / "out" / "results" / "blame.csv").is_file()
