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


# -- the one-pass measure agrees with twitter-text, where it finds URLs and where it cuts ------

URL_ALPHABET = st.sampled_from(
    [
        *"ab Z.,:/-_#@()?=&0123456789é",
        "\u00a0",
        "\u3000",
        "\x1c",
        "\u2028",
        "\u200e",
        "😀",
        "www.",
        "leeuwarden",
        ".nl",
        ".com",
        ".co",
        ".xn--p1ai",
        "https://",
        "http://",
        "t.co/",
        "/pad",
        "?q=1",
        "日本語",
        ".jp",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(URL_ALPHABET, max_size=40).map("".join))
def test_url_search_per_word_agrees_with_twitter_text(text: str) -> None:
    _assert_urls_as_twitter_text(text)


def _assert_urls_as_twitter_text(text: str) -> None:
    from twitter_text.extract_urls import extract_urls_with_indices

    from krantentoets.rules.length import _x_normalise, _x_urls

    norm = _x_normalise(text)
    expected = [(e["indices"][0], len(e["url"])) for e in extract_urls_with_indices(norm)]
    assert _x_urls(norm) == expected


def test_every_top_level_domain_twitter_text_knows_starts_with_a_letter() -> None:
    # The URL search is skipped for text without a dot followed by a letter; that is only
    # right while every top-level domain in twitter-text's lists starts with a letter.
    from twitter_text.regexp.valid_cctld import valid_cctld
    from twitter_text.regexp.valid_gtld import valid_gtld
    from twitter_text.regexp.valid_punycode import valid_punycode

    for pattern in (valid_gtld, valid_cctld):
        body = pattern.pattern[len("(?:(?:") : pattern.pattern.index(")(?=")]
        alternatives = body.split("|")
        assert len(alternatives) > 100
        assert all(a[:1].isalpha() for a in alternatives)
    assert valid_punycode.pattern.startswith("(?:xn--")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(ALPHABET, min_size=1, max_size=80).map("".join),
    st.integers(min_value=1, max_value=60),
)
def test_x_cut_is_twitter_texts_valid_range(text: str, limit: int) -> None:
    from twitter_text import parse_tweet
    from twitter_text.config import config

    from krantentoets.rules.length import _x_measure, _x_normalise

    norm = _x_normalise(text)
    options = {**config["defaults"], "max_weighted_tweet_length": limit}
    expected = parse_tweet(norm, options)
    total, fits = _x_measure(norm, limit)
    assert total == expected.weightedLength
    if total > limit and fits > 0:
        # parse_tweet gives the last UTF-16 code unit that fits (0 also when none does)
        assert len(norm[:fits].encode("utf-16-le")) // 2 - 1 == expected.validRangeEnd


@pytest.mark.parametrize("ending", ["\r\n", "\r", "\n"])
def test_x_cut_counts_in_the_posts_own_offsets_across_line_endings(ending: str) -> None:
    text = ("Beste inwoners," + ending) * 30
    f = length_findings(text, "x")[0]
    cut = int(f.trace[1].rsplit(" ", 1)[1])
    assert count(text[:cut], Platform.X) <= 280 < count(text[: cut + 1], Platform.X)
    assert not (text[cut - 1 : cut] == "\r" and text[cut : cut + 1] == "\n")


def test_x_cut_for_decomposed_text_is_the_longest_prefix_that_fits() -> None:
    text = "e\u0301" * 300  # é as e + combining accent: NFC makes it one character
    f = length_findings(text, "x")[0]
    cut = int(f.trace[1].rsplit(" ", 1)[1])
    assert count(text[:cut], Platform.X) <= 280 < count(text[: cut + 1], Platform.X)


def test_x_cut_never_splits_a_url_or_an_emoji() -> None:
    text = "a" * 270 + " https://www.leeuwarden.nl/afval"
    f = length_findings(text, "x")[0]
    assert f.trace[1] == "fits until character 271"
    assert f.span.start == 271
    text = "a" * 279 + "👨‍👩‍👧"
    assert length_findings(text, "x")[0].trace[1] == "fits until character 279"


@settings(max_examples=200, deadline=None)
@given(st.lists(ALPHABET, max_size=200).map("".join), st.integers(min_value=1, max_value=80))
def test_bluesky_and_mastodon_cut_where_the_next_unit_no_longer_fits(text: str, limit: int) -> None:
    from krantentoets.rules.length import _URL, _graphemes, _graphemes_fit, _mastodon_fits

    cut = _graphemes_fit(text, limit)
    assert _graphemes(text[:cut]) == min(limit, _graphemes(text))
    assert cut == len(text) or _graphemes(text[: cut + 1]) > limit
    cut = _mastodon_fits(text, limit)
    assert count(text[:cut], Platform.MASTODON) <= limit
    if cut < len(text):
        url = _URL.match(text, cut)
        following = text[: url.end()] if url else text[: cut + 1]
        assert count(following, Platform.MASTODON) > limit


def test_digits_hash_and_star_alone_are_never_an_emoji() -> None:
    # The emoji search skips runs of only these characters (a keycap needs U+20E3).
    from itertools import product

    from krantentoets.rules.length import _twitter_text

    emoji = _twitter_text().emoji
    chars = "0123456789#*"
    assert not any(emoji.search("".join(p)) for n in (1, 2, 3) for p in product(chars, repeat=n))
    assert emoji.search("1\ufe0f\u20e3")


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


TCO = st.builds(
    lambda before, scheme, path, after: f"{before}{scheme}t.co/{path}{after}",
    st.sampled_from(["", " ", "\n", "\u3000", "\u00a0", "(", "@", "a", "#"]),
    st.sampled_from(["https://", "http://", "HTTPS://"]),
    st.text(alphabet="abcXYZ019_-é", min_size=0, max_size=12)
    | st.text(alphabet="aZ0", min_size=38, max_size=43),  # twitter-text takes slugs up to 40
    st.sampled_from(["", " ", ".", "…", "/", "?x=1", ")", " meer", "é"]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(TCO | URL_ALPHABET, max_size=8).map("".join))
def test_shortened_links_are_found_as_twitter_text_finds_them(text: str) -> None:
    _assert_urls_as_twitter_text(text)


def _in_fresh_python(code: str) -> str:
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", code], capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def test_emoji_expression_is_twitter_texts_own_without_pkg_resources() -> None:
    # The length rule runs twitter-text's emoji module without pkg_resources (17 MB); the
    # expression must be the one the plain import builds, and parse_tweet must still work.
    show = "print(hashlib.sha256(e.pattern.encode()).hexdigest(), e.flags, len(e.pattern))"
    ours = _in_fresh_python(
        "import hashlib, sys\n"
        "from krantentoets.rules.length import _twitter_text\n"
        "e = _twitter_text().emoji\n"
        "from twitter_text import parse_tweet\n"
        "assert parse_tweet('a 😀 https://t.co/abc').weightedLength == 28\n"
        "print('pkg_resources' in sys.modules)\n" + show
    )
    plain = _in_fresh_python(
        "import hashlib, sys\nfrom twitter_text.regexp.emoji import emoji as e\n"
        "print('pkg_resources' in sys.modules)\n" + show
    )
    assert ours.splitlines()[0] == "False"
    assert plain.splitlines()[0] == "True"
    assert ours.splitlines()[1] == plain.splitlines()[1]
    assert int(ours.split()[-1]) > 10_000  # the whole emoji list, not an empty expression


def test_another_emoji_module_is_imported_as_it_is() -> None:
    # When twitter-text's emoji module is not the one known (the pkg_resources line differs),
    # nothing is registered and twitter-text imports the plain way.
    out = _in_fresh_python(
        "import sys\nfrom krantentoets.rules import length\n"
        "length._PKG_RESOURCES_IMPORT = 'import something_else\\n'\n"
        "length._register_emoji_module()\n"
        "print('twitter_text.regexp.emoji' in sys.modules)\n"
        "e = length._twitter_text().emoji\n"
        "print('pkg_resources' in sys.modules, bool(e.search('😀')))"
    )
    assert out.splitlines() == ["False", "True True"]


@pytest.mark.parametrize("slug", [10, 40, 41, 60])
def test_a_shortened_link_with_a_slug_over_40_characters_is_no_link(slug: int) -> None:
    from twitter_text import parse_tweet

    url = "https://t.co/" + "a1B" * (slug // 3) + "x" * (slug % 3)
    text = f"Lees meer: {url} vandaag"
    assert count(text, Platform.X) == parse_tweet(text).weightedLength
    assert count(text, Platform.X) == len(text) - len(url) + (23 if slug <= 40 else len(url))
