"""The words of a text, normalised (leetspeak, spaced or masked letters) and looked up in
the word lists, with multi-word entries and group phrases merged.
"""

from __future__ import annotations

import re
from functools import lru_cache

from krantentoets.detect.offensive.doc import Tok
from krantentoets.detect.offensive.groups import merge_group_phrases
from krantentoets.detect.offensive.wordlists import Entry, Lexicon, Part, fold, lexicon
from krantentoets.detect.offensive.words import analyse

#: A word: letters and digits, with ``*`` anywhere and ``@ $ € ' ’ -`` between two of them,
#: or letters spaced out ("k a n k e r"). Written for the speed of Python's matcher (one
#: letter first, then runs of letters); :data:`TOKEN_PLAIN` is the same set of matches
#: written plainly, and ``tests/test_shortcuts.py`` compares the two.
TOKEN = re.compile(
    r"[^\W_](?:(?: [^\W_]){2,}(?![^\W_])"
    r"|[^\W_]*(?:(?:[@$€'’\-](?=[^\W_])|\*)[^\W_]*)*)"
)


#: :data:`TOKEN` as first written. Its look-behind (no letter or digit before a match) is
#: left out of :data:`TOKEN`: searched from the start of a text, each match runs to the end
#: of its word, so the next one cannot start inside a word.
TOKEN_PLAIN = re.compile(
    r"(?<![^\W_])(?:(?:[^\W_] ){2,}[^\W_](?![^\W_])"
    r"|[^\W_](?:[^\W_]|[*@$€](?=[^\W_*])|\*|['’\-](?=[^\W_]))*)"
)


_LEET = str.maketrans(
    {
        "4": "a",
        "@": "a",
        "3": "e",
        "€": "e",
        "1": "i",
        "!": "i",
        "0": "o",
        "5": "s",
        "$": "s",
        "7": "t",
        "8": "b",
        "9": "g",
    }
)


_LETTER = re.compile(r"[^\W\d_]")


_LEET_CHAR = re.compile(r"[0134578@$€!9]")


def _norm_variants(surface: str) -> list[tuple[str, str]]:
    """Normalised forms of one raw token, with how it was spelled."""
    w = fold(surface)
    how = ""
    if " " in w:
        w = w.replace(" ", "")
        how = "spaced"
    if _LEET_CHAR.search(w) and _LETTER.search(w):
        if "1" in w:
            return [
                (w.translate(_LEET), how or "leet"),
                (w.replace("1", "l").translate(_LEET), how or "leet"),
            ]
        w = w.translate(_LEET)
        how = how or "leet"
    if "*" in w:
        stars = w.count("*")
        if stars <= 2:
            out = []
            for v in "aeiou":
                out.append((w.replace("*", v), "masked"))
            out.append((w.replace("*", ""), "masked"))
            return out
        w = w.replace("*", "")
    return [(w, how)]


@lru_cache(maxsize=131072)
def analyse_token(surface: str) -> tuple[tuple[Part, ...], str]:
    variants = _norm_variants(surface)
    best: tuple[Part, ...] | None = None
    best_how = ""
    for w, how in variants:
        parts = analyse(w)
        if any(p.entries for p in parts):
            return parts, how
        if best is None:
            best, best_how = parts, how
    assert best is not None
    return best, best_how


#: One part of a word as a token is made from it: canon, entries, how, note, cap, classes.
Spec = tuple[str, tuple[Entry, ...], str, str, bool, frozenset[str]]


@lru_cache(maxsize=131072)
def word_specs(surface: str) -> tuple[Spec, ...]:
    """The parts of one raw word as tokens (none for a word without a letter), worked out
    once per distinct word so that a text only copies them."""
    if not _LETTER.search(surface):
        return ()
    parts, how = analyse_token(surface)
    return specs_of(surface, parts, how)


def specs_of(surface: str, parts: tuple[Part, ...], how: str) -> tuple[Spec, ...]:
    """:func:`word_specs` of ``surface`` given its :func:`analyse_token` (``parts``, ``how``)."""
    if not _LETTER.search(surface):
        return ()
    cap = surface[:1].isupper()
    specs = []
    for p in parts:
        note = p.note
        if how:
            note = f"{how}:{surface}" + (f" {note}" if note else "")
        specs.append((p.canon, p.entries, p.how, note, cap, p.classes))
    return tuple(specs)


#: One raw word of a text: start, end, surface and its token parts (see :func:`word_specs`).
Word = tuple[int, int, str, tuple[Spec, ...]]


def words_of(text: str) -> list[Word]:
    """The raw words of ``text`` that have a letter, with their token parts."""
    out: list[Word] = []
    for m in TOKEN.finditer(text):
        surface = m.group()
        specs = word_specs(surface)
        if specs:
            out.append((m.start(), m.end(), surface, specs))
    return out


def tokenize(text: str, words: list[Word] | None = None) -> list[Tok]:
    """Words of ``text`` with what the word lists say about them (``words``: the raw words,
    when the caller has them already from :func:`words_of`)."""
    lex = lexicon()
    toks: list[Tok] = []
    append = toks.append
    for start, end, surface, specs in words_of(text) if words is None else words:
        for canon, entries, how, note, cap, classes in specs:
            append(Tok(start, end, surface, canon, entries, how, note, cap, classes=classes))
    _merge_multiword(lex, toks)
    merge_group_phrases(text, lex, toks)
    _short_typos(lex, toks)
    return toks


#: Degree words before an adjective: "zo dm te zijn" is "zo dom te zijn".
_INTENSIFIERS = frozenset(
    {"zo", "heel", "erg", "echt", "te", "nogal", "best", "zeer", "ontzettend", "super", "zó"}
)


def _short_typos(lex: Lexicon, toks: list[Tok]) -> None:
    """A three-letter adjective with a letter dropped or swapped, after an intensifier."""
    if lex.short_fuzzy.keys().isdisjoint([t.canon for t in toks]):
        return  # no word that may be one
    for k in range(1, len(toks)):
        t = toks[k]
        form = lex.short_fuzzy.get(t.canon) if not t.entries else None
        if form is not None and toks[k - 1].canon in _INTENSIFIERS:
            entries = tuple(lex.forms.get(form, ()))
            toks[k] = Tok(
                t.start,
                t.end,
                t.surface,
                form,
                entries,
                "fuzzy",
                f"fuzzy:{t.surface}",
                t.cap,
                classes=frozenset(e.cls for e in entries),
            )


def _merge_multiword(lex: Lexicon, toks: list[Tok]) -> None:
    if lex.multi.keys().isdisjoint([t.canon for t in toks]):
        return  # no word starts a multi-word entry
    i = 0
    while i < len(toks):
        cands = lex.multi.get(toks[i].canon)
        if cands:
            for words, entry in sorted(cands, key=lambda c: -len(c[0])):
                n = len(words)
                if tuple(t.canon for t in toks[i : i + n]) == words:
                    t0, t1 = toks[i], toks[i + n - 1]
                    merged = Tok(
                        t0.start,
                        t1.end,
                        " ".join(words),
                        " ".join(words),
                        (entry,),
                        "form",
                        "",
                        t0.cap,
                        classes=frozenset({entry.cls}),
                    )
                    toks[i : i + n] = [merged]
                    break
        i += 1
