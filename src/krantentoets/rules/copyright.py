"""Category ``copyright`` (MA-5): others' work only with consent and a source.

MA-5: "Hou rekening met de wettelijk vastgelegde auteurs- en portretrecht. Zonder
toestemming andermans werk publiceren of citeren is niet toegestaan." Under Dutch
and Belgian copyright law a quotation is allowed only when it is short, serves
the post and names its source; a pasted article or someone else's photo needs
the maker's permission.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from krantentoets.detect.context import _QUOTES, outside_quotes, quoted_spans, word_count
from krantentoets.detect.phrases import ODD_CASE
from krantentoets.post import AccountKind, Post
from krantentoets.report import Category, Severity
from krantentoets.rules.base import CheckContext, Example, Hit, Keywords, Msg, Rule, RuleMeta
from krantentoets.rules.portrait import ImageExample, example_image

if TYPE_CHECKING:
    from krantentoets.policy import Policy

_I = re.IGNORECASE

#: A quotation of at least this many words is "long": it needs a source.
LONG_QUOTE_WORDS = 25
#: The marks that open a quotation: a text without one quotes nothing.
_QUOTE_OPENERS = tuple(_QUOTES)

#: A quotation's source, named outside the quotation marks.
_QUOTE_SOURCE = re.compile(
    r"\bbron\b|\baldus\b|\bvolgens\b|\bschrijft\b|\bschreef\b|\bzegt\b|\bzei\b|\bzeggen\b"
    r"|\bvertelt\b|\bvertelde\b|\bciteer\w*|\bcitaat\b|\bschrijver\b|\bauteur\b|©|\(c\)"
    r"|https?://|\bwww\.|[—–]\s*\w|\buit\s+(?:het\s+boek|de\s+roman|het\s+gedicht)\b"
    r"|\b(?:gezegd|geschreven|woorden)\s+(?:door|van)\b|\bdichter\w*",
    _I,
)
#: What every alternative of :data:`_QUOTE_SOURCE` holds, in lower case: in a text without
#: any of them (and without a letter of ``ODD_CASE``, which ``(?i)`` and ``str.lower()``
#: read differently) no source is named, and the expression need not run.
_QUOTE_SOURCE_STEMS = (
    "bron", "aldus", "volgens", "schrij", "schreef", "zegt", "zei", "zeggen", "vertel", "citeer",
    "citaat", "auteur", "©", "(c)", "http", "www.", "—", "–", "boek", "roman", "gedicht",
    "gezegd", "geschreven", "woorden", "dichter",
)  # fmt: skip


def names_a_source(text: str) -> bool:
    """Whether ``_QUOTE_SOURCE`` finds a source in ``text`` (most posts name none)."""
    low = text.lower()
    # The alternatives that match wherever their characters occur (no word boundary): a link,
    # found in most posts with a long quotation, answers at once.
    if "https://" in low or "http://" in low or "©" in text or "(c)" in low:
        return True
    if (text.isascii() or not any(c in text for c in ODD_CASE)) and not any(
        stem in low for stem in _QUOTE_SOURCE_STEMS
    ):
        return False
    return _QUOTE_SOURCE.search(text) is not None


#: Signs that a passage was copied from someone else's publication.
_PASTED = re.compile(
    r"\buit\s+de\s+(?:krant|courant)\b|\bovergenomen\s+(?:van|uit)\b|\bgekopieerd\s+(?:van|uit)\b"
    r"|©|\(c\)\s*\d{4}|\balle\s+rechten\s+voorbehouden\b|\bcopyright\b"
    r"|\blees\s+verder\s+(?:onder|na)\s+de\s+advertentie\b|\bcopy[- ]?paste\b",
    _I,
)
#: Cheap pre-filter: a post that contains none of these stems cannot match :data:`_PASTED`.
PASTED_STEMS = "copyright-pasted"
_PASTED_STEMS = (
    "krant", "courant", "overgenomen", "gekopieerd", "©", "(c)", "voorbehouden", "copyright",
    "advertentie", "copy",
)  # fmt: skip
_SOURCE_GIVEN = re.compile(r"\bbron\s*:|\(bron\b|https?://|\bwww\.|\bmet\s+toestemming\b", _I)
#: The speaker right after a quotation: '"…" - @handle', '"…" – Jetten bij #Op1', '"…"@handle'.
_SPEAKER_AFTER = re.compile(r"^[\s.,]*[-–—]?\s*(?:@\w|(?-i:[A-Z])[\w-]+(?:\s|$|[,.:]))")
#: The speaker right before a quotation: 'Jetten: "…"', '@handle: "…"', 'zei X: "…"'.
_SPEAKER_BEFORE = re.compile(
    r"(?:@\w+\s*:?|(?<!\w)(?-i:[A-Z])[\w'-]+(?:\s+(?:van|de|der|den|ter|ten|het)){0,2}"
    r"(?:\s+(?-i:[A-Z])[\w'-]+)?\s*:)\s*$"
)


def attributed(text: str, start: int, end: int) -> bool:
    """The quotation ``text[start:end]`` (with its marks) carries its speaker before or after."""
    return bool(
        _SPEAKER_AFTER.match(text[end : end + 60])
        or _SPEAKER_BEFORE.search(text[max(0, start - 60) : start])
    )


_RIGHTS_RESERVED = re.compile(r"\balle\s+rechten\s+voorbehouden\b", _I)

#: A credit line for a photo: "Foto: ...", "Beeld: ...", "©", "eigen foto".
_IMAGE_CREDIT = re.compile(
    r"\b(?:foto|foto's|beeld|bron|fotografie|illustratie|credits?|photo|image)\s*:"
    r"|©|\(c\)|📷|📸"
    r"|\b(?:foto|beeld|fotografie)\s+(?:door|gemaakt\s+door|genomen\s+door)\b"
    r"|\beigen\s+(?:foto|beeld|opname)\b|\bmet\s+toestemming\b",
    _I,
)


@lru_cache(maxsize=32)
def _own_name(names: tuple[str, ...]) -> re.Pattern[str] | None:
    parts = [r"\s+".join(re.escape(w) for w in n.split()) for n in names if n.strip()]
    if not parts:
        return None
    return re.compile(r"©\s*(?:\d{4}\s*)?(?:" + "|".join(parts) + r")\b", _I)


class LongQuoteWithoutSource(Rule):
    meta = RuleMeta(
        id="CR01",
        name="long-quote-without-source",
        title=Msg("Lang citaat zonder bron", "Long quotation without a source"),
        category=Category.COPYRIGHT,
        severity=Severity.WARN,
        guidelines=("MW-1", "MA-5"),
        why=Msg(
            "Citeren mag alleen kort, met een doel en met de bron erbij. Een lange passage uit "
            "andermans tekst zonder bron is publiceren zonder toestemming.",
            "Quoting is only allowed briefly, for a purpose and with the source named. A long "
            "passage from someone else's text without a source is publishing without consent.",
        ),
        bad=Example(
            'Mooi gezegd: "Een stad is pas een stad als iedereen er een plek heeft, jong en oud, '
            "rijk en arm, wie hier geboren is en wie hier net komt wonen, want samen maken we "
            'de straten, de pleinen en de buurten tot een thuis."',
            account=AccountKind.PERSONAL,
        ),
        good=Example(
            'Mooi gezegd door dichter Tsjêbbe Hettinga: "Een stad is pas een stad als iedereen '
            "er een plek heeft, jong en oud, rijk en arm, wie hier geboren is en wie hier net "
            "komt wonen, want samen maken we de straten, de pleinen en de buurten tot een "
            'thuis."',
            account=AccountKind.PERSONAL,
        ),
        known_problems=f"Counts quotations in double quotation marks of at least "
        f"{LONG_QUOTE_WORDS} words; a passage pasted without quotation marks is only noticed "
        'by rule CR02\'s signs of copying. Any attribution counts as a source ("zegt", '
        '"volgens", a link), even when it is vague.',
    )

    def check(self, post: Post, ctx: CheckContext) -> Iterator[Hit]:
        text = post.text
        if not any(mark in text for mark in _QUOTE_OPENERS):  # most posts quote nothing
            return
        long_quotes = [
            (start, end, n)
            for start, end in quoted_spans(post.text)
            if (n := word_count(post.text[start + 1 : end - 1])) >= LONG_QUOTE_WORDS
        ]
        # The source is looked for only when there is a long quotation to need one.
        if not long_quotes or names_a_source(outside_quotes(post.text)):
            return
        for start, end, n in long_quotes:
            if attributed(post.text, start, end):
                continue
            yield Hit(
                start=start,
                end=end,
                message=Msg(
                    "Je citeert een passage van {n} woorden zonder te zeggen van wie of waaruit.",
                    "You quote a passage of {n} words without saying whose it is or where it is "
                    "from.",
                ).format(n=n),
                suggestion=Msg(
                    "Noem de bron (maker, titel of medium, link) en citeer alleen wat je nodig "
                    "hebt. Wil je meer overnemen, vraag dan de maker om toestemming.",
                    "Name the source (author, title or medium, link) and quote only what you "
                    "need. To use more, ask the author for permission.",
                ),
                trace=(f"quotation of {n} words >= {LONG_QUOTE_WORDS}", "no source named"),
            )


class PastedWithoutSource(Rule):
    meta = RuleMeta(
        id="CR02",
        name="pasted-without-source",
        title=Msg("Overgenomen tekst zonder bron", "Copied text without a source"),
        category=Category.COPYRIGHT,
        severity=Severity.WARN,
        guidelines=("MW-1", "MA-5"),
        why=Msg(
            "Een artikel of tekst van een ander overnemen mag alleen met toestemming van de maker "
            "en met de bron erbij. Deel liever een link naar het origineel.",
            "Copying someone else's article or text is only allowed with the author's consent "
            "and with the source. Share a link to the original instead.",
        ),
        bad=Example(
            "Overgenomen uit de krant van vandaag: De gemeenteraad heeft gisteravond unaniem "
            "ingestemd met de bouw van 300 woningen aan de rand van de wijk. © 2025 Mediahuis",
            account=AccountKind.PERSONAL,
        ),
        good=Example(
            "De gemeenteraad stemde gisteravond in met 300 nieuwe woningen. Lees het artikel: "
            "https://www.lc.nl/leeuwarden/woningbouw",
            account=AccountKind.PERSONAL,
        ),
        known_problems='Relies on signs of copying ("overgenomen van", "uit de krant", '
        '"©", "alle rechten voorbehouden"); a pasted text without such signs is missed.',
    )

    def keywords(self, policy: Policy) -> Keywords:
        return Keywords(stems={PASTED_STEMS: _PASTED_STEMS})

    def check(self, post: Post, ctx: CheckContext) -> Iterator[Hit]:
        text = post.text
        if PASTED_STEMS not in ctx.keywords(text).stems:
            return
        m = _PASTED.search(text)
        if m is None:
            return
        org = ctx.policy.settings.organisation
        own = _own_name((org.name, *org.aliases))
        if m.group() == "©" and own is not None and own.match(text, m.start()):
            return
        reserved = _RIGHTS_RESERVED.search(text)
        if reserved is None and _SOURCE_GIVEN.search(text):
            return
        hit = reserved or m
        yield Hit(
            start=hit.start(),
            end=hit.end(),
            message=Msg(
                "'{seen}' wijst erop dat je tekst van een ander overneemt.",
                "'{seen}' suggests you are copying someone else's text.",
            ).format(seen=hit.group()),
            suggestion=Msg(
                "Vat het in je eigen woorden samen en link naar het origineel, of vraag de maker "
                "om toestemming en vermeld de bron.",
                "Summarise it in your own words and link to the original, or ask the author for "
                "permission and state the source.",
            ),
            trace=(
                f"copy marker {hit.group()!r}",
                "all rights reserved" if reserved else "no source or link",
            ),
        )


class ImageWithoutSource(Rule):
    meta = RuleMeta(
        id="CR03",
        name="image-without-source",
        title=Msg("Foto zonder bronvermelding", "Image without a credit"),
        category=Category.COPYRIGHT,
        severity=Severity.INFO,
        guidelines=("MW-1", "MA-5"),
        why=Msg(
            "Op een foto of illustratie rust auteursrecht. Gebruik eigen beeld of beeld waarvoor "
            "je toestemming hebt, en vermeld de maker.",
            "Photos and illustrations are protected by copyright. Use your own images or images "
            "you have permission for, and credit the maker.",
        ),
        bad=ImageExample(
            "Het nieuwe speelveld in Camminghaburen is klaar!",
            images=(example_image(),),
        ),
        good=ImageExample(
            "Het nieuwe speelveld in Camminghaburen is klaar! Foto: gemeente Leeuwarden",
            images=(example_image(),),
        ),
        known_problems='Only looks for a credit line in the text ("Foto:", "Beeld:", "©", '
        '"eigen foto"); it cannot tell whose photo it is.',
    )

    def check(self, post: Post, ctx: CheckContext) -> Iterator[Hit]:
        if not post.images or _IMAGE_CREDIT.search(post.text):
            return
        n = len(post.images)
        yield Hit(
            start=None,
            end=None,
            message=Msg(
                "Je plaatst {n_nl} zonder te vermelden van wie het beeld is.",
                "You post {n_en} without saying who made it.",
            ).format(
                n_nl="een afbeelding" if n == 1 else f"{n} afbeeldingen",
                n_en="an image" if n == 1 else f"{n} images",
            ),
            suggestion=Msg(
                "Is het beeld niet van jezelf of de organisatie, vraag dan de maker om "
                "toestemming en zet de bron erbij, bijvoorbeeld 'Foto: naam maker'.",
                "If the image is not your own or the organisation's, ask the maker for "
                "permission and add a credit, for example 'Photo: maker's name'.",
            ),
            trace=(f"{n} image(s) attached", "no credit line in the text"),
        )


RULES: tuple[type[Rule], ...] = (LongQuoteWithoutSource, PastedWithoutSource, ImageWithoutSource)
