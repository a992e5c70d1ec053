"""Rule family ``copyright``: long quotes (CR01), pasted text (CR02), uncredited images (CR03)."""

from __future__ import annotations

from pathlib import Path

import pytest

from guards import cpu_budget
from krantentoets.check import check
from krantentoets.policy import default_policy, parse_policy
from krantentoets.post import Post
from krantentoets.report import Category, Severity, Verdict
from krantentoets.rules.base import CheckContext
from krantentoets.rules.copyright import (
    LONG_QUOTE_WORDS,
    ImageWithoutSource,
    LongQuoteWithoutSource,
    PastedWithoutSource,
)

QUOTE = (
    "De gemeenteraad heeft gisteravond na een lang en soms verhit debat besloten dat de "
    "binnenstad vanaf volgend jaar autoluw wordt, waarbij bewoners en ondernemers een ontheffing "
    "kunnen aanvragen."
)
IMAGE = Path(__file__).resolve().parent / "data" / "images" / "no_face.jpg"


def hits(rule, text: str, policy=None, images=()) -> list:
    ctx = CheckContext(policy or default_policy())
    return list(rule().check(Post(text, images=tuple(images)), ctx))


@pytest.mark.parametrize("quote", [f'"{QUOTE}"', f"“{QUOTE}”", f"„{QUOTE}”", f"«{QUOTE}»"])
def test_long_quote_without_source_fires(quote: str) -> None:
    text = f"Lees dit maar eens: {quote}"
    (hit,) = hits(LongQuoteWithoutSource, text)
    assert text[hit.start : hit.end] == quote


@pytest.mark.parametrize(
    "text",
    [
        f'Volgens de Leeuwarder Courant: "{QUOTE}"',
        f'"{QUOTE}" aldus wethouder Bouma.',
        f'"{QUOTE}" — Leeuwarder Courant',
        f'"{QUOTE}" (bron: lc.nl)',
        f'Lees het hele stuk: https://www.lc.nl/autoluw "{QUOTE}"',
        'De wethouder zei: "We gaan het gewoon doen." Mooi!',
        "Hij zei 'het is klaar' en ging naar huis.",
        'Een "kort citaat" en nog een "tweede kort citaat" zonder bron.',
    ],
)
def test_sourced_or_short_quotes_do_not_fire(text: str) -> None:
    assert hits(LongQuoteWithoutSource, text) == [], text


def test_threshold_is_the_constant() -> None:
    words = ["woord"] * LONG_QUOTE_WORDS
    assert hits(LongQuoteWithoutSource, '"' + " ".join(words) + '"')
    assert not hits(LongQuoteWithoutSource, '"' + " ".join(words[:-1]) + '"')


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        ("Overgenomen van nu.nl: de raad stemt in met het plan.", "Overgenomen van"),
        ("Uit de krant van vandaag: de raad stemt in met het plan.", "Uit de krant"),
        ("De raad stemt in met het plan. © 2025 Mediahuis", "©"),
        ("Lees verder onder de advertentie. De raad stemt in.", "Lees verder onder de advertentie"),
        ("Mooi stuk https://www.lc.nl/x Alle rechten voorbehouden.", "Alle rechten voorbehouden"),
    ],
)
def test_pasted_text_fires(text: str, seen: str) -> None:
    (hit,) = hits(PastedWithoutSource, text)
    assert text[hit.start : hit.end] == seen


@pytest.mark.parametrize(
    "text",
    [
        "Uit de krant van vandaag, bron: Leeuwarder Courant. Mooi nieuws voor de wijk!",
        "Overgenomen van www.leeuwarden.nl: het zwembad is open.",
        "De raad stemde in met 300 woningen. Lees het artikel: https://www.lc.nl/woningbouw",
        "Het zwembad is morgen open van 9 tot 17 uur.",
        "De krant ligt gratis in de bibliotheek.",
    ],
)
def test_sourced_or_plain_text_does_not_fire(text: str) -> None:
    assert hits(PastedWithoutSource, text) == [], text


def test_own_copyright_line_is_not_pasted() -> None:
    policy = parse_policy({"organisation": {"name": "gemeente Leeuwarden"}}, "t")
    assert (
        hits(PastedWithoutSource, "Plattegrond van de binnenstad. © gemeente Leeuwarden", policy)
        == []
    )


def test_image_without_credit_is_a_note() -> None:
    (hit,) = hits(ImageWithoutSource, "Het speelveld is klaar!", images=[IMAGE])
    assert hit.start is None
    report = check(Post("Het speelveld is klaar!", images=(IMAGE,)), default_policy())
    findings = [f for f in report.findings if f.category is Category.COPYRIGHT]
    assert [f.severity for f in findings] == [Severity.INFO]
    assert report.verdict is Verdict.DOUBT or all(
        f.severity is Severity.INFO for f in report.findings if f.category is Category.COPYRIGHT
    )


@pytest.mark.parametrize(
    "text",
    [
        "Het speelveld is klaar! Foto: gemeente Leeuwarden",
        "Het speelveld is klaar! Beeld: Niels Westra",
        "Het speelveld is klaar! 📷 Anna de Vries",
        "Het speelveld is klaar! (eigen foto)",
        "Het speelveld is klaar! © Marcel van Kammen",
        "Het speelveld is klaar! Foto door Marcel van Kammen",
    ],
)
def test_image_with_credit_does_not_fire(text: str) -> None:
    assert hits(ImageWithoutSource, text, images=[IMAGE]) == []


def test_no_image_no_image_finding() -> None:
    assert hits(ImageWithoutSource, "Het speelveld is klaar!") == []


@pytest.mark.parametrize(
    "text",
    ['"' * 50000, '"' + "woord " * 8000, "“" * 25000 + "”" * 25000, "© " * 25000, "a" * 50000],
)
def test_pathological_input_is_fast(text: str) -> None:
    with cpu_budget():
        for rule in (LongQuoteWithoutSource, PastedWithoutSource, ImageWithoutSource):
            hits(rule, text[:50000], images=[IMAGE])


@pytest.mark.parametrize(
    "template",
    [
        '"{q}" - @USER #Buitenhof',
        "“{q}”@USER bij #Op1",
        '"{q}" – Wouter Koolmees bij het debat',
        'Jetten: "{q}"',
        '@USER: "{q}"',
    ],
)
def test_a_quotation_with_its_speaker_before_or_after_has_a_source(template: str) -> None:
    """Issue 10: quotes that carry their source (a name or handle, not an attribution verb)."""
    assert hits(LongQuoteWithoutSource, template.format(q=QUOTE)) == []


def test_a_capitalised_word_before_a_quotation_is_no_speaker() -> None:
    assert hits(LongQuoteWithoutSource, f'Vandaag "{QUOTE}"')
