"""Person names: the rules and the tagger combined, and whether a person is public."""

from __future__ import annotations

import pytest

from krantentoets.detect.persons import PersonName, find_names, find_person_names


def _private(text: str) -> list[str]:
    return [s.text for s in find_names(text)]


def _persons(text: str, **kw: object) -> list[PersonName]:
    return find_person_names(text, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the rule gaps of the issue, each as its own failure type
        ("Ik sprak gisteren met Bakker-van Dijk over de klacht.", "Bakker-van Dijk"),
        ("Gisteren belde van den Heuvel over de stoep.", "van den Heuvel"),
        ("Mevrouw van den Heuvel belde over de stoep.", "van den Heuvel"),
        ("Het verzoek van J Smit is in behandeling.", "J Smit"),
        ("Ook meneer v.d. Berg was boos over de brug.", "v.d. Berg"),
        ("Wij hebben v/d Veen gesproken over de aanvraag.", "v/d Veen"),
        ("Wij spraken gisteren ook Vanden Bossche en zijn zoon.", "Vanden Bossche"),
        ("Gisteren belde De Smedt over de stoep.", "De Smedt"),
        ("Wij hebben ook Van Hecke gesproken.", "Van Hecke"),
        ("Ik sprak met Wessel de Boer over de aanvraag.", "Wessel de Boer"),  # also a place
        ("Wij kregen een brief van Maurik Jansen over de brug.", "Maurik Jansen"),
        ("Volgens Kowalczyk is de brug te smal.", "Kowalczyk"),  # an unlisted surname alone
        ("Ik sprak met Aleksandra Wozniak over haar aanvraag.", "Aleksandra Wozniak"),
        ("Haar buurman Kowalczyk heeft de melding gedaan.", "Kowalczyk"),
        ("De familie Yilmaz woont al twintig jaar in de wijk.", "Yilmaz"),
    ],
)
def test_name_shapes_found_as_private(text: str, name: str) -> None:
    assert name in _private(text)


@pytest.mark.parametrize(
    "text",
    [
        "We gaan met de Rabobank naar Gent en Brugge.",
        "Hoi Anja, het grofvuil komt donderdag.",
        "Leerlingen van de Jan Ligthartschool zongen een lied.",
        "Het Anne Frank Huis trok veel bezoekers.",
        "De VVD en het CDA stemden tegen het voorstel van GroenLinks.",
        "Dank aan @USER en #Leeuwarden voor de mooie dag.",
        "Morgen Open Dag in het Stadhuis van Leeuwarden.",
    ],
)
def test_no_private_name(text: str) -> None:
    assert _private(text) == []


def test_hyphenated_role_does_not_swallow_the_first_name() -> None:
    (p,) = _persons("Volgens CDA-wethouder Piet Jansen gaat het goed.")
    assert (p.text, p.public) == ("Piet Jansen", True)
    assert "wethouder" in p.public_reason
    (p,) = _persons("Volgens ploegvoorzitter Jan Peeters gaat het goed.")
    assert (p.text, p.public) == ("Jan Peeters", True)


def test_function_after_the_name_makes_it_public() -> None:
    (p,) = _persons("Dat zei Fatima Ouali, woordvoerder van de politie, gisteren.")
    assert p.public and p.kind == "public"


def test_public_figures_and_office_holders() -> None:
    text = "Mark Rutte sprak met Sanne Visser. Rutte was blij, Visser ook."
    persons = _persons(text)
    assert [(p.text, p.public) for p in persons] == [
        ("Mark Rutte", True),
        ("Sanne Visser", False),
        ("Rutte", True),
        ("Visser", False),
    ]
    persons = _persons(text, office_holders=("Sanne Visser",))
    assert all(p.public for p in persons)


def test_private_names_feed_the_personal_data_detector() -> None:
    from krantentoets.detect.personal_data import find_personal_data

    spans = find_personal_data("Ik sprak met Bakker-van Dijk en wethouder Jansen.")
    assert [(s.text, s.kind) for s in spans] == [("Bakker-van Dijk", "person-name")]
    assert "name tagger" in spans[0].trace


def test_first_names_alone_are_found_but_not_flagged_by_the_check() -> None:
    persons = _persons("Hoi Murat, dank voor je bericht! ^Kim")
    assert [(p.text, p.kind, p.first_name_only) for p in persons] == [
        ("Murat", "private", True),
        ("Kim", "public", True),  # a webcare signature: staff in role
    ]
    assert _private("Hoi Murat, dank voor je bericht!") == []


def test_first_name_of_a_person_found_takes_their_kind() -> None:
    persons = _persons("Mark Rutte sprak. Later zei Mark dat het goed ging.")
    assert [(p.text, p.public) for p in persons] == [("Mark Rutte", True), ("Mark", True)]


def test_surname_of_a_public_figure_unless_a_civil_title() -> None:
    (p,) = _persons("Ik sprak met Rutte over het plan.")
    assert p.public
    assert _private("Geachte heer Rutte, dank voor uw brief.") == ["Rutte"]


@pytest.mark.parametrize(
    "text",
    [
        "Het ministerie van BuZa Alexander gaf geen antwoord.",
        "Een brief van Financiën kwam gisteren binnen.",
        "Ministers Blok en Hoekstra reisden af.",
    ],
)
def test_organisations_prepositions_and_roles_are_no_private_names(text: str) -> None:
    assert _private(text) == []


def test_redaction_removes_a_private_first_name_alone() -> None:
    from krantentoets.archive.redaction import Redactor

    red = Redactor().redact("Hoi Murat, je melding is doorgezet. ^Kim")
    assert red.text == "Hoi [naam], je melding is doorgezet. ^Kim"


def test_the_check_leaves_the_organisations_office_holders() -> None:
    from krantentoets.check import check
    from krantentoets.policy import default_policy, parse_policy
    from krantentoets.post import Post

    text = "Gisteren sprak ik met Sanne Visser over de nieuwe speeltuin."
    post = Post(text, platform="x")
    assert "PD10" in {f.rule for f in check(post, default_policy()).findings}
    policy = parse_policy({"archive": {"office_holders": ["Sanne Visser"]}}, "test")
    assert "PD10" not in {f.rule for f in check(post, policy).findings}


@pytest.mark.parametrize(
    ("text", "name", "kind", "why"),
    [
        # private evidence
        ("Mevrouw Jansen uit Sneek belde over de stoep.", "Jansen", "private", "uit"),
        ("De familie Yilmaz woont al twintig jaar in de wijk.", "Yilmaz", "private", "familie"),
        ("@USER Dank voor je steun, Jan.", "Jan", "private", "reply"),
        ("@USER Helemaal mee eens Rens!", "Rens", "private", "reply"),
        ("@USER Hallo Adam, je krijgt een mail.", "Adam", "private", "greeted"),
        ("Dit deed Saleh A. Joods restaurant aan.", "Saleh A.", "private", "initial"),
        # public evidence
        ("Fijn gesprek met Lilian Helder @USER vandaag.", "Lilian Helder", "public", "handle"),
        ("Geïnterviewd door Piet Smit van @USER vandaag.", "Piet Smit", "public", "organisation"),
        ("Sigrid vloog de wereld over als minister van Handel.", "Sigrid", "public", "als"),
        (
            "Gesproken met de minister van BuZa Alexander Grushko.",
            "Alexander Grushko",
            "public",
            "minister",
        ),
        (
            "De lijsttrekkers Eric de Bie en Fred Walrvens spraken.",
            "Fred Walrvens",
            "public",
            "list",
        ),
        ("Sietse Fritsma en Roy van Aalst waren jarig.", "Roy van Aalst", "public", "list"),
        ("Voor wie staat u hier, meneer Dijkhoff? #PVV", "Dijkhoff", "public", "parliament"),
        ("@USER Goed punt. ^ Ivo", "Ivo", "public", "signature"),
        # neither: a note, not a private person
        ("Arthur Morales won de essaywedstrijd.", "Arthur Morales", "unknown", ""),
        # a civil title in a council debate: how members are addressed
        ("Mevrouw Bakker sprak in de gemeenteraad.", "Bakker", "public", "parliament"),
    ],
)
def test_public_or_private_by_evidence(text: str, name: str, kind: str, why: str) -> None:
    (p,) = [p for p in _persons(text) if p.text == name]
    assert p.kind == kind
    reason = p.public_reason or p.private_reason
    assert why in reason if why else reason == ""


def test_names_without_evidence_are_still_redacted_and_noted() -> None:
    """``unknown`` is not a private finding's warning but still personal data to redact."""
    from krantentoets.archive.redaction import Redactor

    text = "Arthur Morales won de essaywedstrijd."
    assert _private(text) == ["Arthur Morales"]
    assert Redactor().redact(text).text.startswith("[naam] won")


@pytest.mark.parametrize(
    "text",
    [
        "Mark je agenda: op 14 maart is de opening.",
        "Wij lezen De Telegraaf en De Volkskrant.",
        "Morgen in De Kuip tegen Ajax.",
        "Het Kamerdebat over de Klimaatwet begint.",
        "Kijk vanavond naar het Journaal.",
    ],
)
def test_no_name_alone_in_ordinary_capitalised_words(text: str) -> None:
    assert _persons(text) == []
