"""Lexicon sentiment for short Dutch (and Flemish) posts: which words praise, which criticise.

:func:`sentiment` scores a text with three public lexicons (LUPJE, Glender's dictionary and
CLiPS Pattern's adjectives, merged into ``data/sentiment/lexicon.tsv``) and a small domain
lexicon written for posts about a municipality (``data/sentiment/domain.tsv``: thanks, praise,
complaints, Flemish words, phrases and emoji). It returns the evidence, not just a number, so
the triage can say *which* words made it decide.

Handled on purpose:

- negation: ``niet``/``geen``/``nie`` up to three words before a word weakens and flips it
  (``niet goed`` is negative, ``niet slecht`` mildly positive); phrases such as ``niet
  normaal`` are listed as phrases;
- contrast: words after ``maar`` count more than words before it;
- intensifiers (``heel``, ``erg``, ``echt``, ``wreed``, ...) raise the next word;
- inflection: ``mooie``, ``mooiste``, ``slechter`` fall back to their stem; ``superrrr`` to
  ``super``;
- irony markers (``🙄``, ``not``, ``lekker bezig``, praise followed by ``hoor``) are reported
  separately; deciding what they mean is the caller's job.

Everything is loaded lazily once and matched with precompiled regexes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

#: Index of each source in :attr:`Sentiment.sources`.
SOURCES = ("lupje", "glender", "pattern", "domain")

NEGATORS = frozenset({"niet", "geen", "nie", "allesbehalve", "nergens"})
INTENSIFIERS = frozenset(
    {
        "heel",
        "erg",
        "zeer",
        "echt",
        "zo",
        "ontzettend",
        "enorm",
        "super",
        "wreed",
        "zwaar",
        "hartstikke",
        "supergoed",
        "vreselijk",
        "verschrikkelijk",
        "ongelooflijk",
        "zó",
        "best",
        "totaal",
        "volledig",
        "ronduit",
        "diep",
        "dik",
        "kei",
        "mega",
        "bijzonder",
        "uiterst",
    }
)
_CONTRAST = frozenset({"maar", "echter", "alleen"})
_NEGATION_WINDOW = 3
_NEGATED_FACTOR = -0.6
_INTENSIFIER_FACTOR = 1.4
_BEFORE_CONTRAST = 0.6
_AFTER_CONTRAST = 1.3

_URL = re.compile(r"https?://\S+|www\.\S+")
_MENTION = re.compile(r"[@#][\w.]+")
# A word (letters, digits inside, apostrophe forms like z'n / da's), or one emoji/symbol.
_TOKEN = re.compile(
    r"[^\W\d_](?:[^\W_]|['’-](?=[^\W\d_]))*"
    r"|[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B50\u2764][\uFE0F\u200D\U0001F3FB-\U0001F3FF♀♂]*"
    r"|[.!?;:…]+|,"
)
_REPEAT = re.compile(r"([^\W\d_])\1{2,}")
_BOUNDARY = frozenset(".!?;:…,")


@dataclass(frozen=True, slots=True)
class Cue:
    """One word, phrase or emoji that carries sentiment, with where it is in the text."""

    text: str
    start: int
    end: int
    #: Score after negation, intensifier and contrast weighting (-1.3..+1.3 or so).
    score: float
    negated: bool = False
    source: str = ""


@dataclass(frozen=True, slots=True)
class Sentiment:
    """The sentiment evidence in a text."""

    cues: tuple[Cue, ...]
    #: Cues that suggest irony ("🙄", "not", "lekker bezig", "prachtig hoor").
    irony: tuple[Cue, ...]
    #: Per source (see :data:`SOURCES`): (sum of positive scores, sum of negative magnitudes).
    sources: tuple[tuple[float, float], ...]

    @property
    def positive(self) -> float:
        return sum(c.score for c in self.cues if c.score > 0)

    @property
    def negative(self) -> float:
        return -sum(c.score for c in self.cues if c.score < 0)

    @property
    def score(self) -> float:
        """Positive minus negative: > 0 leans to praise, < 0 to criticism."""
        return self.positive - self.negative

    def words(self, sign: int, limit: int = 4) -> list[str]:
        """The strongest cue texts of one sign (+1 praise, -1 criticism), strongest first."""
        picked = sorted((c for c in self.cues if c.score * sign > 0), key=lambda c: -abs(c.score))
        out: list[str] = []
        for c in picked:
            if c.text not in out:
                out.append(c.text)
            if len(out) == limit:
                break
        return out


@dataclass(frozen=True, slots=True)
class _Lexicon:
    words: dict[str, tuple[float | None, float | None, float | None]]
    domain: dict[str, float]
    phrases: re.Pattern[str] | None
    irony: re.Pattern[str]


def _data(name: str) -> str:
    return (resources.files("krantentoets") / "data" / "sentiment" / name).read_text("utf-8")


def _rows(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def _phrase_pattern(items: list[str]) -> re.Pattern[str] | None:
    if not items:
        return None
    alts = sorted(set(items), key=len, reverse=True)
    body = "|".join(re.escape(a) for a in alts)
    # Whole words only; emoji have no word boundaries, so only guard letters.
    return re.compile(rf"(?<![^\W\d_])(?:{body})(?![^\W\d_])")


@cache
def _lexicon() -> _Lexicon:
    words: dict[str, tuple[float | None, float | None, float | None]] = {}
    for row in _rows(_data("lexicon.tsv")):
        cells = [float(c) if c else None for c in row[1:4]]
        words[row[0]] = (cells[0], cells[1], cells[2])
    domain: dict[str, float] = {}
    phrases: list[str] = []
    for row in _rows(_data("domain.tsv")):
        key, score = row[0].strip().lower(), float(row[1])
        domain[key] = score
        if " " in key or not key.isalpha():
            phrases.append(key)
    irony = [
        line.strip().lower()
        for line in _data("irony.txt").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    pattern = _phrase_pattern(irony)
    assert pattern is not None
    return _Lexicon(words, domain, _phrase_pattern(phrases), pattern)


def _stems(word: str) -> list[str]:
    out = [word]
    collapsed = _REPEAT.sub(r"\1\1", word)
    if collapsed != word:
        out += [collapsed, _REPEAT.sub(r"\1", word)]
    for suffix in ("ste", "st", "er", "en", "e", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            out.append(stem)
            # snelle -> snel: undo a doubled consonant.
            if len(stem) >= 4 and stem[-1] == stem[-2] and stem[-1] not in "aeiou":
                out.append(stem[:-1])
            # grote -> groot, slechter -> slecht: restore a doubled vowel of an open syllable.
            if len(stem) >= 2 and stem[-2] in "aeou" and stem[-1] not in "aeiouy":
                out.append(stem[:-1] + stem[-2] + stem[-1])
    return out


@lru_cache(maxsize=1 << 16)
def _lookup(word: str) -> tuple[str, float, tuple[float | None, ...]] | None:
    """(source, combined score, per-source scores) for a word, trying its stems.

    The domain lexicon wins outright; otherwise each public lexicon contributes the score of
    the first stem it knows (``geweldige`` in LUPJE, ``geweldig`` in Glender and Pattern).
    """
    lex = _lexicon()
    stems = _stems(word)
    for w in stems:
        if w in lex.domain:
            return "domain", lex.domain[w], (None, None, None)
    found: list[float | None] = [None, None, None]
    for w in stems:
        scores = lex.words.get(w)
        if scores is not None:
            for k, v in enumerate(scores):
                if found[k] is None and v is not None:
                    found[k] = v
    present = [s for s in found if s is not None]
    if not present:
        return None
    return "lexicon", sum(present) / len(present), tuple(found)


def normalise(text: str) -> str:
    """Lower-case text without URLs and @mentions (offsets are NOT preserved)."""
    return _MENTION.sub(" ", _URL.sub(" ", text)).lower()


def sentiment(text: str) -> Sentiment:
    """The sentiment cues in ``text``, with offsets into ``text`` itself."""
    lex = _lexicon()
    low = text.lower()
    # Blank URLs and mentions without moving offsets.
    masked = _MENTION.sub(
        lambda m: " " * len(m.group()), _URL.sub(lambda m: " " * len(m.group()), low)
    )
    covered: list[tuple[int, int]] = []
    raw: list[tuple[int, int, str, float, str, tuple[float | None, ...]]] = []
    if lex.phrases is not None:
        for m in lex.phrases.finditer(masked):
            raw.append((m.start(), m.end(), m.group(), lex.domain[m.group()], "domain", ()))
            covered.append((m.start(), m.end()))
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(masked)]
    covered_starts = [a for a, _ in covered]  # phrase matches do not overlap: sorted by start
    for s, e, tok in tokens:
        if tok[0] in _BOUNDARY:
            continue
        k = bisect_right(covered_starts, s) - 1
        if k >= 0 and s < covered[k][1]:
            continue
        hit = _lookup(tok)
        if hit is not None:
            raw.append((s, e, tok, hit[1], hit[0], hit[2]))

    # Context: negation, intensifiers and contrast, from the token sequence.
    starts = {s: i for i, (s, _, _) in enumerate(tokens)}
    contrast_at = max((s for s, _, tok in tokens if tok in _CONTRAST and s > 0), default=None)
    cues: list[Cue] = []
    sums = [[0.0, 0.0] for _ in SOURCES]
    for s, e, word, score, source, per_source in sorted(raw):
        i = starts.get(s)
        negated = False
        factor = 1.0
        if i is not None:
            for j in range(i - 1, max(-1, i - 1 - _NEGATION_WINDOW), -1):
                prev = tokens[j][2]
                if prev[0] in _BOUNDARY or prev in _CONTRAST:
                    break
                if prev in NEGATORS and not word.startswith(("niet ", "geen ", "nie ")):
                    negated = True
                    break
            if i > 0 and tokens[i - 1][2] in INTENSIFIERS:
                factor *= _INTENSIFIER_FACTOR
        if contrast_at is not None:
            factor *= _AFTER_CONTRAST if s > contrast_at else _BEFORE_CONTRAST
        value = score * factor * (_NEGATED_FACTOR if negated else 1.0)
        cues.append(Cue(text[s:e], s, e, round(value, 3), negated, source))
        if source == "domain":
            _add(sums[3], value)
        else:
            sign = _NEGATED_FACTOR if negated else 1.0
            for k, v in enumerate(per_source):
                if v is not None:
                    _add(sums[k], v * factor * sign)
    irony = [
        Cue(text[m.start() : m.end()], m.start(), m.end(), 0.0, source="irony")
        for m in lex.irony.finditer(masked)
    ]
    irony += _praise_hoor(text, masked, cues)
    return Sentiment(
        cues=tuple(cues),
        irony=tuple(sorted(irony, key=lambda c: c.start)),
        sources=tuple((round(p, 3), round(n, 3)) for p, n in sums),
    )


_HOOR = re.compile(r"\s*hoor\b")


def _praise_hoor(text: str, masked: str, cues: list[Cue]) -> list[Cue]:
    """Praise right before ``hoor`` at a sentence start ("Prachtig hoor, ...")."""
    out = []
    for c in cues:
        if c.score <= 0.3:
            continue
        m = _HOOR.match(masked, c.end)
        if m is None:
            continue
        before = masked[max(0, c.start - 60) : c.start].rstrip()
        if before and before[-1] not in ".!?…" and len(before.split()) > 2:
            continue
        out.append(Cue(text[c.start : m.end()], c.start, m.end(), 0.0, source="irony"))
    return out


def _add(acc: list[float], value: float) -> None:
    if value > 0:
        acc[0] += value
    else:
        acc[1] -= value
