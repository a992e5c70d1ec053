"""Context helpers for the text rules: sentences, quotations, negation."""

from __future__ import annotations

from guards import cpu_budget
from krantentoets.detect.context import (
    MAX_SENTENCE_REACH,
    negated,
    outside_quotes,
    quoted_spans,
    sentence,
    sentence_bounds,
    word_count,
)


def test_sentence_around_a_match() -> None:
    text = "Eerste zin. Tweede zin met geheim! Derde zin?\nVierde"
    pos = text.index("geheim")
    assert sentence(text, pos, pos + 6).strip() == "Tweede zin met geheim!"
    assert sentence(text, text.index("Vierde")) == "Vierde"
    assert sentence(text, 0) == "Eerste zin."
    # numbers and URLs do not end a sentence
    text = "Bel 14.058 of kijk op www.leeuwarden.nl voor meer."
    assert sentence(text, 0) == text


def test_sentence_window_is_bounded() -> None:
    text = "a " * 5000
    s, e = sentence_bounds(text, 5000, 5001)
    assert s == 5000 - MAX_SENTENCE_REACH and e == 5001 + MAX_SENTENCE_REACH


def test_negation() -> None:
    text = "Dit is niet vertrouwelijk, dat is wel vertrouwelijk."
    first = text.index("vertrouwelijk")
    second = text.index("vertrouwelijk", first + 1)
    assert negated(text, first) and not negated(text, second)
    assert not negated("Niet doen. Vertrouwelijk.", 11)  # not across a sentence end


def test_quotes() -> None:
    text = 'Hij zei "ja" en „nee” en “misschien” en "open'
    spans = quoted_spans(text)
    assert [text[s:e] for s, e in spans] == ['"ja"', "„nee”", "“misschien”"]
    blank = outside_quotes(text)
    assert len(blank) == len(text) and "ja" not in blank and "Hij zei" in blank
    assert word_count("een, twee drie!") == 3


def test_pathological_quotes_are_fast() -> None:
    with cpu_budget():
        quoted_spans('"' * 50000)
        quoted_spans("„" * 50000)
