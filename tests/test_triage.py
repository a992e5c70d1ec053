"""Triage of incoming posts: labels, signal, advice and reasons (monitor.triage)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from guards import cpu_budget
from krantentoets.detect.questions import question_cues
from krantentoets.detect.sentiment import sentiment
from krantentoets.monitor.triage import (
    ADVICE,
    FEATURES,
    LABELS,
    SIGNAL,
    Triage,
    _offensive_detector,
    features,
    triage,
)
from krantentoets.policy import default_policy, parse_policy

BENCH_DATA = Path(__file__).resolve().parents[1] / "bench" / "data"
NEEDS_OFFENSIVE = pytest.mark.skipif(
    _offensive_detector() is None,
    reason="krantentoets.detect.offensive.detect_offensive is not available yet "
    "(built by the offensive-language engineer); abuse triage depends on it",
)

# Realistic posts that are in neither the development nor the held-out set.
CASES = [
    # compliments, also Flemish and with emoji
    ("Complimenten voor de snelle hulp van de afvaldienst vanochtend!", "compliment"),
    ("Dank u wel voor de duidelijke uitleg aan de balie, heel vriendelijk", "compliment"),
    ("Amai, wat een schone nieuwe speelpleintjes in ons district. Merci!", "compliment"),
    ("Het nieuwe plein is echt prachtig geworden 😍", "compliment"),
    # criticism, including rhetorical questions and irony
    ("Waarom wordt ons dorp altijd vergeten bij het strooien??", "criticism"),
    ("Belachelijk dat de bibliotheek weer minder open is. Slecht besluit.", "criticism"),
    ("Knap hoor, drie maanden voor een simpele vergunning 🙄", "criticism"),
    ("Hoe is het mogelijk dat die stoeptegels er nog steeds los liggen", "criticism"),
    # questions, with and without question mark
    ("weet iemand of de milieustraat maandag open is", "question"),
    ("Wanneer wordt de groene container geleegd in de Schildersbuurt?", "question"),
    ("Kan ik mijn parkeervergunning ook online verlengen?", "question"),
    ("Vraagje: waar kan ik een evenementenvergunning aanvragen", "question"),
    # claims about the organisation
    ("De gemeente heeft het budget voor de bibliotheek gehalveerd", "claim"),
    ("Het zwembad gaat volgend jaar dicht", "claim"),
    ("Ik hoorde dat de gemeente het buurthuis verkoopt aan een belegger", "claim"),
    # other
    ("@kim haha dit is jouw oude straat", "other"),
    ("Wij zijn er zondag ook bij met de hele familie", "other"),
]


@pytest.mark.parametrize(("text", "label"), CASES)
def test_label(text: str, label: str) -> None:
    result = triage(text)
    assert result.label == label, (result.scores, result.reasons)
    assert result.advice == ADVICE[label]
    assert result.signal is (label in SIGNAL)


def test_advice_vocabulary_and_signal_follow_the_label() -> None:
    assert set(ADVICE) == set(LABELS)
    assert set(ADVICE.values()) == {"forward", "no-response", "answer", "communications", "none"}
    assert ADVICE["criticism"] == "no-response"
    assert ADVICE["claim"] == ADVICE["abuse"] == "communications"
    assert ADVICE["question"] == "answer"
    assert {"compliment", "criticism", "claim", "abuse"} == SIGNAL


def test_triage_is_frozen_and_serialises_to_the_contract() -> None:
    result = triage("Bedankt voor het snelle herstel van de lantaarnpaal!")
    assert isinstance(result, Triage)
    with pytest.raises(AttributeError):
        result.label = "other"  # type: ignore[misc]
    data = result.to_dict("42")
    assert set(data) == {"id", "label", "signal", "advice", "reasons", "sentiment"}
    assert data["id"] == "42"
    json.dumps(data)


def test_reasons_are_dutch_and_name_the_evidence() -> None:
    result = triage("waarom doet de gemeente nooit iets aan de gaten in de weg??")
    assert result.label == "criticism"
    text = " ".join(result.reasons)
    assert "Retorische vraag" in text
    assert "MW-3" in text
    q = triage("weet iemand wanneer het grofvuil wordt opgehaald")
    assert q.label == "question"
    assert "weet iemand" in q.reasons[0]
    assert "grofvuil" in q.reasons[0]


def test_english_reasons_and_office_holder_profile() -> None:
    en = parse_policy({"language": "en"}, "t")
    result = triage("De gemeente heeft het budget voor de bibliotheek gehalveerd", en)
    assert result.label == "claim"
    assert result.reasons[0].startswith("A claim about the organisation")
    ma = triage("Het zwembad gaat volgend jaar dicht", default_policy("mandatarissen"))
    assert "MA-9" in ma.reasons[-1] and "MW-3" not in ma.reasons[-1]


def test_policy_names_count_as_the_organisation() -> None:
    policy = parse_policy(
        {"organisation": {"name": "Gemeente Harlingen", "aliases": ["Harlingen"]}}, "t"
    )
    _, plain = features("Harlingen verkoopt het sportpark")
    _, named = features("Harlingen verkoopt het sportpark", policy)
    assert "Harlingen" not in plain.org
    assert "Harlingen" in named.org


def test_features_match_the_shipped_model() -> None:
    model = json.loads(
        (resources.files("krantentoets") / "data" / "triage" / "model.json").read_text("utf-8")
    )
    assert model["features"] == list(FEATURES)
    vector, _ = features("Top geregeld!")
    assert len(vector) == len(FEATURES)
    assert "abuse" not in model["labels"]  # abuse comes from the offensive detector


# -- the detectors it is built on ---------------------------------------------------------


def test_sentiment_negation_contrast_and_inflection() -> None:
    assert sentiment("Dat is goed geregeld").score > 0
    assert sentiment("Dat is niet goed geregeld").score < 0
    assert sentiment("Niet slecht, die nieuwe app").score > 0
    assert sentiment("Ik was sceptisch maar het werkt prima").score > 0
    assert sentiment("wat een mooie, snelle service").positive > 0
    assert sentiment("superrrr").positive > 0
    assert sentiment("De vuilnisbakken staan op de stoep").cues == ()


def test_sentiment_offsets_point_into_the_text() -> None:
    text = "@gemeente Wat een prachtige brug! https://example.org/slecht"
    s = sentiment(text)
    assert [c.text for c in s.cues] == ["prachtige"]
    for c in s.cues:
        assert text[c.start : c.end] == c.text


def test_sentiment_irony_markers() -> None:
    assert [c.text for c in sentiment("Prachtig hoor, die tarieven").irony] == ["Prachtig hoor"]
    assert sentiment("Lekker bezig weer 🙄").irony
    assert not sentiment("Wat zijn die bloembakken mooi zeg").irony


def test_question_cues() -> None:
    q = question_cues("weet iemand wanneer het grofvuil wordt opgehaald")
    assert q.request is not None and q.marks == 0 and q.form
    q = question_cues("Hoi, is het gemeentehuis morgen open")
    assert q.inversion is not None and q.inversion.text == "is het"
    q = question_cues("Tot hoe laat is de milieustraat open?")
    assert q.wh_word is not None and q.ends_with_mark
    q = question_cues("Waarom doet de gemeente nooit iets aan de gaten??")
    assert q.rhetorical and q.emphatic_mark
    # Statements that merely start with a verb, and exclamations, are not questions.
    assert question_cues("Ben het totaal niet eens met de keuze").inversion is None
    assert question_cues("Wat een mooie speeltuin!").wh_word is None


def test_pathological_input_is_fast() -> None:
    triage("Eerst laden: lexicons en het toonmodel worden één keer geladen.")
    for text in (
        "a" * 50_000,
        "?" * 50_000,
        "waarom " * 7_000,
        "niet " * 10_000,
        "hoe lang nog " * 3_000,
        "👍" * 20_000,
        "a. " * 15_000,
        "top hoor " * 5_000,
    ):
        with cpu_budget(what=text[:20]):
            triage(text)


# -- abuse: needs the shared offensive-language detector ----------------------------------


@NEEDS_OFFENSIVE
@pytest.mark.parametrize(
    "text",
    [
        "Stelletje idioten daar op het stadskantoor",
        "Kutgemeente, doe eens normaal",
        "Die wethouder is een corrupte idioot",
    ],
)
def test_abuse_toward_staff_or_office_holders(text: str) -> None:
    result = triage(text)
    assert result.label == "abuse"
    assert result.advice == "communications" and result.signal


@NEEDS_OFFENSIVE
def test_swearing_not_aimed_at_anyone_is_not_abuse() -> None:
    assert triage("Kut weer vandaag, maar de gemeente had de wegen netjes gestrooid").label != (
        "abuse"
    )


# -- quality floor on the held-out set (the figures of bench/triage.py) --------------------


def test_heldout_quality_targets() -> None:
    path = BENCH_DATA / "triage_heldout.jsonl"
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]
    assert len(rows) >= 200
    gold = [r["label"] for r in rows]
    pred = [triage(r["text"]).label for r in rows]

    def f1(label: str) -> float:
        tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, pred, strict=True))
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    assert (f1("compliment") + f1("criticism")) / 2 >= 0.85
    assert f1("question") >= 0.90


def test_dev_and_heldout_sets_are_disjoint_and_valid() -> None:
    sets = {}
    for name in ("triage_dev.jsonl", "triage_heldout.jsonl"):
        rows = [json.loads(line) for line in (BENCH_DATA / name).read_text("utf-8").splitlines()]
        assert all(set(r) == {"id", "text", "label"} and r["label"] in LABELS for r in rows)
        sets[name] = {r["text"].strip().lower() for r in rows}
    assert len(sets["triage_dev.jsonl"]) >= 400
    assert not sets["triage_dev.jsonl"] & sets["triage_heldout.jsonl"]


def test_abuse_logic_with_a_stand_in_detector(monkeypatch: pytest.MonkeyPatch) -> None:
    """How detector spans become abuse, independent of the real detector's word lists."""
    from dataclasses import dataclass

    import krantentoets.monitor.triage as module

    @dataclass
    class Span:
        start: int
        end: int
        text: str
        kind: str
        target: str | None

    def fake(text: str) -> list[Span]:
        spans = []
        for word, kind, target in (
            ("idioten", "insult", "person"),
            ("kut", "obscenity", None),
            ("sla", "threat", "person"),
        ):
            i = text.lower().find(word)
            if i >= 0:
                spans.append(Span(i, i + len(word), text[i : i + len(word)], kind, target))
        return spans

    monkeypatch.setattr(module, "_offensive_detector", lambda: fake)
    insult = triage("Stelletje idioten op het stadskantoor")
    assert (insult.label, insult.advice, insult.signal) == ("abuse", "communications", True)
    assert "idioten" in insult.reasons[0] and "insult" in insult.reasons[0]
    assert triage("Ik sla je verrot").label == "abuse"  # a threat counts without target
    # Swearing without a target only counts when the post is about the organisation.
    assert triage("kut weer vandaag, fijn weekend allemaal").label != "abuse"
    assert triage("kut gemeente met je regels").label == "abuse"
    assert triage("Fijn weekend allemaal").label != "abuse"
