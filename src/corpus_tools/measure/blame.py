"""Blame attribution: who is held responsible for a case's event, in what role, how
surely, and in whose voice.

A **claim** links an actor of the case's gazetteer (any group), or an unnamed culprit
(``lexicon/blame_unnamed.txt``: "saboteurs", "foreign parties"; actor and group
``unnamed``), to a responsibility word by one of the constructions in
``lexicon/blame_frames.txt`` ("X launched drones at the target", "the attack was carried
out by at least one cell of X", "Y blamed X for the attack", "X denied any involvement",
"X claimed responsibility", "fingers are pointing at X", "a false flag by X"). Each
claim gets:

* a **role**: perpetrator (carried it out), sponsor (ordered, approved, armed, directed,
  financed, knew) or enabler (made it possible by failing to act or prevent). Words
  that assign responsibility without a role ("responsible", "behind", "involved", an
  accusation or a denial) give the role from the actor (:func:`default_role`), or
  sponsor when a sponsor word follows ("accused X of ordering");
* a **certainty**, as its voice makes it: asserted (stated, or boosted: "not in doubt",
  "inconceivable ... without"), hedged (likely, suggests, appears, suspected, pointing,
  "whether ... or"), attributed (from a vague source: "reports", "officials",
  "allegedly", a claim inside "the allegation that ..."; and a party's own claim of
  responsibility) or denied (negated, "no evidence that", or rejected by a party:
  "X denied any involvement", "Y rejected claims that X ...");
* a **voice**: ``"author"``, the speaker of a quotation or reported clause
  (:mod:`corpus_tools.extract.speech`), the accuser named in an accusation, the denier of
  a denial, the claimant of a claim of responsibility, or ``"reports"`` for a vague
  source;
* a **cue**: the words that decided role and certainty, so every row can be audited.

A question or hypothetical ("Did X order it?", "If X was behind it, ...") commits no one:
it gives no claim in the author's voice. "No group has claimed responsibility" names no
one and gives none.

**Scope.** Only the case's event counts. A claim needs an event anchor
(``blame_events.txt``, filled with the case's event phrases, harm words and target:
"the attack", "the blasts", "the assassination attempt", "to bomb <target>",
"<target> was shot") in its own construction or somewhere in its unit. A clause with an
other-violence marker (``blame_other_violence.txt`` and the case's own list: earlier
years, "in recent months", "similar attacks", protests, kidnapping, an indefinite plural
"attacks") yields no claim and lends no anchor. Staging claims without an agent ("the
attack was staged") fall on the target's own side (its gazetteer group).

**Clauses.** Sentences are cut by the shared splitter (:mod:`corpus_tools.text.clauses`)
at its strong breaks: ``; :`` and dashes, before "but", "even though", "although",
"though", "while", "whereas", "because" (after a comma or before a subject), and after a
fronted subordinate clause ("If X was responsible, it ..."). A construction never crosses a cut; a hedge
counts from the start of the sentence (of the speech, for a speaker's claim) to the end
of the claim's clause.

**History.** The rules were first written from the constructions the project's issue
lists, the texts and the project's own test sentences, and frozen before they were
compared with the hand coding in ``tests/data/blame_gold.csv``; four constructions of
implicit blame were added after that comparison. The comparison of the two rule sets is
kept as data (``tests/data/blame_frozen_comparison.csv`` and its README); the frozen
rule set itself is no longer an option.
"""

from __future__ import annotations

import pandas as pd

from corpus_tools.extract.mentions import find_mentions, find_mentions_in_text
from corpus_tools.extract.speech import find_quotes, quotes
from corpus_tools.io.case import Case, resolve_case
from corpus_tools.io.rows import rows_by_unit
from corpus_tools.io.validate import check_units
from corpus_tools.measure.blame_clauses import prepare, subject_voice
from corpus_tools.measure.blame_match import Raw, carried_cue, certainty_of, default_role, postposed_speaker, sentence_matches
from corpus_tools.measure.blame_rules import blamable_mentions, case_lexicon
from corpus_tools.text.normalize import normalize_text
from corpus_tools.text.tokenizing import sentences, span_sentences

__all__ = [
    "CERTAINTIES",
    "CLAIM_COLUMNS",
    "ROLES",
    "blame_claims",
    "blame_claims_in_text",
    "default_role",
]

CLAIM_COLUMNS = ["unit_id", "sent_id", "start", "end", "actor", "group", "role", "certainty", "voice", "cue", "text"]
ROLES = ("perpetrator", "sponsor", "enabler")
CERTAINTIES = ("asserted", "hedged", "attributed", "denied")


Speech = tuple[int, int, object, object, object]  # a quote row: start, end, speaker, kind, verb
QUOTE_FIELDS = ["start", "end", "speaker", "kind", "verb"]


def _speech_rows(quote_rows: pd.DataFrame) -> list[Speech]:
    """The quote rows of one text as (start, end, speaker, kind, verb) tuples, in order."""
    if not len(quote_rows):
        return []
    return list(zip(*(quote_rows[c].tolist() for c in QUOTE_FIELDS)))


def _claims_of_text(
    text: str,
    spans: list[tuple[int, int, int]],
    mentions: list[tuple[int, int, str, str, str]],
    quote_rows: list[Speech],
    case: Case,
) -> list[dict]:
    """Claims of one text as row dicts (without unit_id)."""
    mentions = blamable_mentions(normalize_text(text), mentions, case)
    lex = case_lexicon(case)
    direct = [(q[0], q[1]) for q in quote_rows if q[3] == "direct"]
    sents = prepare(text, spans, mentions, lex, direct)
    unit_in_scope = any(s.anchors for s in sents)
    rows: list[dict] = []
    prev_count = 0
    for k, sent in enumerate(sents):
        carried = carried_cue(sents[k - 1] if k else None, sent, prev_count)
        raws = sentence_matches(sent, unit_in_scope)
        new = [_row(raw, carried, quote_rows) for raw in _resolve_agents(raws)]
        new = [r for r in new if r is not None]
        rows += new
        prev_count = len(new)
    return _dedupe(rows)


def _resolve_agents(raws: list[Raw]) -> list[Raw]:
    """A bare "by"-agent is a perpetrator unless another frame gave the same actor a role
    in the same sentence ("was orchestrated by Iran" is sponsorship); an accusation or
    denial matched with its speaker replaces the same one matched without."""
    named = {(r.slot.start, r.slot.end) for r in raws if r.role != "agent"}
    voiced = {(r.slot.start, r.slot.end, r.frame.role) for r in raws if r.speaker is not None}
    out = []
    for raw in raws:
        if raw.speaker is None and (raw.slot.start, raw.slot.end, raw.frame.role) in voiced:
            continue  # the same accusation or denial, matched with its speaker
        if raw.role == "agent":
            if (raw.slot.start, raw.slot.end) in named:
                continue
            raw = Raw(**{**raw.__dict__, "role": "perpetrator"})
        out.append(raw)
    return out


def _speech_at(quote_rows: list[Speech], start: int, end: int) -> tuple[str, str, int, str] | None:
    """(speaker, kind, start of the speech, reporting verb) of the innermost quote or
    reported clause around ``[start, end)`` (the narrowest, then "direct" before
    "reported", then the first); None in the author's own voice."""
    inside = [q for q in quote_rows if q[0] <= start and q[1] >= end]
    if not inside:
        return None
    best = min(inside, key=lambda q: (q[1] - q[0], q[3]))
    q_start, _, speaker, kind, verb = best
    return speaker if isinstance(speaker, str) else "unattributed", str(kind), int(q_start), verb if isinstance(verb, str) else ""


def _decide(raw: Raw, carried: str, quote_rows: list[Speech]) -> tuple[str, str, str] | None:
    """(certainty, voice, cue) of one claim, or None when it commits no one.

    * A party's own claim of responsibility: attributed, in its voice (negated: none).
    * A denial: denied, in the denier's voice (the frame's speaker, else the accused).
    * An accusation with its accuser named in the frame: in the accuser's voice,
      asserted (hedged by a hedging frame or word, denied when negated).
    * Inside someone's speech: in the speaker's voice, with the speaker's own certainty
      (hedges after the speech starts); attributed when the speaker is vague.
    * Otherwise the author's: a question or hypothetical commits no one (none); a claim
      inside a reported claim ("the allegation that X did it") or marked "allegedly"
      is attributed to "reports"; else the certainty of :func:`certainty_of`.
    """
    sent, slot, kind = raw.sent, raw.slot, raw.frame.role
    lex = sent.lex
    if kind == "deflect":
        return ("denied", slot.actor, raw.cue) if slot.group in lex.suspects else None
    if kind == "claim":
        return None if raw.negative else ("attributed", slot.actor, raw.cue)
    if kind == "deny":
        return "denied", subject_voice(sent, raw.match_start, frame_speaker=raw.speaker) or slot.actor, raw.cue
    start, end = sent.start + slot.start, sent.start + slot.end
    accuser = subject_voice(sent, raw.match_start, frame_speaker=raw.speaker) if kind == "accuse" else None
    if accuser:
        decided = certainty_of(raw, carried, spoken_from=raw.match_start)
        certainty = "denied" if decided.negative else ("hedged" if decided.certainty == "hedged" else "asserted")
        return certainty, accuser, f"{raw.cue} | {accuser}'s accusation"
    spoken = _speech_at(quote_rows, start, end)
    closing = postposed_speaker(sent) if spoken is None else None
    if closing is not None and closing.start > slot.end:
        spoken = (closing.actor, "reported", sent.start, "")
    if spoken is not None:
        speaker, speech_kind, speech_start, verb = spoken
        decided = certainty_of(raw, carried, spoken_from=speech_start - sent.start)
        certainty = decided.certainty
        if lex.hedge.fullmatch(verb.lower()) and certainty == "asserted":
            certainty = "hedged"
        if certainty != "denied" and (speaker.lower() in lex.vague_speakers or speaker == "unattributed"):
            certainty = "attributed"
        return certainty, speaker, f"{raw.cue} | {speech_kind} speech" + (f", {decided.cue}" if decided.cue else "")
    decided = certainty_of(raw, carried)
    if decided.hypothetical:
        return None
    if decided.certainty != "denied" and lex.report_nouns.search(sent.norm[: raw.match_start + (slot.start - raw.match_start)]):
        return "attributed", "reports", f"{raw.cue} | reported claim"
    if decided.certainty == "attributed":
        return "attributed", "reports", raw.cue + (f" | {decided.cue}" if decided.cue else "")
    return decided.certainty, "author", raw.cue + (f" | {decided.cue}" if decided.cue else "")


def _row(raw: Raw, carried: str, quote_rows: list[Speech]) -> dict | None:
    """One output row for a raw claim: certainty, voice and cue decided."""
    decided = _decide(raw, carried, quote_rows)
    if decided is None:
        return None
    certainty, voice, cue = decided
    sent, slot = raw.sent, raw.slot
    return {
        "sent_id": sent.sent_id,
        "start": sent.start + slot.start,
        "end": sent.start + slot.end,
        "actor": slot.actor,
        "group": slot.group,
        "role": raw.role,
        "certainty": certainty,
        "voice": voice,
        "cue": cue,
        "_order": (sent.start + raw.match_start, raw.frame.template),
    }


def _dedupe(rows: list[dict]) -> list[dict]:
    """One row per (sentence, group, role, certainty, voice); cues of duplicates joined."""
    kept: dict[tuple, dict] = {}
    for row in sorted(rows, key=lambda r: r["_order"]):
        key = (row["sent_id"], row["group"], row["role"], row["certainty"], row["voice"])
        if key in kept:
            if row["cue"] not in kept[key]["cue"]:
                kept[key]["cue"] += " ; " + row["cue"]
        else:
            kept[key] = dict(row)
    return [{k: v for k, v in r.items() if k != "_order"} for r in kept.values()]


MENTION_FIELDS = ["start", "end", "actor", "group", "how"]


def _mention_tuples(mentions: pd.DataFrame | list[tuple], case: Case) -> list[tuple[int, int, str, str, str]]:
    """(start, end, actor, group, type) of the mentions that can be blamed or are the victim.

    Args:
        mentions: A mentions table, or its rows as (start, end, actor, group, how) tuples.
        case: The case (its target and actor types).
    """
    if isinstance(mentions, pd.DataFrame):
        mentions = list(zip(*(mentions[c].tolist() for c in MENTION_FIELDS))) if len(mentions) else []
    types = case.actor_types
    return sorted(
        (int(start), int(end), str(actor), str(group), types.get(str(actor), ""))
        for start, end, actor, group, how in mentions
        if how != "pronoun" or actor == case.target
    )


def _empty_claims() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("sent_id", "start", "end") else "object") for c in CLAIM_COLUMNS})


def blame_claims_in_text(
    text: str,
    *,
    sentence_spans: list[tuple[int, int]] | None = None,
    mentions: pd.DataFrame | None = None,
    quote_rows: pd.DataFrame | None = None,
    case: Case | str | None = None,
) -> pd.DataFrame:
    """Find the responsibility claims in one text.

    Args:
        text: Raw text (curly or straight quotes).
        case: The case: target, suspects, sponsors, event phrases (None: the bundled corpus's).
        sentence_spans: Sentence (start, end) offsets; split afresh when None.
        mentions: :func:`corpus_tools.find_mentions_in_text` of ``text``; found when None.
        quote_rows: :func:`corpus_tools.extract.speech.find_quotes` of ``text``; found when None.

    Returns:
        The columns of :func:`blame_claims` except unit_id, one row per claim.

    """
    case = resolve_case(case)
    spans = sorted(sentence_spans) if sentence_spans is not None else list(span_sentences(text))
    if mentions is None:
        mentions = find_mentions_in_text(text, case=case, sentence_spans=spans)
    if quote_rows is None:
        quote_rows = find_quotes(text, case=case, mentions=mentions, sentence_spans=spans)
    rows = _claims_of_text(
        text, [(k, a, b) for k, (a, b) in enumerate(spans)], _mention_tuples(mentions, case), _speech_rows(quote_rows), case
    )
    frame = pd.DataFrame(rows, columns=CLAIM_COLUMNS[1:-1]) if rows else _empty_claims()[CLAIM_COLUMNS[1:-1]]
    norm_spans = dict(enumerate(spans))
    frame["text"] = [text[norm_spans[s][0] : norm_spans[s][1]] for s in frame["sent_id"]]
    return frame.astype({"sent_id": "int64", "start": "int64", "end": "int64"}).sort_values(["sent_id", "start"]).reset_index(drop=True)


def blame_claims(
    units: pd.DataFrame,
    *,
    sentence_table: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    quote_table: pd.DataFrame | None = None,
    case: Case | str | None = None,
) -> pd.DataFrame:
    """Find every claim that assigns responsibility for the case's event to an actor.

    Args:
        units: The table from :func:`corpus_tools.load_corpus` (needs unit_id, text).
        case: As for :func:`blame_claims_in_text`.
        sentence_table: :func:`corpus_tools.sentences` of the same units, if at hand.
        mentions: :func:`corpus_tools.find_mentions` of the same units, if at hand.
        quote_table: :func:`corpus_tools.extract.speech.quotes` of the same units, if at hand.

    Returns:
        One row per claim: unit_id, sent_id, start, end (the blamed actor's mention),
        actor, group, role (perpetrator, sponsor, enabler), certainty (asserted, hedged,
        attributed, denied), voice ("author" or the speaker), cue (the words that decided
        role and certainty) and text (the sentence).

    """
    check_units(units, function="blame_claims")
    case = resolve_case(case)
    sents = sentence_table if sentence_table is not None else sentences(units)
    found = mentions if mentions is not None else find_mentions(units, case=case, sentence_table=sents)
    quoted = quote_table if quote_table is not None else quotes(units, case=case, sentence_table=sents, mentions=found)
    sent_rows = rows_by_unit(sents, ["sent_id", "start", "end"])
    mention_rows = rows_by_unit(found, MENTION_FIELDS)
    quote_rows = rows_by_unit(quoted, QUOTE_FIELDS)
    frames = []
    for unit_id, text in zip(units["unit_id"], units["text"]):
        spans = [(int(i), int(a), int(b)) for i, a, b in sent_rows.get(unit_id, [])]
        rows = _claims_of_text(
            text, spans, _mention_tuples(mention_rows.get(unit_id, []), case), quote_rows.get(unit_id, []), case
        )
        by_id = {i: (a, b) for i, a, b in spans}
        for row in rows:
            a, b = by_id[row["sent_id"]]
            row.update(unit_id=unit_id, text=text[a:b])
        frames += rows
    if not frames:
        return _empty_claims()
    table = pd.DataFrame(frames, columns=CLAIM_COLUMNS)
    order = {u: k for k, u in enumerate(units["unit_id"])}
    table = table.sort_values(["unit_id", "sent_id", "start"], key=lambda s: s.map(order) if s.name == "unit_id" else s)
    return table.astype({"sent_id": "int64", "start": "int64", "end": "int64"}).reset_index(drop=True)
