"""The README's usage example runs as written."""

from __future__ import annotations

import re

from conftest import ROOT


def test_readme_python_example_runs(monkeypatch, capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.DOTALL)
    assert blocks
    monkeypatch.chdir(ROOT)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})  # the example is the project's own README
    out = capsys.readouterr().out
    assert "['Mr. Kadhimi met U.S. officials on Nov. 9.', 'He asked for help.']" in out
    assert "[['Mustafa el-Kazimi', 'kadhimi', 'name'], ['His', 'kadhimi', 'pronoun']]" in out
