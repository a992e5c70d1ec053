"""Property-based tests: any input gives a report or a clean error; spans match the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guards import cpu_budget
from krantentoets.check import check
from krantentoets.policy import default_policy
from krantentoets.post import Platform, Post, PostError
from krantentoets.report import Verdict

POLICIES = [default_policy("medewerkers"), default_policy("mandatarissen")]

# Text that looks like posts: Dutch words, digits, separators, emoji, whitespace.
FRAGMENTS = st.sampled_from(
    [
        "bel",
        "me",
        "op",
        "06-12345678",
        "+31 6 1234 5678",
        "0470 12 34 56",
        "02/123.45.67",
        "info@gemeente.nl",
        "j.devries@gmail.com",
        "NL91ABNA0417164300",
        "111222333",
        "Oranjestraat 14",
        "8911 AB",
        "geboren",
        "12-03-1961",
        "kanker",
        "idioot",
        "vertrouwelijk",
        "brand",
        "ik vind",
        "het college",
        "schijnt",
        '"',
        "😀",
        "漢",
        " ",
        "\n",
        ".",
        ",",
        "!",
        "?",
        "@",
        "#",
        "https://www.leeuwarden.nl/a",
        "wethouder",
        "mevrouw",
        "De Vries",
        "14 058",
    ]
)
POSTLIKE = st.lists(FRAGMENTS, min_size=1, max_size=60).map(" ".join)


def _assert_report(text: str, platform: Platform | None) -> None:
    try:
        post = Post(text, platform=platform)
    except PostError as exc:
        assert str(exc)  # a clean, non-empty Dutch message
        return
    for policy in POLICIES:
        report = check(post, policy)
        assert report.verdict in Verdict
        for f in report.findings:
            if f.span is not None:
                assert text[f.span.start : f.span.end] == f.span.text
                assert f.span.start < f.span.end
            assert f.message and f.suggestion and f.guidelines


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.sampled_from([None, *Platform]))
def test_any_text_gives_report_or_clean_error(text: str, platform: Platform | None) -> None:
    _assert_report(text, platform)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(POSTLIKE, st.sampled_from([None, *Platform]))
def test_postlike_text_spans_match(text: str, platform: Platform | None) -> None:
    _assert_report(text, platform)


def test_pathological_inputs_finish_quickly() -> None:
    """Regexes must not backtrack catastrophically on long runs of digits and separators."""
    samples = [
        "0" * 50_000,
        "0 " * 25_000,
        ("06-" * 16_000)[:50_000],
        ("a." * 25_000),
        ("@" + "a" * 100) * 490,
        ("1.2.3.4.5.6.7.8.9 " * 3_000)[:50_000],
        ("Aa " * 16_000)[:50_000],
        ('"' + "woord " * 30 + '" ') * 250,
        "h " * 25_000,
    ]
    for text in samples:
        with cpu_budget(10, what=f"on {text[:20]!r}…"):
            check(Post(text, platform="facebook"))
