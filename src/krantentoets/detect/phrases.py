"""Word-list phrases: the entries of the lexicon files and one matcher for a list of them.

Topic lists (``data/topics/``), the partisan and rhetoric lists and the organisation's own
words from its policy share one entry syntax (``data/topics/README.txt``): words separated
by spaces, ``|`` between alternatives, ``*`` for any beginning or ending, ``...`` for a few
words in between, ``=`` in front for an exact case. :func:`parse_entry` turns a line into a
bounded regular expression; :class:`PhraseMatcher` finds the entries of a list in a text.

Finding is one Aho-Corasick pass (``pyahocorasick``: a C automaton over all the list's words,
so the cost grows with the length of the text, not with the number of entries) for each
entry's most distinctive word; only the entries whose word occurs run their own pattern,
and only where the entry's first word occurs in the text, not at every character.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import ahocorasick

__all__ = [
    "EntrySyntaxError",
    "KeywordIndex",
    "KeywordScan",
    "PhraseEntry",
    "PhraseMatch",
    "PhraseMatcher",
    "lower_same_length",
    "parse_entry",
]

_GAP_WORDS = 4
_SEP = r"[^\w\n]{1,6}"

#: Letters that ``(?i)`` matches to ``i`` or ``s`` although ``str.lower()`` keeps them apart
#: (or, for İ, lowers to two characters): a text with one of them is searched in full.
ODD_CASE = ("\u0130", "\u0131", "\u017f")  # İ ı ſ


def lower_same_length(text: str) -> str:
    """``text`` in lower case, every character kept in its place (a character whose lower
    case is longer, such as İ, stays as it is), so offsets in it are offsets in ``text``."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _locatable(literal: str) -> bool:
    """Whether ``(?i)literal`` matches exactly where ``literal.lower()`` occurs in a text
    lowered by :func:`lower_same_length` that holds no :data:`ODD_CASE` letter: true for
    Latin letters (Basic Latin and Latin-1, but not the micro sign, which ``(?i)`` takes
    for a Greek mu), digits and punctuation."""
    return all(ord(c) < 0x100 and c != "\u00b5" for c in literal)


@dataclass(frozen=True, slots=True)
class _Alt:
    literal: str
    left_star: bool
    right_star: bool

    def regex(self) -> str:
        lit = re.escape(self.literal)
        left = r"\w*?" if self.left_star else ""
        right = r"\w*" if self.right_star else ""
        return f"{left}{lit}{right}(?!\\w)"


@dataclass(frozen=True, slots=True)
class PhraseEntry:
    source: str
    group: str
    #: The literals of the entry's most distinctive word: a match needs one of them.
    anchors: tuple[str, ...]
    #: The entry's regular expression, compiled on first use (:attr:`pattern`): a post
    #: tries only the entries whose first word occurs in it, so most never need one, and
    #: compiling all of them cost a third of a cold ``krantentoets check``.
    regex: str
    flags: int
    #: The first word's alternatives (lower case, and whether any beginning may precede
    #: it): every match starts where one of them occurs, or at the start of the word that
    #: holds it. ``None`` when that cannot be told from the lower-cased text.
    starts: tuple[tuple[str, bool], ...] | None = None
    #: For an entry of one word without stars that ignores case, its alternatives in lower
    #: case and in order: where its first word occurs, a match is the first alternative that
    #: the text holds there followed by no word character, what the pattern finds, without
    #: compiling or running it. ``None`` for any other entry.
    plain: tuple[str, ...] | None = None
    #: The entry's other words (not its anchor, nor its first word when :attr:`starts`
    #: locates it), each as its alternatives in lower case, rarest first: a match holds one
    #: alternative of each, so in a text without :data:`ODD_CASE` letters an entry with a
    #: word none of whose alternatives occurs in the lowered text cannot match there. Only
    #: words whose alternatives are all located by ``str.lower`` (:func:`_locatable`).
    needs: tuple[tuple[str, ...], ...] = ()

    @property
    def pattern(self) -> re.Pattern[str]:
        return _compiled(self.regex, self.flags)


@cache
def _compiled(regex: str, flags: int) -> re.Pattern[str]:
    return re.compile(regex, flags)


class EntrySyntaxError(ValueError):
    pass


def parse_entry(line: str, group: str) -> PhraseEntry:
    """Parse one lexicon line (see ``data/topics/README.txt``)."""
    source = line.strip()
    case_sensitive = source.startswith("=")
    body = source[1:] if case_sensitive else source
    tokens = body.split()
    if not tokens or tokens[0] == "...":
        raise EntrySyntaxError(f"entry {line!r} does not start with a word")
    parts: list[str] = ["(?<!\\w)"]
    words: list[tuple[_Alt, ...]] = []
    gap = False
    for token in tokens:
        if token == "...":
            gap = True
            continue
        alts = []
        for raw in token.split("|"):
            left, right = raw.startswith("*"), raw.endswith("*") and len(raw) > 1
            literal = raw.strip("*")
            if not literal:
                raise EntrySyntaxError(f"entry {line!r} has an empty word")
            alts.append(_Alt(literal, left, right))
        if words:
            parts.append(f"(?:{_SEP}\\w+){{0,{_GAP_WORDS}}}?{_SEP}" if gap else _SEP)
        parts.append("(?:" + "|".join(a.regex() for a in alts) + ")")
        words.append(tuple(alts))
        gap = False
    # anchor on the word whose shortest alternative is longest: the rarest in ordinary text
    shortest = [min(len(a.literal) for a in alts) for alts in words]
    at = shortest.index(max(shortest))
    anchor = words[at]
    flags = 0 if case_sensitive else re.IGNORECASE
    starts = None
    if all(_locatable(a.literal) for a in words[0]):
        starts = tuple((a.literal.lower(), a.left_star) for a in words[0])
    plain = None
    if (
        starts is not None
        and len(words) == 1
        and not case_sensitive
        and not any(a.left_star or a.right_star for a in words[0])
    ):
        plain = tuple(a.literal.lower() for a in words[0])
    needs = tuple(
        tuple(dict.fromkeys(a.literal.lower() for a in words[i]))
        for i in sorted(range(len(words)), key=lambda i: -shortest[i])
        if i != at
        and not (i == 0 and starts is not None)
        and all(_locatable(a.literal) for a in words[i])
    )
    return PhraseEntry(
        source,
        group,
        tuple(a.literal.lower() for a in anchor),
        "".join(parts),
        flags,
        starts,
        plain,
        needs,
    )


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    start: int
    end: int
    group: str
    source: str


_WORD_RUN = re.compile(r"\w+")


class _WordStarts:
    """Where the run of word characters (``\\w``) that ends at a position starts: the
    text's runs are found once (so a long word is not walked back once per occurrence)."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, text: str) -> None:
        runs = [m.span() for m in _WORD_RUN.finditer(text)]
        self._starts = [s for s, _ in runs]
        self._ends = [e for _, e in runs]

    def __call__(self, pos: int) -> int:
        i = bisect_right(self._starts, pos - 1) - 1
        return self._starts[i] if i >= 0 and self._ends[i] >= pos else pos


class PhraseMatcher:
    """Finds lexicon entries in a text.

    One Aho-Corasick pass finds which anchor words occur (anywhere, even inside other
    words) and where each entry's first word occurs; only the entries with a present
    anchor run their own pattern, and only at those places. The result is what
    ``pattern.finditer`` over the whole text gives for each entry with a present anchor
    (a property test compares the two).
    """

    def __init__(self, entries: Iterable[PhraseEntry]):
        self._entries = list(entries)
        #: lower-cased word -> (entries it anchors, (entry, left star) it starts)
        index: dict[str, tuple[list[int], list[tuple[int, bool]]]] = {}
        for n, entry in enumerate(self._entries):
            for literal in entry.anchors:
                index.setdefault(literal, ([], []))[0].append(n)
            for literal, star in entry.starts or ():
                index.setdefault(literal, ([], []))[1].append((n, star))
        self.words: dict[str, tuple[tuple[int, ...], tuple[tuple[int, bool], ...]]] = {
            literal: (tuple(anchored), tuple(starting))
            for literal, (anchored, starting) in index.items()
        }
        self._alone: KeywordIndex | None = None
        #: Entries whose first word cannot be located in the lowered text: found by their
        #: pattern over the whole text whenever their anchor occurs.
        self._loose = frozenset(n for n, e in enumerate(self._entries) if e.starts is None)
        #: Each entry's compiled pattern, looked up once (:attr:`PhraseEntry.pattern`).
        self._patterns: list[re.Pattern[str] | None] = [None] * len(self._entries)

    def find(self, text: str) -> list[PhraseMatch]:
        """All matches, in text order (overlapping matches of different entries included)."""
        if not self._entries:
            return []
        if self._alone is None:
            self._alone = KeywordIndex({"": self}, {})
        return self._alone.scan(text).find("")

    def resolve(
        self, text: str, candidates: set[int], starts: dict[int, set[int]], low: str
    ) -> list[PhraseMatch]:
        """The matches of the ``candidates`` (entries whose anchor occurs), given where the
        first word of each occurs (``starts``: only candidates, only where a match could
        start) and the text lowered by :func:`lower_same_length` (``low``)."""
        exact = text.isascii() or not any(c in text for c in ODD_CASE)
        entries = self._entries
        found: list[PhraseMatch] = []
        if exact:
            # a candidate with no place to start matches nothing: only those with one (and
            # the loose ones, searched in full) are tried, in entry order as before
            tried = starts.keys() | (self._loose & candidates) if self._loose else starts.keys()
        else:
            tried = candidates
        for n in sorted(tried):
            entry = entries[n]
            if exact and entry.needs and not _holds_all(low, entry.needs):
                continue  # one of its words occurs nowhere in the text
            if entry.starts is None or not exact:
                found += (
                    PhraseMatch(m.start(), m.end(), entry.group, entry.source)
                    for m in self._pattern(n).finditer(text)
                )
                continue
            positions = starts[n]
            if entry.plain is not None:
                found += _plain_matches(text, entry, positions)
                continue
            match = self._pattern(n).match
            last_end = -1
            for pos in sorted(positions) if len(positions) > 1 else positions:
                if pos < last_end:
                    continue
                m = match(text, pos)
                if m is not None:
                    found.append(PhraseMatch(m.start(), m.end(), entry.group, entry.source))
                    last_end = m.end()
        if len(found) > 1:
            found.sort(key=_match_order)
        return found

    def _pattern(self, n: int) -> re.Pattern[str]:
        pattern = self._patterns[n]
        if pattern is None:
            pattern = self._patterns[n] = self._entries[n].pattern
        return pattern


def _holds_all(low: str, needs: tuple[tuple[str, ...], ...]) -> bool:
    """Whether ``low`` holds an alternative of each word of ``needs``."""
    for alternatives in needs:
        for literal in alternatives:
            if literal in low:
                break
        else:
            return False
    return True


def _match_order(m: PhraseMatch) -> tuple[int, int]:
    return (m.start, -m.end)


def _plain_matches(text: str, entry: PhraseEntry, positions: set[int]) -> list[PhraseMatch]:
    """``entry.pattern.match`` at each of ``positions`` (not inside an earlier match) for an
    entry with :attr:`PhraseEntry.plain` alternatives, in a text without :data:`ODD_CASE`
    letters (where ``str.lower`` of Latin letters is what ``(?i)`` compares)."""
    out: list[PhraseMatch] = []
    size = len(text)
    last_end = -1
    for pos in sorted(positions) if len(positions) > 1 else positions:
        if pos < last_end:
            continue
        for alt in entry.plain or ():
            end = pos + len(alt)
            if text[pos:end].lower() == alt and (
                end >= size or not (text[end].isalnum() or text[end] == "_")
            ):
                out.append(PhraseMatch(pos, end, entry.group, entry.source))
                last_end = end
                break
    return out


#: One word of the index: ((matcher, entries it anchors), ...), {matcher: ((entry, left
#: star), ...) it starts}, (stem lists, ...), its length.
_Value = tuple[
    tuple[tuple[str, tuple[int, ...]], ...],
    dict[str, tuple[tuple[int, bool], ...]],
    tuple[str, ...],
    int,
]


class KeywordIndex:
    """One Aho-Corasick pass over a post for every keyword list of the rules (issue 18).

    ``phrases`` are phrase matchers by name, ``stems`` lists of lower-case stems by name
    (a rule's cheap test: without one of its stems, its patterns cannot match). Build it
    from the effective lists (the word-list files plus the policy's own entries), once per
    policy; :meth:`scan` then tells, for one text, which stem lists occur and gives each
    matcher's matches, exactly as ``matcher.find(text)`` and ``any(stem in text.lower())``.
    """

    def __init__(
        self, phrases: Mapping[str, PhraseMatcher], stems: Mapping[str, Iterable[str]]
    ) -> None:
        self._phrases = dict(phrases)
        anchors: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
        starts: dict[str, dict[str, tuple[tuple[int, bool], ...]]] = {}
        listed: dict[str, list[str]] = {}
        for name, matcher in self._phrases.items():
            for literal, (anchored, starting) in matcher.words.items():
                if anchored:
                    anchors.setdefault(literal, []).append((name, anchored))
                if starting:
                    starts.setdefault(literal, {})[name] = starting
        for name, stem_list in stems.items():
            for stem in stem_list:
                listed.setdefault(stem.lower(), []).append(name)
        self._automaton = ahocorasick.Automaton()
        for literal in anchors.keys() | starts.keys() | listed.keys():
            value: _Value = (
                tuple(anchors.get(literal, ())),
                starts.get(literal, {}),
                tuple(listed.get(literal, ())),
                len(literal),
            )
            self._automaton.add_word(literal, value)
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def scan(self, text: str) -> KeywordScan:
        candidates: dict[str, set[int]] = {}
        starting: list[tuple[int, int, dict[str, tuple[tuple[int, bool], ...]]]] = []
        stems: set[str] = set()
        low = text
        if not self._empty:
            full = text.lower()
            same = len(full) == len(text)
            low = full if same else lower_same_length(text)
            for end, (anchored, starts, names, length) in self._automaton.iter(low):
                for name, entries in anchored:
                    found = candidates.get(name)
                    if found is None:
                        candidates[name] = set(entries)
                    else:
                        found.update(entries)
                if starts:
                    starting.append((end, length, starts))
                if names and same:
                    stems.update(names)
            if not same:  # a letter lowers to two (İ): the stems as str.lower() sees the text
                for _, (_, _, names, _) in self._automaton.iter(full):
                    stems.update(names)
        return KeywordScan(text, low, self._phrases, candidates, starting, frozenset(stems))


class KeywordScan:
    """What :meth:`KeywordIndex.scan` found in one text."""

    __slots__ = ("_candidates", "_found", "_low", "_phrases", "_starting", "stems", "text")

    def __init__(
        self,
        text: str,
        low: str,
        phrases: Mapping[str, PhraseMatcher],
        candidates: dict[str, set[int]],
        starting: list[tuple[int, int, dict[str, tuple[tuple[int, bool], ...]]]],
        stems: frozenset[str],
    ) -> None:
        self.text = text
        self._low = low
        self._phrases = phrases
        self._candidates = candidates
        self._starting = starting
        self._found: dict[str, list[PhraseMatch]] = {}
        #: The names of the stem lists with a stem in the text.
        self.stems = stems

    def find(self, name: str) -> list[PhraseMatch]:
        """``matcher.find(text)`` for the matcher called ``name``."""
        found = self._found.get(name)
        if found is None:
            candidates = self._candidates.get(name)
            found = self._resolve(name, candidates) if candidates else []
            self._found[name] = found
        return list(found)

    def _resolve(self, name: str, candidates: set[int]) -> list[PhraseMatch]:
        text = self.text
        starts: dict[int, set[int]] = {}
        word_start: _WordStarts | None = None
        for end, length, by_matcher in self._starting:
            starting = by_matcher.get(name)
            if starting is None:
                continue
            first = end - length + 1
            for n, star in starting:
                if n not in candidates:
                    continue
                pos = first
                if star:
                    word_start = word_start or _WordStarts(text)
                    pos = word_start(pos)
                elif pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] == "_"):
                    continue  # inside a word: the pattern's (?<!\w) cannot hold here
                at = starts.get(n)
                if at is None:
                    starts[n] = {pos}
                else:
                    at.add(pos)
        return self._phrases[name].resolve(text, candidates, starts, self._low)
