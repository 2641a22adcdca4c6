"""Case files: what one event's measures need to know, kept out of the library code.

A case is a TOML file beside a corpus (``corpus/case.toml``)::

    target = "kadhimi"              # actor id of the person whose coverage is measured
    gazetteer = "gazetteer.csv"     # actors and their groups, relative to this file
    suspects = ["iran", "militias"] # groups suspected of the event
    event = ["November 7"]          # phrases that name the event (besides "the attack")
    description = "..."             # optional: one line naming the event, for reports
    harm = ["assassinate"]          # optional: words for what happened to the target
    pronouns = ["he", "his", "him", "himself"]  # optional: the target's pronouns (default)
    sponsors = ["iran"]             # optional: groups that act through others
    lexicon = "lexicon"             # optional: a folder of cue files of one's own

    [proxies]                       # optional: "X-backed groups" name a generic actor
    actor = "militias"
    patrons = ["iran"]

    [demonyms]                      # optional: adjectives that name an actor
    Iranian = "iran"

    [stance]                        # optional: the stance dimensions' names
    target_dimension = "kadhimi"    # default: the target id
    response_group = "us_government"
    response_dimension = "us_response"

:func:`load_case` validates every key against the gazetteer and raises
:class:`CaseError` naming the file, the key and the problem.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

import pandas as pd

from corpus_tools.extract.gazetteer import load_gazetteer
from corpus_tools.extract.pronouns import DEFAULT_PRONOUNS
from corpus_tools.io.corpus import find_corpus_dir

CASE_FILE = "case.toml"
REQUIRED_KEYS = ("target", "gazetteer", "suspects", "event")
OPTIONAL_KEYS = ("harm", "pronouns", "sponsors", "lexicon", "proxies", "demonyms", "stance", "description")
STANCE_KEYS = ("target_dimension", "response_group", "response_dimension")


class CaseError(ValueError):
    """A case file is missing, malformed or inconsistent with its gazetteer."""

    def __init__(self, file: str | os.PathLike, problem: str, *, key: str | None = None):
        where = f"{file}, key {key!r}" if key else f"{file}"
        super().__init__(f"{where}: {problem}")
        self.file, self.key, self.problem = str(file), key, problem


@dataclass(frozen=True, eq=False)
class Case:
    """One event's parameters; compared by identity, so measures can cache per case."""

    path: Path
    target: str
    gazetteer: pd.DataFrame = field(repr=False)
    gazetteer_file: str
    suspects: tuple[str, ...]
    event: tuple[str, ...]
    harm: tuple[str, ...] = ()
    pronouns: tuple[str, ...] = DEFAULT_PRONOUNS
    sponsors: tuple[str, ...] = ()
    lexicon: Path | None = None
    proxy_actor: str | None = None
    proxy_patrons: tuple[str, ...] = ()
    demonyms: tuple[tuple[str, str], ...] = ()
    target_dimension: str = ""
    response_group: str | None = None
    response_dimension: str = "response"
    description: str = ""

    @property
    def groups(self) -> tuple[str, ...]:
        """The groups the gazetteer defines, sorted."""
        return tuple(sorted(set(self.gazetteer["group"])))

    @property
    def actor_groups(self) -> dict[str, str]:
        """Actor id -> group (a fresh dict)."""
        return dict(self._pairs["group"])

    @property
    def actor_types(self) -> dict[str, str]:
        """Actor id -> type (person, organisation, state, government; a fresh dict)."""
        return dict(self._pairs["type"])

    @functools.cached_property
    def _pairs(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """(id, group) and (id, type) pairs of the gazetteer, read from the table once."""
        ids = self.gazetteer["id"].tolist()
        return {column: tuple(zip(ids, self.gazetteer[column].tolist())) for column in ("group", "type")}

    @property
    def stance_dimensions(self) -> tuple[str, ...]:
        """The three stance dimensions: confrontation, the target's, the response's."""
        return ("confrontation", self.target_dimension, self.response_dimension)

    def __reduce__(self):
        """Pickled with a digest of its fields: copies of one case unpickled in the same
        process (a Dask worker receiving the case of every run) become one object, so the
        measures' per-case caches (compiled gazetteer, rules) are built once per process."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        return _restore_case, (values, hashlib.sha256(pickle.dumps(values, protocol=5)).hexdigest())

    def check_actor(self, actor: str, *, argument: str = "actor") -> str:
        """Return ``actor`` if the gazetteer knows it, else raise ValueError naming close ids."""
        if not isinstance(actor, str):
            raise TypeError(f"{argument} must be an actor id (str), not {type(actor).__name__}")
        ids = list(self.gazetteer["id"])
        if actor not in ids:
            close = [i for i in ids if i.lower() == actor.lower() or actor.lower() in i]
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(f"{argument}={actor!r} is not an actor id of the gazetteer {self.path.parent}{hint}")
        return actor


_RESTORED: dict[str, Case] = {}  # digest -> the first copy of a case unpickled in this process
RESTORED_CASES = 16  # the most cases kept


def _restore_case(values: dict, digest: str) -> Case:
    """The case pickled with ``digest``: the copy unpickled before, or a new one."""
    case = _RESTORED.get(digest)
    if case is None:
        case = Case(**values)
        if len(_RESTORED) >= RESTORED_CASES:
            _RESTORED.pop(next(iter(_RESTORED)))
        _RESTORED[digest] = case
    return case


def _strings(path: Path, data: dict, key: str, *, required: bool) -> tuple[str, ...]:
    value = data.get(key, [] if not required else None)
    if value is None:
        raise CaseError(path, "missing (required)", key=key)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise CaseError(path, "must be a list of non-empty strings", key=key)
    return tuple(v.strip() for v in value)


def _check_groups(path: Path, key: str, values: tuple[str, ...], groups: set[str]) -> None:
    for value in values:
        if value not in groups:
            raise CaseError(path, f"unknown group {value!r}; the gazetteer's groups are {sorted(groups)}", key=key)


def _check_actor(path: Path, key: str, value: object, ids: set[str]) -> str:
    if not isinstance(value, str) or value not in ids:
        raise CaseError(path, f"{value!r} is not an actor id of the gazetteer", key=key)
    return value


def load_case(path: str | os.PathLike) -> Case:
    """Read and validate a case file (or the ``case.toml`` of a corpus folder).

    Args:
        path: The TOML file, or a folder that holds ``case.toml``.

    Returns:
        The :class:`Case`, with its gazetteer loaded.

    Raises:
        CaseError: on a missing file or key, a key of the wrong type, an unknown key, or
            an actor id or group that the gazetteer does not define.
    """
    path = Path(path)
    if path.is_dir():
        path = path / CASE_FILE
    if not path.is_file():
        raise CaseError(path, "case file not found")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise CaseError(path, f"not valid TOML ({err})") from None
    unknown = sorted(set(data) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS))
    if unknown:
        raise CaseError(path, f"unknown key; expected {list(REQUIRED_KEYS + OPTIONAL_KEYS)}", key=unknown[0])
    if not isinstance(data.get("gazetteer"), str):
        raise CaseError(path, "missing or not a path string", key="gazetteer")
    gazetteer = load_gazetteer(path.parent / data["gazetteer"])
    ids, groups = set(gazetteer["id"]), set(gazetteer["group"])
    target = _check_actor(path, "target", data.get("target"), ids)
    suspects = _strings(path, data, "suspects", required=True)
    _check_groups(path, "suspects", suspects, groups)
    sponsors = _strings(path, data, "sponsors", required=False)
    _check_groups(path, "sponsors", sponsors, groups)
    lexicon = None
    if "lexicon" in data:
        lexicon = path.parent / str(data["lexicon"])
        if not lexicon.is_dir():
            raise CaseError(path, f"lexicon folder {lexicon} not found", key="lexicon")
    proxies = data.get("proxies", {})
    if not isinstance(proxies, dict) or set(proxies) - {"actor", "patrons"}:
        raise CaseError(path, "must be a table with keys actor and patrons", key="proxies")
    proxy_actor = _check_actor(path, "proxies.actor", proxies["actor"], ids) if "actor" in proxies else None
    patrons = _strings(path, proxies, "patrons", required=False)
    for patron in patrons:
        _check_actor(path, "proxies.patrons", patron, ids)
    demonyms = data.get("demonyms", {})
    if not isinstance(demonyms, dict):
        raise CaseError(path, "must be a table of adjective = actor id", key="demonyms")
    for adjective, actor in demonyms.items():
        _check_actor(path, f"demonyms.{adjective}", actor, ids)
    stance = data.get("stance", {})
    if not isinstance(stance, dict) or set(stance) - set(STANCE_KEYS):
        raise CaseError(path, f"must be a table with keys among {list(STANCE_KEYS)}", key="stance")
    response_group = stance.get("response_group")
    if response_group is not None:
        _check_groups(path, "stance.response_group", (response_group,), groups)
    description = data.get("description", "")
    if not isinstance(description, str):
        raise CaseError(path, "must be a string", key="description")
    return Case(
        path=path, target=target, gazetteer=gazetteer, gazetteer_file=data["gazetteer"], suspects=suspects,
        event=_strings(path, data, "event", required=True), harm=_strings(path, data, "harm", required=False),
        pronouns=tuple(p.lower() for p in _strings(path, data, "pronouns", required=False)) or DEFAULT_PRONOUNS,
        sponsors=sponsors, lexicon=lexicon, proxy_actor=proxy_actor, proxy_patrons=patrons,
        demonyms=tuple(sorted(demonyms.items())), target_dimension=str(stance.get("target_dimension", target)),
        response_group=response_group, response_dimension=str(stance.get("response_dimension", "response")),
        description=description.strip(),
    )


@functools.lru_cache(maxsize=8)
def _cached_case(path: Path) -> Case:
    return load_case(path)


def default_case() -> Case:
    """The case of the nearest ``corpus/`` above the CWD, else of the repository's corpus."""
    try:
        folder = find_corpus_dir()
    except ValueError:
        folder = Path(__file__).resolve().parents[3] / "corpus"
    return _cached_case((folder / CASE_FILE).resolve())


def resolve_case(case: Case | str | os.PathLike | None) -> Case:
    """A :class:`Case` from a Case, a path to a case file or folder, or None (the default)."""
    if case is None:
        return default_case()
    if isinstance(case, Case):
        return case
    if isinstance(case, (str, os.PathLike)):
        return _cached_case(Path(case).resolve())
    raise TypeError(f"case must be a Case, a path or None, not {type(case).__name__}")
