"""The shipped person-name tagger is the one training/name_tagger/train.py builds."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from krantentoets.detect import name_tagger

ROOT = Path(__file__).resolve().parents[1]
TRAIN = "training/name_tagger/train.py"


def test_manifest_matches_inputs_and_model(repo_script: Callable[[str], Any]) -> None:
    train = repo_script(TRAIN)
    recorded = json.loads(train.MANIFEST.read_text(encoding="utf-8"))
    assert recorded == train.manifest(), "retrain: python training/name_tagger/train.py"


def test_retraining_gives_the_shipped_model(
    tmp_path: Path, repo_script: Callable[[str], Any]
) -> None:
    """Deterministic training: a fresh model tags the silver sentences exactly like the
    shipped one (tags, not bytes, so a different floating-point unit cannot fail it)."""
    import pycrfsuite

    train = repo_script(TRAIN)
    silver = train.load(train.HERE / "silver.jsonl")
    fresh = tmp_path / "m.crfsuite"
    train.train(silver + train.augment(silver), fresh)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(fresh))
    sample = silver[::4]
    assert [tagger.tag(name_tagger.features(s["words"])) for s in sample] == [
        name_tagger.tag(s["words"]) for s in sample
    ]


def test_model_is_small() -> None:
    model = ROOT / "src" / "krantentoets" / "data" / "names" / name_tagger.MODEL
    assert model.stat().st_size < 3_000_000


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Ik sprak met Bakker-van Dijk over de aanvraag .", "Bakker-van Dijk"),
        ("Volgens J Smit is de weg klaar .", "J Smit"),
        ("ploegvoorzitter Jan Peeters zei dat het goed ging .", "Jan Peeters"),
    ],
)
def test_tagger_proposes_names(sentence: str, name: str) -> None:
    words = sentence.split()
    found = [" ".join(words[a : b + 1]) for a, b in name_tagger.person_spans(words)]
    assert name in found


def test_tagger_leaves_places_and_organisations() -> None:
    words = ["We", "gaan", "met", "de", "Rabobank", "naar", "Gent", "en", "Brugge", "."]
    assert name_tagger.person_spans(words) == []


def test_tokenize_keeps_initials_and_particles() -> None:
    words = [t.word for t in name_tagger.tokenize("Ik belde v.d. Berg, J.P. Smit en v/d Veen.")]
    assert words == ["Ik", "belde", "v.d.", "Berg", ",", "J.P.", "Smit", "en", "v/d", "Veen", "."]


@pytest.mark.parametrize(
    "word",
    [
        "de", "gemeente", "kamerdebat", "bolkestein", "capirossi", "café", "naïef",
        "financiën", "xqzwv", "europese", "luistertip", "één", "jansen",
    ],
)  # fmt: skip
def test_zipf_looks_up_what_wordfreq_computes(word: str) -> None:
    """The direct table look-up of a plain word gives wordfreq's own Zipf value, and a
    word the fast path does not take ("co2", "d'r") still goes through wordfreq."""
    from wordfreq import zipf_frequency

    assert name_tagger.zipf.__wrapped__(word) == zipf_frequency(word, "nl")


@pytest.mark.parametrize("word", ["co2", "d'r", "e-mail", "straße"])
def test_zipf_of_other_words_goes_through_wordfreq(word: str) -> None:
    from wordfreq import zipf_frequency

    assert name_tagger._PLAIN_WORD.fullmatch(word) is None
    assert name_tagger.zipf.__wrapped__(word) == zipf_frequency(word, "nl")


@pytest.mark.parametrize("low", ["kamerdebat", "luistertip", "bolkestein", "capirossi"])
def test_frequent_parts_read_from_the_table_as_zipf_says(low: str) -> None:
    freqs, least = name_tagger.frequencies_from(3.0)
    for k in range(3, len(low) - 2):
        for part in (low[:k], low[k:]):
            assert (freqs.get(part, 0.0) >= least) == (name_tagger.zipf(part) >= 3.0)


@pytest.mark.parametrize("word", ["Bakker", "de", "Jan", "minister", "Van-Dijk", "J.", "xqzwy"])
def test_context_features_are_the_formula(word: str) -> None:
    """The context tuples spelled out in _word (issue 18) are the formula's strings."""
    info = name_tagger._word.__wrapped__(word)
    assert isinstance(info, name_tagger._WordInfo)
    assert info.ctx == tuple(
        (f"{d}w={info.low}", f"{d}s={info.shape}", *(f"{d}g={x}" for x in info.flags))
        for d in (-2, -1, 1, 2)
    )
    assert name_tagger._word("Bakker").flags  # a listed surname has gazetteer flags


def test_model_attributes_are_crfsuites_own() -> None:
    """The attribute dictionary read from the model file is the one crfsuite reports."""
    assert name_tagger.model_attributes() == frozenset(name_tagger._tagger().info().attributes)


_TAG_SENTENCES = [
    "Ik sprak gisteren met Bakker-van Dijk over de aanvraag .",
    "Volgens J Smit is de weg pas in maart klaar .",
    "ploegvoorzitter Jan Peeters zei dat het goed ging , aldus de club .",
    "Mevr. v.d. Berg en haar buurman Kowalczyk kwamen samen naar het stadhuis",
    "De Smedt belde met Van Hecke over Xiomara Jansen en de VVD",
    "Hoi Anja ! Dank voor je bericht , we kijken er morgen naar ^JV",
    "qwzx Blorptag Zzyzx-van Kralingen 1234 é ü",
]


@pytest.mark.parametrize("sentence", _TAG_SENTENCES)
@pytest.mark.parametrize("bos", [True, False])
def test_tagging_with_model_attributes_only_is_the_full_tagging(sentence: str, bos: bool) -> None:
    """crfsuite drops attributes it has no weight for before any arithmetic: tagging with
    the known ones only gives the same labels, marginals and probability to the bit."""
    tagger = name_tagger._tagger()
    words = sentence.split()
    known = name_tagger.model_attributes()
    assert known is not None
    for lo in (0, 2):
        full = name_tagger.features(words, lo, bos=bos)
        few = name_tagger.tag_features(words, lo, bos=bos)
        assert few == [tuple(f for f in token if f in known) for token in full]
        assert sum(map(len, few)) < sum(map(len, full))  # some attributes were dropped
        results = []
        for feats in (full, few):
            labels = tagger.tag(feats)
            marginals = [
                [tagger.marginal(y, k) for y in name_tagger.LABELS] for k in range(len(labels))
            ]
            results.append((labels, marginals, tagger.probability(labels)))
        assert results[0] == results[1]


def test_least_frequency_splits_the_table_as_zipf_does() -> None:
    """Every distinct frequency of the Dutch table reaches a Zipf value exactly when it is
    the least frequency for that value or more."""
    values = set(name_tagger._nl_frequencies().values())
    for zipf_min in (1.0, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0, 6.0, 8.0):
        least = name_tagger.least_frequency(zipf_min)
        assert all((v >= least) == (name_tagger._freq_to_zipf(v) >= zipf_min) for v in values)
    assert name_tagger.least_frequency(9.5) == float("inf")  # no frequency above 1
    assert name_tagger.frequencies_from(3.0)[1] == name_tagger.least_frequency(3.0)


@pytest.mark.parametrize(
    "word",
    ["vvd-kamerlid", "noord-brabant", "oud-wethouder", "e-mail", "sint-maarten-oost",
     "qzxv-huis", "huis-qzxv", "zuid-hollandse-gemeenteraad", "café-eigenaar"],
)  # fmt: skip
def test_zipf_of_hyphenated_plain_words_is_wordfreqs(word: str) -> None:
    """Plain words joined by hyphens are combined as wordfreq combines its tokens."""
    from wordfreq import zipf_frequency

    assert name_tagger._PLAIN_PARTS.fullmatch(word)
    assert name_tagger.zipf.__wrapped__(word) == zipf_frequency(word, "nl")


def test_zipf_of_hyphenated_table_words_is_wordfreqs() -> None:
    """The same for 2,000 combinations of words of the table, frequent and rare, with an
    unknown part now and then (fixed seed)."""
    import random

    from wordfreq import zipf_frequency

    rnd = random.Random(18)
    table = sorted(w for w in name_tagger._nl_frequencies() if name_tagger.plain_word(w))
    for _ in range(2_000):
        parts = [
            rnd.choice(table[:5_000] if rnd.random() < 0.6 else table)
            if rnd.random() < 0.9
            else "qzx" + rnd.choice("abc")
            for _ in range(rnd.choice((2, 2, 3, 4)))
        ]
        word = "-".join(parts)
        assert name_tagger.zipf.__wrapped__(word) == zipf_frequency(word, "nl"), word
