"""Rule family ``personal-data`` (PD01-PD11): each rule alone, severities, allowlist, moment 1."""

from __future__ import annotations

import pytest

from krantentoets.check import check
from krantentoets.policy import default_policy, parse_policy
from krantentoets.post import Post
from krantentoets.report import Category, Severity, Verdict
from krantentoets.rules import personal_data as pd
from krantentoets.rules.base import CheckContext, Rule

POLICY = {
    "organisation": {"name": "gemeente Leeuwarden", "website": "https://www.leeuwarden.nl"},
    "allowlist": {
        "phones": ["14 058", "058 233 83 83"],
        "emails": ["info@leeuwarden.nl"],
        "addresses": ["Oldehoofsterkerkhof 2, 8911 DH Leeuwarden"],
    },
}


def policy(profile: str | None = None):
    return parse_policy(POLICY, "test.toml", profile)


def hits(rule: type[Rule], text: str, pol=None, **post) -> list:
    ctx = CheckContext(pol or default_policy())
    return list(rule().check(Post(text, **post), ctx))


def spans(rule: type[Rule], text: str, pol=None, **post) -> list[str]:
    return [text[h.start : h.end] for h in hits(rule, text, pol, **post)]


CASES: list[tuple[type[Rule], str, str, str]] = [
    (pd.PhoneNumber, "Bel me gerust op 06-12345678.", "06-12345678", "Bel gerust 14 058."),
    (
        pd.PersonalEmail,
        "Mail naar j.devries@gmail.com.",
        "j.devries@gmail.com",
        "Mail naar info@x.nl.",
    ),
    (
        pd.HomeAddress,
        "Ik woon op de Kerkstraat 12.",
        "Kerkstraat 12",
        "In de Kerkstraat is het druk.",
    ),
    (pd.Postcode, "Mijn postcode is 8932 KL.", "8932 KL", "In postcodegebied 8932 is het rustig."),
    (pd.CitizenServiceNumber, "Mijn BSN is 111222333.", "111222333", "Mijn BSN is 123456789."),
    (
        pd.NationalRegisterNumber,
        "Rijksregisternummer 85.07.30-033.28.",
        "85.07.30-033.28",
        "Rijksregisternummer 85.07.30-033.62.",
    ),
    (
        pd.BankAccount,
        "Stort op NL91 ABNA 0417 1643 00.",
        "NL91 ABNA 0417 1643 00",
        "Stort op NL91 ABNA 0417 1643 01.",
    ),
    (
        pd.DateOfBirth,
        "Ik ben geboren op 12-03-1985.",
        "12-03-1985",
        "Op 12-03-1985 opende de brug.",
    ),
    (pd.LicencePlate, "Kenteken 12-ABC-3 staat fout.", "12-ABC-3", "Covid-19 is voorbij."),
    (
        pd.PersonName,
        "Ik sprak met Pieter de Vries.",
        "Pieter de Vries",
        "Ik sprak met een bewoner.",
    ),
]


@pytest.mark.parametrize(("rule", "bad", "seen", "good"), CASES, ids=[c[0].meta.id for c in CASES])
def test_each_rule_alone(rule: type[Rule], bad: str, seen: str, good: str) -> None:
    assert spans(rule, bad) == [seen]
    assert spans(rule, good) == []
    # and no other personal-data rule claims the same span
    for other in pd.RULES:
        if other is not rule:
            assert seen not in spans(other, bad), other.meta.id


def test_every_rule_is_personal_data_and_cites_both_codes() -> None:
    ids = [r.meta.id for r in pd.RULES]
    assert ids == [f"PD{n:02d}" for n in range(1, 12)]
    for r in pd.RULES:
        assert r.meta.category is Category.PERSONAL_DATA
        assert set(r.meta.guidelines) == {"MW-4", "MA-6"}


@pytest.mark.parametrize(
    ("rule", "severity"),
    [
        (pd.PhoneNumber, Severity.BLOCK),
        (pd.PersonalEmail, Severity.BLOCK),
        (pd.HomeAddress, Severity.BLOCK),
        (pd.CitizenServiceNumber, Severity.BLOCK),
        (pd.NationalRegisterNumber, Severity.BLOCK),
        (pd.BankAccount, Severity.BLOCK),
        (pd.DateOfBirth, Severity.BLOCK),
        (pd.PersonName, Severity.WARN),
        (pd.LicencePlate, Severity.WARN),
        (pd.Postcode, Severity.WARN),
    ],
)
def test_default_severities(rule: type[Rule], severity: Severity) -> None:
    assert rule.meta.severity is severity
    report = check(Post(rule.meta.bad.text), default_policy())
    mine = [f for f in report.findings if f.rule == rule.meta.id]
    assert mine and all(f.severity is severity for f in mine)


def test_moment_1_reply_with_own_mobile_number_then_fixed() -> None:
    pol = policy()
    draft = (
        "Hoi! Het grofvuil wordt in jouw wijk op donderdag opgehaald. Zet het vóór 7.30 uur "
        "aan de weg. Nog vragen? Bel me op 06-12345678."
    )
    report = check(Post(draft, platform="facebook"), pol)
    assert report.verdict is Verdict.DO_NOT_POST
    pd_findings = [f for f in report.findings if f.category is Category.PERSONAL_DATA]
    assert [(f.rule, f.span.text) for f in pd_findings] == [("PD01", "06-12345678")]
    finding = pd_findings[0]
    assert finding.guidelines == ("MW-4",)
    assert "14 058" in finding.suggestion and "leeuwarden.nl" in finding.suggestion
    assert "privételefoonnummers" in report.guideline_texts["MW-4"]

    fixed = draft.replace("Bel me op 06-12345678.", "Bel 14 058.")
    report = check(Post(fixed, platform="facebook"), pol)
    assert [f for f in report.findings if f.category is Category.PERSONAL_DATA] == []
    assert report.verdict is Verdict.POST


def test_phone_suggestion_without_allowlist_names_the_14_number() -> None:
    (hit,) = hits(pd.PhoneNumber, "Bel me op 06-12345678.")
    assert "14 058" in hit.suggestion.nl and hit.suggestion.en
    assert "06-12345678" in hit.message.nl
    assert any("mobile" in t for t in hit.trace)


def test_allowlisted_contacts_are_never_flagged() -> None:
    text = "Bel 058-2338383, mail info@leeuwarden.nl of kom langs op het Oldehoofsterkerkhof 2."
    report = check(Post(text), policy())
    assert [f for f in report.findings if f.category is Category.PERSONAL_DATA] == []
    # without the allowlist the same post is blocked
    assert check(Post(text)).verdict is Verdict.DO_NOT_POST


def test_mandatarissen_profile_cites_ma6() -> None:
    report = check(Post("Bel me op 06-12345678."), policy("mandatarissen"))
    (finding,) = [f for f in report.findings if f.rule == "PD01"]
    assert finding.guidelines == ("MA-6",)


def test_postcode_after_an_address_is_reported_with_the_address_only() -> None:
    text = "Ik woon op de Planetenlaan 17, 8921 AB Leeuwarden."
    assert spans(pd.HomeAddress, text) == ["Planetenlaan 17"]
    assert spans(pd.Postcode, text) == []


def test_authors_own_name_is_not_flagged() -> None:
    text = "Met vriendelijke groet, Anouk de Vries, team Afval"
    assert spans(pd.PersonName, text) == ["Anouk de Vries"]
    assert spans(pd.PersonName, text, author="Anouk de Vries") == []
    assert spans(pd.PersonName, text, display_name="Anouk de Vries (gemeente)") == []


def test_rules_share_one_detector_run_per_post(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = pd.find_personal_data

    def counting(text, allow=None):
        calls.append(text)
        return real(text, allow)

    monkeypatch.setattr(pd, "find_personal_data", counting)
    check(Post("Bel Jan de Vries op 06-12345678."), default_policy())
    assert len(calls) == 1


def test_policy_can_switch_the_category_off() -> None:
    pol = parse_policy({"rules": {"personal-data": False}}, "test.toml")
    assert check(Post("Bel me op 06-12345678."), pol).verdict is Verdict.POST


def test_the_organisations_general_landline_is_only_a_note() -> None:
    from krantentoets.check import check
    from krantentoets.post import Post
    from krantentoets.report import Severity, Verdict

    for text in (
        "Vragen? Bel ons algemene nummer 0318 68 09 11.",
        "Meer info via het algemeen nummer van het OCMW: 03 450 12 00",
    ):
        report = check(Post(text))
        assert report.verdict is Verdict.POST, text
        assert [f.severity for f in report.findings] == [Severity.INFO]
    # a mobile number stays blocking, and so does a landline without that context
    assert check(Post("Ons algemene nummer? Bel mij op 06-12345678")).verdict.value == "do-not-post"
    assert check(Post("Bel me thuis op 0318 68 09 11")).verdict.value == "do-not-post"
    # a private person writing "ons nummer" means their own household
    personal = check(Post("Bel ons algemene nummer 0318 68 09 11", account="personal"))
    assert personal.verdict.value == "do-not-post"


def test_no_phone_number_inside_an_organisations_iban() -> None:
    from krantentoets.detect.personal_data import find_personal_data

    text = "Overmaken naar NL14 BNGH 0285 0012 34 t.n.v. Gemeente Waadhoeke."
    assert find_personal_data(text) == []
