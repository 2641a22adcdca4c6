"""The one reader of rule data: every list checks out, and a bad row is named by file and line."""

from __future__ import annotations

from importlib import resources

import pytest

from corpus_tools.io import lexicon
from corpus_tools.io.lexicon import LexiconError, compile_pattern, read_rows


def _package_lists() -> list[str]:
    return sorted(p.name for p in resources.files("corpus_tools.lexicon").iterdir() if p.name.endswith(".txt"))


@pytest.mark.parametrize("name", _package_lists())
def test_every_package_list_has_a_schema_and_passes_it(name):
    assert name in lexicon._schemas()
    assert len(read_rows(name)) > 0


@pytest.mark.parametrize(
    "name, line, problem",
    [
        ("stance_confrontation.txt", "x\timpose costs\n", "must be 1 or -1"),
        ("stance_modality.txt", "modl\tshould\n", "unknown kind 'modl'"),
        ("blame_events.txt", "event\t(?:unclosed\n", "not a valid regular expression"),
        ("news_cues.txt", "slams\n", "1 tab-separated field(s)"),
        ("news_cues.txt", "slams\tvery bad\n", "must be a number"),
        ("stance_agents.txt", "other\tallies\t...\n", "not a valid pattern"),
    ],
)
def test_a_bad_row_in_a_case_lexicon_names_file_line_and_problem(tmp_path, name, line, problem):
    (tmp_path / name).write_text("# my own cues\n\n" + line, encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        read_rows(name, extra=tmp_path)
    assert f"{tmp_path / name}, line 3: " in str(err.value)
    assert problem in str(err.value)


def test_case_rows_are_added_after_the_package_rows(tmp_path):
    (tmp_path / "stance_targets.txt").write_text("saboteur|saboteurs\n", encoding="utf-8")
    own = read_rows("stance_targets.txt", extra=tmp_path)
    package = read_rows("stance_targets.txt")
    assert own[: len(package)] == package
    assert own[-1].fields == ("saboteur|saboteurs",) and own[-1].line == 1


def test_a_list_without_schema_or_file_is_an_error():
    with pytest.raises(LexiconError, match="no such list"):
        read_rows("no_such_list.txt")


@pytest.mark.parametrize(
    "pattern, text, hit",
    [
        ("impose ... costs", "They must impose heavy economic costs now.", "impose heavy economic costs"),
        ("sanction*", "New sanctions followed.", "sanctions"),
        ("hold|held ... responsible", "Hold them responsible.", "Hold them responsible"),
        ("(the)? culprits", "Find culprits.", "culprits"),
        ("arrest", "a pre-arrest hearing", None),
    ],
)
def test_word_patterns(pattern, text, hit):
    m = compile_pattern(pattern).search(text)
    assert (m.group(0) if m else None) == hit


def test_shared_negators_hold_both_kinds():
    assert {"not", "never", "no longer"} <= lexicon.negators(("negator",))
    assert "avoid" in lexicon.negators() and "avoid" not in lexicon.negators(("negator",))
