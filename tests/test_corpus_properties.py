"""Property-based tests of load_corpus on generated corpus folders.

Each example is a corpus folder: random file names (unicode, subfolders, case variants of
the name and of the suffix), random texts (unicode, zero-width characters, LF, CRLF and CR
line ends, byte-order marks, now and then a NUL byte or UTF-16), random metadata (partial,
full, impossible or malformed dates; optional extra columns; awkward titles), and
sometimes a segmentation file that leaves files out. The tests check the loader against
rules written out here independently of it:

* every listed file is loaded, or load_corpus raises a CorpusError naming a file that
  breaks a rule (and it raises exactly when some file does);
* unit ids are unique, and unit text holds no NUL and no byte-order mark;
* a loaded unit's text, lines, date and extra columns are what the rules say;
* loading twice, or from a copy with shuffled rows and files written in another order,
  gives an identical table.
"""

from __future__ import annotations

import calendar
import csv
import io
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import corpus_tools as ct
from corpus_tools.io.corpus import UNIT_COLUMNS, UNIT_EXTRA_COLUMNS

# About 25 s in all on a busy two-core machine; derandomized, so CI sees the same examples every run.
SETTINGS = settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
SHUFFLE_SETTINGS = settings(SETTINGS, max_examples=100)  # three loads per example

HEADER = ["source_file", "publisher", "outlet", "author", "date", "genre", "title"]
EXTRA_COLUMNS = ["url", "notes"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
LINE_END = re.compile(r"\r\n|\r|\n")

# Visible characters: no control, format, surrogate or space characters.
VISIBLE = st.characters(codec="utf-8", exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"))
FIELD_TEXT = st.text(st.one_of(VISIBLE, st.sampled_from(" ,'\"\u00a0\u2028\x85")), max_size=12)
NAME_PART = st.text(
    st.characters(codec="utf-8", categories=("L", "N"), include_characters=" -_',"), min_size=1, max_size=8
).filter(lambda s: s == s.strip() and s == unicodedata.normalize("NFC", s))


@dataclass
class Source:
    name: str
    kind: str  # text, bom, invisible, nul, utf16
    text: str
    data: bytes


@dataclass
class Spec:
    sources: list[Source]
    dates: dict[str, str]
    titles: dict[str, str]
    extra: dict[str, dict[str, str]]
    segmentation: str  # none, full, drop_one (the victim has no row), header_only
    fault: str | None = None
    victim: str = ""
    unlisted: list[str] = field(default_factory=list)
    csv_end: str = "\n"
    csv_bom: bool = False


# At most one fault per corpus, in one file (the victim), so that every refusal has a cause.
FAULTS = [None] * 6 + ["date", "invisible", "nul", "utf16", "id_clash", "drop_one", "header_only", "unlisted"]
BAD_DATES = ["2021-02-30", "2021-13", "2021-00-01", "2019-02-29", "2021-11-31", "7 Nov 2021", "2021/11/07", "20211107", "0000"]


# --------------------------------------------------------------------------- strategies


@st.composite
def dates(draw, bad: bool) -> str:
    if bad:
        bad_day = draw(st.builds(lambda y, m: f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1] + 1:02d}",
                                 st.integers(1, 9999), st.integers(1, 12)))
        return draw(st.sampled_from([*BAD_DATES, bad_day]))
    day = draw(st.dates())
    return draw(st.sampled_from(["", f"{day.year:04d}", f"{day.year:04d}-{day.month:02d}", day.isoformat()]))


@st.composite
def texts(draw, kind: str) -> str:
    if kind == "utf16":
        return "\n".join(draw(st.lists(st.text("abcdefghij XYZ.,", min_size=2, max_size=12), min_size=1, max_size=3)))
    words = st.text(VISIBLE, min_size=1, max_size=6)
    blanks = st.sampled_from([" ", "\t", *ZERO_WIDTH])
    chunk = blanks if kind == "invisible" else st.one_of(words, words, blanks)
    lines = draw(st.lists(st.lists(chunk, max_size=6).map("".join), min_size=1, max_size=6))
    if kind != "invisible" and not any(_visible(line) for line in lines):
        lines.append(draw(words))
    if kind == "nul":
        at = draw(st.integers(0, len(lines) - 1))
        lines[at] += "\x00"
    end = draw(st.sampled_from(["\n", "\r\n", "\r", "mixed"]))
    ends = [draw(st.sampled_from(["\n", "\r\n", "\r"])) if end == "mixed" else end for _ in lines]
    text = "".join(line + e for line, e in zip(lines, ends))
    return text if draw(st.booleans()) else text[: -len(ends[-1])]


@st.composite
def sources(draw, name: str, fault: str | None) -> Source:
    kind = fault if fault in ("invisible", "nul", "utf16") else draw(st.sampled_from(["text", "text", "text", "bom"]))
    text = draw(texts(kind))
    if kind == "utf16":
        data = text.encode(draw(st.sampled_from(["utf-16-le", "utf-16-be", "utf-16"])))
    else:
        data = (b"\xef\xbb\xbf" if kind == "bom" else b"") + text.encode("utf-8")
    return Source(name, kind, text, data)


@st.composite
def names(draw, fault: str | None) -> tuple[list[str], str]:
    """Unique file names, and the victim: the one a fault goes to."""
    def one(parts, suffix):
        return "/".join(parts) + suffix

    base = draw(st.lists(
        st.tuples(st.lists(NAME_PART, min_size=1, max_size=3), st.sampled_from([".txt", ".txt", ".txt", ".TXT", ".Txt"])),
        min_size=1, max_size=5,
    ))
    parts, suffix = base[-1]
    if draw(st.integers(0, 2)) == 0:  # another case of the name: another unit id
        base.append(([*parts[:-1], parts[-1].swapcase()], suffix))
    by_id = {}  # one name per unit id ...
    for p, x in base:
        by_id.setdefault("/".join(p), one(p, x))
    found = sorted(by_id.values())
    victim = found[-1]
    if fault == "id_clash":  # ... but for a name with another case of the suffix: the same unit id
        victim = one(parts, ".TXT" if by_id["/".join(parts)].endswith(".txt") else ".txt")
        found = sorted([*found, victim])
    return found, victim if fault == "id_clash" else draw(st.sampled_from(found))


@st.composite
def corpora(draw) -> Spec:
    fault = draw(st.sampled_from(FAULTS))
    listed, victim = draw(names(fault))
    segmentation = fault if fault in ("drop_one", "header_only") else "none" if fault == "id_clash" else None
    spec = Spec(
        sources=[draw(sources(name, fault if name == victim else None)) for name in listed],
        dates={name: draw(dates(fault == "date" and name == victim)) for name in listed},
        titles={name: draw(FIELD_TEXT) for name in listed},
        extra={},
        segmentation=segmentation or draw(st.sampled_from(["none", "none", "full"])),
        fault=fault,
        victim=victim,
        csv_end=draw(st.sampled_from(["\n", "\r\n", "\r"])),
        csv_bom=draw(st.booleans()),
    )
    for column in draw(st.lists(st.sampled_from(EXTRA_COLUMNS), unique=True)):
        spec.extra[column] = {name: draw(FIELD_TEXT) for name in listed}
    if fault == "unlisted":
        candidates = [n for n in ("extra.txt", "sub/extra.txt", "EXTRA.TXT", "a/b/extra.Txt") if n not in listed]
        spec.unlisted.append(draw(st.sampled_from(candidates)))
    return spec


# --------------------------------------------------------------------------- writing


def _csv(rows: list[list[str]], spec: Spec) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator=spec.csv_end).writerows(rows)
    return (b"\xef\xbb\xbf" if spec.csv_bom else b"") + out.getvalue().encode("utf-8")


def write(root: Path, spec: Spec, *, order: list[int] | None = None) -> Path:
    """Write the corpus; ``order`` permutes the metadata and segmentation rows and the file writes."""
    order = order or list(range(len(spec.sources)))
    srcs = [spec.sources[i] for i in order]
    for path, data in [*((s.name, s.data) for s in srcs), *((u, b"unlisted\n") for u in spec.unlisted)]:
        (root / "raw" / path).parent.mkdir(parents=True, exist_ok=True)
        (root / "raw" / path).write_bytes(data)
    for hidden in (".hidden/x.txt", ".notes.txt"):  # hidden files are not sources
        (root / "raw" / hidden).parent.mkdir(parents=True, exist_ok=True)
        (root / "raw" / hidden).write_bytes(b"never read\n")
    rows = [HEADER + list(spec.extra)]
    for s in srcs:
        rows.append([s.name, "Pub", "Outlet", "Author", spec.dates[s.name], "news", spec.titles[s.name],
                     *(spec.extra[c][s.name] for c in spec.extra)])
    (root / "metadata.csv").write_bytes(_csv(rows, spec))
    if spec.segmentation != "none":
        kept = {"full": srcs, "drop_one": [s for s in srcs if s.name != spec.victim], "header_only": []}[spec.segmentation]
        seg = [["unit_id", "source_file", "body"]]
        seg += [[f"u{spec.sources.index(s)}", s.name, f"1-{len(_lines(s))}"] for s in kept]
        (root / "segmentation.csv").write_bytes(_csv(seg, spec))
    return root


# --------------------------------------------------------------------------- the rules


def _visible(line: str) -> bool:
    return any(not ch.isspace() and ch not in ZERO_WIDTH for ch in line)


def _lines(source: Source) -> list[str]:
    return LINE_END.split(source.text.replace("\ufeff", ""))


def _date_is_valid(value: str) -> bool:
    match = re.fullmatch(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", value)
    if not value:
        return True
    if not match or int(match[1]) == 0:
        return False
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is not None and not 1 <= month <= 12:
        return False
    return day is None or 1 <= day <= calendar.monthrange(year, month)[1]


def _unit_id(spec: Spec, source: Source) -> str:
    if spec.segmentation == "none":
        return source.name.rsplit(".", 1)[0]
    return f"u{spec.sources.index(source)}"


def rule_breakers(spec: Spec) -> set[str]:
    """The files (listed or not) that must make load_corpus fail, one of them named in the error.

    Worked out from the files themselves, not from the fault that was injected.
    """
    bad = set(spec.unlisted)
    for s in spec.sources:
        if s.kind in ("nul", "utf16") or not any(_visible(line) for line in _lines(s)) or not _date_is_valid(spec.dates[s.name]):
            bad.add(s.name)
    if spec.segmentation == "none":
        by_id: dict[str, list[str]] = {}
        for s in spec.sources:
            by_id.setdefault(_unit_id(spec, s), []).append(s.name)
        bad |= {name for group in by_id.values() if len(group) > 1 for name in group}
    elif spec.segmentation == "drop_one":
        bad.add(spec.victim)
    elif spec.segmentation == "header_only":
        bad |= {s.name for s in spec.sources}
    return bad


def expected_units(spec: Spec) -> list[dict]:
    rows = []
    for s in sorted(spec.sources, key=lambda s: s.name):
        body = [(n, line.strip()) for n, line in enumerate(_lines(s), start=1) if _visible(line)]
        rows.append({
            "unit_id": _unit_id(spec, s), "source_file": s.name, "date": spec.dates[s.name],
            "title": spec.titles[s.name].strip(), "text": "\n\n".join(t for _, t in body),
            "body_lines": tuple(n for n, _ in body),
            **{c: spec.extra[c][s.name].strip() for c in spec.extra},
        })
    return rows


def _load(root: Path):
    try:
        return ct.load_corpus(root), None
    except ct.CorpusError as err:
        return None, str(err)


# --------------------------------------------------------------------------- properties


@SETTINGS
@given(corpora())
def test_every_listed_file_is_loaded_or_named(spec):
    bad = rule_breakers(spec)
    with tempfile.TemporaryDirectory() as tmp:
        units, error = _load(write(Path(tmp), spec))
    if error is not None:
        event(f"refused ({spec.fault})")
        assert bad, f"refused a corpus that breaks no rule: {error}"
        assert spec.fault is not None
        assert any(name in error or repr(name) in error for name in bad), error
        return
    event(f"loaded ({spec.fault})")
    assert not bad, f"loaded a corpus where these break a rule: {sorted(bad)}"
    assert spec.fault is None
    assert sorted(units["source_file"]) == sorted(s.name for s in spec.sources)
    assert units["unit_id"].is_unique
    assert not units["text"].str.contains("\x00|\ufeff").any()
    expected = expected_units(spec)
    assert units[list(expected[0])].to_dict("records") == expected
    assert units.columns.tolist() == UNIT_COLUMNS + UNIT_EXTRA_COLUMNS + list(spec.extra)


@SHUFFLE_SETTINGS
@given(corpora(), st.randoms(use_true_random=False))
def test_loading_is_deterministic_and_independent_of_row_order(spec, rnd):
    order = list(range(len(spec.sources)))
    rnd.shuffle(order)
    with tempfile.TemporaryDirectory() as tmp:
        first, first_error = _load(write(Path(tmp) / "a", spec))
        again, again_error = _load(Path(tmp) / "a")
        shuffled, shuffled_error = _load(write(Path(tmp) / "b", spec, order=order[::-1]))
    assert (first_error is None) == (again_error is None) == (shuffled_error is None)
    if first_error is None:
        assert first.equals(again)
        assert first.equals(shuffled)
