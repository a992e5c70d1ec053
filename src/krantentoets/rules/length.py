"""Category ``length`` (MW-8): each platform's own limit, counted the platform's way.

MW-8: when a reply with its context does not fit the platform's characters, link
to a page on the organisation's website where the message can be given in full.

Counting per platform:

- X: 280, weighted as X counts (``twitter-text-parser``): a URL counts 23, CJK
  characters and emoji weigh 2; in a reply (``reply_to`` given) the @handles it opens
  with do not count (X addresses them, they are not text).
- Bluesky: 300 graphemes (what a reader sees as one character).
- Mastodon: 500 characters, every URL counts 23.
- Threads: 500 characters. Instagram: 2,200. LinkedIn: 3,000. Facebook: 63,206.
"""

from __future__ import annotations

import unicodedata
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import regex

from krantentoets.post import Platform, Post
from krantentoets.report import Category, Severity
from krantentoets.rules.base import CheckContext, Example, Hit, Msg, Rule, RuleMeta

_GRAPHEME = regex.compile(r"\X")
# Mastodon's URL rule: http(s) URLs count as 23 characters whatever their length.
_URL = regex.compile(r"https?://[^\s<>\"]+")
URL_LENGTH = 23


_LINE_ENDINGS = regex.compile(r"\r\n|\r")
#: Below this code point every character weighs 1 on X (twitter-text config v3) ...
_X_LIGHT_BELOW = 4352
#: ... and so do these ranges above it; everything else weighs 2.
_X_LIGHT_RANGES = ((8192, 8205), (8208, 8223), (8242, 8247))
#: An emoji sequence (weight 2 as a whole) only ever consists of these characters.
_EMOJI_RUN = regex.compile(r"[0-9#*\u00a9\u00ae\u2000-\U0010ffff]+")


def _x_char_weight(ch: str) -> int:
    cp = ord(ch)
    if cp < _X_LIGHT_BELOW or any(lo <= cp <= hi for lo, hi in _X_LIGHT_RANGES):
        return 1
    return 2


@dataclass(frozen=True, slots=True)
class _TwitterText:
    parse_tweet: Callable[[str], Any]
    extract_urls_with_indices: Callable[[str], list[dict[str, Any]]]
    emoji: regex.Pattern[str]


@cache
def _twitter_text() -> _TwitterText:
    """The parts of twitter-text we use, imported once and quietly.

    Importing any part of it runs its emoji module, which imports the deprecated
    pkg_resources and would print a warning in the middle of a user's report.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from twitter_text import parse_tweet
        from twitter_text.extract_urls import extract_urls_with_indices
        from twitter_text.regexp.emoji import emoji

    return _TwitterText(parse_tweet, extract_urls_with_indices, emoji)


def _x_weighted(text: str) -> int:
    """X's weighted length, exactly as ``twitter_text.parse_tweet`` computes it.

    parse_tweet spends ~0.5 ms per post running its emoji regex over the whole
    text. Here the same regex runs only over the short runs of characters an
    emoji can consist of, and URLs are extracted only when there is a dot. Text
    with both a URL and emoji-range characters goes to parse_tweet itself. A
    property test compares this with parse_tweet on random text.
    """
    norm = _LINE_ENDINGS.sub("\n", unicodedata.normalize("NFC", text))
    heavy = max(map(ord, norm), default=0) >= _X_LIGHT_BELOW or "\u00a9" in norm or "\u00ae" in norm
    total = len(norm)
    if "." in norm:
        urls = _twitter_text().extract_urls_with_indices(norm)
        if urls and heavy:
            return int(_twitter_text().parse_tweet(text).weightedLength)
        for entity in urls:
            total += URL_LENGTH - len(entity["url"])
    if not heavy:
        return total
    emoji_regex = _twitter_text().emoji
    total = 0
    pos = 0
    for run in _EMOJI_RUN.finditer(norm):
        total += sum(_x_char_weight(c) for c in norm[pos : run.start()])
        chunk = run.group()
        cpos = 0
        for m in emoji_regex.finditer(chunk):
            total += sum(_x_char_weight(c) for c in chunk[cpos : m.start()]) + 2
            cpos = m.end()
        total += sum(_x_char_weight(c) for c in chunk[cpos:])
        pos = run.end()
    total += sum(_x_char_weight(c) for c in norm[pos:])
    return total


def _graphemes(text: str) -> int:
    return len(_GRAPHEME.findall(text))


def _mastodon(text: str) -> int:
    total = len(text)
    for m in _URL.finditer(text):
        total += URL_LENGTH - len(m.group())
    return total


@dataclass(frozen=True, slots=True)
class Limit:
    name: str
    limit: int
    count: Callable[[str], int]
    unit: Msg


_CHARS = Msg("tekens", "characters")
LIMITS: dict[Platform, Limit] = {
    Platform.X: Limit("X", 280, _x_weighted, Msg("gewogen tekens", "weighted characters")),
    Platform.BLUESKY: Limit("Bluesky", 300, _graphemes, _CHARS),
    Platform.MASTODON: Limit("Mastodon", 500, _mastodon, _CHARS),
    Platform.THREADS: Limit("Threads", 500, len, _CHARS),
    Platform.INSTAGRAM: Limit("Instagram", 2_200, len, _CHARS),
    Platform.LINKEDIN: Limit("LinkedIn", 3_000, len, _CHARS),
    Platform.FACEBOOK: Limit("Facebook", 63_206, len, _CHARS),
}


def count(text: str, platform: Platform) -> int:
    """The length of ``text`` as ``platform`` counts it."""
    return LIMITS[platform].count(text)


#: The @handles a reply opens with (X handles are at most 15 word characters).
_LEADING_MENTIONS = regex.compile(r"(?:@\w{1,15}\s+)+")


def _reply_mentions(post: Post) -> int:
    """How many leading characters X does not count: in a reply, the @handles it opens
    with are addressing, not text (X's counting since 2017); elsewhere none."""
    if post.platform is not Platform.X or post.reply_to is None:
        return 0
    m = _LEADING_MENTIONS.match(post.text)
    return m.end() if m else 0


@lru_cache(maxsize=256)
def _fits_until(text: str, platform: Platform) -> int:
    """The longest prefix (in characters) that still fits the platform's limit."""
    lim = LIMITS[platform]
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if lim.count(text[:mid]) <= lim.limit:
            lo = mid
        else:
            hi = mid - 1
    return lo


class TooLong(Rule):
    meta = RuleMeta(
        id="LE01",
        name="too-long-for-platform",
        title=Msg("Te lang voor het platform", "Too long for the platform"),
        category=Category.LENGTH,
        severity=Severity.WARN,
        guidelines=("MW-8", "MA-3"),
        why=Msg(
            "Een bericht dat niet past, wordt afgekapt of in delen geplaatst, en dan "
            "ontbreekt de context. Zet de volledige boodschap op de website en link ernaar.",
            "A post that does not fit is cut off or split, and loses its context. Put the full "
            "message on the website and link to it.",
        ),
        bad=Example(
            "Beste inwoners, " + "de werkzaamheden aan de Harlingerstraatweg duren langer. " * 6,
            platform=Platform.X,
        ),
        good=Example(
            "De werkzaamheden aan de Harlingerstraatweg duren langer. Meer info: "
            "https://www.leeuwarden.nl/werkzaamheden",
            platform=Platform.X,
        ),
        known_problems="Instagram, LinkedIn, Threads and Facebook are counted in Unicode code "
        "points; the platforms may count some emoji differently.",
    )

    def check(self, post: Post, ctx: CheckContext) -> Iterator[Hit]:
        if post.platform is None:
            return
        lim = LIMITS[post.platform]
        skip = _reply_mentions(post)
        n = lim.count(post.text[skip:])
        if n <= lim.limit:
            return
        cut = skip + _fits_until(post.text[skip:], post.platform)
        # Highlight from the start of the word that no longer fits, not from its middle.
        start = cut
        while 0 < start < len(post.text) and not post.text[start - 1].isspace():
            start -= 1
        if start == 0:
            start = cut
        website = ctx.policy.settings.organisation.website
        where = Msg(f" ({website})", f" ({website})") if website else Msg("", "")
        yield Hit(
            start=start,
            end=len(post.text),
            message=Msg(
                "Het bericht telt {n} {unit_nl}; {platform} staat er {limit} toe. "
                "Vanaf het gemarkeerde woord past het niet meer.",
                "The post counts {n} {unit_en}; {platform} allows {limit}. "
                "From the marked word on it does not fit.",
            ).format(
                n=n, limit=lim.limit, platform=lim.name, unit_nl=lim.unit.nl, unit_en=lim.unit.en
            ),
            suggestion=Msg(
                "Kort het bericht in tot {limit} {unit_nl} en zet de volledige boodschap op een "
                "pagina van de website{where_nl}; plaats de link in het bericht.",
                "Shorten the post to {limit} {unit_en} and put the full message on a page of the "
                "website{where_en}; link to it in the post.",
            ).format(
                limit=lim.limit,
                unit_nl=lim.unit.nl,
                unit_en=lim.unit.en,
                where_nl=where.nl,
                where_en=where.en,
            ),
            trace=(f"{lim.name} counts {n} > {lim.limit}", f"fits until character {cut}"),
        )


RULES: tuple[type[Rule], ...] = (TooLong,)
