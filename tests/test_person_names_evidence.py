"""Private or public by evidence, one failure type per test: words around a name that say
the person is a private citizen (or that keep a public person public), and the shapes of a
function with a tussenvoegsel before a surname. Sentences written by the team."""

from __future__ import annotations

import pytest

from krantentoets.detect.persons import PersonName, find_person_names


def _kind(text: str, name: str) -> str:
    found = [p for p in find_person_names(text) if p.text == name]
    assert found, f"{name!r} not found in {[p.text for p in find_person_names(text)]}"
    return found[0].kind


def _person(text: str, name: str) -> PersonName:
    (p,) = [p for p in find_person_names(text) if p.text == name]
    return p


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a single name ending a clause of a reply: "?", an emoji, the end before hashtags
        ("@USER Is het zo duidelijk Fenna?", "Fenna"),
        ("@USER Goed geregeld Joost 👍 #samen ^Noor", "Joost"),
        ("@USER Alles weer in orde Joost #wijkteam", "Joost"),
        # right after the handles of a reply, before a comma or "!"
        ("@USER Sander, dank voor je bericht over de stoep.", "Sander"),
        # a first name and a bare initial: how suspects and victims are named
        ("De rechtszaak tegen Dennis K begint maandag.", "Dennis K"),
        # an age before the name
        ("De 23-jarige Kevin de Wit raakte lichtgewond.", "Kevin de Wit"),
        # private roles of data/people/private_roles.txt right before the name
        ("Onze vrijwilliger Anja de Vries kreeg een lintje.", "Anja de Vries"),
        ("Mantelzorger Piet Bosman vertelt over zijn week.", "Piet Bosman"),
        # a private role said of the person after the name
        ("Fatma Yilmaz is al tien jaar vrijwilliger bij de voedselbank.", "Fatma Yilmaz"),
        ("Bram werkt al jaren als postbode in Zwolle.", "Bram"),
        # named as one of a group of private persons
        ("Bram vertelt over zijn werk, net als andere maaltijdbezorgers.", "Bram"),
        ("Help Femke en alle andere koeriers aan een eerlijk loon!", "Femke"),
        ("Ik sprak met Ingrid Hoekstra en andere bewoners van de flat.", "Ingrid Hoekstra"),
        # a first name alone in a post about a group of private persons
        ("Mehmet is vrijgelaten. Alle gevangenen verdienen een eerlijk proces.", "Mehmet"),
        # an age between commas, as news writes it; thanked for help
        ("Piet Jansen, 54, woont sinds 1990 in Zwolle.", "Piet Jansen"),
        ("Met dank aan Marloes Kramer voor haar hulp bij de actie.", "Marloes Kramer"),
        # a civil title outside politics
        ("Mevrouw Bakker belde over haar stoep.", "Bakker"),
        ("Vandaag belde de heer Kowalczyk over de bomen.", "Kowalczyk"),
    ],
)
def test_private_by_evidence(text: str, name: str) -> None:
    assert _kind(text, name) == "private"


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        # not a reply, or the name does not end the clause: no one is addressed
        ("Kijk je vanavond mee naar Fenna?", "Fenna", "unknown"),
        ("@USER Heeft Fenna Dijkstra al gebeld over de stoep?", "Fenna Dijkstra", "unknown"),
        # a capitalised surname after the first name is no initial
        ("De rechtszaak tegen Dennis Kuipers begint maandag.", "Dennis Kuipers", "unknown"),
        # a year or a page between commas is no age; thanks to someone in a public function
        ("Piet Jansen, 2021, woont in Zwolle.", "Piet Jansen", "unknown"),
        ("Dank aan wethouder Karin de Boer voor de opening.", "Karin de Boer", "public"),
        # an age of something else
        ("Het 25-jarige jubileum van Kevin de Wit werd gevierd.", "Kevin de Wit", "unknown"),
        # a public function wins over the private group
        ("Wethouder Anja de Vries sprak met alle bewoners.", "Anja de Vries", "public"),
        ("Onze wethouder Anja de Vries kreeg een lintje.", "Anja de Vries", "public"),
        # a public role said after "is", or a group that is no group of private persons
        ("Fatma Yilmaz is blij met de bewoners.", "Fatma Yilmaz", "unknown"),
        ("Bram en alle andere raadsleden stemden voor.", "Bram", "unknown"),
        # a full name without evidence stays unknown, whatever the post is about
        ("Ruben Kastelein won. Alle gevangenen verdienen steun.", "Ruben Kastelein", "unknown"),
        # a civil title in a debate of parliament or council: how members are addressed
        ("Goed debat met meneer Dijkhoff in de Kamer.", "Dijkhoff", "public"),
    ],
)
def test_no_private_evidence(text: str, name: str, kind: str) -> None:
    assert _kind(text, name) == kind


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Minister de Jonge bezocht gisteren het ziekenhuis.", "de Jonge"),
        ("Vandaag sprak minister Van Wijngaarden over de musea.", "Van Wijngaarden"),
        ("Burgemeester van der Laan opende de brug.", "van der Laan"),
        ("Lees het advies van Informateur Karel Wouters aan de raad.", "Karel Wouters"),
    ],
)
def test_function_and_tussenvoegsel_before_a_surname(text: str, name: str) -> None:
    p = _person(text, name)
    assert p.kind == "public"
    assert p.public_reason


@pytest.mark.parametrize(
    "text",
    [
        "De minister van Financiën zei dat de begroting klopt.",
        "De burgemeester van Leeuwarden opende de brug.",
        "De wethouder van Onderwijs kwam langs.",
        "De minister van Buitenlandse Zaken reist naar Gent.",
    ],
)
def test_function_of_a_ministry_or_place_is_no_name(text: str) -> None:
    assert find_person_names(text) == []


def test_a_surname_that_is_a_role_word_is_no_function() -> None:
    """ "Bisschop" after a first name is a surname: "van Dijk" after it is no name of its
    own after a function."""
    found = [p.text for p in find_person_names("Gisteren sprak Anneke Bisschop van Dijk erover.")]
    assert "van Dijk" not in found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a name after the hashtags that end a reply signs it: a staff member, not addressed
        ("@USER Dank voor je vraag! #TeamWijk Yara", "Yara"),
        # a candidate's day job in a post about an election is no private role
        (
            "Onze kandidaten voor lijsttrekker: Gerda Hofstra is verpleegkundige en chauffeur.",
            "Gerda Hofstra",
        ),
        # a function before the name wins over the group of private persons after it
        ("Kamerlid Joris Haverkamp en andere bewoners protesteerden.", "Joris Haverkamp"),
    ],
)
def test_signatures_and_political_posts_are_not_private(text: str, name: str) -> None:
    assert _kind(text, name) != "private"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("@USER Bedankt voor je bericht, we kijken ernaar. ^JV", "JV"),
        ("@USER Tot zaterdag op de markt! ^ KeesW", "KeesW"),
        ("@USER Goed weekend! ^Quirijn https://t.co/x", "Quirijn"),
    ],
)
def test_caret_signature_is_a_staff_member(text: str, name: str) -> None:
    p = _person(text, name)
    assert p.kind == "public" and p.first_name_only
    assert "signature" in p.public_reason


@pytest.mark.parametrize(
    "text", ["De kosten stijgen met 10^3 euro.", "Zie de kaart ^ hierboven.", "x^Y@mail.nl"]
)
def test_no_signature_without_a_capitalised_word_after_the_caret(text: str) -> None:
    assert find_person_names(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a listed surname next to a verb of saying (data/names/saying_verbs.txt), also at
        # the start of a sentence where it could be a word ("bakker")
        ("Bakker zei dat de brug te smal is.", "Bakker"),
        ("Dat zegt De Vries tegen de krant.", "De Vries"),
        ("'Het kan beter', aldus Van der Berg.", "Van der Berg"),
        # a capitalised tussenvoegsel and a surname that is also a place ("Vries")
        ("Gisteren belde De Vries over de stoep.", "De Vries"),
    ],
)
def test_surname_alone_in_news(text: str, name: str) -> None:
    assert name in [p.text for p in find_person_names(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Nederland zegt nee tegen het plan.",  # a place
        "Jan zei dat hij later komt.",  # a first name alone is not a surname
        "De bakker zei dat het brood op is.",  # lower case: the word
        "Ons café De Hoef zoekt een kok.",  # an organisation's name
        "In de gemeente De Lier is het rustig.",  # a place after a place noun
        "Wethouder zei dat het goed ging.",  # a role word
    ],
)
def test_no_surname_next_to_a_verb_of_saying(text: str) -> None:
    assert [p for p in find_person_names(text) if not p.first_name_only] == []
