"""Rule family ``confidential`` (CO01): secrecy markers in context, policy dossier terms."""

from __future__ import annotations

import pytest

from guards import cpu_budget
from krantentoets.check import check
from krantentoets.policy import default_policy, parse_policy
from krantentoets.post import Post
from krantentoets.report import Category, Severity, Verdict
from krantentoets.rules.base import CheckContext
from krantentoets.rules.confidential import ConfidentialInformation, find_markers


def hits(text: str, policy=None) -> list:
    ctx = CheckContext(policy or default_policy())
    return list(ConfidentialInformation().check(Post(text), ctx))


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        ("Strikt vertrouwelijk: de fusie met Waadhoeke gaat door.", "Strikt vertrouwelijk"),
        ("Het college heeft geheimhouding opgelegd op het rapport.", "geheimhouding opgelegd"),
        ("Uit de besloten vergadering: de bieb sluit.", "besloten vergadering"),
        ("Na het besloten overleg met de wethouder weet ik meer.", "besloten overleg"),
        ("Embargo tot 10.00 uur: nieuw zwembad in Bilgaard.", "Embargo tot"),
        ("Niet voor publicatie: de cijfers van het derde kwartaal.", "Niet voor publicatie"),
        ("In een intern memo staat dat de bieb dichtgaat.", "intern memo"),
        ("Het interne document over de begroting ligt bij mij.", "interne document"),
        ("Het conceptbesluit ligt klaar: parkeren wordt duurder.", "conceptbesluit"),
        ("Het concept-besluit over de kermis is binnen.", "concept-besluit"),
        (
            "Dit is nog niet naar buiten gebracht, maar de bieb sluit.",
            "nog niet naar buiten gebracht",
        ),
        ("Niet verder vertellen, maar de wethouder stopt.", "Niet verder vertellen"),
        ("Onder ons gezegd: dat plan gaat niet door.", "Onder ons gezegd"),
        ("Dit mag nog niet gedeeld worden: de nieuwe directeur is bekend.", "mag nog niet gedeeld"),
    ],
)
def test_markers_fire(text: str, seen: str) -> None:
    found = hits(text)
    assert found, text
    assert text[found[0].start : found[0].end] == seen
    assert found[0].severity is None  # the rule's own severity: block


@pytest.mark.parametrize(
    "text",
    [
        "De vergadering is openbaar.",
        "Wij gaan vertrouwelijk om met uw gegevens.",
        "Uw gegevens worden vertrouwelijk behandeld.",
        "De geheimhouding is opgeheven.",
        "Het embargo is voorbij.",
        "Het geheim van een goede buurt? Elkaar groeten!",
        "Het is geen geheim dat we trots zijn op onze vrijwilligers.",
        "Dit is niet vertrouwelijk: iedereen mag het weten.",
        "Je kunt vertrouwelijk melden via Meld Misdaad Anoniem.",
        "Als ambtenaar heb ik geheimhoudingsplicht, dus daar zeg ik niets over.",
        "De uitslag is nog niet bekend.",
        "Het conceptbesluit ligt ter inzage tot 1 mei; geef je zienswijze.",
        "Het besloten deel van de raadsvergadering begint om 21.00 uur.",
        "De stemming over de benoeming is geheim.",
        "Daar mag ik niets over zeggen.",
        "Het college heeft besloten dat het zwembad open blijft.",
        "Bekijk onze interne vacatures op werkenbij.leeuwarden.nl.",
    ],
)
def test_public_use_does_not_fire(text: str) -> None:
    assert hits(text) == [], text


def test_weak_marker_is_only_a_warning() -> None:
    (hit,) = hits("Ik vertel je een geheim: de wethouder stopt ermee.")
    assert hit.severity is Severity.WARN


def test_dossier_terms_from_policy_whole_word_any_case() -> None:
    policy = parse_policy({"confidential": {"terms": ["Project Zeedijk", "Blauwe Golf"]}}, "t")
    text = "Morgen meer over project  zeedijk en de Blauwe Golf. Zeedijkstraat blijft dicht."
    found = hits(text, policy)
    assert [text[h.start : h.end] for h in found] == ["project  zeedijk", "Blauwe Golf"]
    assert hits("De Zeedijkstraat is weer open.", policy) == []
    assert hits("Project Zeedijk", default_policy()) == []  # no terms, no hit


def test_check_gives_do_not_post_and_cites_both_profiles() -> None:
    post = Post("Embargo tot donderdag: de gemeente investeert 4 miljoen in de binnenstad.")
    for profile, gid in (("medewerkers", "MW-6"), ("mandatarissen", "MA-7")):
        report = check(post, default_policy(profile))
        confidential = [f for f in report.findings if f.category is Category.CONFIDENTIAL]
        assert confidential and confidential[0].guidelines == (gid,)
        assert confidential[0].rule == "CO01"
        assert report.verdict is Verdict.DO_NOT_POST


def test_suggestion_names_communications_from_policy() -> None:
    policy = parse_policy({"organisation": {"communications": "team Pers & Online"}}, "t")
    (hit,) = hits("Uit de besloten vergadering: de bieb sluit.", policy)
    assert "team Pers & Online" in hit.suggestion.nl


def test_overlapping_markers_are_reported_once() -> None:
    text = "Strikt vertrouwelijk, niet verder vertellen."
    spans = [(m.start, m.end) for m in find_markers(text)]
    assert len(spans) == len(set(spans)) == 2


@pytest.mark.parametrize(
    "text",
    [
        "vertrouwelijk " * 3500,
        "niet " * 10000,
        "onder ons " * 5000,
        "mag " + "eigenlijk " * 5000,
        "a" * 50000,
        "." * 50000,
    ],
)
def test_pathological_input_is_fast(text: str) -> None:
    policy = parse_policy({"confidential": {"terms": ["a a", "aaa"]}}, "t")
    with cpu_budget():
        hits(text[:50000], policy)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        (
            "Morgen maakt het college bekend dat er banen verdwijnen. Ik mag het eigenlijk nog "
            "niet zeggen.",
            True,
        ),
        ("We mogen er nog niets over vertellen, maar er komt groot nieuws.", True),
        # the idiom of modesty or bragging is not a secret
        ("Ik mag het eigenlijk niet zeggen, maar de taart was heerlijk.", False),
    ],
)
def test_news_before_it_is_announced(text: str, flagged: bool) -> None:
    found = [f for f in check(Post(text)).findings if f.category.value == "confidential"]
    assert bool(found) is flagged
