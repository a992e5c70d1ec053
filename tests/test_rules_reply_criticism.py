"""RC01/RC02: replying to criticism, claims and abuse (MW-3), each rule run alone."""

from __future__ import annotations

import pytest

from krantentoets.check import check
from krantentoets.monitor.triage import _offensive_detector
from krantentoets.policy import default_policy
from krantentoets.post import Post
from krantentoets.report import Category, Severity, Verdict
from krantentoets.rules.base import CheckContext
from krantentoets.rules.registry import builtin_registry
from krantentoets.rules.reply_criticism import RULES, ReplyToClaimOrAbuse, ReplyToCriticism

DRAFT = "Dank voor je bericht. We kijken er graag naar."


def _hits(rule_cls: type, reply_to: str | None, text: str = DRAFT) -> list:
    policy = default_policy()
    return list(rule_cls().check(Post(text, reply_to=reply_to), CheckContext(policy)))


@pytest.mark.parametrize(
    "reply_to",
    [
        "Waarom doet de gemeente nooit iets aan de gaten in de weg??",  # rhetorical question
        "Belachelijk dat de bus naar ons dorp is geschrapt. Slecht besluit.",
        "Prachtig hoor, weer een nieuwe parkeerautomaat die niet werkt 🙄",  # irony
        "Ik vind het nieuwe plein gewoon lelijk, zonde van het geld",  # opinion
    ],
)
def test_rc01_reply_to_criticism_or_opinion(reply_to: str) -> None:
    hits = _hits(ReplyToCriticism, reply_to)
    assert len(hits) == 1
    hit = hits[0]
    assert hit.start is None and hit.end is None  # about the draft as a whole
    assert hit.trace[0] == "reply_to triaged as criticism"
    assert _hits(ReplyToClaimOrAbuse, reply_to) == []


@pytest.mark.parametrize(
    "reply_to",
    [
        "Wanneer wordt het grofvuil opgehaald in de Vogelwijk?",
        "weet iemand of het zwembad zondag open is",
        "Bedankt voor het snelle opruimen van de omgewaaide boom!",
        "@sanne kijk, dit is bij jou in de straat",
        None,
        "   ",
    ],
)
def test_no_finding_for_questions_compliments_and_other(reply_to: str | None) -> None:
    assert _hits(ReplyToCriticism, reply_to) == []
    assert _hits(ReplyToClaimOrAbuse, reply_to) == []


@pytest.mark.parametrize(
    "reply_to",
    [
        "De gemeente heeft het budget voor de bibliotheek gehalveerd",
        "Het zwembad gaat volgend jaar dicht",
        "Ik hoorde dat de gemeente het buurthuis verkoopt aan een projectontwikkelaar",
    ],
)
def test_rc02_reply_to_a_claim_points_to_communications(reply_to: str) -> None:
    hits = _hits(ReplyToClaimOrAbuse, reply_to)
    assert len(hits) == 1
    assert hits[0].trace[0] == "reply_to triaged as claim"
    assert "Communicatie" in hits[0].suggestion.nl
    assert _hits(ReplyToCriticism, reply_to) == []


@pytest.mark.skipif(
    _offensive_detector() is None,
    reason="krantentoets.detect.offensive.detect_offensive is not available yet; "
    "abuse in reply_to depends on it",
)
def test_rc02_reply_to_abuse() -> None:
    hits = _hits(ReplyToClaimOrAbuse, "Stelletje idioten op dat stadskantoor, jullie zijn debielen")
    assert len(hits) == 1 and hits[0].trace[0] == "reply_to triaged as abuse"


def test_meta_examples_are_honest() -> None:
    policy = default_policy()
    for rule_cls in RULES:
        rule = rule_cls()
        bad = list(rule.check(rule.meta.bad.post(), CheckContext(policy)))
        good = list(rule.check(rule.meta.good.post(), CheckContext(policy)))
        assert bad and not good, rule.meta.id
        assert rule.meta.category is Category.REPLY_TO_CRITICISM
        assert rule.meta.severity is Severity.WARN


def test_registered_and_cited_through_check() -> None:
    registry = builtin_registry()
    assert "RC01" in registry and "reply-to-criticism" in registry and "RC02" in registry
    post = Post(
        "Dat klopt niet, we repareren de gaten elke week.",
        reply_to="Waarom doet de gemeente nooit iets aan de gaten in de weg??",
    )
    report = check(post, default_policy())
    found = [f for f in report.findings if f.category is Category.REPLY_TO_CRITICISM]
    assert [f.rule for f in found] == ["RC01"]
    assert found[0].guidelines == ("MW-3",)
    assert found[0].severity is Severity.WARN
    assert report.verdict is not Verdict.POST
    ma = check(post, default_policy("mandatarissen"))
    assert [f.guidelines for f in ma.findings if f.rule == "RC01"] == [("MA-3",)]


def test_triage_runs_once_per_check() -> None:
    policy = default_policy()
    ctx = CheckContext(policy)
    post = Post(DRAFT, reply_to="Het zwembad gaat volgend jaar dicht")
    list(ReplyToCriticism().check(post, ctx))
    first = ctx.memo("triage:reply_to", lambda: None)
    list(ReplyToClaimOrAbuse().check(post, ctx))
    assert ctx.memo("triage:reply_to", lambda: None) is first is not None


COMPLAINT = (
    "Op de hoek van de Dorpsstraat liggen al weken losse stoeptegels. Belachelijk, iemand gaat "
    "er nog eens over struikelen."
)


@pytest.mark.parametrize(
    "reply",
    [
        "Bedankt voor je melding! We komen deze week kijken naar de stoeptegels.",
        "Excuses voor het ongemak. We hebben het doorgegeven aan de buitendienst.",
        "Dank je wel voor je melding, stuur ons een DM met de precieze plek?",
    ],
)
def test_service_reply_to_a_complaint_is_fine(reply: str) -> None:
    """MW-3 warns against debating critics, not against handling a report."""
    assert _hits(ReplyToCriticism, COMPLAINT, reply) == []


@pytest.mark.parametrize(
    "reply",
    [
        "Dat klopt niet, we doen juist heel veel aan onderhoud.",
        "Bedankt voor je melding, maar u ziet het verkeerd: de tegels liggen er pas een week.",
    ],
)
def test_arguing_with_the_critic_is_still_flagged(reply: str) -> None:
    assert _hits(ReplyToCriticism, COMPLAINT, reply)
