"""Behaviour of the learned target sentiment model, on invented sentences only.

Every sentence here is written for these tests (names x templates); none comes from
any dataset.
"""

from __future__ import annotations

import json
import re

import pytest

from corpus_tools.measure.target_model import Prediction, TargetModel, load_model, predict_target

NAMES = ("Maria Lopez", "John Carter", "Amina Yusuf", "Petra Novak")
OTHER = "Tom Becker"


def predict(template: str, name: str, **names: str) -> Prediction:
    """Predict for ``name`` filled into ``{name}`` of the template (other slots from ``names``)."""
    text = template.format(name=name, **names)
    start = text.index(name)
    return predict_target(text, (start, start + len(name)))


CRITICISM = (
    "Critics accused {name} of corruption and incompetence.",
    "Opponents slammed {name} for a reckless and disastrous decision.",
    "{name} lied to investigators and was widely condemned for the cover-up.",
)
PRAISE = (
    "{name} is a brave and admired leader.",
    "Supporters praised {name} for a brilliant and generous plan.",
    "{name} won wide acclaim for a successful reform that helped millions.",
)
VICTIM = (
    "Gunmen attacked {name}'s home overnight.",
    "{name} was threatened by the group.",
    "{name} survived an assassination attempt on Sunday.",
)
CONDEMNED_ATTACK = (
    "Leaders across the region condemned the attack on {name}.",
    "The government denounced the threats against {name} as cowardly.",
)
OTHER_CRITICISED = (
    "{name} spoke to reporters on Monday, while critics accused {other} of corruption and lies.",
    "{name} met the workers, but {other} was condemned for his disgraceful and incompetent response.",
)


@pytest.mark.parametrize("template", CRITICISM)
@pytest.mark.parametrize("name", NAMES)
def test_criticism_and_accusation_are_negative(template, name):
    assert predict(template, name).label == "negative"


@pytest.mark.parametrize("template", PRAISE)
@pytest.mark.parametrize("name", NAMES)
def test_praise_is_positive(template, name):
    assert predict(template, name).label == "positive"


@pytest.mark.parametrize("template", VICTIM)
@pytest.mark.parametrize("name", NAMES)
def test_victims_of_violence_and_threats_are_not_negative(template, name):
    assert predict(template, name).label != "negative"


@pytest.mark.parametrize("template", CONDEMNED_ATTACK)
@pytest.mark.parametrize("name", NAMES)
def test_condemning_an_attack_on_the_target_is_not_negative_toward_it(template, name):
    assert predict(template, name).label != "negative"


@pytest.mark.parametrize("template", OTHER_CRITICISED)
@pytest.mark.parametrize("name", NAMES)
def test_criticism_of_a_second_person_does_not_make_the_target_negative(template, name):
    assert predict(template, name, other=OTHER).label != "negative"
    # ... while the same sentence is negative toward the person criticised.
    text = template.format(name=name, other=OTHER)
    start = text.index(OTHER)
    assert predict_target(text, (start, start + len(OTHER))).label == "negative"


def test_score_and_probabilities_are_consistent():
    p = predict(PRAISE[0], NAMES[0])
    assert set(p.probabilities) == {"negative", "neutral", "positive"}
    assert sum(p.probabilities.values()) == pytest.approx(1.0, abs=1e-3)
    assert p.label == max(p.probabilities, key=p.probabilities.get)
    assert p.score == pytest.approx(p.probabilities["positive"] - p.probabilities["negative"], abs=1e-3)
    assert -1.0 <= p.score <= 1.0
    assert p.target == NAMES[0]


def test_cues_name_model_features_with_contributions_toward_the_label():
    model = load_model()
    p = predict(CRITICISM[0], NAMES[1])
    assert p.cues
    short = {"negative": "neg", "neutral": "neu", "positive": "pos"}[p.label]
    for cue in p.cues:
        match = re.fullmatch(r"(.+)\(([+-]\d+\.\d\d) (neg|neu|pos)\)", cue)
        assert match, cue
        assert match.group(1) in model.weights
        assert match.group(3) == short
        assert float(match.group(2)) > 0
    contributions = [float(re.search(r"\(([+-]\d+\.\d\d)", c).group(1)) for c in p.cues]
    assert contributions == sorted(contributions, reverse=True)


def test_prediction_is_deterministic_and_does_not_depend_on_who_the_target_is():
    first = predict(CRITICISM[1], NAMES[2])
    assert predict(CRITICISM[1], NAMES[2]) == first
    # The mention is masked: another name of the same shape gets the same prediction.
    assert predict(CRITICISM[1], "Ahmed Salih").probabilities == first.probabilities


@pytest.mark.parametrize(("text", "span", "error", "word"), [
    (None, (0, 1), TypeError, "text"),
    (b"Maria spoke.", (0, 5), TypeError, "text"),
    ("Maria spoke.", [0, 5], TypeError, "span"),
    ("Maria spoke.", (0,), TypeError, "span"),
    ("Maria spoke.", (0, 5.0), TypeError, "span"),
    ("Maria spoke.", (True, 5), TypeError, "span"),
    ("Maria spoke.", (3, 3), ValueError, "span"),
    ("Maria spoke.", (5, 2), ValueError, "span"),
    ("Maria spoke.", (-1, 5), ValueError, "span"),
    ("Maria spoke.", (0, 50), ValueError, "span"),
    ("Maria spoke.", (5, 6), ValueError, "span"),
])
def test_invalid_inputs_raise_errors_naming_the_argument(text, span, error, word):
    with pytest.raises(error, match=word):
        predict_target(text, span)


def _synthetic_rows() -> list[dict]:
    """A small invented training file: three label-bearing template families."""
    names = ["Ana Ruiz", "Ben Okafor", "Chen Wei", "Dara Singh", "Eli Brandt", "Femi Ade", "Gus Lind", "Hana Mori",
             "Ivo Petrov", "Jana Kral", "Kofi Mensah", "Lena Berg"]
    families = {
        2.0: ["Critics accused {n} of fraud.", "{n} was blamed for the scandal.", "Voters condemned {n} for lying."],
        4.0: ["{n} arrived in the capital on {d}.", "{n} spoke at a meeting on {d}.", "{n} visited the port on {d}."],
        6.0: ["Supporters praised {n} for great work.", "{n} won an award for excellent service.",
              "Colleagues admired {n} for a brilliant plan."],
    }
    rows = []
    for polarity, templates in families.items():
        for t, template in enumerate(templates):
            for k, name in enumerate(names):
                text = template.format(n=name, d=("Monday", "Friday", "Sunday")[(k + t) % 3])
                start = text.index(name)
                rows.append({"sentence_normalized": text,
                             "targets": [{"from": start, "to": start + len(name), "mention": name, "polarity": polarity}]})
    return rows


def test_training_command_runs_end_to_end_and_is_deterministic(tmp_path):
    pytest.importorskip("sklearn")
    from corpus_tools.measure.train_target_model import main

    data = tmp_path / "tiny.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in _synthetic_rows()), encoding="utf-8")
    outputs = []
    for run in ("a", "b"):
        out = tmp_path / run / "weights.json"
        assert main([str(data), "--out", str(out), "--quick", "--folds", "3", "--n-boot", "50"]) == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    metrics = json.loads((tmp_path / "a" / "target_sentiment_metrics.json").read_text(encoding="utf-8"))
    assert {"cross_validation", "kept_aside", "top_features", "model"} <= set(metrics)
    assert metrics["cross_validation"]["results"]
    assert 0.0 <= metrics["kept_aside"]["model"]["macro_f1"] <= 1.0
    model = load_model(str(tmp_path / "a" / "weights.json"))
    text = "Critics accused Mona Hale of fraud."
    p = predict_target(text, (16, 25), model=model)
    assert p.label == "negative"


QUOTED_SPEAKER = (
    '"This is a disgrace and a catastrophe," {name} said of the flooding.',
    '{name} said the budget was a terrible, corrupt mess.',
    'According to {name}, the new rules are awful and dangerous.',
)
NEGATED_CRITICISM = (
    ("{name} is corrupt and incompetent.", "{name} is not corrupt and not incompetent at all."),
    ("Critics say {name} failed the city.", "Nobody says {name} failed the city; {name} never failed it."),
)


@pytest.mark.parametrize("template", QUOTED_SPEAKER)
@pytest.mark.parametrize("name", NAMES)
def test_a_quoted_speaker_is_not_judged_by_what_they_say(template, name):
    assert predict(template, name).label != "negative"


@pytest.mark.parametrize(("plain", "negated"), NEGATED_CRITICISM)
@pytest.mark.parametrize("name", NAMES)
def test_negation_moves_the_judgement_away_from_negative(plain, negated, name):
    assert predict(plain, name).label == "negative"
    assert predict(negated, name).score > predict(plain, name).score


def test_column_scaling_and_nb_weighting_are_folded_into_the_shipped_weights():
    """Weights fitted on scaled columns, multiplied back, score unscaled rows as the scaled fit does."""
    pytest.importorskip("sklearn")
    import numpy as np
    from scipy.sparse import diags
    from sklearn.linear_model import LogisticRegression

    from corpus_tools.measure.target_features import target_features
    from corpus_tools.measure.train_target_model import (
        Setting,
        column_scales,
        fit,
        to_matrix,
        vocabulary,
        weights_document,
    )

    setting = Setting("+sentence words", True, True, 8, 3, 1, 0.5, None, dense_scale=2.0, struct_scale=0.5, nb=True,
                      nb_power=0.5)
    rows, labels = [], []
    for k, row in enumerate(_synthetic_rows()):
        t = row["targets"][0]
        rows.append(target_features(row["sentence_normalized"], t["from"], t["to"], options=setting.options()))
        labels.append({2.0: "negative", 4.0: "neutral", 6.0: "positive"}[t["polarity"]] if k % 7 else "neutral")
    model, vocab = fit(rows, labels, setting)
    matrix = to_matrix(rows, vocabulary(rows, 1))
    scale = column_scales(matrix, np.array(labels), vocab, setting)
    assert len(set(np.round(scale, 6))) > 3  # the factors differ between columns
    plain = LogisticRegression(C=0.5, max_iter=3000, tol=1e-6).fit(matrix @ diags(scale), np.array(labels))
    assert np.allclose(model.predict_proba(matrix), plain.predict_proba(matrix @ diags(scale)), atol=1e-6)
    # ... and predict_target, reading the document, gives the same probabilities (weights rounded to 4 decimals).
    doc = weights_document(model, vocab, setting, len(rows))
    tm = TargetModel(classes=tuple(doc["classes"]), options=setting.options(),
                     weights={n: tuple(w) for n, w in doc["weights"].items()}, intercept=tuple(doc["intercept"]), source="test")
    row = _synthetic_rows()[3]
    t = row["targets"][0]
    p = predict_target(row["sentence_normalized"], (t["from"], t["to"]), model=tm)
    expected = plain.predict_proba(to_matrix([rows[3]], vocab) @ diags(scale))[0]
    got = [p.probabilities[c] for c in plain.classes_]
    assert np.allclose(got, expected, atol=2e-3)


def test_scopes_computed_in_one_pass_equal_each_scope_summed_on_its_own():
    from corpus_tools.measure.target_features import _scope_features, _score_lexicons, _squash, tokenize

    text = "Critics sharply attacked the brilliant Smith, but his loyal friends praised his terrible and awful plan."
    tokens = tokenize(text)
    _score_lexicons(tokens)
    lo = next(i for i, t in enumerate(tokens) if t.low == "smith")
    hi, clause = lo + 1, (0, lo + 1)
    polar = [(i, t) for i, t in enumerate(tokens) if (t.vader or t.textblob) and not lo <= i < hi]
    feats = _scope_features(polar, lo, hi, clause, 3)
    right_neg = sum(-t.vader for i, t in polar if i >= hi and t.vader < 0)
    near_pos = sum(t.vader for i, t in polar if (lo - 3 <= i < lo or hi <= i < hi + 3) and t.vader > 0)
    dist_neg = sum(-t.vader * 2 / (1 + (lo - i if i < lo else i - hi + 1)) for i, t in polar if t.vader < 0)
    assert feats["vader_right_neg"] == round(_squash(right_neg), 4) > 0
    assert feats["vader_near_pos"] == round(_squash(near_pos), 4) > 0
    assert feats["vader_dist_neg"] == round(_squash(dist_neg), 4)
    assert "vader_cright_neg" not in feats  # the clause ends at the mention
    assert feats["lex_sent_neg"] == 1.0  # three or more negative words


def test_two_mentions_of_one_sentence_are_scored_as_if_alone():
    from corpus_tools.measure.target_features import _analysed

    text = "Supporters praised Ana Ruiz, while critics accused Tom Berg of fraud."
    _analysed.cache_clear()
    first = predict_target(text, (19, 27))
    second = predict_target(text, (51, 59))
    _analysed.cache_clear()
    assert predict_target(text, (51, 59)) == second
    _analysed.cache_clear()
    assert predict_target(text, (19, 27)) == first
    assert first.probabilities != second.probabilities  # the cached sentence is not the mention's features
