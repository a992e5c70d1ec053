"""Person names in the structure of Woo documents (letters, e-mails, minutes) and places the
deduce lists miss: one failure type per test, each with what must stay as it is. Sentences
written by the team (issue 11)."""

from __future__ import annotations

import pytest

from krantentoets.archive.redaction import NAME, Redactor
from krantentoets.detect.persons import find_person_names


def _found(text: str) -> dict[str, str]:
    return {p.text: p.kind for p in find_person_names(text)}


def _redacted(text: str) -> list[str]:
    return [text[r.start : r.end] for r in Redactor().find(text) if r.category == NAME]


# A public function on the line after a name signs a letter in that role.
def test_function_on_the_next_line_of_a_signature_is_public() -> None:
    text = "Met vriendelijke groet,\n\nHenk van Rossum\nwethouder Wonen\nGemeente Zeist"
    assert _found(text)["Henk van Rossum"] == "public"
    assert "Henk van Rossum" not in " ".join(_redacted(text))


def test_other_words_on_the_next_line_do_not_make_a_signature_public() -> None:
    text = "Met vriendelijke groet,\n\nHenk van Rossum\nafdeling Wonen\nGemeente Zeist"
    assert _found(text)["Henk van Rossum"] != "public"
    assert "Henk van Rossum" in _redacted(text)


# A function after a comma that a name follows is that name's function.
def test_function_before_the_next_name_is_not_the_previous_names() -> None:
    text = "Aanwezig: de heer Dekker, wethouder Van Loon en mevrouw Aydin."
    found = _found(text)
    assert found["Dekker"] == "private"
    assert found["Van Loon"] == "public"


def test_function_after_a_comma_without_a_name_stays_the_names() -> None:
    text = "Aanwezig: Joris Dekker, wethouder, en mevrouw Aydin."
    assert _found(text)["Joris Dekker"] == "public"


# A plural function before a comma and a line break is an organ, not the signer's function.
def test_plural_function_before_a_line_break_does_not_make_the_signer_public() -> None:
    text = (
        "Met vriendelijke groet,\nnamens het college van burgemeester en wethouders,\n"
        "Linda Boersma\nteam Belastingen"
    )
    assert _found(text)["Linda Boersma"] != "public"
    assert "Linda Boersma" in _redacted(text)


def test_singular_function_before_a_line_break_still_signs() -> None:
    text = "Hoogachtend,\nde burgemeester van Zeist,\n\nLinda Boersma"
    assert _found(text)["Linda Boersma"] == "public"
    text = "Dit zeiden de wethouders Linda Boersma en Karel Smit."
    assert _found(text)["Linda Boersma"] == "public"


# "De voorzitter, de heer X" in minutes: the function is said of the person.
def test_function_then_civil_title_in_minutes_is_public() -> None:
    text = "De voorzitter, de heer Meulenbelt, opent de vergadering om 19.30 uur."
    assert _found(text)["Meulenbelt"] == "public"


def test_civil_title_without_a_function_before_stays_private() -> None:
    text = "De inspreker, de heer Meulenbelt, vraagt om uitstel."
    assert _found(text)["Meulenbelt"] != "public"
    text = "Bewoners zijn boos, de heer Meulenbelt vraagt om uitstel."
    assert _found(text)["Meulenbelt"] == "private"


# In a list of those present, a function in brackets is that person's only.
def test_bracketed_function_in_a_list_is_not_shared() -> None:
    text = "Aanwezig: Inge Schouten (voorzitter), Ruben Kok, Sara Verhoef (notulist)"
    found = _found(text)
    assert found["Inge Schouten"] == "public"
    assert found["Ruben Kok"] != "public"
    assert "Ruben Kok" in _redacted(text)


def test_a_function_before_a_list_is_still_shared() -> None:
    text = "Aanwezig waren de wethouders Inge Schouten en Ruben Kok."
    found = _found(text)
    assert found["Inge Schouten"] == "public"
    assert found["Ruben Kok"] == "public"


# The name of a place or organisation after its noun is no person.
@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("De training is in sporthal De Koppel aan de rand van het dorp.", "De Koppel"),
        ("Het overleg in Buurthuis De Schakel gaat door.", "De Schakel"),
        ("De Stichting Welzijn Oost stuurt een brief.", "Welzijn Oost"),
    ],
)
def test_place_or_organisation_after_its_noun_is_no_person(text: str, place: str) -> None:
    assert not any(place in p.text for p in find_person_names(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ik sprak met buurman De Vries bij de sporthal.", "De Vries"),
        ("De sporthal van Marleen de Koning is dicht.", "Marleen de Koning"),
        ("Bij de stichting werkt mevrouw Jansen.", "Jansen"),
    ],
)
def test_names_near_a_place_noun_are_still_found(text: str, name: str) -> None:
    assert name in _found(text)


# Places that the deduce lists miss (data/names/places_extra.txt) or hold as a whole.
@pytest.mark.parametrize(
    "text",
    [
        "We wonen sinds kort in Den Bosch.",
        "De vergunning voor Koningsdag Den Bosch is binnen.",
        "Ze werkt bij de gemeente in 's-Hertogenbosch.",
        "Voorbij Den Dolder staat een boom.",
    ],
)
def test_places_are_no_person(text: str) -> None:
    assert find_person_names(text) == []


def test_a_person_with_a_surname_after_a_capitalised_word_is_still_found() -> None:
    assert "Xiomara Bosch" in _found("Gisteren belde Xiomara Bosch over de container.")


# Listed surnames on their own after a private role, a list after the role in the plural.
@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("De buren Jansen, Pietersen en De Vries klaagden over het lawaai.",
         ["Jansen", "Pietersen", "De Vries"]),
        ("De buren Bakker en Visser zijn boos over de bomen.", ["Bakker", "Visser"]),
        ("Volgens bewoner Verhoeven is de straat te donker.", ["Verhoeven"]),
        # a public figure's surname after a private role is someone else's
        ("De bewoners Kuipers en Smit kregen een brief.", ["Kuipers", "Smit"]),
    ],
)  # fmt: skip
def test_surnames_after_a_private_role_are_private(text: str, names: list[str]) -> None:
    found = _found(text)
    for name in names:
        assert found.get(name) == "private", (name, found)


@pytest.mark.parametrize(
    "text",
    [
        "De broers Jansen en Visser wonnen de etappe.",  # family in the plural: sportspeople
        "De bewoners Amsterdam en Utrecht zijn niet te vergelijken.",  # places
        "Bewoners Oost krijgen een brief.",  # a district, not a surname
    ],
)
def test_no_private_surnames_after_family_plurals_or_before_places(text: str) -> None:
    assert not any(kind == "private" for kind in _found(text).values())


def test_a_public_figures_surname_without_a_private_role_stays_public() -> None:
    assert _found("Jan Smit zong en Smit lachte.")["Smit"] == "public"


# The same full name again is the person judged where the evidence stands.
def test_a_full_name_mentioned_again_keeps_its_kind() -> None:
    text = "Aanwezig: Inge Schouten (voorzitter), Ruben Kok\n\nInge Schouten opent de vergadering."
    kinds = [p.kind for p in find_person_names(text) if p.text == "Inge Schouten"]
    assert kinds == ["public", "public"]
    text = "Klacht van bewoner Ruben Kok over de bomen. Ruben Kok belde opnieuw."
    kinds = [p.kind for p in find_person_names(text) if p.text == "Ruben Kok"]
    assert kinds == ["private", "private"]


def test_another_full_name_does_not_take_the_kind() -> None:
    text = "Aanwezig: Inge Schouten (voorzitter)\n\nRuben Kok opent de vergadering."
    assert _found(text)["Ruben Kok"] == "unknown"
