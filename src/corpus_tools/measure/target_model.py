"""Learned target sentiment: the sentiment a sentence's author expresses toward one person.

The model is a multinomial logistic regression over the readable features of
:mod:`corpus_tools.measure.target_features`, trained on the NewsMTSC training split by
:mod:`corpus_tools.measure.train_target_model` (see ``resources/models/MODEL_CARD.md``).
Its weights ship with the package; inference is numpy only, offline.

    >>> p = predict_target("Critics accused Smith of corruption.", (16, 21))
    >>> p.label, p.cues[0]  # doctest: +SKIP
    ('negative', 'near:accus(+0.41 neg)')
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from numbers import Integral
from pathlib import Path

import numpy as np

from corpus_tools.measure.target_features import FeatureOptions, target_features

__all__ = ["DEFAULT_MODEL", "Prediction", "TargetModel", "load_model", "predict_target"]

DEFAULT_MODEL = "models/target_sentiment.json.gz"
_SHORT = {"negative": "neg", "neutral": "neu", "positive": "pos"}


@dataclass(frozen=True)
class Prediction:
    """The model's judgement of one mention.

    Attributes:
        label: "negative", "neutral" or "positive" (the most probable class).
        score: P(positive) - P(negative), in [-1, 1].
        probabilities: class -> probability (they sum to 1).
        cues: the features that pushed most toward ``label``, strongest first, as
            ``"name(+contribution cls)"``; a contribution is the feature's value times
            its weight for the class minus its mean weight over the classes.
        target: the mention, ``text[start:end]``.
    """

    label: str
    score: float
    probabilities: dict[str, float]
    cues: tuple[str, ...]
    target: str


@dataclass(frozen=True)
class TargetModel:
    """Loaded weights: feature index, weight matrix (features x classes), intercepts."""

    classes: tuple[str, ...]
    options: FeatureOptions
    index: dict[str, int]
    names: tuple[str, ...]
    weights: np.ndarray
    centered: np.ndarray
    intercept: np.ndarray
    source: str


def _read_document(path: str | None) -> dict:
    """The weights JSON from ``path`` (``.json`` or ``.json.gz``), or the packaged default."""
    if path is None:
        raw = resources.files("corpus_tools.resources").joinpath(DEFAULT_MODEL).read_bytes()
    else:
        raw = Path(path).read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return json.loads(raw.decode("utf-8"))


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> TargetModel:
    """Load (once, then cached) the model weights.

    Args:
        path: a weights file written by ``train_target_model``; default: the one
            shipped in ``corpus_tools/resources/models``.

    Returns:
        The model, ready for :func:`predict_target`.

    Raises:
        FileNotFoundError: if the file does not exist.
        ValueError: if the file is not a weights document of this format.
    """
    doc = _read_document(path)
    if doc.get("format") != 1 or not isinstance(doc.get("weights"), dict):
        raise ValueError(f"{path or DEFAULT_MODEL}: not a target sentiment weights file (format 1)")
    names = tuple(doc["weights"])
    weights = np.array([doc["weights"][n] for n in names], dtype=float).reshape(len(names), len(doc["classes"]))
    opts = doc["options"]
    options = FeatureOptions(near=opts["near"], window=opts["window"], groups=tuple(opts["groups"]), stem=opts["stem"],
                             harm_neutral=opts["harm_neutral"])
    return TargetModel(classes=tuple(doc["classes"]), options=options, index={n: k for k, n in enumerate(names)},
                       names=names, weights=weights, centered=weights - weights.mean(axis=1, keepdims=True),
                       intercept=np.array(doc["intercept"], dtype=float), source=str(path or DEFAULT_MODEL))


def _check_inputs(text: object, span: object) -> tuple[int, int]:
    """Validate ``text`` and ``span``; return (start, end).

    Raises:
        TypeError: text not a str, or span not a tuple of two ints.
        ValueError: span empty, reversed, outside the text, or only whitespace.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    if not (isinstance(span, tuple) and len(span) == 2
            and all(isinstance(x, Integral) and not isinstance(x, bool) for x in span)):
        raise TypeError(f"span must be a (start, end) tuple of two ints, got {span!r}")
    start, end = int(span[0]), int(span[1])
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {span!r} must satisfy 0 <= start < end <= len(text) = {len(text)}")
    if not text[start:end].strip():
        raise ValueError(f"span {span!r} covers only whitespace")
    return start, end


def predict_target(text: str, span: tuple[int, int], *, model: TargetModel | None = None,
                   n_cues: int = 5) -> Prediction:
    """Sentiment the author of ``text`` expresses toward the mention ``text[start:end]``.

    Args:
        text: the sentence holding the mention.
        span: (start, end) character offsets of the mention, end exclusive.
        model: weights from :func:`load_model` (default: the shipped model).
        n_cues: how many cues to report.

    Returns:
        A :class:`Prediction`: label, score, probabilities and cues.

    Raises:
        TypeError: if ``text`` is not a str or ``span`` not a tuple of two ints.
        ValueError: if ``span`` is empty, reversed, outside ``text`` or only whitespace.
    """
    start, end = _check_inputs(text, span)
    model = model or load_model()
    feats = target_features(text, start, end, options=model.options)
    known = [(model.index[name], value) for name, value in feats.items() if name in model.index]
    rows = np.fromiter((k for k, _ in known), dtype=np.intp, count=len(known))
    values = np.fromiter((v for _, v in known), dtype=float, count=len(known))
    logits = model.intercept + values @ model.weights[rows]
    probs = np.exp(logits - logits.max())
    probs /= probs.sum()
    best = int(np.argmax(probs))
    label = model.classes[best]
    contributions = values * model.centered[rows, best]
    order = np.argsort(-contributions, kind="stable")[:n_cues]
    cues = tuple(f"{model.names[rows[k]]}({contributions[k]:+.2f} {_SHORT.get(label, label)})"
                 for k in order if contributions[k] > 0)
    if not cues:
        lift = model.intercept[best] - model.intercept.mean()
        cues = (f"(intercept)({lift:+.2f} {_SHORT.get(label, label)})",)
    p = {c: round(float(x), 4) for c, x in zip(model.classes, probs)}
    score = p.get("positive", 0.0) - p.get("negative", 0.0)
    return Prediction(label=label, score=round(max(-1.0, min(1.0, score)), 4), probabilities=p, cues=cues,
                      target=text[start:end])

