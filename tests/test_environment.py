"""The pins agree everywhere, and the README shows the two commands."""

from __future__ import annotations

import re

import yaml
from conftest import ROOT


def _pins(lines):
    return {m.group(1).lower(): m.group(2) for m in (re.match(r"^\s*-?\s*([A-Za-z0-9_.\-]+)==(\S+)", ln) for ln in lines) if m}


def test_environment_yml_pins_the_same_versions_as_the_lock():
    lock = _pins((ROOT / "requirements.lock").read_text().splitlines())
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    conda = _pins(pip_section)
    assert "python=3.11" in env["dependencies"]
    assert lock == conda
    for name in ("pandas", "matplotlib", "nltk", "textblob", "vadersentiment", "jupyterlab"):
        assert name in lock


def test_every_top_level_requirement_is_pinned():
    lock = _pins((ROOT / "requirements.lock").read_text().splitlines())
    wanted = [ln.strip().lower() for ln in (ROOT / "requirements.in").read_text().splitlines()
              if ln.strip() and not ln.startswith("#")]
    assert [w for w in wanted if w not in lock] == []


def test_readme_gives_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text()
    assert "make reproduce" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()
