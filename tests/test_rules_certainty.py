"""Rule family ``certainty`` (CE01): rumour and unverified claims presented as news."""

from __future__ import annotations

import pytest

from guards import cpu_budget
from krantentoets.check import check
from krantentoets.policy import default_policy
from krantentoets.post import Post
from krantentoets.report import Category, Severity, Verdict
from krantentoets.rules.base import CheckContext
from krantentoets.rules.certainty import UnverifiedClaim


def hits(text: str) -> list:
    return list(UnverifiedClaim().check(Post(text), CheckContext(default_policy())))


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        ("Ik heb gehoord dat de bibliotheek na de zomer dichtgaat.", "Ik heb gehoord dat"),
        ("Het schijnt dat de wethouder stopt.", "Het schijnt"),
        ("De wethouder schijnt te vertrekken.", "schijnt te"),
        ("Naar verluidt is er een nieuwe directeur.", "Naar verluidt"),
        ("Volgens geruchten sluit het zwembad.", "Volgens geruchten"),
        ("Het gerucht gaat dat de bieb verhuist.", "Het gerucht gaat"),
        ("De wethouder zou hebben gezegd dat het plan niet doorgaat.", "zou hebben"),
        ("Er zou asbest zijn gevonden in de school.", "zou asbest zijn"),
        ("Men zegt dat de burgemeester vertrekt.", "Men zegt"),
        ("Ik heb begrepen dat het college akkoord is.", "Ik heb begrepen dat"),
        ("Er wordt gefluisterd dat er ontslagen vallen.", "wordt gefluisterd"),
        ("Onbevestigd: brand bij de Harmonie.", "Onbevestigd"),
    ],
)
def test_rumours_fire(text: str, seen: str) -> None:
    (hit,) = hits(text)
    assert text[hit.start : hit.end] == seen
    assert hit.severity is None


@pytest.mark.parametrize(
    "text",
    [
        "Het zou mooi zijn als er een nieuwe speeltuin komt.",
        "Het zou fijn zijn om jullie daar te zien.",
        "Zou u het formulier willen invullen?",
        "Zou je me kunnen bellen over je aanvraag?",
        "Ik zou het anders hebben gedaan.",
        "Als het regent, zou de markt naar de hal verplaatst zijn.",
        "Volgens de gemeente gaat de bieb na de zomer dicht.",
        "Dat zou te duur zijn geweest, volgens de wethouder.",
        "Wat zou er gebeurd zijn als we niets hadden gedaan?",
        "De zon schijnt op de Nieuwestad, kom naar de markt!",
        "Morgen schijnt het zonnetje weer.",
        "Het zwembad is morgen open van 9 tot 17 uur.",
    ],
)
def test_wishes_requests_and_sourced_statements_do_not_fire(text: str) -> None:
    assert hits(text) == [], text


def test_a_question_is_only_a_note() -> None:
    (hit,) = hits("Klopt het? Ik heb gehoord dat de bieb dichtgaat?")
    assert hit.severity is Severity.INFO


def test_one_finding_per_sentence() -> None:
    found = hits("Ik heb gehoord dat het schijnt dat de bieb sluit. Naar verluidt ook de sporthal.")
    assert len(found) == 2


def test_check_cites_both_profiles() -> None:
    post = Post("Naar verluidt stopt de wethouder volgende maand.")
    for profile, gid in (("medewerkers", "MW-4"), ("mandatarissen", "MA-8")):
        report = check(post, default_policy(profile))
        (f,) = [f for f in report.findings if f.category is Category.CERTAINTY]
        assert f.rule == "CE01" and f.guidelines == (gid,)
        assert report.verdict is Verdict.DOUBT


@pytest.mark.parametrize(
    "text",
    [
        "zou " * 12500,
        "zou " + "a " * 24000 + "hebben",
        "heb " * 12500,
        "schijnt " * 6000,
        "?" * 50000,
    ],
)
def test_pathological_input_is_fast(text: str) -> None:
    with cpu_budget():
        hits(text[:50000])


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Statushouders krijgen voorrang bij huurwoningen, dat hoor je overal in de wijk.", True),
        ("Iedereen weet toch dat de wethouder het zwembad wil sluiten.", True),
        ("Dat hoor je graag! Het park is weer open.", False),
        ("Hoor je ons? De microfoon doet het weer.", False),
    ],
)
def test_what_everybody_says_is_hearsay(text: str, flagged: bool) -> None:
    found = [f for f in check(Post(text)).findings if f.rule == "CE01"]
    assert bool(found) is flagged


# -- issue 10: a rumour needs hearsay; modal "zou" is an opinion or a hypothesis ----------


@pytest.mark.parametrize(
    "text",
    [
        "Dit zou de norm moeten blijven.",
        "Dat zou een affront zijn voor alle boeren.",
        "Een fijn huis zou een recht moeten zijn, geen luxe.",
        "Dat zou een belangrijk signaal aan de boeren zijn dat ze zijn gehoord.",
        "Je financiële positie zou geen invloed moeten hebben op je kansen.",
    ],
)
def test_modal_zou_is_no_rumour(text: str) -> None:
    assert hits(text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "De wethouder zou hebben gezegd dat het plan niet doorgaat.",
        "De sms'jes zouden zijn gewist.",
        "Ik hoor dat de wethouder opstapt.",
        "Hoor net dat het zwembad dichtgaat.",
    ],
)
def test_hearsay_and_reportative_zou_still_count(text: str) -> None:
    assert hits(text), text


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        ("De directeur zou € 250.000,- hebben gekregen.", "zou € 250.000,- hebben"),
        ("Het bestuur zou 1,2 miljoen zijn kwijtgeraakt.", "zou 1,2 miljoen zijn"),
    ],
)
def test_a_number_inside_the_rumour_does_not_end_it(text: str, seen: str) -> None:
    assert [text[h.start : h.end] for h in hits(text)] == [seen]


def test_a_number_in_a_modal_zou_is_still_no_rumour() -> None:
    assert hits("Dat zou 2,5 miljoen kosten, schat de wethouder.") == []
    assert hits("Dit zou 1.000 woningen opleveren als we nu bouwen.") == []
