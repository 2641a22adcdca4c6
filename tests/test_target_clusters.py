"""Word-cluster lookup and the cluster features of the target model (invented sentences)."""

from __future__ import annotations

import gzip

import pytest

import corpus_tools.measure.word_clusters as wc
from corpus_tools.measure.target_features import FeatureOptions, target_features
from corpus_tools.measure.word_clusters import centroid_table, cluster_table, word_cluster

# A made-up table: praise words share cluster 7, blame words cluster 3.
FAKE = {"praised": 7, "lauded": 7, "commended": 7, "blamed": 3, "faulted": 3, "council": 1, "the": 0,
        "on": 2, "monday": 5, "friday": 5, "later": 9, "voters": 4}


def _clusters(feats: dict[str, float]) -> dict[str, float]:
    return {k: v for k, v in feats.items() if k.split(":", 1)[0] in {"l1c", "r1c", "nc", "lc", "rc", "sc"}}


@pytest.fixture
def fake_table(monkeypatch):
    monkeypatch.setattr(wc, "cluster_table", lambda k: FAKE)
    monkeypatch.setattr(wc, "centroid_table", lambda k: {c: (float(c), -1.0) for c in set(FAKE.values())})
    return FAKE


def test_cluster_features_use_unstemmed_words_and_the_window(fake_table):
    text = "The council praised Ana Rivera on Monday, and the voters were told later."
    start = text.index("Ana Rivera")
    opts = FeatureOptions(window=3, stem=True, clusters=16)
    feats = _clusters(target_features(text, start, start + len("Ana Rivera"), options=opts))
    # left window: "the council praised"; right window: "on monday ,"
    assert feats["l1c:7"] == 1.0
    assert feats["r1c:2"] == 1.0
    assert {k for k in feats if k.startswith("lc:")} == {"lc:0", "lc:1", "lc:7"}
    assert {k for k in feats if k.startswith("rc:")} == {"rc:2", "rc:5"}
    assert {k for k in feats if k.startswith("nc:")} == {"nc:0", "nc:1", "nc:7", "nc:2", "nc:5"}  # near = 3 either side
    # the sentence: every known word outside the mention, "voters" and "later" too
    assert {k for k in feats if k.startswith("sc:")} == {"sc:0", "sc:1", "sc:7", "sc:2", "sc:5", "sc:4", "sc:9"}


def test_words_of_one_cluster_give_the_same_cluster_features(fake_table):
    opts = FeatureOptions(stem=True, clusters=16)
    first = "Voters lauded Ana Rivera on Friday."
    second = "Voters commended Ana Rivera on Friday."
    a = target_features(first, first.index("Ana"), first.index(" on"), options=opts)
    b = target_features(second, second.index("Ana"), second.index(" on"), options=opts)
    assert _clusters(a) == _clusters(b)
    assert a["l1c:7"] == 1.0
    assert "l1:laud" in a and "l1:laud" not in b  # the word features still differ


def test_no_cluster_features_by_default_or_outside_the_chosen_groups(fake_table):
    text = "The council praised Ana Rivera on Monday."
    span = (text.index("Ana"), text.index(" on"))
    assert not _clusters(target_features(text, *span, options=FeatureOptions()))
    only_window = FeatureOptions(clusters=16, groups=("lc", "rc"))
    assert set(target_features(text, *span, options=only_window)) == {"lc:0", "lc:1", "lc:7", "rc:2", "rc:5"}


def test_the_mention_itself_is_never_looked_up(fake_table):
    text = "Voters blamed Monday Faulted for the delay."
    feats = _clusters(target_features(text, text.index("Monday"), text.index(" for"), options=FeatureOptions(clusters=16)))
    assert feats["l1c:3"] == 1.0
    assert "sc:5" not in feats  # "monday" is part of the mention
    assert feats.get("sc:3") == 1.0  # "blamed" (cluster 3), not the mention's "faulted"


def test_cluster_table_reads_a_file_and_names_a_bad_line(tmp_path):
    good = tmp_path / "good.tsv.gz"
    good.write_bytes(gzip.compress(b"alpha\t0\nbeta\t3\n"))
    assert cluster_table(4, good) == {"alpha": 0, "beta": 3}
    bad = tmp_path / "bad.tsv.gz"
    bad.write_bytes(gzip.compress(b"alpha\t0\nbeta\t4\n"))
    with pytest.raises(ValueError, match=r"bad\.tsv\.gz:2"):
        cluster_table(4, bad)
    with pytest.raises(ValueError, match="k=5"):
        cluster_table(5, tmp_path / "missing.tsv.gz")


@pytest.mark.parametrize("k", [256, 1024])
def test_packaged_tables_cover_common_words_with_valid_numbers(k):
    table = cluster_table(k)
    centroids = centroid_table(k)
    assert sorted(centroids) == list(range(k)) and {len(v) for v in centroids.values()} == {16}
    assert len(table) > 15000
    assert all(0 <= c < k for c in table.values())
    assert len(set(table.values())) == k
    assert all(w.isascii() and w.isalpha() and w.islower() and len(w) >= 2 for w in table)
    assert word_cluster("Praised", k) == word_cluster("praised", k) is not None
    assert word_cluster("xqzv", k) is None


def test_centroid_features_are_the_window_means_of_the_centroids(fake_table):
    text = "The council praised Ana Rivera on Monday."
    opts = FeatureOptions(window=3, clusters=16, groups=("cvec",))
    feats = target_features(text, text.index("Ana"), text.index(" on"), options=opts)
    # left: the (0), council (1), praised (7); right: on (2), monday (5), "." not in the table
    assert feats == pytest.approx({"cvec_left_0": 8 / 3, "cvec_left_1": -1.0, "cvec_right_0": 3.5, "cvec_right_1": -1.0}, abs=1e-4)


def test_induced_valences_count_only_words_neither_lexicon_scores(monkeypatch):
    monkeypatch.setattr(wc, "induced_table", lambda: {"florped": 0.4, "blarked": -0.3, "ana": 0.9, "good": 0.9})
    text = "The council florped Ana Rivera, and good voters blarked later."
    opts = FeatureOptions(induced_valence=True, groups=("ind",))
    feats = target_features(text, text.index("Ana"), text.index(","), options=opts)
    assert feats["ind_sent_pos"] == pytest.approx(0.4)  # not "ana" (the mention), not "good" (VADER's)
    assert feats["ind_left_pos"] == feats["ind_near_pos"] == pytest.approx(0.4)
    assert feats["ind_sent_neg"] == feats["ind_right_neg"] == pytest.approx(0.3)
    assert "ind_near_neg" not in feats and "ind_right_pos" not in feats
    assert not target_features(text, text.index("Ana"), text.index(","), options=FeatureOptions(groups=("ind",)))


def test_cluster_trigrams_replace_known_words_and_keep_the_rest(fake_table):
    text = "The council praised Ana Rivera, on Monday."
    opts = FeatureOptions(clusters=16, groups=("ctri",))
    feats = target_features(text, text.index("Ana"), text.index(","), options=opts)
    assert set(feats) == {"ctri:c1_c7_<T>", "ctri:c7_<T>_,", "ctri:<T>_,_c2"}
