"""A cheap first look at the words of a text: could any of them take part in a finding?"""

from __future__ import annotations

from functools import lru_cache

from krantentoets.detect.offensive.tokenise import TOKEN, Spec, Word, analyse_token, word_specs
from krantentoets.detect.offensive.wordlists import STANDALONE, lexicon

_TRIGGER, _ANCHOR, GROUP, WEAK = 1, 2, 4, 8


STRONG = _TRIGGER | _ANCHOR


_TRIGGER_CLASSES = STANDALONE | {"dehum", "attr", "emote", "violent", "pos", "crime"}


#: Anchors so common that they only matter in a post that also names a group.
_COMMON_ANCHORS = frozenset(
    {
        "veel",
        "welkom",
        "willen",
        "weg",
        "leven",
        "levens",
        "beter",
        "maken",
        "land",
        "landen",
        "wereld",
        "planeet",
        "aarde",
    }
)


@lru_cache(maxsize=131072)
def screen(surface: str) -> int:
    """Cheap first look at one word: could it take part in a finding?"""
    lex = lexicon()
    parts, _how = analyse_token(surface)
    bits = 0
    for p in parts:
        cls = p.classes
        if cls & _TRIGGER_CLASSES:
            bits |= _TRIGGER
        if (
            cls & {"group", "person"}
            or p.canon in lex.gram("second_person")
            or (p.canon in lex.gram("third_person"))
        ):
            bits |= GROUP
        if p.canon in lex.anchor_words:
            bits |= WEAK if p.canon in _COMMON_ANCHORS else _ANCHOR
    return bits


def scan(text: str) -> list[Word] | None:
    """The raw words of ``text`` (see :func:`.tokenise.words_of`), or None when no word could
    take part in a finding: no trigger or anchor word, and not a group word together with a
    common anchor. One pass over the text serves both the screen and the tokens."""
    words: list[Word] = []
    bits = 0
    for m in TOKEN.finditer(text):
        surface = m.group()
        word_bits, specs = _word(surface)
        bits |= word_bits
        if specs:
            words.append((m.start(), m.end(), surface, specs))
    if bits & STRONG or (bits & GROUP and bits & WEAK):
        return words
    return None


@lru_cache(maxsize=131072)
def _word(surface: str) -> tuple[int, tuple[Spec, ...]]:
    """The screen bits and the token parts of one raw word, in one look-up (worked out here
    without going through the caches of :func:`screen` and :func:`.tokenise.word_specs`:
    this cache is the one the words of texts are looked up in)."""
    return screen.__wrapped__(surface), word_specs.__wrapped__(surface)
