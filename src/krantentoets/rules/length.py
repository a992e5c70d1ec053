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

Where the text stops fitting is found in the same single pass as the count, the way
twitter-text's ``parse_tweet`` finds its valid range: a URL or an emoji sequence is never
split (it fits as a whole or not at all). Cost is linear in the length of the post.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import types
import unicodedata
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import regex

from krantentoets.post import Platform, Post
from krantentoets.report import Category, Severity
from krantentoets.rules.base import CheckContext, Example, Hit, Msg, Rule, RuleMeta

_GRAPHEME = regex.compile(r"\X")
# Mastodon's URL rule: http(s) URLs count as 23 characters whatever their length.
_URL = regex.compile(r"https?://[^\s<>\"]+")
URL_LENGTH = 23
X_LIMIT = 280


_LINE_ENDINGS = re.compile(r"\r\n|\r")
#: Below this code point every character weighs 1 on X (twitter-text config v3) ...
_X_LIGHT_BELOW = 4352
#: ... and so do these ranges above it; everything else weighs 2.
_X_LIGHT_RANGES = ((8192, 8205), (8208, 8223), (8242, 8247))
#: An emoji sequence (weight 2 as a whole) only ever consists of these characters.
_EMOJI_RUN = re.compile(r"[0-9#*\u00a9\u00ae\u2000-\U0010ffff]+")


#: Characters that weigh 2 on X (all but the light ones above).
_X_HEAVY = re.compile(r"[^\x00-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]")
#: twitter-text's whitespace (``spaces_group``): no part of a URL it extracts, nor of the
#: character before one, contains any of these except that one preceding character.
_X_SPACE = re.compile(
    r"[\x09-\x0d\x20\x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)
_X_SPACE_BACKWARDS = regex.compile(r"(?r)" + _X_SPACE.pattern)
#: Every URL twitter-text extracts has a domain with a dot directly followed by its top-level
#: domain, and every top-level domain it knows starts with a letter (a test checks its lists).
_X_URL_POSSIBLE = regex.compile(r"\.\p{Alpha}")
#: A word that is one shortened link and nothing else: twitter-text extracts it whole (a test
#: compares), so its large URL expression need not run. A slug of more than 40 characters is
#: no link to twitter-text (``max_tco_slug_length``): such a word goes the full way.
_X_TCO_WORD = re.compile(r"https?://t\.co/[A-Za-z0-9]{1,40}")


def _x_char_weight(ch: str) -> int:
    cp = ord(ch)
    if cp < _X_LIGHT_BELOW or any(lo <= cp <= hi for lo, hi in _X_LIGHT_RANGES):
        return 1
    return 2


@dataclass(frozen=True, slots=True)
class _TwitterText:
    parse_tweet: Callable[[str], Any]
    extract_urls_with_indices: Callable[[str], list[dict[str, Any]]]
    emoji: Any  # re.Pattern[str]


#: The one line of twitter-text's emoji module that needs pkg_resources (to read its data file).
_PKG_RESOURCES_IMPORT = "import pkg_resources\n"


class _ResourceReader:
    """What twitter-text's emoji module asks of pkg_resources: its own data file's bytes."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder

    def resource_string(self, module: str, name: str) -> bytes:
        return (self._folder / name).read_bytes()


def _register_emoji_module() -> None:
    """Put twitter-text's emoji module in ``sys.modules`` without importing pkg_resources.

    Importing any part of twitter-text runs ``twitter_text/regexp/emoji.py``, which imports
    the deprecated pkg_resources only to read ``emoji-test.txt`` beside it. pkg_resources
    alone costs about 17 MB and 0.1 s of CPU at start-up. This runs that module's own source,
    unchanged but for that import, with a reader that reads the same file, so the emoji
    expression is the very same (a test compares it with the one pkg_resources gives). With
    another version of the module (the line not there once), twitter-text is imported as is.
    """
    name = "twitter_text.regexp.emoji"
    if name in sys.modules:
        return
    spec = importlib.util.find_spec("twitter_text")  # finds the package without running it
    if spec is None or not spec.submodule_search_locations:
        return
    folder = Path(next(iter(spec.submodule_search_locations))) / "regexp"
    try:
        source = (folder / "emoji.py").read_text(encoding="utf-8")
    except OSError:
        return
    if source.count(_PKG_RESOURCES_IMPORT) != 1:
        return
    module = types.ModuleType(name)
    module.__file__ = str(folder / "emoji.py")
    module.__package__ = "twitter_text.regexp"
    module.pkg_resources = _ResourceReader(folder)  # type: ignore[attr-defined]
    code = compile(source.replace(_PKG_RESOURCES_IMPORT, "\n"), module.__file__, "exec")
    exec(code, module.__dict__)
    # The data file's whole text (1.5 MB as a str, emoji included) is only read to build
    # the expression; nothing in twitter-text reads it again.
    module.__dict__.pop("emoji_raw", None)
    sys.modules[name] = module


@cache
def _twitter_text() -> _TwitterText:
    """The parts of twitter-text we use, imported once and quietly (without pkg_resources,
    which would also print a deprecation warning in the middle of a user's report)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _register_emoji_module()
        from twitter_text import parse_tweet
        from twitter_text.extract_urls import extract_urls_with_indices
        from twitter_text.regexp.emoji import emoji

    return _TwitterText(parse_tweet, extract_urls_with_indices, emoji)


def _x_normalise(text: str) -> str:
    """The text as twitter-text counts it: NFC, and every line ending a single ``\\n``."""
    norm = unicodedata.normalize("NFC", text)
    return _LINE_ENDINGS.sub("\n", norm) if "\r" in norm else norm


def _x_urls(norm: str) -> list[tuple[int, int]]:
    """``(start, length)`` of each URL, exactly as ``extract_urls_with_indices`` finds them.

    twitter-text runs its (large) URL expression over the whole text. A URL never contains
    twitter-text's whitespace and the expression looks at most one character before it, so
    the same expression runs here only on the words that can hold a domain (a dot followed
    by a letter), each with the one character before it. A property test compares the two.
    """
    if "." not in norm:
        return []
    extract = _twitter_text().extract_urls_with_indices
    found: list[tuple[int, int]] = []
    searched = 0  # the end of the last word searched
    for m in _X_URL_POSSIBLE.finditer(norm):
        if m.start() < searched:
            continue
        before = _X_SPACE_BACKWARDS.search(norm, 0, m.start())
        base = before.start() if before else 0  # the word, with the whitespace before it
        after = _X_SPACE.search(norm, m.end())
        searched = after.start() if after else len(norm)
        word = base + 1 if before else base
        if _X_TCO_WORD.fullmatch(norm, word, searched):  # most links in real posts
            found.append((word, searched - word))
            continue
        for entity in extract(norm[base:searched]):
            found.append((base + entity["indices"][0], len(entity["url"])))
    return found


@lru_cache(maxsize=2048)
def _x_emoji(run: str) -> tuple[tuple[int, int], ...]:
    """``(start, length)`` of each emoji in a run of characters an emoji can consist of
    (the same few emoji recur from post to post, hence the cache)."""
    if not run.strip("0123456789#*"):  # digits, '#' and '*' are an emoji only with U+20E3
        return ()
    return tuple((m.start(), m.end() - m.start()) for m in _twitter_text().emoji.finditer(run))


@lru_cache(maxsize=256)  # the rule asks for the count, then (when over) for the cut
def _x_measure(text: str, limit: int) -> tuple[int, int]:
    """X's weighted length of ``text`` and how many characters of it fit in ``limit``.

    One pass, as ``twitter_text.parse_tweet`` counts: a URL weighs 23 and an emoji sequence
    2, wherever they fall; other characters weigh 1 or 2 by code point. What fits is what
    parse_tweet calls the valid range: everything up to the last character (or whole URL or
    emoji) at which the running total is still within ``limit``. Emoji are looked for only
    in runs of characters an emoji can consist of, URLs only in words that can hold a
    domain. Property tests compare both figures with parse_tweet.
    """
    norm = _x_normalise(text)
    heavy = _X_HEAVY.search(norm) is not None or "\u00a9" in norm or "\u00ae" in norm
    entities: dict[int, tuple[int, int]] = {}  # start -> (length, weight)
    if heavy:
        for run in _EMOJI_RUN.finditer(norm):
            for start, length in _x_emoji(run.group()):
                entities[run.start() + start] = (length, 2)
    for start, length in _x_urls(norm):  # a URL wins where both start (as in parse_tweet)
        entities[start] = (length, URL_LENGTH)
    total = 0
    fits = -1  # the characters that fit, once known
    pos = 0
    for start in sorted(entities) if entities else ():
        if start < pos:  # inside a URL or emoji already counted
            continue
        if start > pos:
            total, fits = _x_plain(norm, pos, start, total, fits, limit, heavy)
        length, weight = entities[start]
        total += weight
        if fits < 0 and total > limit:
            fits = start
        pos = start + length
    if pos < len(norm):
        total, fits = _x_plain(norm, pos, len(norm), total, fits, limit, heavy)
    return total, len(norm) if fits < 0 else fits


def _x_plain(
    norm: str, start: int, end: int, total: int, fits: int, limit: int, heavy: bool
) -> tuple[int, int]:
    """Add the characters ``norm[start:end]`` (no URL, no emoji) to the running total."""
    weight = end - start + (len(_X_HEAVY.findall(norm, start, end)) if heavy else 0)
    if fits < 0 and total + weight > limit:
        if not heavy:
            fits = start + limit - total
        else:
            running = total
            for i, ch in enumerate(norm[start:end]):
                running += _x_char_weight(ch)
                if running > limit:
                    fits = start + i
                    break
    return total + weight, fits


def _x_weighted(text: str) -> int:
    """X's weighted length, exactly as ``twitter_text.parse_tweet`` computes it."""
    return _x_measure(text, X_LIMIT)[0]  # the limit the rule asks for next: one cache entry


def _x_fits(text: str, limit: int) -> int:
    """How many characters of ``text`` fit in ``limit`` on X (in ``text``'s own offsets)."""
    fits = _x_measure(text, limit)[1]
    norm = _x_normalise(text)
    if norm == text:
        return fits
    if unicodedata.is_normalized("NFC", text):  # only line endings changed (\r\n became \n)
        shift = 0
        for m in _LINE_ENDINGS.finditer(text):
            if m.start() - shift >= fits:
                break
            shift += len(m.group()) - 1
        return fits + shift
    # Not in NFC (decomposed accents, rare in typed text): the longest prefix that still
    # fits, found by counting prefixes.
    return _longest_fitting_prefix(text, limit, _x_weighted)


def _longest_fitting_prefix(text: str, limit: int, count_: Callable[[str], int]) -> int:
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if count_(text[:mid]) <= limit:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _graphemes(text: str) -> int:
    return len(_GRAPHEME.findall(text))


def _graphemes_fit(text: str, limit: int) -> int:
    end = 0
    for n, m in enumerate(_GRAPHEME.finditer(text), start=1):
        if n > limit:
            break
        end = m.end()
    return end


def _mastodon(text: str) -> int:
    total = len(text)
    for m in _URL.finditer(text):
        total += URL_LENGTH - len(m.group())
    return total


def _mastodon_fits(text: str, limit: int) -> int:
    """Characters of ``text`` that fit, a URL counting 23 as a whole."""
    total = 0
    pos = 0
    for m in _URL.finditer(text):
        if total + m.start() - pos > limit:
            break
        total += m.start() - pos
        if total + URL_LENGTH > limit:
            return m.start()
        total += URL_LENGTH
        pos = m.end()
    return min(len(text), pos + limit - total)


def _chars_fit(text: str, limit: int) -> int:
    return min(len(text), limit)


@dataclass(frozen=True, slots=True)
class Limit:
    name: str
    limit: int
    count: Callable[[str], int]
    unit: Msg
    #: How many characters of a text fit in ``limit`` (a URL or emoji never split).
    fits: Callable[[str, int], int] = _chars_fit


_CHARS = Msg("tekens", "characters")
LIMITS: dict[Platform, Limit] = {
    Platform.X: Limit(
        "X", X_LIMIT, _x_weighted, Msg("gewogen tekens", "weighted characters"), _x_fits
    ),
    Platform.BLUESKY: Limit("Bluesky", 300, _graphemes, _CHARS, _graphemes_fit),
    Platform.MASTODON: Limit("Mastodon", 500, _mastodon, _CHARS, _mastodon_fits),
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


def fits_until(text: str, platform: Platform) -> int:
    """How many characters of ``text`` fit the platform's limit."""
    lim = LIMITS[platform]
    return lim.fits(text, lim.limit)


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
        cut = skip + fits_until(post.text[skip:], post.platform)
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
