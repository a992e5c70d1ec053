"""Public or private: a name is judged on its context (issue 10), and public service
numbers and functional mailboxes are no personal data."""

from __future__ import annotations

import pytest

from krantentoets.check import check
from krantentoets.detect.identifiers import is_role_address
from krantentoets.detect.public_persons import judge
from krantentoets.policy import default_policy, parse_policy
from krantentoets.post import Post
from krantentoets.report import Severity


def _judge(text: str, name: str, **kw) -> str:
    start = text.index(name)
    return judge(text, start, start + len(name), **kw).kind


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Vandaag sprak Kamerlid Sjoerd Sjoerdsma in het debat.", "Sjoerd Sjoerdsma"),
        ("Het boek van Anna de Vries, hoogleraar in Leiden, is uit.", "Anna de Vries"),
        ("Een gesprek met D66-Kamerlid Anne Jansen.", "Anne Jansen"),
        ("Foto: Pieter Bakker", "Pieter Bakker"),
        ("Live met Caroline Schimmel @USER over de avondklok.", "Caroline Schimmel"),
        ("Anne Jansen (VVD) stelde vragen.", "Anne Jansen"),
        ("Minister Hugo de Jonge gaf een persconferentie.", "Hugo de Jonge"),
    ],
)
def test_a_function_title_party_or_handle_next_to_the_name_makes_it_public(
    text: str, name: str
) -> None:
    assert _judge(text, name) == "public"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Gisteren sprak ik met buurtbewoner Pieter de Vries.", "Pieter de Vries"),
        ("Kim Bakker (28) vertelt over haar ontslag.", "Kim Bakker"),
        ("Verdachte Saleh A. is opgepakt.", "Saleh A."),
        ("Mijn buurman Jan Visser klaagt al weken.", "Jan Visser"),
    ],
)
def test_a_private_role_next_to_the_name_makes_it_private(text: str, name: str) -> None:
    assert _judge(text, name) == "private"


def test_the_policy_lists_the_organisations_own_people() -> None:
    text = "Vandaag opent Anouk Hoekstra het nieuwe zwembad."
    assert _judge(text, "Anouk Hoekstra") == "unknown"
    assert _judge(text, "Anouk Hoekstra", people=("Anouk Hoekstra",)) == "public"


def _pd10(text: str, policy=None) -> list:
    report = check(Post(text, account="in-function"), policy or default_policy("mandatarissen"))
    return [f for f in report.findings if f.rule == "PD10"]


def test_severity_follows_evidence() -> None:
    assert _pd10("Kamerlid Sjoerd Sjoerdsma sprak.") == []
    (bare,) = _pd10("Ik sprak met Pieter de Vries.")
    assert bare.severity is Severity.INFO
    (private,) = _pd10("Ik sprak met buurtbewoner Pieter de Vries.")
    assert private.severity is Severity.WARN
    policy = parse_policy({"organisation": {"people": ["Pieter de Vries"]}}, "t")
    assert _pd10("Ik sprak met Pieter de Vries.", policy) == []


@pytest.mark.parametrize(
    ("text", "account", "severity"),
    [
        ("Vragen? App ons op 06-57525250.", "in-function", Severity.INFO),
        ("Onze hulplijn 06-57525250 is er voor je.", "organisation", Severity.INFO),
        ("Vragen? Bel 020-5551234 (ma-vr 9-17 uur).", "organisation", Severity.INFO),
        ("Vragen? App ons op 06-57525250.", "personal", Severity.BLOCK),
        ("Bel me gerust op 06-12345678.", "organisation", Severity.BLOCK),
        ("Mijn nummer is 06-12345678.", "in-function", Severity.BLOCK),
        ("Bel Anja op 06-12345678.", "organisation", Severity.BLOCK),
    ],
)
def test_public_service_lines_are_a_note(text: str, account: str, severity: Severity) -> None:
    report = check(Post(text, account=account))
    (f,) = [f for f in report.findings if f.rule == "PD01"]
    assert f.severity is severity


@pytest.mark.parametrize(
    ("address", "role"),
    [
        ("zuidwest@partij.nl", True),
        ("fractie@partij.nl", True),
        ("info@gemeente.nl", True),
        ("jansen@bedrijf.nl", False),
        ("anja@gemeente.nl", False),
        ("jdevries@gemeente.nl", False),
        ("zuidwest@gmail.com", False),
    ],
)
def test_functional_mailboxes(address: str, role: bool) -> None:
    assert is_role_address(address) is role
