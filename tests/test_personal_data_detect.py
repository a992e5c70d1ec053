"""The shared personal-data detector: each kind alone, positives and negatives."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guards import cpu_budget
from krantentoets.detect.personal_data import (
    KINDS,
    Allowlist,
    PIISpan,
    compile_allowlist,
    find_personal_data,
)
from krantentoets.policy.model import Allowlist as PolicyAllowlist


def kinds_of(text: str, allowlist=None) -> list[tuple[str, str]]:
    return [(s.kind, s.text) for s in find_personal_data(text, allowlist)]


def found(text: str, kind: str, allowlist=None) -> list[str]:
    return [s.text for s in find_personal_data(text, allowlist) if s.kind == kind]


# -- phone numbers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "06-12345678",
        "0612345678",
        "06 12 34 56 78",
        "06 - 123 456 78",
        "+31 6 1234 5678",
        "+31 (0)6 12345678",
        "+316-19283746",
        "0031 6 12345678",
        "0031612345678",
        "(020) 123 45 67",
        "020-1234567",
        "058-2123456",
        "0513-612345",
        "050 312 34 56",
        "0470 12 34 56",
        "0486/12.34.56",
        "02/123.45.67",
        "+32 470 12 34 56",
        "+32(0)475 11 22 33",
        "0032 478 11 22 33",
        "011 22 33 44",
    ],
)
def test_phone_notations_are_found(number: str) -> None:
    text = f"Bel me gerust op {number}, ik ben er de hele dag."
    assert found(text, "phone") == [number]


@pytest.mark.parametrize(
    "text",
    [
        "Bel 14 058 voor een afspraak.",
        "Bel 14058 of kijk op de website.",
        "Voor Amsterdam: bel 14 020.",
        "Bij spoed 112, geen spoed 0900-8844.",
        "Gratis informatielijn: 0800-1351.",
        "Het Noordelijk Belastingkantoor: 088-4255500.",
        "Onze klantendienst: 078 15 10 20 (betalend nummer).",
        "De vergadering is op 05-06-2025 om 19:30.",
        "De wedstrijd begint om 12:30 en kost € 1.234,56.",
        "Het verslag van 14-02-2025 staat online.",
        "De nieuwe regels gelden vanaf 01.01.2026.",
        "Het zaaknummer is 0123456789, vermeld dat altijd.",
        "Bestelnummer 0098765432 is onderweg.",
        "Het ISBN is 978-90-1234-567-8.",
        "Rijksregisternummer 85.07.30-033.62 klopt niet.",
        "Kijk op https://www.leeuwarden.nl/afval/0612345678 voor het schema.",
    ],
)
def test_not_a_personal_phone_number(text: str) -> None:
    assert found(text, "phone") == []


def test_allowlisted_phone_in_any_notation_is_not_flagged() -> None:
    allow = PolicyAllowlist(phones=["058 233 83 83"])
    assert found("Bel 058-2338383 of +31 58 233 8383.", "phone", allow) == []
    assert found("Bel 058-2338384.", "phone", allow) == ["058-2338384"]


# -- e-mail ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "jan.devries@gmail.com",
        "t.hoekstra1972@hotmail.com",
        "s.vandermeer@leeuwarden.nl",
        "Kim.Jansen@Hotmail.NL",
        "jan+gemeente@gmail.com",
        "info@gmail.com",
    ],
)
def test_personal_email_is_found(address: str) -> None:
    assert found(f"Mail me op {address}.", "email") == [address]


@pytest.mark.parametrize(
    "address",
    [
        "info@leeuwarden.nl",
        "gemeente@gent.be",
        "noreply@leeuwarden.nl",
        "no-reply@leeuwarden.nl",
        "communicatie@brugge.be",
        "klantcontact@leeuwarden.nl",
        "pers@leeuwarden.nl",
    ],
)
def test_role_email_is_not_personal(address: str) -> None:
    assert found(f"Mail naar {address}.", "email") == []


def test_allowlisted_email_and_domain() -> None:
    allow = PolicyAllowlist(emails=["wijkteam.noord@leeuwarden.nl", "@stichting.nl"])
    text = "Mail wijkteam.noord@leeuwarden.nl of a.bos@stichting.nl of a.bos@gmail.com."
    assert found(text, "email", allow) == ["a.bos@gmail.com"]


# -- identifiers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Mijn BSN is 111222333.", "111222333"),
        ("burgerservicenummer: 628194821", "628194821"),
        ("BSN 1215.47.280 graag controleren", "1215.47.280"),
        ("sofinummer 385 280 841", "385 280 841"),
        ("Hier: 252760189, graag snel antwoord.", "252760189"),
    ],
)
def test_bsn_is_found(text: str, number: str) -> None:
    assert found(text, "bsn") == [number]


@pytest.mark.parametrize(
    "text",
    [
        "Mijn BSN is 123456789.",  # fails the eleven-test
        "Het ordernummer is 304813734.",  # passes, but it is an order number
        "Klantnummer 100238476 graag vermelden.",
        "Het project kost € 123.456.789.",
        "Er kwamen 123.456.782 bezoekers.",
        "Een willekeurig getal: 987654321.",
    ],
)
def test_not_a_bsn(text: str) -> None:
    assert found(text, "bsn") == []


@pytest.mark.parametrize(
    "number", ["85.07.30-033.28", "85073003328", "01.05.10-287.80", "750911 165 76"]
)
def test_belgian_national_number(number: str) -> None:
    assert found(f"Rijksregisternummer {number}.", "national-number") == [number]


def test_invalid_national_number_is_not_found() -> None:
    assert found("Rijksregisternummer 85.07.30-033.62.", "national-number") == []


@pytest.mark.parametrize(
    "iban",
    [
        "NL91 ABNA 0417 1643 00",
        "NL91ABNA0417164300",
        "nl44snsb3103993158",
        "BE92 1264 6446 0423",
    ],
)
def test_iban_with_valid_checksum(iban: str) -> None:
    assert found(f"Maak het over naar {iban} ten name van mij.", "iban") == [iban]


def test_iban_with_wrong_checksum_or_of_an_organisation() -> None:
    assert found("Rekening NL91 ABNA 0417 1643 01 bestaat niet.", "iban") == []
    assert found("Betaal op NL91 ABNA 0417 1643 00 t.n.v. Gemeente Leeuwarden.", "iban") == []


# -- birth dates, plates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Ik ben geboren op 12-03-1985.", "12-03-1985"),
        ("Johanna de Wit, geb. 4 juli 1958.", "4 juli 1958"),
        ("Geboortedatum: 21/11/1968.", "21/11/1968"),
        ("Ik (°14/02/1979) kreeg geen brief.", "°14/02/1979"),
        ("Op 12 maart 1985 geboren in het MCL.", "12 maart 1985"),
        ("Zijn verjaardag is op 17-06-1990.", "17-06-1990"),
    ],
)
def test_birth_date_in_context(text: str, date: str) -> None:
    assert found(text, "birth-date") == [date]


@pytest.mark.parametrize(
    "text",
    [
        "Op 12-03-2024 besloot de raad.",
        "De school viert haar 50-jarig bestaan op 14 juni.",
        "Gefeliciteerd met je verjaardag!",
        "Mata Hari werd in 1876 geboren in Leeuwarden.",
    ],
)
def test_date_without_birth_context(text: str) -> None:
    assert found(text, "birth-date") == []


@pytest.mark.parametrize("plate", ["12-ABC-3", "AB-123-C", "GZ-345-K", "XP-TL-88", "1-ABC-234"])
def test_licence_plates(plate: str) -> None:
    assert found(f"De auto met kenteken {plate} staat fout.", "licence-plate") == [plate]


@pytest.mark.parametrize("text", ["Covid-19 is voorbij.", "Score 12-03-24.", "Route A-7-B."])
def test_not_a_plate(text: str) -> None:
    assert found(text, "licence-plate") == []


# -- addresses and postcodes -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Ik woon op de Vossenparklaan 14.", "Vossenparklaan 14"),
        ("Kom langs op de Lange Nieuwstraat 88 in Antwerpen.", "Lange Nieuwstraat 88"),
        ("Mijn adres: Schrans 45A.", "Schrans 45A"),
        ("We wonen op de Tuinen 21.", "Tuinen 21"),
        ("Ons adres is Dorpsstraat 15 bus 2, 3000 Leuven.", "Dorpsstraat 15 bus 2"),
        ("Bewoner van de Nieuwe Oosterstraat 3-B.", "Nieuwe Oosterstraat 3-B"),
        ("Reacties naar J. van Wijk, Dokkumer Ee 24, 8926 AA Leeuwarden.", "Dokkumer Ee 24"),
    ],
)
def test_street_and_house_number(text: str, address: str) -> None:
    assert found(text, "address") == [address]


@pytest.mark.parametrize(
    "text",
    [
        "De werkzaamheden in de Kerkstraat duren tot vrijdag.",
        "Het stadhuis verhuist naar de Zuidergrachtswal 3.",
        "Bus 9 rijdt om via de Oostergoweg.",
        "Postbus 1234, 8900 AE Leeuwarden.",
        "De milieustraat aan de Jaagweg 1 is open.",
        "Er liggen 250 woningen in de Zuidlanden.",
    ],
)
def test_not_a_personal_address(text: str) -> None:
    assert found(text, "address") == []


def test_allowlisted_address() -> None:
    allow = PolicyAllowlist(addresses=["Oldehoofsterkerkhof 2, 8911 DH Leeuwarden"])
    text = "Kom naar mijn werk op het Oldehoofsterkerkhof 2."
    assert found(text, "address", allow) == []
    assert found(text, "address") == ["Oldehoofsterkerkhof 2"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Mijn postcode is 8932 KL, welke dag?", "8932 KL"),
        ("Adres: Planetenlaan 17, 8921 AB Leeuwarden.", "8921 AB"),
        ("Ik woon in 8921AB Leeuwarden.", "8921AB"),
    ],
)
def test_postcode_in_context(text: str, code: str) -> None:
    assert found(text, "postcode") == [code]


@pytest.mark.parametrize(
    "text",
    [
        "Woont u in postcodegebied 8921 of 8922?",
        "In 2024 EU-breed 12% groei.",
        "Er staan 1234 AB-klasse woningen gepland.",
    ],
)
def test_not_a_postcode(text: str) -> None:
    assert found(text, "postcode") == []


# -- names ---------------------------------------------------------------------------------


def test_several_names_in_running_text() -> None:
    text = (
        "Anouk de Graaf en Mohamed El Idrissi openden zaterdag de moestuin, samen met "
        "Jan-Willem Smit en mevrouw Bakker; Wout Van den Broeck maakte foto's."
    )
    assert found(text, "person-name") == [
        "Anouk de Graaf",
        "Mohamed El Idrissi",
        "Jan-Willem Smit",
        "Bakker",
        "Wout Van den Broeck",
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Geachte heer Van der Laan, dank voor uw brief.", "Van der Laan"),
        ("Dhr. Van Dam kreeg de prijs.", "Van Dam"),
        ("Reacties naar J. van Wijk.", "J. van Wijk"),
        ("Volgens dr. A. Groen is het water gedaald.", "A. Groen"),
        ("Trainer Roos Bakker won de prijs.", "Roos Bakker"),
        ("Contactpersoon: Hanneke Bos.", "Hanneke Bos"),
        ("Namens Fenna de Jong-Hiemstra en kinderen: dank.", "Fenna de Jong-Hiemstra"),
    ],
)
def test_name_shapes(text: str, name: str) -> None:
    assert found(text, "person-name") == [name]


def test_later_mention_of_a_surname() -> None:
    text = "Pieter Jansen belde gisteren. Jansen vroeg om een nieuwe container."
    assert found(text, "person-name") == ["Pieter Jansen", "Jansen"]


@pytest.mark.parametrize(
    "text",
    [
        "Wethouder Hein de Haan opende de brug.",
        "Burgemeester Sybrand Buma sprak de raad toe.",
        "Bart De Wever, burgemeester van Antwerpen, stelde het plan voor.",
        "Leerlingen van de Jan Ligthartschool zongen een lied.",
        "De Albert Heijn aan het Wilhelminaplein gaat verbouwen.",
        "Het Anne Frank Huis trok veel bezoekers.",
        "Het Willem Lodewijk van Nassauplein krijgt nieuwe bankjes.",
        "Het Piter Jelles en het Stedelijk Gymnasium zijn grote scholen.",
        "Mark je agenda: op 14 maart is de opening.",
        "Roos en tulpen sieren het plein.",
        "Groet, Anouk",
        "Willem en Jan zijn populaire namen.",
        "De Grote Markt en de Korenmarkt worden autovrij.",
        "Ook Oranjewoud, Heerenveen en Drachten doen mee.",
        "Gezocht: getuigen bij de Professor Mekelweg.",
        "Johan de Wittlaan 5 is afgesloten.",
    ],
)
def test_not_a_private_persons_name(text: str) -> None:
    assert found(text, "person-name") == []


# -- the detector as a whole ---------------------------------------------------------------


def test_spans_are_ordered_typed_and_agree_with_the_text() -> None:
    text = "Bel Jan de Vries op 06-12345678, hij woont op de Kerkstraat 12, 8911 AB Leeuwarden."
    spans = find_personal_data(text)
    assert [s.kind for s in spans] == ["person-name", "phone", "address", "postcode"]
    for s in spans:
        assert isinstance(s, PIISpan)
        assert text[s.start : s.end] == s.text
        assert s.kind in KINDS and s.trace


def test_pii_span_checks_itself() -> None:
    with pytest.raises(ValueError):
        PIISpan(0, 3, "ab", "phone")
    with pytest.raises(ValueError):
        PIISpan(0, 2, "ab", "shoe-size")


def test_allowlist_accepts_the_policy_model_and_is_cached() -> None:
    policy_allow = PolicyAllowlist(phones=["14 058"], emails=["info@x.nl"])
    compiled = compile_allowlist(policy_allow)
    assert isinstance(compiled, Allowlist)
    assert compile_allowlist(policy_allow) is compiled
    assert compile_allowlist(None) == Allowlist()


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("0123456789 .-/+()@abcdeNLVJ°ABKS\n")) | st.characters(),
        max_size=200,
    )
)
def test_any_text_gives_spans_that_agree_with_it(text: str) -> None:
    spans = find_personal_data(text)
    last_end = -1
    for s in spans:
        assert text[s.start : s.end] == s.text
        assert s.start >= last_end  # in order, no overlaps
        last_end = s.end


@pytest.mark.parametrize(
    "text",
    [
        "0" * 50_000,
        "06 " * 16_000,
        "1." * 25_000,
        "a" * 50_000,
        ("Aa " * 16_000),
        ("Jan de " * 7_000),
        ("@" + "a." * 20_000),
        ("NL91" + "A" * 49_000),
        ("12-" * 16_000),
        ("Kerkstraat " * 4_000 + "12"),
        # runs of initials, and thousands of names and overlapping spans
        ("J. " * 16_000),
        ("J.P. " * 10_000),
        ("Mevrouw de " * 4_500),
        ("Pieter Jansen zei Jansen " * 2_000),
        ("° 1985 " * 7_000),
        ("06-12345678 " * 4_000),
    ],
)
def test_pathological_input_finishes_quickly(text: str) -> None:
    # load once what the name finder loads on first use (the name tagger, wordfreq's list):
    # the test is about the input, not about loading
    find_personal_data("Gisteren belde Capirossi met J. de Vries.")
    with cpu_budget():
        find_personal_data(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pieter (06-12345678) belt terug", "06-12345678"),
        ("bel mij (op 06-12345678)", "06-12345678"),
        ("(+31 6 12345678)", "+31 6 12345678"),
        ("Bel (058) 233 22 33", "(058) 233 22 33"),
        ("Bel (06) 12345678 vandaag", "(06) 12345678"),
    ],
)
def test_sentence_brackets_stay_outside_the_phone_span(text: str, expected: str) -> None:
    """A redaction of '(06-12345678)' must keep the sentence's brackets."""
    [span] = [s for s in find_personal_data(text) if s.kind == "phone"]
    assert span.text == expected


def test_a_public_buildings_postcode_is_not_personal() -> None:
    assert find_personal_data("Het stadhuis (Hofplein 38, 8911 HJ Leeuwarden) is dicht.") == []
    kinds = [s.kind for s in find_personal_data("Ik woon op de Lindenlaan 4, 8911 HJ Leeuwarden")]
    assert kinds == ["address", "postcode"]


def test_names_can_be_left_out_and_nothing_else_changes() -> None:
    from krantentoets.detect.personal_data import find_personal_data as find

    text = "Bel Jan de Vries op 06-12345678 of mail j.devries@example.nl (Kerkstraat 12)."
    every = find(text)
    without = find(text, names=False)
    assert any(s.kind == "person-name" for s in every)
    assert not any(s.kind == "person-name" for s in without)
    assert [s for s in every if s.kind != "person-name"] == without
