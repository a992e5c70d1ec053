"""Context around a match in Dutch text: its sentence, quotation and negation.

Pure functions over offsets into the original text, shared by the text rules
that must tell "vertrouwelijk" in a leak from "wij gaan vertrouwelijk om met uw
gegevens". Sentences are split on ``. ! ? …`` followed by a space or the end, and
on line breaks; that is crude (abbreviations such as ``o.a.`` split a sentence)
but it only bounds a context window, it never decides on its own.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

_SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)|\n")
_WORD = re.compile(r"\w+")

#: How far (characters) a sentence window reaches beyond the match it is for.
MAX_SENTENCE_REACH = 300

#: Dutch words that negate what follows them.
NEGATORS = frozenset({"niet", "geen", "nooit", "niets", "niks", "allerminst", "nergens"})

#: Opening quotation mark -> closing marks that end it.
_QUOTES = {'"': '"', "“": "”", "„": "”“", "«": "»", "»": "«"}
_QUOTE_OPEN = re.compile("[" + re.escape("".join(_QUOTES)) + "]")


@lru_cache(maxsize=64)
def _ends(text: str) -> tuple[int, ...]:
    """Offsets just after each sentence end."""
    return tuple(m.end() for m in _SENTENCE_END.finditer(text))


def sentence_bounds(
    text: str, start: int, end: int | None = None, limit: int = MAX_SENTENCE_REACH
) -> tuple[int, int]:
    """``(s, e)``: the sentence (or sentences) around ``text[start:end]``.

    The window reaches at most ``limit`` characters beyond the match on either
    side, so that checking every match's sentence stays linear in the text even
    when the text has no sentence ends at all.
    """
    end = start if end is None else end
    ends = _ends(text)
    i = bisect_right(ends, start)
    left = ends[i - 1] if i else 0
    j = bisect_left(ends, end if end > start else end + 1)
    right = ends[j] if j < len(ends) else len(text)
    return max(left, start - limit), min(right, end + limit)


def sentence(text: str, start: int, end: int | None = None) -> str:
    """The sentence around ``text[start:end]``."""
    s, e = sentence_bounds(text, start, end)
    return text[s:e]


def words_before(text: str, pos: int, n: int, *, within_sentence: bool = True) -> list[str]:
    """Up to ``n`` lower-cased words right before ``pos`` (nearest last)."""
    left = sentence_bounds(text, pos)[0] if within_sentence else 0
    window = text[max(left, pos - 12 * n) : pos]
    return [w.lower() for w in _WORD.findall(window)][-n:]


def negated(text: str, pos: int, window: int = 2) -> bool:
    """True when one of the ``window`` words before ``pos`` is a negator (``niet``, ``geen``)."""
    return any(w in NEGATORS for w in words_before(text, pos, window))


@lru_cache(maxsize=64)
def quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of each quoted passage, quotation marks included.

    Double quotes of every common style (``"…"``, ``“…”``, ``„…”``, ``«…»``);
    single quotes are left out because ``'s``, ``'t`` and ``zo'n`` make them
    ambiguous. An unclosed quotation mark quotes nothing.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    while True:
        m = _QUOTE_OPEN.search(text, pos)
        if m is None:
            break
        closers = _QUOTES[m.group()]
        close = min(
            (i for c in closers if (i := text.find(c, m.end())) != -1),
            default=-1,
        )
        if close == -1:
            break
        spans.append((m.start(), close + 1))
        pos = close + 1
    return tuple(spans)


def outside_quotes(text: str) -> str:
    """``text`` with every quoted passage blanked out (same length, same offsets)."""
    spans = quoted_spans(text)
    if not spans:
        return text
    parts: list[str] = []
    last = 0
    for s, e in spans:
        parts.append(text[last:s])
        parts.append(" " * (e - s))
        last = e
    parts.append(text[last:])
    return "".join(parts)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))
