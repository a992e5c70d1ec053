"""PD11: health (AVG art. 9) or financial details next to the name of an identifiable person."""

from __future__ import annotations

import pytest

from krantentoets.check import check
from krantentoets.policy import default_policy
from krantentoets.post import Post
from krantentoets.report import Severity, Verdict
from krantentoets.rules import personal_data as pd
from krantentoets.rules.base import CheckContext

FLAGGED = [
    # (sentence, detail)
    ("Onze collega Sanne Visser is met burn-out thuis.", "burn-out"),
    ("Buurtbewoner Kees Bakker ligt in het ziekenhuis na een val.", "ligt in het ziekenhuis"),
    ("Marieke de Boer is zwanger van haar tweede kind.", "zwanger"),
    ("Onze vrijwilliger Henk Mulder is vorige week overleden aan kanker.", "overleden aan"),
    ("Ik sprak vandaag met Anouk (34) uit Heerenveen over haar schulden.", "schulden"),
    ("Daan, 41, leeft al jaren van een bijstandsuitkering.", "bijstandsuitkering"),
    ("Mevrouw Yildiz is na haar depressie weer aan het werk.", "depressie"),
]
NOT_FLAGGED = [
    # no person: a topic
    "De zorg voor mensen met kanker moet beter in onze gemeente.",
    "Steeds meer inwoners hebben schulden; kijk op de website voor hulp.",
    # a person in a role, discussing a topic
    "Wethouder Jansen sprak vandaag over de zorg voor mensen met kanker.",
    "Wethouder Jansen: meer geld voor gezinnen met schulden.",
    "Kees Bakker zet zich al jaren in tegen armoede in de wijk.",
    # a person, no health or money detail
    "Onze collega Sanne Visser heeft vandaag haar laatste werkdag.",
    # a first name without an age is not enough
    "Ik sprak vandaag met Anouk uit Heerenveen over schulden.",
]


def _hits(text: str) -> list:
    return list(pd.SensitiveDetail().check(Post(text), CheckContext(default_policy())))


@pytest.mark.parametrize(("text", "detail"), FLAGGED)
def test_detail_next_to_a_name_is_doubt(text: str, detail: str) -> None:
    hits = _hits(text)
    assert [text[h.start : h.end] for h in hits] == [detail]
    report = check(Post(text), default_policy())
    found = [f for f in report.findings if f.rule == "PD11"]
    assert len(found) == 1 and found[0].severity == Severity.WARN
    assert report.verdict != Verdict.POST
    assert set(found[0].guidelines) & {"MW-4", "MA-6"}
    assert "toestemming" in found[0].message and "weg" in found[0].suggestion


@pytest.mark.parametrize("text", NOT_FLAGGED)
def test_topic_or_no_person_is_not_flagged(text: str) -> None:
    assert _hits(text) == []


def test_health_message_cites_article_9() -> None:
    (hit,) = _hits("Onze collega Sanne Visser is met burn-out thuis.")
    assert "AVG artikel 9" in hit.message.nl and "Sanne Visser" in hit.message.nl
    (money,) = _hits("Ik sprak vandaag met Anouk (34) uit Heerenveen over haar schulden.")
    assert "AVG" not in money.message.nl and "Anouk" in money.message.nl


def test_one_finding_per_person() -> None:
    text = "Sanne Visser is ziek en heeft een burn-out."
    assert len(_hits(text)) == 1
