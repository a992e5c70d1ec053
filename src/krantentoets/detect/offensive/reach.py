"""Could a text that passed the prefilter make any span at all? A second cheap look.

The prefilter (:mod:`.prefilter`) lets a text through when one word could take part in a
finding; on real posts that is more than half of them, mostly for a phrase anchor such as
``bij`` or ``geen``, and only about one in twenty of those makes a span. A sentence makes a
span only through a word of a predicate or standalone class or through a frame of
``phrases.txt`` that matches it (:func:`.verdict.judge_sentence` stops at once without
either). So a text none of whose words has such a class, and in which no frame tried on
it could match, needs no tokens, sentences, targets or verdict: its answer is no spans.

Whether a frame could match is told from its regular expression: the strings one of which
every match must contain (:func:`needs`, read from the parsed pattern: literal words,
alternatives, optional parts; what cannot be told adds no condition). They are looked for
in the words of the text before multi-word entries and group phrases are merged, which
only joins words (``a b`` is read ``a_b``) and puts ``GRP``/``PRS`` for people: so a piece
without capitals and with ``_`` read as a space that occurs in a sentence as the frames
see it also occurs in the words joined by spaces (phrase anchors are single words, so a
merged word is never one). Words that make a multi-word entry of a predicate or standalone
class, and a word that may be a short misspelling, merge into a word with such a class:
such a text always goes the full way.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import chain
from operator import itemgetter

from krantentoets.detect.offensive.prefilter import WORD_CLASSES, Info, lettered
from krantentoets.detect.offensive.wordlists import Lexicon, compile_pattern, lexicon

try:  # the parser behind re.compile (Python 3.11+); without it every frame may match
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover
    _sre = _sre_parse = None  # type: ignore[assignment]

__all__ = ["WORD_CLASSES", "may_find", "may_match", "needs", "plain_needs"]

#: The stand-ins every sentence is tried with (as in .phrases.match_phrases).
_ALWAYS = ("GRP", "PRS", "*")

#: Most strings kept for one run of fixed text (alternatives multiply).
_MOST = 32

#: One condition: at least one of these strings occurs.
Clause = frozenset[str]

_FOUND, _CANONS, _ANCHORED, _STARTS = itemgetter(2), itemgetter(3), itemgetter(4), itemgetter(5)


def may_find(lex: Lexicon, words: list[Info]) -> bool:
    """False only when the text of ``words`` (from :func:`.prefilter.scan`) can make no
    span: no word of a predicate or standalone class, and no frame tried on it that could
    match. ``lex`` is :func:`.wordlists.lexicon` (what each word is, is worked out once per
    word with it, in :data:`.prefilter.WORDS`)."""
    if any(map(_FOUND, words)):
        return True
    words = lettered(words)
    text = " ".join(map(_CANONS, words))  # every canonical form, in order
    if any(map(_STARTS, words)) and _merges_to_class(words, text):
        return True
    tried = set(chain.from_iterable(map(_ANCHORED, words)))
    tried.update(_always())
    if not tried:
        return False
    phrases = lex.phrases
    return any(may_match(plain_needs(phrases[n].source), text) for n in tried)


def may_match(clauses: tuple[Clause, ...], text: str) -> bool:
    """Does ``text`` meet every condition of ``clauses`` (from :func:`plain_needs`)?"""
    for clause in clauses:
        for piece in clause:
            if piece in text:
                break
        else:
            return False
    return True


def _merges_to_class(words: list[Info], text: str) -> bool:
    """Some words make a multi-word entry of a predicate or standalone class (merged by
    :func:`.tokenise.tokenize`, they would be one word with that class). ``text``: the
    words' canonical forms joined by spaces, in which such an entry's words occur joined
    by spaces: the words are compared one by one only then."""
    joined = _class_multi_joined()
    padded = f" {text} "
    for word in words:
        if word[5] and any(j in padded for spec in word[1] for j in joined.get(spec[0], ())):
            return _merges_word_by_word(words)
    return False


def _merges_word_by_word(words: list[Info]) -> bool:
    entries = _class_multi()
    canons = [spec[0] for word in words for spec in word[1]]
    for i, canon in enumerate(canons):
        for entry_words in entries.get(canon, ()):
            if tuple(canons[i : i + len(entry_words)]) == entry_words:
                return True
    return False


@cache
def _class_multi() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The words of each multi-word entry of a predicate or standalone class, by first word."""
    return {
        first: tuple(words for words, entry in cands if entry.cls in WORD_CLASSES)
        for first, cands in lexicon().multi.items()
    }


@cache
def _class_multi_joined() -> dict[str, tuple[str, ...]]:
    """:func:`_class_multi` with each entry's words joined by spaces, a space either side."""
    return {
        first: tuple(" " + " ".join(words) + " " for words in entries)
        for first, entries in _class_multi().items()
    }


@cache
def _always() -> tuple[int, ...]:
    """The frames tried on every sentence (anchored on a stand-in)."""
    return tuple(n for w in _ALWAYS for n in lexicon().phrase_index.get(w, ()))


@cache
def plain_needs(source: str) -> tuple[Clause, ...]:
    """:func:`needs` of a phrases.txt frame, each string cut to its longest piece without a
    capital (``GRP``, ``PRS``) and with ``_`` read as a space; a string with no such piece
    makes its condition void."""
    out = []
    for clause in needs(compile_pattern(source)):
        pieces = {max(_CAPITALS.split(s), key=len).replace("_", " ") for s in clause}
        if "" not in pieces:
            out.append(frozenset(pieces))
    return tuple(sorted(out, key=len))  # the cheapest condition first


_CAPITALS = re.compile(r"[A-Z]+")


def needs(pattern: re.Pattern[str]) -> tuple[Clause, ...]:
    """Conditions every match of ``pattern`` meets: for each clause, the match contains one
    of its strings. Empty when nothing can be told (a pattern that ignores case, or one the
    parser cannot read)."""
    if _sre_parse is None or pattern.flags & re.IGNORECASE:
        return ()
    try:
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
        exact, clauses = _sequence(list(parsed))
    except Exception:  # a private parser: when in doubt, no condition
        return ()
    if exact is not None:
        return (frozenset(exact),) if "" not in exact else ()
    return tuple(clauses)


def _sequence(items: list[tuple[object, object]]) -> tuple[set[str] | None, list[Clause]]:
    """(every string the items match, when few and fixed; else None) and the clauses."""
    clauses: list[Clause] = []
    run = {""}
    exact = True
    for op, av in items:
        strings, sub = _node(op, av)
        if strings is not None:
            joined = {a + b for a in run for b in strings}
            if len(joined) <= _MOST:
                run = joined
                continue
        exact = False
        if "" not in run:
            clauses.append(frozenset(run))
        run = {""}
        if strings is not None:  # too many together: this part starts a new run
            run = set(strings)
        else:
            clauses.extend(sub)
    if exact:
        return run, []
    if "" not in run:
        clauses.append(frozenset(run))
    return None, clauses


def _node(op: object, av: object) -> tuple[set[str] | None, list[Clause]]:
    c = _sre
    if op is c.LITERAL:
        return {chr(av)}, []  # type: ignore[arg-type]
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return {""}, []  # zero width
    if op is c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av  # type: ignore[misc]
        if add_flags & c.SRE_FLAG_IGNORECASE:
            return None, []
        return _sequence(list(sub))
    if op is c.BRANCH:
        return _branch([_sequence(list(b)) for b in av[1]])  # type: ignore[index]
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, high, sub = av  # type: ignore[misc]
        strings, clauses = _sequence(list(sub))
        if strings is not None and high is not c.MAXREPEAT and high <= 2:
            out = {""} if low == 0 else set()
            rep = {""}
            for k in range(1, high + 1):
                rep = {a + b for a in rep for b in strings}
                if k >= low:
                    out |= rep
                if len(out) > _MOST:
                    break
            else:
                return out, []
        if low >= 1:
            return None, [frozenset(strings)] if strings and "" not in strings else clauses
        return None, []
    return None, []  # a class of characters, any character, ...: nothing fixed


def _branch(
    alternatives: list[tuple[set[str] | None, list[Clause]]],
) -> tuple[set[str] | None, list[Clause]]:
    if all(strings is not None for strings, _ in alternatives):
        union = set().union(*(strings for strings, _ in alternatives if strings is not None))
        if len(union) <= _MOST:
            return union, []
    # one clause: the best condition of each alternative, together
    together: set[str] = set()
    for strings, clauses in alternatives:
        options = list(clauses)
        if strings is not None and "" not in strings:
            options.append(frozenset(strings))
        options = [o for o in options if o and "" not in o]
        if not options:
            return None, []
        together |= max(options, key=lambda o: (min(len(s) for s in o), -len(o)))
    return None, [frozenset(together)]
