"""Lexicon sentiment for short Dutch (and Flemish) posts: which words praise, which criticise.

:func:`sentiment` scores a text with three public lexicons (LUPJE, Glender's dictionary and
CLiPS Pattern's adjectives, merged into ``data/sentiment/lexicon.tsv``) and a small domain
lexicon written for posts about a municipality (``data/sentiment/domain.tsv``: thanks, praise,
complaints, Flemish words, phrases and emoji). It returns the evidence, not just a number, so
the triage can say *which* words made it decide.

Handled on purpose:

- negation: ``niet``/``geen``/``nie`` anywhere before a word in the same clause weakens and
  flips it (``niet goed`` is negative, ``ik vind het helemaal niet zo heel erg goed`` too,
  ``niet slecht`` mildly positive); a clause ends at punctuation, ``maar`` and the
  conjunctions in :data:`CLAUSE_WORDS`. ``niet alleen``/``niet enkel`` is no negation. Phrases
  such as ``niet normaal`` are listed as phrases;
- idioms of praise and complaint (``een aanrader``, ``laat … te wensen over``, ``ver te
  zoeken``) from ``data/sentiment/idioms.tsv``, with gaps; a negation inside the gap turns
  the idiom around (``laat niets te wensen over`` is praise);
- word sense: an intensifier that is also a sentiment word (``vreselijk``, ``best``,
  ``bijzonder``) only intensifies when a sentiment word follows it (``vreselijk goed`` is
  praise, not a complaint);
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
#: Words that start a new clause: a negation before them does not reach past them.
CLAUSE_WORDS = frozenset(
    {
        "en",
        "of",
        "want",
        "omdat",
        "doordat",
        "dus",
        "terwijl",
        "toen",
        "als",
        "zodat",
        "hoewel",
        "ofschoon",
        "nadat",
        "voordat",
        "sinds",
        "waardoor",
        "waarmee",
        "waarna",
        "die",
        "wie",
        "welke",
        "zodra",
        "tenzij",
        "mits",
    }
)
#: A negator followed by one of these is no negation ("niet alleen ... maar ook").
_NOT_NEGATING = frozenset({"alleen", "enkel", "zomaar", "voor", "meer"})
#: Negation reaches back this many tokens at most, within the clause.
_NEGATION_REACH = 8
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
    #: Idioms by their first word (a ``*`` word by its prefix, under ``""``), longest first.
    idioms_by_first: dict[str, tuple[tuple[re.Pattern[str], float, bool], ...]] | None = None


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
    idioms = []
    for row in _rows(_data("idioms.tsv")):
        idioms.append((row[0].strip().lower(), float(row[1])))
    idioms.sort(key=lambda item: -len(item[0]))
    by_first: dict[str, list[tuple[re.Pattern[str], float, bool]]] = {}
    for idiom, score in idioms:
        first = idiom.split()[0]
        key = "" if first.endswith("*") else first
        by_first.setdefault(key, []).append(
            (_idiom_pattern(idiom), score, _GAP in _norm_gap(idiom))
        )
    frozen = {k: tuple(v) for k, v in by_first.items()}
    return _Lexicon(words, domain, _phrase_pattern(phrases), pattern, frozen)


_GAP = "…"
#: Up to three words (the gap of an idiom), captured so a negation inside it can be seen.
_GAP_RE = r"((?:[^\W\d_][\w'’-]*[\s,]+){0,3}?)"


def _norm_gap(idiom: str) -> str:
    return idiom.replace("...", _GAP)


def _idiom_pattern(idiom: str) -> re.Pattern[str]:
    """A regex for one line of ``idioms.tsv`` (see the file's header for the notation)."""
    parts = []
    for word in _norm_gap(idiom).split():
        if word == _GAP:
            parts.append(_GAP_RE)
        elif word.endswith("*"):
            parts.append(re.escape(word[:-1]) + r"[^\W\d_]*\s+")
        else:
            parts.append(re.escape(word) + r"\s+")
    body = "".join(parts)
    body = body[: -len(r"\s+")] if body.endswith(r"\s+") else body
    return re.compile(rf"(?<![^\W\d_])(?:{body})(?![^\W\d_])")


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
    for start, end, score in _idioms(masked, lex):
        raw.append((start, end, masked[start:end], score, "domain", ()))
        covered.append((start, end))
    covered.sort()
    if lex.phrases is not None:
        idiom_spans = list(covered)
        for m in lex.phrases.finditer(masked):
            if idiom_spans and _inside(idiom_spans, m.start(), m.end()):
                continue
            raw.append((m.start(), m.end(), m.group(), lex.domain[m.group()], "domain", ()))
            covered.append((m.start(), m.end()))
    covered.sort()
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(masked)]
    for s, e, tok in tokens:
        if tok[0] in _BOUNDARY or _inside(covered, s, e):
            continue
        hit = _lookup(tok)
        if hit is not None:
            raw.append((s, e, tok, hit[1], hit[0], hit[2]))

    # Context: negation, intensifiers and contrast, from the token sequence.
    starts = {s: i for i, (s, _, _) in enumerate(tokens)}
    contrast_at = max((s for s, _, tok in tokens if tok in _CONTRAST and s > 0), default=None)
    cues: list[Cue] = []
    sums = [[0.0, 0.0] for _ in SOURCES]
    scored = {s for s, *_ in raw}
    any_negator = any(tok in NEGATORS for _, _, tok in tokens)
    for s, e, word, score, source, per_source in sorted(raw):
        i = starts.get(s)
        negated = False
        factor = 1.0
        if i is not None:
            if word in INTENSIFIERS and i + 1 < len(tokens) and tokens[i + 1][0] in scored:
                continue  # "vreselijk goed": the intensifier's own sense does not count
            negated = (
                any_negator
                and _negated(tokens, i)
                and not word.startswith(("niet ", "geen ", "nie "))
            )
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


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start..end`` overlaps one of the sorted, non-overlapping ``spans``."""
    k = bisect_right(spans, (start, 1 << 30)) - 1
    if k >= 0 and start < spans[k][1]:
        return True
    return k + 1 < len(spans) and spans[k + 1][0] < end


def _idioms(masked: str, lex: _Lexicon) -> list[tuple[int, int, float]]:
    """Idiom matches (start, end, score), longest idiom first, never overlapping.

    A negator inside an idiom's gap turns it around: "laat niets te wensen over" is praise.
    """
    out: list[tuple[int, int, float]] = []
    index = lex.idioms_by_first or {}
    starred = index.get("", ())
    reached = 0
    for tok in _WORD.finditer(masked):
        if tok.start() < reached:
            continue
        # The first (longest) idiom that matches at this word.
        for pattern, score, has_gap in index.get(tok.group(), ()) + starred:
            m = pattern.match(masked, tok.start())
            if m is None:
                continue
            value = score
            if has_gap and any(
                w in NEGATORS or w in ("niets", "niks")
                for g in m.groups()
                if g
                for w in re.findall(r"[^\W\d_]+", g)
            ):
                value = -score
            out.append((m.start(), m.end(), value))
            reached = m.end()
            break
    return out


_WORD = re.compile(r"[^\W\d_]+")


def _negated(tokens: list[tuple[int, int, str]], i: int) -> bool:
    """Whether a negator stands before token ``i`` in the same clause."""
    for j in range(i - 1, max(-1, i - 1 - _NEGATION_REACH), -1):
        prev = tokens[j][2]
        if prev[0] in _BOUNDARY or prev in _CONTRAST or prev in CLAUSE_WORDS:
            return False
        if prev in NEGATORS:
            nxt = tokens[j + 1][2] if j + 1 < len(tokens) else ""
            return nxt not in _NOT_NEGATING
    return False


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
