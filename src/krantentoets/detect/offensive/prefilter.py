"""A cheap first look at the words of a text: could any of them take part in a finding?

What one raw word is, is worked out once per distinct word (:func:`word_info`) and kept in
one table, :data:`WORDS`: its screen bits, its token parts, and what the reach test after
the prefilter reads (:mod:`.reach`). A text then costs one regular-expression pass for its
words and one look-up per word.
"""

from __future__ import annotations

from functools import cache, lru_cache
from operator import itemgetter

from krantentoets.detect.offensive.tokenise import (
    TOKEN,
    Spec,
    Word,
    analyse_token,
    specs_of,
)
from krantentoets.detect.offensive.wordlists import (
    PREDICATES,
    STANDALONE,
    Lexicon,
    Part,
    lexicon,
)

_TRIGGER, _ANCHOR, GROUP, WEAK = 1, 2, 4, 8


STRONG = _TRIGGER | _ANCHOR


_TRIGGER_CLASSES = STANDALONE | {"dehum", "attr", "emote", "violent", "pos", "crime"}


#: Word classes that make a span in a sentence without any frame (as in judge_sentence).
WORD_CLASSES = PREDICATES | STANDALONE


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


_PEOPLE_CLASSES = frozenset({"group", "person"})


def _bits(lex: Lexicon, parts: tuple[Part, ...]) -> int:
    bits = 0
    pronouns = _pronouns()
    for p in parts:
        cls = p.classes
        if cls & _TRIGGER_CLASSES:
            bits |= _TRIGGER
        if cls & _PEOPLE_CLASSES or p.canon in pronouns:
            bits |= GROUP
        if p.canon in lex.anchor_words:
            bits |= WEAK if p.canon in _COMMON_ANCHORS else _ANCHOR
    return bits


@cache
def _pronouns() -> frozenset[str]:
    """The second- and third-person pronouns of grammar.txt."""
    lex = lexicon()
    return lex.gram("second_person") | lex.gram("third_person")


@cache
def _class_starts() -> frozenset[str]:
    """The first words of multi-word entries of a predicate or standalone class."""
    return frozenset(
        first
        for first, cands in lexicon().multi.items()
        if any(entry.cls in WORD_CLASSES for _words, entry in cands)
    )


@lru_cache(maxsize=131072)
def screen(surface: str) -> int:
    """Cheap first look at one word: could it take part in a finding?"""
    return _bits(lexicon(), analyse_token(surface)[0])


#: What one raw word is (:func:`word_info`): screen bits, token parts, whether a part has a
#: predicate or standalone class or may be a short misspelling, the parts' canonical forms
#: joined by spaces, the frames they anchor, whether a part starts a multi-word entry of a
#: predicate or standalone class, and the raw word itself.
Info = tuple[int, tuple[Spec, ...], bool, str, tuple[int, ...], bool, str]


def word_info(surface: str) -> Info:
    """What one raw word is, worked out from the word lists (uncached: see :data:`WORDS`)."""
    lex = lexicon()
    parts, how = analyse_token.__wrapped__(surface)
    specs = specs_of(surface, parts, how)
    short, index, class_starts = lex.short_fuzzy, lex.phrase_index, _class_starts()
    found = starts = False
    canons = []
    anchored: set[int] = set()
    for spec in specs:
        c = spec[0]
        canons.append(c)
        if spec[5] & WORD_CLASSES or c in short:
            found = True
        if c in class_starts:
            starts = True
        frames = index.get(c)
        if frames:
            anchored.update(frames)
    canon = " ".join(canons)
    return _bits(lex, parts), specs, found, canon, tuple(sorted(anchored)), starts, surface


#: Most distinct words kept; the table starts afresh when it is full.
MAX_WORDS = 131072


class _Words(dict[str, Info]):
    """raw word -> :data:`Info`, each worked out on its first look-up."""

    def __missing__(self, surface: str) -> Info:
        if len(self) >= MAX_WORDS:
            self.clear()
        info = self[surface] = word_info(surface)
        return info


WORDS = _Words()


_BITS = itemgetter(0)


_SPECS = itemgetter(1)


def scan(text: str) -> list[Info] | None:
    """What each raw word of ``text`` is (:data:`Info`, in text order), or None when no word
    could take part in a finding: no trigger or anchor word, and not a group word together
    with a common anchor."""
    infos = list(map(WORDS.__getitem__, TOKEN.findall(text)))
    bits = 0
    for b in set(map(_BITS, infos)):
        bits |= b
    if bits & STRONG or (bits & GROUP and bits & WEAK):
        return infos
    return None


def lettered(infos: list[Info]) -> list[Info]:
    """The words of ``infos`` that have a letter (those with token parts)."""
    return list(filter(_SPECS, infos))


def words_at(text: str, infos: list[Info]) -> list[Word]:
    """The raw words of ``text`` that have a letter, with their token parts (as
    :func:`.tokenise.words_of`), from ``infos``, :func:`scan` of ``text``.

    Each raw word starts where its text first occurs after the word before it: every letter
    or digit of a text is inside a raw word, and a raw word starts with one."""
    out: list[Word] = []
    pos = 0
    find = text.find
    for info in infos:
        surface = info[6]
        start = find(surface, pos)
        pos = start + len(surface)
        if info[1]:
            out.append((start, pos, surface, info[1]))
    return out
