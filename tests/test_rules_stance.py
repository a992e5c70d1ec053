"""Rule family ``stance`` (ST01): a personal account taking a position on its own organisation."""

from __future__ import annotations

import pytest

from guards import cpu_budget
from krantentoets.check import check
from krantentoets.policy import default_policy, parse_policy
from krantentoets.post import AccountKind, Post
from krantentoets.report import Category, Severity, Verdict
from krantentoets.rules.base import CheckContext
from krantentoets.rules.stance import PublicStance


def hits(text: str, policy=None, account=AccountKind.PERSONAL) -> list:
    ctx = CheckContext(policy or default_policy())
    return list(PublicStance().check(Post(text, account=account), ctx))


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        (
            "Ik vind het besluit van het college om de bieb te sluiten echt schandalig.",
            "schandalig",
        ),
        ("Het college sluit de bieb in Heechterp. Schandalig!", "Schandalig"),
        (
            "Ik ben het totaal niet eens met de raad over de parkeertarieven.",
            "Ik ben het totaal niet eens",
        ),
        ("Dit parkeerbeleid moet worden teruggedraaid.", "moet worden teruggedraaid"),
        ("Ik ben tegen de plannen van het college voor de Zuidlanden.", "Ik ben tegen"),
        ("Wat een slecht besluit van de gemeenteraad.", "slecht besluit"),
        ("Belachelijk dat de gemeente de subsidie voor de muziekschool schrapt.", "Belachelijk"),
        ("Teken de petitie tegen de bezuinigingen van de gemeente!", "Teken de petitie"),
    ],
)
def test_criticism_of_own_organisation_warns(text: str, seen: str) -> None:
    (hit,) = hits(text)
    assert text[hit.start : hit.end] == seen
    assert hit.severity is None  # the rule's own severity: warn


@pytest.mark.parametrize(
    "text",
    [
        "Goed besluit van de gemeenteraad om het zwembad open te houden.",
        "Ik vind het mooi dat de gemeente het zwembad opknapt.",
        "Terecht dat de burgemeester de noodverordening afkondigde.",
        "Ik steun het nieuwe parkeerbeleid van harte.",
    ],
)
def test_agreement_is_only_a_note(text: str) -> None:
    (hit,) = hits(text)
    assert hit.severity is Severity.INFO


@pytest.mark.parametrize(
    "text",
    [
        "De gemeente opent morgen het nieuwe zwembad.",
        "ik vind deze taart heerlijk",
        "De gemeente opent morgen het zwembad. Ik vind deze taart trouwens heerlijk.",
        "Voor vragen kun je terecht bij de gemeente.",
        "Daar kun je terecht, zegt de gemeente.",
        "Ik ben voor de tweede keer naar de raadsvergadering geweest.",
        "Wat een belachelijk weer vandaag, ik blijf lekker binnen.",
        "Mijn buurman vindt zijn nieuwe fiets geweldig.",
        "Schandalig lekker, die appeltaart van de markt!",
    ],
)
def test_neutral_sharing_and_unrelated_opinions_do_not_fire(text: str) -> None:
    assert hits(text) == [], text


@pytest.mark.parametrize("account", [AccountKind.ORGANISATION, AccountKind.IN_FUNCTION])
def test_only_personal_accounts(account: AccountKind) -> None:
    assert hits("Ik vind het besluit van het college schandalig.", account=account) == []


def test_organisation_name_from_policy_counts_as_reference() -> None:
    policy = parse_policy({"organisation": {"name": "Stad Gent", "aliases": ["Gent"]}}, "t")
    text = "Ik ben het er niet mee eens wat Gent met de Gentse Feesten doet."
    assert hits(text, policy)
    assert hits(text) == []


def test_check_cites_stance_guideline_and_gives_doubt() -> None:
    post = Post("Ik vind het besluit van het college echt belachelijk.", account="personal")
    for profile, gid in (("medewerkers", "MW-5"), ("mandatarissen", "MA-2")):
        report = check(post, default_policy(profile))
        (f,) = [f for f in report.findings if f.category is Category.STANCE]
        assert f.rule == "ST01" and f.guidelines == (gid,)
        assert report.verdict is Verdict.DOUBT


@pytest.mark.parametrize(
    "text",
    ["ik vind de gemeente " * 2500, "x" + "besluit" * 7000, "terecht " * 6000, "." * 50000],
)
def test_pathological_input_is_fast(text: str) -> None:
    with cpu_budget():
        hits(text[:50000])


# -- ST02: partisan politics on an organisation account (issue 10) -------------------------


def _st02(text: str, account: str = "organisation", policy=None) -> list:
    from krantentoets.rules.stance import PartisanPosition

    ctx = CheckContext(policy or default_policy())
    return list(PartisanPosition().check(Post(text, account=account), ctx))


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("Stem 15 maart op onze kandidaten!", "vote"),
        ("Bedankt voor je stem, Marijn!", "vote"),
        ("Word lid en praat mee.", "membership"),
        ("Lees meer over ons standpunt.", "own-party"),
        ("Het kabinet moet de bezuiniging terugdraaien.", "attack"),
        ("#VVD wil lagere lasten.", "party"),
        ("D66-Kamerlid @USER is vanavond te gast.", "party"),
        ("De minister moet aftreden na dit debacle.", "attack"),
        ("Ik zal de regering geen dag met rust laten.", "attack"),
        ("We roepen de minister vandaag ter verantwoording.", "attack"),
        ("Lees hier onze motie over de huurprijzen.", "own-party"),
        ("Vanavond weer debat. #JansenMoetWeg", "hashtag"),
        ("Vanavond weer debat. #KabinetMoetWeg", "attack"),
        ("Stop de bezuiniging #StemZeWeg", "vote"),
        ("Dit is een politiek proces tegen een oppositieleider.", "attack"),
        ("Lees onze plannen voor Nederland.", "own-party"),
    ],
)
def test_partisan_signals_on_an_organisation_account(text: str, signal: str) -> None:
    (hit,) = _st02(text)
    assert hit.start is None  # a judgement of the whole post
    assert f"[{signal}]" in hit.trace[0]


@pytest.mark.parametrize(
    "text",
    [
        "Op 15 maart zijn de verkiezingen. Kijk op de website waar je stembureau is.",
        "Fijne #GlobalPride! Dit jaar online.",
        "Vernielingen in het park: onacceptabel. Zie je iets? Bel 14 058.",
        "De gemeenteraad vergadert donderdag over de begroting.",
        # team-written municipal posts with campaign hashtags and council business
        "Samen tegen pesten op school. #StopPesten #Leeuwarden",
        "De oude boom moet weg voor de nieuwe fietsbrug.",
        "De raad nam gisteren de motie over het zwembad aan.",
        "Doe mee met de opschoondag! #ZwerfafvalWeg",
        "Bekijk onze plannen voor het stadscentrum van Leeuwarden.",
        "Het politieke debat in de raad begint om 19.30 uur.",
    ],
)
def test_neutral_information_is_not_partisan(text: str) -> None:
    assert _st02(text) == []


def test_office_holders_may_campaign() -> None:
    assert _st02("Stem 15 maart op onze kandidaten!", account="in-function") == []
    assert _st02("Stem 15 maart op onze kandidaten!", account="personal") == []


def test_policy_adds_partisan_signals() -> None:
    policy = parse_policy({"stance": {"partisan": ["Leefbaar Leeuwarden"]}}, "t")
    assert _st02("Leefbaar Leeuwarden heeft gelijk.") == []
    assert _st02("Leefbaar Leeuwarden heeft gelijk.", policy=policy)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Nieuw VVD Journaal: deze week over wonen.", "VVD Journaal"),
        ("Stem SP op 17 maart!", "Stem SP"),
        ("De CDA Fractie dient een motie in.", "CDA Fractie"),
    ],
)
def test_party_abbreviation_is_case_sensitive_but_its_words_are_not(text: str, found: str) -> None:
    from krantentoets.rules.stance import find_partisan

    assert found in [text[m.start : m.end] for m in find_partisan(text)]


def test_lower_case_abbreviation_is_no_party() -> None:
    from krantentoets.rules.stance import find_partisan

    assert find_partisan("Het sp journaal van de school") == []


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("Wat fijn dat jullie voor ons kiezen!", "vote"),
        ("Steun het burgerinitiatief voor betaalbare huren!", "membership"),
        ("Huren stijgen al jaren. En wij gaan dat veranderen!", "own-party"),
        ("Dit is het resultaat van tien jaar rechts beleid.", "attack"),
        ("Het neoliberale kabinet laat de zorg verkommeren.", "attack"),
        ("Wat het CDA betreft komt er een nieuwe wet.", "party"),
        ("GroenLinks en SP presenteren vandaag een woonplan.", "party"),
    ],
)
def test_partisan_signals_third_round(text: str, signal: str) -> None:
    (hit,) = _st02(text)
    assert f"[{signal}]" in hit.trace[0]


@pytest.mark.parametrize(
    "text",
    [
        "Kies voor ons zwembad: open op zondag!",
        "We gaan de Stationsweg veranderen in een fietsstraat.",
        "Het college presenteert vandaag de begroting.",
        "Rechts afslaan bij de rotonde is tijdelijk niet mogelijk.",
        "Steun de voedselbank met een gift in de inzamelton.",
    ],
)
def test_neutral_information_is_not_partisan_third_round(text: str) -> None:
    assert _st02(text) == []


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("Samen bouwen we aan de toekomst. #KiesVoorDoen", "hashtag"),
        ("Wij geloven in een land waar iedereen meetelt.", "own-party"),
        ("We kiezen voor een eerlijker Nederland.", "own-party"),
        ("Het kabinet laat de boeren keihard in de steek.", "attack"),
    ],
)
def test_partisan_signals_third_round_second_part(text: str, signal: str) -> None:
    (hit,) = _st02(text)
    assert f"[{signal}]" in hit.trace[0]


@pytest.mark.parametrize(
    "text",
    [
        "Kies voor een gezonde lunch! #GezondOpSchool",
        "Wij geloven in een sterke binnenstad met ruimte voor ondernemers.",
        "De buren laten de hond in de steek: bel de dierenambulance.",
    ],
)
def test_neutral_information_is_not_partisan_third_round_second_part(text: str) -> None:
    assert _st02(text) == []


# -- ST02: user review (campaigning with an article, Flemish parties, local campaigns) -----


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        # a call to vote for a party with a preposition or an article
        ("Stem op de VVD bij de verkiezingen!", "party"),
        ("Steun het CDA, steun de buurt.", "party"),
        ("Kies voor GroenLinks-PvdA op 29 oktober.", "party"),
        ("Stem voor BBB, voor het platteland.", "party"),
        ("Morgen stemmen? Stem op JA21.", "party"),
        # Flemish parties, also full names and local lists
        ("Zondag stemmen we: kies voor N-VA.", "party"),
        ("Stem op Vooruit voor een sterk Antwerpen.", "party"),
        ("Kies voor Groen in je gemeente.", "party"),
        ("Stem op het Vlaams Belang.", "party"),
        ("Steun Open Vld op 13 oktober.", "party"),
        ("Stem op Team Fouad Ahidar.", "party"),
        ("Kies voor CD&V.", "party"),
        ("Stem op de Partij voor de Dieren.", "party"),
        # campaigning on a local decision as the organisation
        ("Stem donderdag tegen het nieuwe windpark!", "vote"),
        ("We vragen iedereen om tegen de sluiting van het zwembad te stemmen.", "vote"),
        ("Stem volgende week voor het plan voor de nieuwe sporthal!", "vote"),
        # strikes and demonstrations against the government
        ("Wij roepen alle inwoners op om te demonstreren op het Malieveld.", "protest"),
        ("De gemeente roept het personeel op om mee te staken.", "protest"),
        ("Steun de staking van de leraren!", "protest"),
        ("Kom zaterdag naar de demonstratie tegen de bezuinigingen.", "protest"),
        ("Wij staken mee tegen de plannen van de minister.", "protest"),
    ],
)
def test_partisan_campaigning_found_in_user_review(text: str, signal: str) -> None:
    (hit,) = _st02(text)
    assert f"[{signal}]" in hit.trace[0], hit.trace


@pytest.mark.parametrize(
    "text",
    [
        # reporting council business that names a party is neutral information
        "De raad gaat donderdag stemmen over de motie van de VVD over de kermis.",
        "Donderdag bespreekt de raad het amendement van de SP-fractie over de huren.",
        "De raad stemt vanavond over het voorstel van het CDA. Kijk live mee.",
        "De raad stemt voor de D66-motie over de bibliotheek.",
        "De fractie steunt het CDA-amendement over de kermis niet.",
        # practical election information
        "Het stembureau in het gemeentehuis is open van 7.30 tot 21.00 uur.",
        "Vergeet niet te stemmen! Stem ten laatste tegen 13 uur.",
        "Wij roepen iedereen op om te gaan stemmen.",
        # common words that are also party names, written in lower case
        "Kies voor groen in je tuin: tegel eruit, plant erin!",
        "Denk mee over de nieuwe speeltuin.",
        "We gaan vooruit met de renovatie van het stadhuis.",
        # news about a demonstration, charity and remembrance
        "Door een demonstratie tegen het kabinet is het Stationsplein zaterdag afgesloten.",
        "Steun de actie van de voedselbank met een gift.",
        "Loop zondag mee in de stille tocht voor de slachtoffers.",
    ],
)
def test_neutral_information_is_not_partisan_user_review(text: str) -> None:
    assert _st02(text) == [], [h.trace for h in _st02(text)]


def test_party_in_council_business_does_not_hide_a_call_to_vote() -> None:
    from krantentoets.rules.stance import find_partisan

    text = "De raad stemt over de motie van de VVD-fractie. Stem op de VVD!"
    seen = [text[m.start : m.end] for m in find_partisan(text)]
    assert seen == ["Stem op de VVD"]
    (hit,) = _st02(text)
    assert "[party]" in hit.trace[0]


@pytest.mark.parametrize(
    "text",
    [
        "Stem op de VVD!",
        "Stem donderdag tegen de komst van het nieuwe windpark!",
        "Ik roep iedereen op om te demonstreren tegen het kabinet.",
    ],
)
def test_office_holders_may_still_campaign(text: str) -> None:
    assert _st02(text) != []
    for account in ("in-function", "personal"):
        assert _st02(text, account=account) == []
    post = Post(text, account="in-function")
    report = check(post, default_policy("mandatarissen"))
    assert not [f for f in report.findings if f.rule == "ST02"]
