"""Cross-validate variants of the target sentiment model (feature options and fitting settings).

Usage: python benchmarks/target_model_cv.py PATH/TO/train.jsonl --out CSV [--only NAME ...]

Only the part of the file that is not kept aside is read (the training command's split);
``NB^p`` in a description is the log-count-ratio weighting to the power ``p``;
every variant is scored by 5-fold cross-validation grouped by sentence, the folds and the
vocabulary threshold as in ``corpus_tools.measure.train_target_model``. Each variant is a
named change to the earlier setting (``BASE``); rows are appended to the CSV (variant, description,
CV macro F1 mean and sd, CV accuracy, seconds), so the table documents every choice.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from corpus_tools.measure.target_evaluation import accuracy, macro_f1
from corpus_tools.measure.train_target_model import (
    Setting,
    featurize,
    fit,
    kept_aside,
    predict,
    read_items,
)

BASE = Setting("+sentence words", True, True, 8, 3, 2, 0.1, None)


def variants() -> dict[str, tuple[str, Setting]]:
    """Variant name -> (description, setting)."""
    out: dict[str, tuple[str, Setting]] = {"base": (
        "earlier shipped setting: +sentence words, stems, harm words out of the lexicon strengths, window 8, near 3, "
        "min_df 2, C 0.1", BASE)}
    for scale in (0.5, 2.0, 3.0):
        out[f"dense_x{scale:g}"] = (f"graded columns (lexicon, harm, role) scaled by {scale:g}", replace(BASE, dense_scale=scale))
    for scale in (0.5, 2.0):
        out[f"struct_x{scale:g}"] = (f"struct: columns scaled by {scale:g}", replace(BASE, struct_scale=scale))
    out["nb"] = ("NB log-count-ratio scaling of binary word features", replace(BASE, nb=True))
    for c in (0.03, 0.3, 1.0):
        out[f"nb_C{c:g}"] = (f"NB scaling, C={c:g}", replace(BASE, nb=True, C=c))
    out["no_sent_words"] = ("without sent:/sbi: (window words only)", replace(BASE, features="+window words"))
    out["min_df1"] = ("min_df 1", replace(BASE, min_df=1))
    out["C0.05"] = ("C=0.05", replace(BASE, C=0.05))
    out["C0.15"] = ("C=0.15", replace(BASE, C=0.15))
    nb = replace(BASE, nb=True)
    out["nb_C0.2"] = ("NB scaling, C=0.2", replace(nb, C=0.2))
    out["nb_owner"] = ("NB + own/other lexicon strengths", replace(nb, owner=True))
    out["owner"] = ("own/other lexicon strengths (no NB)", replace(BASE, owner=True))
    for scale in (0.5, 0.7):
        out[f"nb_sent_x{scale:g}"] = (f"NB, sent:/sbi: scaled by {scale:g}", replace(nb, sent_scale=scale))
    out["nb_balanced"] = ("NB, class_weight balanced", replace(nb, class_weight="balanced"))
    out["nb_dense_x2"] = ("NB, graded columns x2", replace(nb, dense_scale=2.0))
    out["nb_struct_x2"] = ("NB, struct columns x2", replace(nb, struct_scale=2.0))
    out["nb_quotes"] = ("NB + quoted/unquoted lexicon strengths", replace(nb, quotes=True))
    out["nb_clause_words"] = ("NB + clause: words", replace(nb, features="+clause words"))
    out["nb_owner_quotes"] = ("NB + own/other + quoted/unquoted", replace(nb, owner=True, quotes=True))
    for power in (0.5, 1.5):
        out[f"nb_power{power:g}"] = (f"NB ratio to the power {power:g}", replace(nb, nb_power=power))
    out["nb_struct"] = ("NB scaling of struct: cues too", replace(nb, nb_struct=True))
    for c in (0.07, 0.14):
        out[f"nb_C{c:g}"] = (f"NB scaling, C={c:g}", replace(nb, C=c))
    out["nb_min_df3"] = ("NB, min_df 3", replace(nb, min_df=3))
    out["nb_min_df1"] = ("NB, min_df 1", replace(nb, min_df=1))
    out["nb_news_words"] = ("NB, lexicons read as news (package news cues in, domain-neutral words out)",
                            replace(nb, news_words=True))
    nbp = replace(nb, nb_power=0.5)
    out["nbp_event_neutral"] = ("NB^0.5, event vocabulary carries no lexicon valence", replace(nbp, event_neutral=True))
    out["nbp_news_words"] = ("NB^0.5, lexicons read as news", replace(nbp, news_words=True))
    out["nbp_owner"] = ("NB^0.5 + own/other lexicon strengths", replace(nbp, owner=True))
    out["nbp_C0.14"] = ("NB^0.5, C=0.14", replace(nbp, C=0.14))
    out["nbp_C0.07"] = ("NB^0.5, C=0.07", replace(nbp, C=0.07))
    out["nbp_power0.3"] = ("NB^0.3", replace(nb, nb_power=0.3))
    out["nbp_power0.7"] = ("NB^0.7", replace(nb, nb_power=0.7))
    news = replace(nbp, news_words=True)
    out["news_event_neutral"] = ("NB^0.5, news lexicons, event vocabulary without valence", replace(news, event_neutral=True))
    out["news_bias"] = ("NB^0.5, news lexicons, intercepts shifted by inner CV", replace(news, tune_bias=True))
    out["news_C0.14"] = ("NB^0.5, news lexicons, C=0.14", replace(news, C=0.14))
    out["news_C0.07"] = ("NB^0.5, news lexicons, C=0.07", replace(news, C=0.07))
    out["news_min_df1"] = ("NB^0.5, news lexicons, min_df 1", replace(news, min_df=1))
    out["news_no_harm_neutral"] = ("NB^0.5, news lexicons, harm words keep their valence", replace(news, harm_neutral=False))
    out["news_owner_quotes"] = ("NB^0.5, news lexicons, own/other and quoted/unquoted strengths",
                                replace(news, owner=True, quotes=True))
    out["news_no_sent_words"] = ("NB^0.5, news lexicons, without sent:/sbi:", replace(news, features="+window words"))
    out["news_sent_unigrams"] = ("NB^0.5, news lexicons, sent: without sbi:", replace(news, features="+sentence unigrams"))
    out["news_sent_x0.7"] = ("NB^0.5, news lexicons, sent:/sbi: scaled by 0.7", replace(news, sent_scale=0.7))
    out["news_victim_condemnation"] = ("NB^0.5, news lexicons, condemnation words left out of a victim's lexicon strengths",
                                       replace(news, victim_condemnation=True))
    out["news_window12"] = ("NB^0.5, news lexicons, window 12, near 4", replace(news, window=12, near=4))
    chosen = out["news_victim_condemnation"][1]
    for c in (0.005, 0.015, 0.05):
        out[f"chosen_svm_C{c:g}"] = (f"chosen features, linear SVM (squared hinge, one against the rest), C={c:g}",
                                     replace(chosen, C=c))
    for kind in RULE_COLUMNS:
        out[f"chosen_rules_{kind}"] = (f"chosen + the rule scorer's output as features: {RULE_COLUMNS[kind]}", chosen)
    return out


RULE_COLUMNS = {"label": "its label", "label_score": "its label and score", "label_cues": "its label and the cues that fired"}


def rule_columns(items, kind: str) -> list[dict[str, float]]:
    """Features from ``corpus_tools.rule_sentiment`` on each item (``rule_<label>``, score parts, ``rcue:`` names)."""
    from corpus_tools.measure.sentiment_rules import rule_sentiment

    out = []
    for it in items:
        r = rule_sentiment(it.sentence, (it.start, it.end))
        row = {f"rule_{r.label}": 1.0}
        if kind == "label_score":
            row.update(rule_pos=max(r.score, 0.0), rule_neg=max(-r.score, 0.0))
        if kind == "label_cues":
            row.update({f"rcue:{cue.split('(')[0].split(':')[0]}": 1.0 for cue in r.cues})
        out.append(row)
    return out


def linear_svm(C: float, class_weight: str | None):
    """A linear SVM (squared hinge, one class against the rest) in place of the logistic regression."""
    from sklearn.svm import LinearSVC

    return LinearSVC(C=C, class_weight=class_weight, max_iter=20000, tol=1e-5)


def cv_score(items, setting: Setting, rows, splits, estimator=None) -> tuple[float, float, float]:
    """Mean and sd of macro F1 and mean accuracy over the folds."""
    labels = [it.label for it in items]
    f1s, accs = [], []
    for train, test in splits:
        model, vocab = fit([rows[i] for i in train], [labels[i] for i in train], setting, [items[i].sentence for i in train],
                           estimator=estimator)
        gold = [labels[i] for i in test]
        pred = predict(model, vocab, [rows[i] for i in test])
        f1s.append(macro_f1(gold, pred))
        accs.append(accuracy(gold, pred))
    return float(np.mean(f1s)), float(np.std(f1s)), float(np.mean(accs))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--only", nargs="*")
    args = parser.parse_args(argv)
    from sklearn.model_selection import GroupKFold

    threadpool_limits(1)
    items = [it for it in read_items(args.data) if not kept_aside(it.sentence)]
    splits = list(GroupKFold(n_splits=5).split(np.zeros(len(items)), groups=[it.sentence for it in items]))
    todo = {k: v for k, v in variants().items() if not args.only or k in args.only}
    new = not args.out.exists()
    cache = {}
    with args.out.open("a", newline="") as fh:
        writer = csv.writer(fh)
        if new:
            writer.writerow(["variant", "description", "cv_macro_f1", "cv_macro_f1_sd", "cv_accuracy", "seconds"])
        for name, (desc, setting) in todo.items():
            t0 = time.perf_counter()
            key = setting.options()
            if key not in cache:
                cache[key] = featurize(items, key)
            rows = cache[key]
            if name.startswith("chosen_rules_"):
                rows = [{**row, **extra} for row, extra in zip(rows, rule_columns(items, name.removeprefix("chosen_rules_")))]
            f1, sd, acc = cv_score(items, setting, rows, splits, linear_svm if name.startswith("chosen_svm_") else None)
            seconds = time.perf_counter() - t0
            writer.writerow([name, desc, f"{f1:.4f}", f"{sd:.4f}", f"{acc:.4f}", f"{seconds:.0f}"])
            fh.flush()
            print(f"{name:<24} F1m={f1:.4f}±{sd:.4f} acc={acc:.4f} ({seconds:.0f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
