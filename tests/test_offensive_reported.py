"""Reported, not made (issue 10): counter-speech, labels someone else gives, threats the
writer heard or received, and denials of a label are no finding; a put-down of the
writer's own beside a negation or a report word stays one. Sentences written for this
test (none from the real posts)."""

from __future__ import annotations

import pytest

from krantentoets.detect.offensive import detect_offensive


def _flagged(text: str) -> bool:
    return any(not s.counter for s in detect_offensive(text))


REPORTED = [
    # a label received or given by someone else, named by a verb of labelling
    "Ik word uitgescholden voor tuig omdat ik opkom voor vluchtelingen.",
    "Zij wordt online uitgemaakt voor hoer en heks.",
    "Statushouders worden weggezet als gelukzoekers en profiteurs.",
    "Het is gevaarlijk om mensen aan te wijzen als zondebok, bron van ziekte of profiteur.",
    "Ze noemen ons tuig en uitschot.",
    "Wie nieuwkomers tuig noemt, moet zich schamen.",
    # an accusation the sentence calls false
    "Duizenden ouders zijn ten onrechte beschuldigd van fraude.",
    # denying a label, not denying that people are human
    "Nederlanders zijn geen racisten.",
    "Moslims zijn geen terroristen.",
    "Jongeren zijn geen criminelen, ze hebben een plek nodig.",
    "Ik was als student geen fan van die wethouder.",
    "Mensen zijn geen mensen meer, maar dossiernummers.",
    # a threat someone else made: heard, read, called for or taught
    "Ze roepen op om de burgemeester dood te schieten, en niemand grijpt in.",
    "We horen al jaren dat ze daar leren dat ongelovigen dood moeten.",
    "Ik las dat hij de wethouder wil ophangen.",
]


@pytest.mark.parametrize("text", REPORTED)
def test_reported_or_refuted_is_no_finding(text: str) -> None:
    assert not _flagged(text), detect_offensive(text)


MADE = [
    # the writer's own put-down beside a negation or a report word
    "Ze zijn niet alleen dom maar ook lui.",
    "Ik zeg niet dat asielzoekers tuig zijn, maar je weet wat ik bedoel.",
    "Ik zeg niet dat ze tuig zijn, maar ze gedragen zich wel zo.",
    "Asielzoekers zijn tuig, zeg ik.",
    "Ik noem asielzoekers gewoon tuig.",
    "Mensen zeggen dat ik overdrijf, maar asielzoekers zijn tuig.",
    "Ze noemen ons racisten, maar asielzoekers zijn tuig.",
    "Ik word uitgescholden voor racist omdat asielzoekers tuig zijn.",
    "Statushouders worden weggezet als profiteurs, maar moslims zijn tuig.",
    # endorsed, not condemned
    "Wie asielzoekers tuig noemt, heeft gewoon gelijk.",
    "Ze worden terecht weggezet als tuig.",
    # denying that people are human or full members stays a finding
    "Moslims zijn geen mensen.",
    "Die vluchtelingen zijn geen mensen maar beesten.",
    "Deze mensen zijn geen mensen meer.",
    "Asielzoekers zijn geen echte Nederlanders.",
    # the writer's own threat after a report or a call
    "Ik zeg: asielzoekers moeten dood.",
    "Ik roep iedereen op om de burgemeester dood te schieten.",
    "We horen dat ze dood moeten, en ik zeg: schiet ze allemaal dood.",
    "Ik hoor dat ze weer demonstreren en ik ga ze allemaal neerschieten.",
    "Zeg tegen iedereen dat we de burgemeester gaan vermoorden.",
    "Wat zeg je ervan om al die wethouders hun keel door te snijden?",
]


@pytest.mark.parametrize("text", MADE)
def test_own_put_down_stays_a_finding(text: str) -> None:
    assert _flagged(text), detect_offensive(text)


def test_denial_without_but_stays_a_denial() -> None:
    # no "maar" going on with a sentence of its own: the negation takes it back
    assert not _flagged("Ik zeg niet dat asielzoekers tuig zijn.")
    assert not _flagged("Ik zeg niet dat asielzoekers tuig zijn, maar dat regels gelden.")
    assert not _flagged("Ik heb nooit gezegd dat asielzoekers tuig zijn.")


def test_rhetoric_put_down_in_a_list_of_labels_is_mentioned() -> None:
    from krantentoets.detect.rhetoric import detect_rhetoric

    # labels someone is given: mentioned, not used
    text = "Het is gevaarlijk om mensen aan te wijzen als zondebok, bron van ziekte of profiteur."
    assert detect_rhetoric(text) == []
    # a new clause after the label: the writer's own words
    said = detect_rhetoric("Ze worden weggezet als slachtoffer, maar het zijn profiteurs.")
    assert [s.kind for s in said] == ["hate"]
