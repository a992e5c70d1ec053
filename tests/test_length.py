"""Length per platform (MW-8), counted the way each platform counts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from krantentoets.check import check
from krantentoets.policy import parse_policy
from krantentoets.post import MAX_TEXT_LENGTH, Platform, Post
from krantentoets.rules.length import LIMITS, count


def length_findings(text: str, platform: str, website: str | None = None):
    policy = parse_policy({"organisation": {"website": website}} if website else {}, "t")
    return [f for f in check(Post(text, platform=platform), policy).findings if f.rule == "LE01"]


def test_x_counts_urls_as_23() -> None:
    url = "https://www.leeuwarden.nl/" + "a" * 200
    assert count(url, Platform.X) == 23
    assert not length_findings("Lees meer: " + url, "x")


def test_x_weighs_emoji_and_cjk_double() -> None:
    assert count("😀", Platform.X) == 2
    assert count("漢字", Platform.X) == 4
    assert length_findings("😀" * 141, "x")
    assert not length_findings("😀" * 140, "x")


@pytest.mark.parametrize(("platform", "limit"), [(p, lim.limit) for p, lim in LIMITS.items()])
def test_limit_boundaries(platform: Platform, limit: int) -> None:
    if limit >= MAX_TEXT_LENGTH:
        pytest.skip("limit above the longest text the checker accepts (50,000)")
    assert not length_findings("a" * limit, platform.value)
    over = length_findings("a" * (limit + 1), platform.value)
    assert len(over) == 1
    assert (over[0].span.start, over[0].span.end) == (limit, limit + 1)


def test_bluesky_counts_graphemes() -> None:
    family = "👨‍👩‍👧"  # one grapheme, five code points
    assert count(family, Platform.BLUESKY) == 1
    assert not length_findings(family * 300, "bluesky")
    assert length_findings(family * 301, "bluesky")


def test_mastodon_counts_urls_as_23() -> None:
    text = "a" * 470 + " https://www.leeuwarden.nl/" + "b" * 100
    assert count(text, Platform.MASTODON) == 470 + 1 + 23
    assert not length_findings(text, "mastodon")


def test_suggestion_links_to_the_website() -> None:
    f = length_findings("woord " * 60, "x", website="https://www.leeuwarden.nl")[0]
    assert "https://www.leeuwarden.nl" in f.suggestion
    assert "360" in f.message and "280" in f.message


def test_overflow_span_starts_where_the_text_stops_fitting() -> None:
    text = "😀" * 100 + "b" * 100  # 200 + 100 weighted
    f = length_findings(text, "x")[0]
    assert f.span.start == 100 + 80
    assert count(text[: f.span.start], Platform.X) == 280


ALPHABET = st.sampled_from(
    [
        *"abc XYZ.,:/-_#@\n\r\t0123456789éëçñ©®™‼",
        "😀",
        "👨‍👩‍👧",
        "1️⃣",
        "漢",
        "ᄀ",
        "\u2000",
        "\u200d",
        "\ufe0f",
        "www.leeuwarden.nl",
        "https://t.co/abc",
        "leeuwarden.nl/afval",
        "e-mail@x.nl",
        "a.b",
        "Ω",
        "ש",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=80).map("".join))
def test_x_fast_path_agrees_with_twitter_text(text: str) -> None:
    from twitter_text import parse_tweet

    assert count(text, Platform.X) == parse_tweet(text).weightedLength


def test_highlight_starts_at_a_word_and_the_suggestion_has_no_placeholder() -> None:
    text = "De werkzaamheden aan de Harlingerstraatweg duren langer dan gepland. " * 5
    f = length_findings(text, "x")[0]
    assert f.span.start == 0 or text[f.span.start - 1] == " "
    assert f.span.start <= 280 < f.span.end
    assert "()" not in f.suggestion and "organisatie)" not in f.suggestion


def test_x_reply_opening_mentions_do_not_count() -> None:
    """X does not count the @handles a reply opens with; a new post counts them."""
    body = "Dank voor je vraag, we kijken ernaar. " * 7
    text = "@gemeente_a @inwoner_b @inwoner_c " + body.strip()
    assert count(body.strip(), Platform.X) <= 280 < count(text, Platform.X)
    policy = parse_policy({}, "t")
    as_reply = Post(text, platform="x", reply_to="Wanneer wordt de weg gemaakt?")
    assert [f for f in check(as_reply, policy).findings if f.rule == "LE01"] == []
    over = length_findings(text, "x")
    assert len(over) == 1 and over[0].span.end == len(text)
    # a handle inside the text still counts, also in a reply
    inner = Post(body.strip() + " @inwoner_b @inwoner_c", platform="x", reply_to="Vraag?")
    assert [f for f in check(inner, policy).findings if f.rule == "LE01"]
