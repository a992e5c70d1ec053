"""The core: check(post, policy) -> Report, verdicts, spans and the Post model."""

from __future__ import annotations

import pytest

from krantentoets.check import check
from krantentoets.policy import default_policy, parse_policy
from krantentoets.post import MAX_TEXT_LENGTH, AccountKind, Platform, Post, PostError
from krantentoets.report import Category, Finding, Report, Severity, Span, SpanError, Verdict

LONG = "De werkzaamheden aan de Harlingerstraatweg duren langer dan gepland. " * 6


def test_clean_post_gives_post() -> None:
    report = check(Post("Het zwembad is morgen open van 9 tot 17 uur.", platform="x"))
    assert report.verdict is Verdict.POST
    assert report.findings == ()
    assert report.verdict_label == "Plaatsen"


def test_warning_gives_doubt_and_block_gives_do_not_post() -> None:
    report = check(Post(LONG, platform=Platform.X))
    assert report.verdict is Verdict.DOUBT
    assert [f.category for f in report.findings] == [Category.LENGTH]
    strict = parse_policy({"severity": {"length": "block"}}, "t")
    assert check(Post(LONG, platform="x"), strict).verdict is Verdict.DO_NOT_POST
    lenient = parse_policy({"severity": {"length": "info"}}, "t")
    report = check(Post(LONG, platform="x"), lenient)
    assert report.verdict is Verdict.POST and report.findings


def test_finding_cites_profile_guideline_and_quotes_it() -> None:
    for profile, gid in (("medewerkers", "MW-8"), ("mandatarissen", "MA-3")):
        report = check(Post(LONG, platform="x"), default_policy(profile))
        assert report.findings[0].guidelines == (gid,)
        assert report.guideline_texts[gid]


def test_english_messages() -> None:
    report = check(Post(LONG, platform="x"), parse_policy({"language": "en"}, "t"))
    assert report.verdict_label.startswith("Doubt")
    assert "allows 280" in report.findings[0].message


def test_default_platform_from_policy() -> None:
    policy = parse_policy({"default_platform": "x"}, "t")
    assert check(Post(LONG), policy).findings
    assert not check(Post(LONG)).findings  # no platform: no length rule


def test_report_refuses_span_that_does_not_match() -> None:
    f = Finding("LE01", "x", Category.LENGTH, Severity.WARN, Span(0, 3, "abc"), "m", ("MW-8",), "s")
    with pytest.raises(SpanError):
        Report("xyz and more", (f,), Verdict.DOUBT, "medewerkers")
    with pytest.raises(ValueError, match="verdict"):
        Report("abc", (f,), Verdict.POST, "medewerkers")
    with pytest.raises(SpanError):
        Span(2, 1, "")
    with pytest.raises(SpanError):
        Span.of("abc", 1, 9)


def test_findings_are_immutable() -> None:
    report = check(Post(LONG, platform="x"))
    with pytest.raises(AttributeError):
        report.findings[0].severity = Severity.INFO  # type: ignore[misc]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"text": ""}, "leeg"),
        ({"text": "  \n\t "}, "leeg"),
        ({"text": "a" * (MAX_TEXT_LENGTH + 1)}, "maximum is 50.000"),
        ({"text": "hoi", "platform": "myspace"}, "x, bluesky, mastodon"),
        ({"text": "hoi", "account": "prive"}, "organisation, in-function, personal"),
    ],
)
def test_bad_post_input(kwargs: dict, message: str) -> None:
    with pytest.raises(PostError, match=message):
        Post(**kwargs)


def test_post_normalises_strings() -> None:
    post = Post("hoi", platform="X", account="Personal", images=["a.png"])
    assert post.platform is Platform.X
    assert post.account is AccountKind.PERSONAL
    assert post.images[0].name == "a.png"


def test_report_json_contract() -> None:
    d = check(Post(LONG, platform="x", id="42")).to_dict()
    assert d["id"] == "42" and d["verdict"] == "doubt"
    f = d["findings"][0]
    for key in (
        "rule",
        "category",
        "severity",
        "start",
        "end",
        "text",
        "guidelines",
        "message",
        "suggestion",
    ):
        assert key in f
    assert LONG[f["start"] : f["end"]] == f["text"]
