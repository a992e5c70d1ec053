"""A street + number tied to a person is a home address even when a public building is named
in the sentence; the check (PD03) and redaction share the decision (user review)."""

from __future__ import annotations

import pytest

from krantentoets.archive.redaction import Redactor
from krantentoets.check import check
from krantentoets.detect.addresses import is_public_place_address
from krantentoets.detect.personal_data import find_personal_data
from krantentoets.policy import default_policy
from krantentoets.post import Post
from krantentoets.report import Verdict

HOME = [
    # (sentence, address)
    (
        "Bij het buurthuis sprak de burgemeester met meneer De Wit uit de Lindelaan 7.",
        "Lindelaan 7",
    ),
    ("In de sporthal was ook Kees Bakker uit de Esdoornstraat 21 aanwezig.", "Esdoornstraat 21"),
    ("Het museum kreeg bezoek van Lotte Smit van de Beukenlaan 3.", "Beukenlaan 3"),
    ("Na de bijeenkomst in het dorpshuis woont hij weer op de Eikenweg 40.", "Eikenweg 40"),
    ("Het zwembad kreeg een klacht van de familie van de Populierstraat 9.", "Populierstraat 9"),
]
PUBLIC = [
    "De bibliotheek aan de Vlierstraat 14 is vanaf maandag weer open.",
    "Het gemeentehuis, Markt 1, is morgen gesloten.",
    "De bibliotheek verhuist uit de Kastanjelaan 2 naar een nieuw gebouw.",
    "Het Museum van de Brink 5 heeft een nieuwe tentoonstelling.",
    "Kom naar de informatieavond in het wijkcentrum aan de Berkenweg 12.",
]


@pytest.mark.parametrize(("sentence", "address"), HOME)
def test_address_tied_to_a_person_is_a_home_address(sentence: str, address: str) -> None:
    start = sentence.index(address)
    assert not is_public_place_address(sentence, start)
    found = [s.text for s in find_personal_data(sentence) if s.kind == "address"]
    assert found == [address]
    report = check(Post(sentence), default_policy())
    assert "PD03" in {f.rule for f in report.findings}
    assert report.verdict == Verdict.DO_NOT_POST
    assert address not in Redactor().redact(sentence).text


@pytest.mark.parametrize("sentence", PUBLIC)
def test_a_buildings_own_address_stays_public(sentence: str) -> None:
    assert [s for s in find_personal_data(sentence) if s.kind == "address"] == []
    assert "PD03" not in {f.rule for f in check(Post(sentence), default_policy()).findings}
    assert Redactor().redact(sentence).text == sentence


def test_postcode_after_a_home_address_near_a_public_place() -> None:
    text = "Bij het stadhuis stond mevrouw Jansen uit de Tulpstraat 14, 8911 AB Leeuwarden."
    kinds = {s.kind for s in find_personal_data(text)}
    assert {"address", "postcode"} <= kinds
    public = "Het stadhuis (Hofplein 38, 8911 HJ Leeuwarden) is open."
    assert not {"address", "postcode"} & {s.kind for s in find_personal_data(public)}
