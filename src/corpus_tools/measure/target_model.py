"""Learned target sentiment: the sentiment a sentence's author expresses toward one person.

The model is a multinomial logistic regression over the readable features of
:mod:`corpus_tools.measure.target_features`, trained on the NewsMTSC training split by
:mod:`corpus_tools.measure.train_target_model` (see ``lexicon/models/MODEL_CARD.md``).
Its weights ship with the package; inference is pure Python, offline.

    >>> p = predict_target("Critics accused Smith of corruption.", (16, 21))
    >>> p.label, p.cues[0]  # doctest: +SKIP
    ('negative', 'struct:governed_neg(+0.31 neg)')
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass, field, fields
from functools import lru_cache
from importlib import resources
from pathlib import Path

from corpus_tools.io.validate import check_text_span
from corpus_tools.measure.target_features import FeatureOptions, target_features

__all__ = ["DEFAULT_MODEL", "Prediction", "TargetModel", "load_model", "predict_target", "read_model"]

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
    """Loaded weights: feature name -> per-class weights, intercepts, feature options.

    Three classes, in ``classes`` order; plain floats, because a sentence has only
    about a hundred active features and pure Python is faster than numpy at that size.
    """

    classes: tuple[str, str, str]
    options: FeatureOptions
    weights: dict[str, tuple[float, float, float]]
    intercept: tuple[float, float, float]
    source: str
    lifted: dict[str, tuple[float, float, float, float, float, float]] = field(default_factory=dict, repr=False,
                                                                               compare=False)

    def __post_init__(self) -> None:
        """Precompute, per feature, its weights and its weights minus their mean (for the cues)."""
        if not self.lifted:
            for name, (a, b, c) in self.weights.items():
                mean = (a + b + c) / 3
                self.lifted[name] = (a, b, c, a - mean, b - mean, c - mean)


def _read_document(path: str | None) -> dict:
    """The weights JSON from ``path`` (``.json`` or ``.json.gz``), or the packaged default."""
    if path is None:
        raw = resources.files("corpus_tools.lexicon").joinpath(DEFAULT_MODEL).read_bytes()
    else:
        raw = Path(path).read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return json.loads(raw.decode("utf-8"))


def read_model(path: str | None = None) -> TargetModel:
    """Read model weights from a file (uncached; see :func:`load_model`).

    Args:
        path: a weights file written by ``train_target_model``; default: the one
            shipped in ``corpus_tools/lexicon/models``.

    Returns:
        The model, ready for :func:`predict_target`.

    Raises:
        FileNotFoundError: if the file does not exist.
        ValueError: if the file is not a three-class weights document of this format.
    """
    doc = _read_document(path)
    if doc.get("format") != 1 or not isinstance(doc.get("weights"), dict) or len(doc.get("classes", ())) != 3:
        raise ValueError(f"{path or DEFAULT_MODEL}: not a three-class target sentiment weights file (format 1)")
    opts = doc["options"]
    known = {f.name for f in fields(FeatureOptions)}
    unknown = sorted(set(opts) - known)
    if unknown:
        raise ValueError(f"{path or DEFAULT_MODEL}: unknown feature options {unknown}; a newer package wrote it")
    options = FeatureOptions(**{**opts, "groups": tuple(opts["groups"])})
    weights = {name: (float(w[0]), float(w[1]), float(w[2])) for name, w in doc["weights"].items()}
    b0, b1, b2 = (float(b) for b in doc["intercept"])
    return TargetModel(classes=tuple(doc["classes"]), options=options, weights=weights, intercept=(b0, b1, b2),
                       source=str(path or DEFAULT_MODEL))


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> TargetModel:
    """Load the model weights once per path, then serve them from a cache.

    Args:
        path: as for :func:`read_model` (default: the shipped weights).

    Returns:
        The model.
    """
    return read_model(path)


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
    _, start, end = check_text_span(text, span, function="predict_target")
    model = model or load_model()
    feats = target_features(text, start, end, options=model.options)
    z0, z1, z2 = model.intercept
    used = []
    weight_of = model.lifted.get
    for name, value in feats.items():
        w = weight_of(name)
        if w is not None:
            z0 += value * w[0]
            z1 += value * w[1]
            z2 += value * w[2]
            used.append((value, name, w))
    top = max(z0, z1, z2)
    exp = (math.exp(z0 - top), math.exp(z1 - top), math.exp(z2 - top))
    total = sum(exp)
    probs = {c: round(e / total, 4) for c, e in zip(model.classes, exp)}
    best = (z0, z1, z2).index(top)
    label = model.classes[best]
    short = _SHORT.get(label, label)
    k = 3 + best
    lifted = sorted([(-c, name) for c, name in ((value * w[k], name) for value, name, w in used) if c > 0])[:n_cues]
    cues = tuple(f"{name}({-c:+.2f} {short})" for c, name in lifted)
    if not cues:
        b = model.intercept
        cues = (f"(intercept)({b[best] - sum(b) / 3:+.2f} {short})",)
    score = probs.get("positive", 0.0) - probs.get("negative", 0.0)
    return Prediction(label=label, score=round(max(-1.0, min(1.0, score)), 4), probabilities=probs, cues=cues,
                      target=text[start:end])

