"""Person names in news-style Dutch and Flemish that the rules missed or took for a name, one
failure type per test, each with sentences that must stay as they are. Sentences written by
the team (a tester's own set, not from any gold set)."""

from __future__ import annotations

import pytest

from krantentoets.detect.persons import PersonName, find_names, find_person_names


def _found(text: str) -> dict[str, PersonName]:
    return {p.text: p for p in find_person_names(text)}


def _kind(text: str, name: str) -> str:
    found = _found(text)
    assert name in found, f"{name!r} not found in {list(found)}"
    return found[name].kind


# -- a name on its own with what news writes after a private person's name ---------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # "uit <place>" after a listed surname, also at the start of a sentence
        ("Jansen uit Oss belde over de rioolheffing.", "Jansen"),
        ("Bakker uit Oss belde over de rioolheffing.", "Bakker"),
        ("Gisteren belde Visser uit Urk over de haven.", "Visser"),
        # an age in brackets after a first name at the start of a sentence
        ("Hans (71) uit Oss zag het ongeluk gebeuren.", "Hans"),
        # a first name and an initial with a dot at the start of a sentence
        ("Saleh A. moet zich volgende maand voor de rechter verantwoorden.", "Saleh A."),
        # a private role after a comma
        ("Vermeulen, bewoner van de Dorpsstraat, wil compensatie.", "Vermeulen"),
        # with its capitalised tussenvoegsels
        ("Van Leeuwen uit Gorinchem heeft zijn bezwaar ingediend.", "Van Leeuwen"),
        # a common surname of a public figure: "uit <place>" says it is someone else
        ("Peeters uit Turnhout wacht nog altijd op een antwoord.", "Peeters"),
        # the tagger's name without "uit <place>"
        ("De brief van Jansen uit Oss kwam gisteren.", "Jansen"),
        ("Thijs (12) en Fenna (10) verkochten limonade voor het goede doel.", "Thijs"),
        ("Volgens Vandenbroucke uit Kortrijk is het een schande.", "Vandenbroucke"),
    ],
)
def test_name_alone_with_private_cue_after(text: str, name: str) -> None:
    assert _kind(text, name) == "private"


def test_tussenvoegsel_before_a_lone_name_only_when_capitalised() -> None:
    text = "De brief van Jansen uit Oss kwam gisteren."
    assert [p.text for p in find_person_names(text)] == ["Jansen"]
    text = "Ik sprak met Piet Uit den Bogaard over het geld."
    assert [p.text for p in find_person_names(text)] == ["Piet Uit den Bogaard"]


def test_name_alone_with_private_cue_is_flagged_by_the_check() -> None:
    assert [s.text for s in find_names("Jansen uit Oss belde over de rioolheffing.")] == ["Jansen"]


@pytest.mark.parametrize(
    "text",
    [
        "Boeren uit Brabant protesteren in Den Haag.",  # a plural verb: farmers
        "Studenten uit Gent zijn boos over de huurprijzen.",
        "Huis (1920) te koop in Zwolle.",  # an organisation word
        "Zwolle, Deventer en Kampen werken samen.",  # places
        "Jansen, de wethouder, opende de brug.",  # a public function after the comma
        "Rutte zei het gisteren in Den Haag.",  # a public figure's surname without the cue
    ],
)
def test_no_private_name_without_person_cue(text: str) -> None:
    assert [p for p in find_person_names(text) if p.kind == "private"] == []


# -- a later mention of the surname ----------------------------------------------------------


def test_later_mention_at_sentence_start_of_a_word_surname() -> None:
    text = "Johan Brouwer (67) uit Emmen viel van zijn fiets. Brouwer brak zijn arm."
    found = find_person_names(text)
    assert [p.text for p in found] == ["Johan Brouwer", "Brouwer"]
    assert all(p.kind == "private" for p in found)


def test_imperative_with_the_surname_word_is_no_later_mention() -> None:
    text = "Anja Post belde gisteren. Post je vraag op de website."
    assert [p.text for p in find_person_names(text)] == ["Anja Post"]


def test_surname_alone_takes_the_kind_of_the_full_name() -> None:
    text = "Wethouder Lotte Smeets opende de brug. Volgens Smeets is het project een succes."
    assert _kind(text, "Smeets") == "public"


def test_other_surname_does_not_take_the_kind() -> None:
    text = "Wethouder Lotte Smeets opende de brug. Volgens Jansen is het project een succes."
    assert _kind(text, "Jansen") != "public"


# -- lists of private persons ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "persons"),
    [
        (
            "De bewoners Ali Demir, Sanne Kuipers en Tom Meijer dienden samen een bezwaar in.",
            ["Ali Demir", "Sanne Kuipers", "Tom Meijer"],
        ),
        (
            "De brief is ondertekend door J. Smit en K. de Wit, bewoners van de flat.",
            ["J. Smit", "K. de Wit"],
        ),
        (
            "Volgens de buren Kees Hendriks en Anouk Bos staat de auto er al weken.",
            ["Kees Hendriks", "Anouk Bos"],
        ),
    ],
)
def test_private_kind_shared_in_a_list(text: str, persons: list[str]) -> None:
    for name in persons:
        assert _kind(text, name) == "private", name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # family in the plural says nothing: sportspeople and royals have brothers too
        ("De broers Tim Peeters en Jan Peeters wonnen de wedstrijd.", "Tim Peeters"),
        # a first name greeted does not make the next names private
        ("Beste Karin, Frank Bakker en Els Smit hebben de stukken gelezen.", "Frank Bakker"),
    ],
)
def test_private_kind_not_shared(text: str, name: str) -> None:
    assert _kind(text, name) != "private"


# -- names inside the names of buildings, schools, saints ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Het Anne Frank Huis is gesloten.",
        "De Jan Pieterszoon Coenschool krijgt een nieuwe naam.",
        "Sint Maarten wordt gevierd op 11 november.",
        "De Koning Willem I College biedt opleidingen aan.",
        "Het Sint Franciscus Gasthuis krijgt een nieuwe vleugel.",
        "Sportpark De Bongerd wordt vernieuwd.",
    ],
)
def test_institution_names_are_no_persons(text: str) -> None:
    assert find_person_names(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Anne Frank schreef een dagboek.", "Anne Frank"),
        # a street and house number after the name: an address, the name stays
        ("Namens Willemijn Ploeg Dorpsstraat 4 Bunnik", "Willemijn Ploeg"),
        ("Gisteren belde De Bongerd over de rekening.", "De Bongerd"),
    ],
)
def test_names_next_to_organisation_words_stay(text: str, name: str) -> None:
    assert name in _found(text)


# -- evidence around the name -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Karin de Boer is wethouder van Zeist.", "Karin de Boer", "public"),
        ("Tom Hendriks was jarenlang raadslid in Zwolle.", "Tom Hendriks", "public"),
        (
            "Dmitri Volkov, een inwoner van Emmen, heeft bezwaar gemaakt.",
            "Dmitri Volkov",
            "private",
        ),
        ("De eigenaar van de hond, Gerard Bosman, kreeg een boete.", "Gerard Bosman", "private"),
        ("Getuige Robin Schut zag twee mannen wegrennen.", "Robin Schut", "private"),
    ],
)
def test_evidence_next_to_the_name(text: str, name: str, kind: str) -> None:
    assert _kind(text, name) == kind


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        # a function elsewhere in the sentence after "is ... op" is not said of the name
        ("Karin de Boer is boos op de wethouder.", "Karin de Boer", "unknown"),
        ("Piet de Vries, de wethouder van Zeist, opende de brug.", "Piet de Vries", "public"),
        ("Karin de Boer is vrijwilliger bij de voetbalclub.", "Karin de Boer", "private"),
    ],
)
def test_evidence_next_to_the_name_negative(text: str, name: str, kind: str) -> None:
    assert _kind(text, name) == kind


# -- text in capitals or without capitals -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("BEWONER PIET JANSEN UIT ZWOLLE IS WOEDEND OP DE GEMEENTE.", "PIET JANSEN"),
        ("mijn buurman piet jansen heeft de melding gedaan.", "piet jansen"),
        ("ik sprak met jan de boer uit lelystad.", "jan de boer"),
    ],
)
def test_names_in_text_without_the_usual_capitals(text: str, name: str) -> None:
    assert _kind(text, name) == "private"
    assert name in [s.text for s in find_names(text)]


@pytest.mark.parametrize(
    "text",
    [
        "WIJ WILLEN EEN BETER NEDERLAND VOOR IEDEREEN #STEMVVD",
        "vandaag in zwolle met de wethouder op bezoek bij de bakker",
        "dank je wel mark, top gedaan",  # a first name that is a word stays a word
        "@USER dank je wel voor je bericht, we kijken ernaar",
    ],
)
def test_text_without_the_usual_capitals_and_no_names(text: str) -> None:
    assert find_person_names(text) == []


def test_usual_capitals_are_not_recased() -> None:
    # handles in capitals do not make a post "in capitals": the signature stays
    (p,) = find_person_names("@USER @USER Goed bezig! ^SB")
    assert p.text == "SB" and p.public
