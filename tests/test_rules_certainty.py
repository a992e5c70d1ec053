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
        "OM politiek aangestuurd mag " * 1800,
        "politiek aangestuurd politiek aangestuurd OM " * 1200,
        "volgens ingewijden " * 2600,
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


# -- issue 10, round 2: hearsay about a named person, steering claims ----------------------


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        (
            "Piet de Boer zou € 250.000,- hebben ontvangen van een stichting.",
            "zou € 250.000,- hebben",
        ),
        (
            "De gedeputeerde zou 1,5 miljoen hebben uitgegeven aan adviseurs.",
            "zou 1,5 miljoen hebben",
        ),
        (
            "Volgens mij klopt dit niet. De burgemeester zou het geld hebben teruggestort.",
            "zou het geld hebben",
        ),
        ("De schepen zou het dossier ontvangen hebben.", "zou het dossier ontvangen hebben"),
    ],
)
def test_reportative_zou_about_a_person_with_a_number(text: str, seen: str) -> None:
    (hit,) = hits(text)
    assert text[hit.start : hit.end] == seen


@pytest.mark.parametrize(
    "text",
    [
        "Zou de gedeputeerde echt 1,5 miljoen hebben uitgegeven?",
        "Als de minister dat zou hebben geweten, was het anders gelopen.",
        "Indien hij € 10.000,- zou hebben ontvangen, had hij het moeten melden.",
        "Dat zou 2,5 miljoen euro kosten.",
        "De renovatie zou 1,2 miljoen moeten kosten.",
    ],
)
def test_zou_with_a_number_in_a_question_or_counterfactual_stays_clean(text: str) -> None:
    assert [h for h in hits(text) if h.severity is None] == [], text


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        (
            "Het OM wordt politiek aangestuurd door de minister van Justitie.",
            "OM wordt politiek aangestuurd",
        ),
        (
            "Een door de premier politiek gestuurde rechtbank veroordeelde hem.",
            "politiek gestuurde rechtbank",
        ),
        (
            "Wij eisen een enquête over de politieke beïnvloeding van mijn proces.",
            "politieke beïnvloeding van mijn proces",
        ),
        (
            "Als in een dictatuur.De rechters werden onder druk gezet door het kabinet.",
            "rechters werden onder druk gezet door",
        ),
        (
            "De politieke inmenging in de strafzaak tegen onze fractievoorzitter is schandalig.",
            "politieke inmenging in de strafzaak",
        ),
        (
            "Dit is een politiek gemotiveerde vervolging van een oppositieleider!",
            "politiek gemotiveerde vervolging",
        ),
        (
            "Het parket wordt politiek gestuurd door de minister.",
            "parket wordt politiek gestuurd",
        ),
    ],
)
def test_a_steered_institution_or_trial_stated_as_fact_is_a_claim(text: str, seen: str) -> None:
    (hit,) = hits(text)
    assert text[hit.start : hit.end] == seen
    assert hit.severity is None
    assert hit.trace[0] == "steering claim"


@pytest.mark.parametrize(
    "text",
    [
        "Het OM mag nooit politiek aangestuurd worden.",
        "Het OM moet onafhankelijk blijven: geen politieke inmenging in de rechtspraak!",
        "Wordt het OM politiek aangestuurd door de minister?",
        "Als het OM politiek aangestuurd wordt, hebben we een groot probleem.",
        "Er is geen sprake van politieke inmenging in de rechtspraak.",
        "Het OM wordt niet politiek aangestuurd, zegt de minister.",
        "Wij willen onderzoek naar politieke beïnvloeding van het OM.",
        "Volgens het rapport van de commissie werd het OM politiek aangestuurd.",
        "Mogelijke politieke beïnvloeding van de rechtbank moet worden uitgezocht.",
        "Het democratische proces wordt politiek beïnvloed door lobbyisten.",
        "De politie heeft een brief gestuurd naar alle bewoners.",
        "Ik heb de stukken over de rechtszaak naar de minister gestuurd.",
        "Wij strijden tegen politieke inmenging in de rechtspraak.",
        "Een politiek gemotiveerd besluit, terwijl de rechter nog moet oordelen.",
    ],
)
def test_demands_questions_hedges_and_sources_are_no_steering_claim(text: str) -> None:
    assert [h for h in hits(text) if h.trace[0] == "steering claim"] == [], text


def test_the_certainty_lists_parse_and_are_not_empty() -> None:
    from krantentoets.rules.certainty import HEDGES, STEERED, STEERING, claim_matcher

    for name in (STEERING, STEERED, HEDGES):
        assert claim_matcher(name).words, name


def test_a_steering_claim_cites_the_guideline_and_says_how_to_fix_it() -> None:
    post = Post("Het OM wordt politiek aangestuurd door de minister.", account="in-function")
    report = check(post, default_policy("mandatarissen"))
    (f,) = [f for f in report.findings if f.rule == "CE01"]
    assert f.guidelines == ("MA-8",) and f.category is Category.CERTAINTY
    assert f.suggestion and f.message


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("De minister manipuleerde de rechtbank in mijn zaak.", True),
        ("De premier bemoeide zich persoonlijk met de strafzaak tegen onze leider.", True),
        ("Het weer beïnvloedt de politie-inzet bij evenementen.", False),
        ("Corona beïnvloedde het werk van de politie sterk.", False),
        ("Het OM wordt politiek aangestuurd, niet door de wet.", False),
    ],
)
def test_active_steering_by_a_person_and_what_is_no_steering(text: str, flagged: bool) -> None:
    found = [h for h in hits(text) if h.trace[0] == "steering claim"]
    assert bool(found) is flagged, text


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        ("Volgens ingewijden stopt de wethouder na de zomer.", "Volgens ingewijden"),
        ("Uit goedingevoerde bron: het zwembad gaat dicht.", "Uit goedingevoerde bron"),
        ("Naar ik verneem is de directeur geschorst.", "Naar ik verneem"),
        ("Ik heb vandaag vernomen dat de bieb verhuist.", "Ik heb vandaag vernomen dat"),
        ("Er wordt beweerd dat de burgemeester vertrekt.", "Er wordt beweerd dat"),
        ("Het gonst in het stadhuis: de schepen stapt op.", "Het gonst"),
    ],
)
def test_an_unnamed_source_is_hearsay(text: str, seen: str) -> None:
    (hit,) = hits(text)
    assert text[hit.start : hit.end] == seen
    assert hit.severity is None


@pytest.mark.parametrize(
    "text",
    [
        "Volgens de wethouder gaat het zwembad dicht.",
        "De podcast Betrouwbare Bronnen sprak met onze wethouder.",
        "Bij de krant wordt beweerd dat ik loog. Dat is onzin.",
        "Bronnen van energie: zon, wind en water.",
    ],
)
def test_a_named_source_is_no_unnamed_source(text: str) -> None:
    assert hits(text) == [], text


def test_an_unnamed_source_in_a_question_is_a_note() -> None:
    (hit,) = hits("Is het waar dat volgens ingewijden de wethouder stopt?")
    assert hit.severity is Severity.INFO
