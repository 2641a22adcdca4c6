"""Sentences for notebook prose, computed from the corpus and its case rather than typed."""

from __future__ import annotations

import pandas as pd

from corpus_tools.io.case import Case


def actor_name(case: Case, actor: str | None = None) -> str:
    """The gazetteer ``name`` of ``actor`` (default: the case's target).

    Args:
        case: The case.
        actor: A gazetteer actor id, or None for the target.

    Returns:
        The name, e.g. "Lena Okafor".
    """
    actor = case.check_actor(actor if actor is not None else case.target)
    return str(case.gazetteer.loc[case.gazetteer["id"] == actor, "name"].iloc[0])


def short_name(case: Case, actor: str | None = None) -> str:
    """The shortest name form the gazetteer lists for ``actor`` (default: the target): the surname, usually.

    Args:
        case: The case.
        actor: A gazetteer actor id, or None for the target.

    Returns:
        The name form with the fewest words (then characters), without the gazetteer's
        ``=`` marker; the full name when no form is listed.
    """
    actor = case.check_actor(actor if actor is not None else case.target)
    cell = case.gazetteer.loc[case.gazetteer["id"] == actor, "names"].iloc[0]
    forms = [f.strip().lstrip("=").strip() for f in str(cell if isinstance(cell, str) else "").split(";")]
    forms = [f for f in forms if f]
    if not forms:
        return actor_name(case, actor)
    return min(forms, key=lambda f: (len(f.split()), len(f)))


def case_summary(case: Case, units: pd.DataFrame, corpus: object) -> str:
    """One Markdown paragraph naming the corpus, its size, the case and its target.

    Args:
        case: The case the notebook measures with.
        units: The units table of the corpus.
        corpus: The corpus folder as the notebook was given it.

    Returns:
        Markdown, e.g. "**Corpus** `corpus`: 14 units from 5 files, 5 outlets, 7,851 words. ..."
    """
    event = f" ({case.description})" if case.description else ""
    return (
        f"**Corpus** `{corpus}`: {len(units)} units from {units['source_file'].nunique()} files, "
        f"{units['outlet'].nunique()} outlets, {int(units['n_words'].sum()):,} words. "
        f"**Case** `{case.path.name}`{event}; **target**: {actor_name(case)} (`{case.target}`); "
        f"suspects: {', '.join(f'`{s}`' for s in case.suspects)}."
    )
