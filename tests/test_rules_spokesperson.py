"""Rule family ``spokesperson`` (SP01): topics that need alignment before anyone responds."""

from __future__ import annotations

import pytest

from guards import cpu_budget
from krantentoets.check import check
from krantentoets.policy import default_policy, parse_policy
from krantentoets.post import Post
from krantentoets.report import Category, Verdict
from krantentoets.rules.base import CheckContext
from krantentoets.rules.spokesperson import (
    GROUPS,
    EntrySyntaxError,
    PhraseMatcher,
    SpokespersonTopic,
    find_topics,
    parse_entry,
    topic_matcher,
)

HEECHTERP = "Er is brand in de wijk Heechterp; blijf binnen en sluit ramen en deuren."


def hits(text: str, policy=None, **kw) -> list:
    ctx = CheckContext(policy or default_policy())
    return list(SpokespersonTopic().check(Post(text, **kw), ctx))


@pytest.mark.parametrize(
    ("text", "group", "seen"),
    [
        (HEECHTERP, "incidents", "brand"),
        ("Grote woningbrand aan de Vlietzone.", "incidents", "woningbrand"),
        ("Explosie bij een bedrijf op de Hemrik.", "incidents", "Explosie"),
        ("Verkeersongeluk op de Drachtsterweg, rij om.", "incidents", "Verkeersongeluk"),
        ("GRIP 2 is afgekondigd.", "incidents", "GRIP"),
        ("De hulpdiensten zijn ter plaatse bij het station.", "incidents", None),
        ("De gemeente stapt naar de Raad van State.", "legal", "Raad van State"),
        ("Wij hebben aangifte gedaan van de vernielingen.", "legal", "aangifte"),
        ("Ons bezwaarschrift is verstuurd.", "legal", "bezwaarschrift"),
        ("Bij de reorganisatie verdwijnen twintig banen.", "staff", "reorganisatie"),
        ("De directeur is geschorst.", "staff", "geschorst"),
        ("Het college beslist volgende week over het zwembad.", "council", None),
        ("Er is nog geen besluit over de kermis.", "council", "nog geen besluit"),
        ("De krant belde me net over de sluiting.", "press", "De krant belde"),
        ("Een journalist van Omrop Fryslân vroeg ernaar.", "press", "journalist"),
        ("Stemadvies voor de gemeenteraadsverkiezingen?", "elections", "Stemadvies"),
        ("Onze lijsttrekker komt langs.", "elections", "lijsttrekker"),
    ],
)
def test_topics_fire(text: str, group: str, seen: str | None) -> None:
    found = find_topics(text)
    assert [m.group for m in found][:1] == [group], text
    if seen is not None:
        assert text[found[0].start : found[0].end] == seen


@pytest.mark.parametrize(
    "text",
    [
        "Open dag bij de brandweerkazerne aan de Hemrik: zaterdag van 10 tot 16 uur!",
        "De brandweer zoekt vrijwilligers. Meld je aan!",
        "De collegevergadering is openbaar.",
        "Vergeet je zonnebrand niet op de markt!",
        "Per ongeluk de verkeerde datum genoemd, excuses.",
        "De rechter rijstrook van de Drachtsterweg is afgesloten.",
        "Aangifte van geboorte doe je binnen drie dagen bij de gemeente.",
        "Doe altijd aangifte bij de politie als je bent opgelicht.",
        "Krijg grip op je geldzaken met onze budgetcursus.",
        "Stem op jouw favoriet in de sportverkiezingen!",
        "Hij stapt op de fiets naar het stadhuis.",
        "Het zwembad is morgen open van 9 tot 17 uur.",
        "Wat is jouw beroep? Kom naar de banenmarkt.",
        "Persoonlijke hulp bij je belastingaangifte.",
        "We zoeken vrijwilligers voor het stembureau bij de verkiezingen in maart.",
        "Het interview met de nieuwe stadsdichter lees je op onze website.",
    ],
)
def test_harmless_posts_do_not_fire(text: str) -> None:
    assert find_topics(text) == [], text


def test_one_hit_per_group_in_group_order() -> None:
    text = "Een journalist vroeg naar de brand. De brand is uit, de brandweer is ter plaatse."
    assert [m.group for m in find_topics(text)] == ["incidents", "press"]


def test_users_moment_3_gives_doubt_with_who_to_align_with() -> None:
    policy = parse_policy(
        {"spokesperson": {"align_with": "teamleider Wijken en Communicatie"}}, "t"
    )
    report = check(
        Post(HEECHTERP, account="in-function", bio="Medewerker wijkteam bij gemeente"), policy
    )
    assert report.verdict is Verdict.DOUBT
    (finding,) = [f for f in report.findings if f.category is Category.SPOKESPERSON]
    assert finding.rule == "SP01" and finding.span.text == "brand"
    assert finding.guidelines == ("MW-4",)
    assert "teamleider Wijken en Communicatie" in finding.suggestion
    assert "woordvoerder" in finding.suggestion


def test_policy_topics() -> None:
    policy = parse_policy({"spokesperson": {"topics": ["De Blauwe Golf", "Zuidlanden*"]}}, "t")
    found = hits("Nieuws over de blauwe  golf en de Zuidlandenbrug.", policy)
    assert [h.trace[0] for h in found] == ["topic group policy"]
    (m,) = [m for m in find_topics("de Zuidlandenbrug", ("Zuidlanden*",))]
    assert (m.start, m.end) == (3, 17)
    assert hits("Nieuws over de Blauwe Golf.") == []


def test_bad_policy_topic_is_ignored_not_fatal() -> None:
    policy = parse_policy({"spokesperson": {"topics": ["...", "*", "Zeedijk"]}}, "t")
    assert len(hits("Het Zeedijk-project loopt.", policy)) == 1


def test_entry_syntax() -> None:
    with pytest.raises(EntrySyntaxError):
        parse_entry("... brand", "x")
    with pytest.raises(EntrySyntaxError):
        parse_entry("brand *", "x")
    m = PhraseMatcher([parse_entry("*brand|brandje", "x"), parse_entry("=OM", "y")])
    text = "Natuurbrand, brandje, brandweer, om, OM."
    assert [text[x.start : x.end] for x in m.find(text)] == ["Natuurbrand", "brandje", "OM"]
    gap = PhraseMatcher([parse_entry("sluit ramen ... deuren", "x")])
    assert gap.find("sluit ramen en alle deuren")
    assert not gap.find("sluit ramen want het is koud en daarna de tuin en deuren")


def test_every_group_has_a_list_and_the_lists_parse() -> None:
    matcher = topic_matcher()
    groups = {m.group for m in matcher.find(" ".join(GROUPS))}  # smoke: lists loaded
    assert isinstance(groups, set)
    from importlib import resources

    folder = resources.files("krantentoets") / "data" / "topics"
    for group in GROUPS:
        assert (folder / f"{group}.txt").is_file()
    assert (folder / "README.txt").is_file()


@pytest.mark.parametrize(
    "text",
    [
        "a" * 50000,
        ("sluit ramen " + "en " * 20) * 1600,
        "brandbrand" * 5000,
        "de " * 16000,
        "pers" * 12000,
        "mijn rechtszaak tegen mij " * 1900,
        "rechter " * 3000 + "tegen mij " * 2000,
    ],
)
def test_pathological_input_is_fast(text: str) -> None:
    with cpu_budget():
        hits(text[:50000])


@pytest.mark.parametrize(
    "text",
    [
        "Lees het interview met onze burgemeester in de Leeuwarder Courant.",
        "Mooi stuk in de Volkskrant over ons nieuwe park!",
        "De nieuwe citybrand van Leeuwarden is gelanceerd.",
        "Kijk vanavond naar de NOS: onze stad in het journaal.",
    ],
)
def test_naming_a_newspaper_or_a_brand_is_no_spokesperson_topic(text: str) -> None:
    assert not [f for f in check(Post(text)).findings if f.rule == "SP01"]


def test_a_newspaper_that_calls_is_a_press_question() -> None:
    text = "De Leeuwarder Courant belde me net over de sluiting van het zwembad."
    assert [f for f in check(Post(text)).findings if f.rule == "SP01"]


# -- issue 10: a topic must concern the organisation --------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "De jeugdzorg verkeert in crisis. Gemeentes hebben miljoenentekorten.",
        "Kijk live mee naar de persconferentie van de premier.",
        "De aardbevingen in Turkije en Syrië zijn een ramp.",
        "Morgen Kamerdebat over de rellen in Nederland.",
        "Vandaag weer aangifte gedaan tegen mensen die mij bedreigen.",
        "Nog vier weken tot de gemeenteraadsverkiezingen! Stem op ons.",
        "Op welke lijsttrekker let jij vanavond?",
    ],
)
def test_news_and_campaigning_on_an_office_holders_account_need_no_alignment(text: str) -> None:
    assert hits(text, account="in-function") == [], text


@pytest.mark.parametrize(
    "text",
    [
        "Er is brand in de wijk Heechterp; blijf binnen.",
        "Grote woningbrand aan de Drachtsterweg vannacht.",
        "De rechtszaak tegen de gemeente begint morgen.",
        "Een journalist vroeg me net naar de sluiting van het zwembad.",
    ],
)
def test_topics_that_concern_the_organisation_still_ask_for_alignment(text: str) -> None:
    for account in ("organisation", "in-function", "personal"):
        assert hits(text, account=account), (account, text)


def test_policy_places_tie_an_incident_to_the_organisation() -> None:
    text = "Explosie bij een bedrijf in Goutum vannacht."
    assert hits(text) == []
    policy = parse_policy({"spokesperson": {"places": ["Goutum"]}}, "t")
    (hit,) = hits(text, policy)
    assert "Goutum" in hit.trace[-1]


def test_elections_are_never_a_spokesperson_topic_for_an_office_holder() -> None:
    text = "De gemeenteraadsverkiezingen in onze gemeente komen eraan."
    assert hits(text, account="in-function") == []
    assert hits(text, account="organisation")


# -- issue 10, round 2: the author's own legal proceedings --------------------------------


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        ("Morgen begint het politieke proces tegen mij weer. Een schande.", "proces tegen"),
        ("Steun gevraagd in de Tweede Kamer voor een enquête over mijn proces.", "mijn proces"),
        ("Dit gaat veel verder dan mijn rechtszaak.", "rechtszaak"),
        ("Ik word vervolgd voor mijn woorden in de Kamer.", "vervolgd"),
        ("Mijn advocaat heeft namens mij hoger beroep ingesteld.", "advocaat"),
        ("De klagers die geld van me willen zien, zijn vandaag bij het Hof.", "bij het Hof"),
        ("Het OM eist een taakstraf tegen mezelf, omdat ik de waarheid sprak.", "=OM"),
        ("Ik sta morgen terecht bij de rechtbank in Utrecht.", "rechtbank"),
    ],
)
def test_the_authors_own_proceedings_ask_for_alignment_on_every_account(
    text: str, seen: str
) -> None:
    for account in ("in-function", "personal", "organisation"):
        (hit,) = hits(text, account=account)
        assert hit.trace[0] == "topic group legal"
        assert hit.trace[-1].startswith("the author's own matter"), (account, text)
        if not seen.startswith("="):
            assert text[hit.start : hit.end] == seen


@pytest.mark.parametrize(
    "text",
    [
        "Het proces tegen de verdachten van de aanslag in Utrecht begint morgen.",
        "Het proces tegen Wilders begint morgen in Schiphol.",
        "Het democratische proces moet beschermd worden.",
        "Het productieproces in de fabriek ligt stil.",
        "Mijn beroep is leraar en de rechter is mijn buurman.",
        "Van mij mag de rechter strenger straffen.",
        "Mijn collega's vinden het vonnis in de zaak van Jan veel te mild.",
        "Ik heb het geweld tegen agenten veroordeeld.",
        "Vandaag weer aangifte gedaan tegen mensen die mij bedreigen.",
        "Het proces van de omgevingsvisie loopt volgens mij goed.",
        "Mijn proces van rouwverwerking duurt lang; veel steun van de Kamer.",
    ],
)
def test_someone_elses_trial_or_another_process_is_no_own_matter(text: str) -> None:
    assert hits(text, account="in-function") == [], text


def test_the_message_says_the_author_is_a_party() -> None:
    (hit,) = hits("Morgen begint het proces tegen mij.", account="in-function")
    assert "zelf partij" in hit.message.nl


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        (
            "Een tentoonstelling bij het stadhuis over de slachtoffers van het toeslagenschandaal.",
            False,
        ),
        ("Gebed bij het stadhuis voor ‘slachtoffers’ van een oorlog ver weg.", False),
        ("Drie slachtoffers bij een aanrijding bij het stadhuis vannacht.", True),
    ],
)
def test_victims_of_a_scandal_and_scare_quoted_words_are_no_incident(
    text: str, flagged: bool
) -> None:
    assert bool(hits(text, account="in-function")) is flagged, text


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("De Kamer laat hem wegkomen. Hij verdient een motie van wantrouwen.", False),
        ("Vanavond stemt de raad over een motie van wantrouwen tegen de wethouder.", True),
    ],
)
def test_the_national_parliament_is_elsewhere_for_an_organisation(text: str, flagged: bool) -> None:
    assert bool(hits(text, account="organisation")) is flagged, text


def test_an_office_holder_is_not_told_to_ask_a_manager() -> None:
    from krantentoets.check import check
    from krantentoets.policy import load_policy
    from krantentoets.post import Post

    text = "Morgen begint het proces tegen mij. Ik ga die onzin niet aanhoren."
    policy = load_policy(profile="mandatarissen")
    found = [f for f in check(Post(text), policy).findings if f.rule == "SP01"]
    assert found, "the author's own trial is a spokesperson topic"
    advice = " ".join(str(f.suggestion) for f in found)
    assert "leidinggevende" not in advice and "woordvoerder" in advice
