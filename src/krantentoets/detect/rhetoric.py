"""Political rhetoric that crosses the line: jabs, accusations, group put-downs (issue 10).

:mod:`krantentoets.detect.offensive` finds clear abuse by its grammar (who is called
what). Real posts of office holders cross the line more often in political language:
a belittling jab at a minister ("internationaal lichtgewicht"), an accusation of an
institution ("corrupt OM", "maffiapraktijken van @USER"), a pejorative word for a whole
group ("gelukzoekers", "tuig"), dehumanising framing of a group ("invasie" in a post
about migrants) or the exclusion of a religion ("de islam hoort niet bij ...").

The words are data (``data/offensive/rhetoric.txt``, sections explained there,
extendable through the policy's ``[offensive] rhetoric``); the grammar is here:

- ``jab`` / ``jab_clear``: an insult (OF01) when the same sentence names a person or an
  institution (``targets``); borderline jabs are warn, ``jab_clear`` block.
- ``accusation``: slander (OF05, warn) when the same sentence names a target; never when
  the post reports a court or police matter (``legal``).
- ``putdown``: a hate finding (OF03) for the pejorative group word, warn; block when the
  same sentence calls for expulsion (``expel``) or generalises (``generalise``).
- ``frame`` and ``expel``: a hate finding (warn) only when the sentence (for ``expel``) or
  the post (for ``frame``) names a group (``groups``).
- ``frame_alone``: dehumanising or excluding framing that names its group itself
  ("omvolking", "stop de invasie", "de-islamiseren"): a hate finding (warn) on its own.
- ``putdown_head``: a compound of a group word and a word for bad people ("asieltuig",
  "moslimcriminelen", "AZC-tuig"; a hyphen compound of ``putdown_behaviour`` with any
  first part) is a group put-down like ``putdown``.
- ``putdown_behaviour`` ("tuig", "profiteurs") is a group put-down beside a group word or an
  expulsion in the sentence, or in a post about migration or a group.
- Hashtags are read as words too: ``#StopDeInvasie`` and ``#stopislam`` as "stop de
  invasie" and "stop islam" (CamelCase, or split into Dutch words); a match inside a
  hashtag covers the whole hashtag.
- ``not``: a phrase in which a jab or frame word describes a deed or a thing.
- ``putdown_adjective`` + ``group_adjective``: a pejorative adjective before a group word,
  only adjectives between ("rovende asielzoekers", "barbaarse islamitische landen"): a
  group put-down like ``putdown``.
- ``tyrant`` + ``likening``: a person likened to a dictator in one sentence (insult, warn).
- ``scare_quoted``: a role word alone in quotes right before the person it names
  ('"journalist" @USER'): insult, warn.
- ``scare_quoted_group``: a group's status alone in scare quotes ('"vluchtelingen" uit
  ...'): hate, warn (not "het woord 'vluchteling'").
- In a question "wie" is a target ("Wie is de grootste graaier?"); a name that opens a
  sentence before a copula or modal is one ("Rutte is een leugenaar"); a rabble word or an
  accusation that is a sentence of its own ("Tuig.") is said of the post's subject.

A word negated just before it ("geen lafaard", "niet corrupt") is never a finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from krantentoets.detect.phrases import (
    ODD_CASE,
    EntrySyntaxError,
    KeywordIndex,
    KeywordScan,
    PhraseEntry,
    PhraseMatch,
    PhraseMatcher,
    parse_entry,
)
from krantentoets.detect.public_persons import parties
from krantentoets.detect.word_frequency import is_dutch_word

SECTIONS = (
    "targets",
    "jab",
    "jab_clear",
    "name_calling",
    "accusation",
    "putdown",
    "putdown_behaviour",
    "generalise",
    "expel",
    "frame",
    "frame_alone",
    "frame_context",
    "putdown_head",
    "groups",
    "legal",
    "reported",
    "mention",
    "warning",
    "not",
    "putdown_adjective",
    "group_adjective",
    "tyrant",
    "likening",
    "scare_quoted",
    "scare_quoted_group",
)
#: After an accusation adjective, a word that does not make it "said of a thing".
_GLUE = frozenset(
    {"en", "of", "maar", "als", "is", "zijn", "was", "waren", "wordt", "worden", "bent", "ben"}
    | {"van", "voor", "met", "in", "op", "aan", "uit", "bij", "over", "door", "naar", "tegen"}
    | {"de", "het", "een", "die", "dat", "dan", "want", "omdat"}
)
#: An inflected adjective ("Afrikaanse", "politieke", "incompetente"): not yet the noun.
_ADJECTIVE = re.compile(r"[^\W\d_][\w\-]*(?:se|sche|ke|ige|ele|ende|te|de)", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s+([^\W\d_][\w\-]*)")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
#: A name: a capitalised word that does not open the sentence ("lichtgewicht Hoekstra").
_NAME = re.compile(r"(?<=[^\W\d_][ \-])[A-Z][a-z\u00e0-\u00ff]+(?:\s[A-Z][a-z\u00e0-\u00ff]+)?")
_HASHTAG = re.compile(r"(?<![\w#])#([^\W_][\w]*)")
_CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z\u00e0-\u00ff]+|\d+")
_WORD = re.compile(r"[^\W\d_][\w\-]*")
#: Short words a run-together hashtag may contain that the Dutch word list does not
#: answer for (it only knows words of four letters or more).
_SHORT_WORDS = frozenset(
    {"de", "het", "een", "en", "ze", "we", "wij", "nu", "ban", "weg", "uit", "nep", "op", "in"}
    | {"van", "nl", "eu", "azc", "dat", "die", "al", "is", "zijn", "ons", "mee", "met"}
)
#: Sections read inside hashtags too (not targets, jabs or accusations: they need grammar).
_HASHTAG_SECTIONS = (
    "frame",
    "frame_alone",
    "frame_context",
    "groups",
    "putdown",
    "putdown_behaviour",
    "name_calling",
    "jab_clear",
    "not",
)
#: A capitalised word and a finite verb of deceit (third person singular).
_NAMED_SUBJECT = re.compile(
    r"(?<![\w@#])([A-Z][a-z\u00e0-\u00ff]+)\s+(?:liegt|bedriegt|belazert|steelt|misleidt|"
    r"sjoemelt|fraudeert|verraadt)\b"
)
#: Capitalised words that open a sentence but name nobody.
_NOT_SUBJECT = frozenset(
    {"dit", "dat", "het", "die", "deze", "wie", "wat", "er", "men", "iedereen", "niemand"}
    | {"ook", "en", "maar", "want", "nu", "zo", "dan", "toen", "wel", "niet", "de", "een"}
)
_COPULA_OPENING = re.compile(r"(?:zijn|is|worden|wordt|blijven|blijft)\b", re.IGNORECASE)
#: A capitalised word at the start of a sentence before a copula ("Rutte is een ...").
_COPULA_SUBJECT = re.compile(
    r"^\s*(?:[@#]\w+\s+)*([A-Z][a-z\u00e0-\u00ff]+(?:\s[A-Z][a-z\u00e0-\u00ff]+)?)\s+"
    r"(?:is|was|blijft|wordt|lijkt|bleek|blijkt|moet|mag|gaat|zal|kan|wil|heeft)\b"
)
_HASHTAG_NAME = re.compile(r"(?<![\w#])#([A-Z][a-z\u00e0-\u00ff]+(?:[A-Z][a-z]+){0,3})\b")
_INFINITIVE = re.compile(r"(?<!\w)te\s+$", re.IGNORECASE)
_NAMING = re.compile(r"noem|genoemd", re.IGNORECASE)
#: Between a word of [mention] and the word it names, a list of labels: "aangewezen als
#: zondebok, bron van ziekte of profiteur" (at most six words, no new clause).
_LABEL_LIST = re.compile(
    r"(?:[ ,]+(?!(?:maar|want|omdat|terwijl|hoewel|dus|daarom|terecht)\b)\w[\w'-]*){0,6}[ ,]+",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"(?<!\w)(?:geen|niet|nooit|allerminst)\W+(?:\w+\W+)?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RhetoricSpan:
    start: int
    end: int
    kind: str  # "insult", "slander" or "hate" (the offensive kinds)
    severity: str  # "warn" or "block"
    target: str  # "person", "organisation" or "group"
    trace: tuple[str, ...]


def read_sections(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("# ") or line == "#":
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            continue
        sections.setdefault(current, []).append(line)
    return sections


@cache
def _builtin() -> dict[str, tuple[str, ...]]:
    ref = resources.files("krantentoets") / "data" / "offensive" / "rhetoric.txt"
    sections = read_sections(ref.read_text(encoding="utf-8"))
    # a political party is a target of a jab or an accusation: "dat is de VVD"
    sections.setdefault("targets", []).extend(_party_targets())
    return {name: tuple(sections.get(name, ())) for name in SECTIONS}


def _party_targets() -> list[str]:
    """The parties of ``data/people/parties.txt`` as target entries; short names only in
    capitals ("SP", not "sp")."""
    out = []
    for name in sorted(parties()):
        if not name.replace(" ", "").replace("-", "").isalnum():
            continue
        out.append(f"={name.upper()}" if len(name.replace(" ", "")) <= 3 else name)
    return out


@cache
def _entries(extra: tuple[str, ...]) -> dict[str, tuple[PhraseEntry, ...]]:
    """Each section's entries: the built-in lines plus the policy's ``section: entry``."""
    lines = {name: list(entries) for name, entries in _builtin().items()}
    for item in extra:
        name, sep, entry = item.partition(":")
        if sep and name.strip() in lines and entry.strip():
            lines[name.strip()].append(entry.strip())
    out = {}
    for name, entries in lines.items():
        parsed = []
        for entry in entries:
            try:
                parsed.append(parse_entry(entry, name))
            except EntrySyntaxError:
                continue
        out[name] = tuple(parsed)
    return out


@cache
def _matchers(extra: tuple[str, ...]) -> dict[str, PhraseMatcher]:
    """One matcher per section."""
    return {name: PhraseMatcher(entries) for name, entries in _entries(extra).items()}


#: The sections that make a finding (and ``putdown_behaviour``, which makes one beside a
#: group); the others are context.
_FINDING_SECTIONS = ("jab", "jab_clear", "name_calling", "accusation", "putdown", "frame")
_FINDING_SECTIONS += ("expel", "generalise", "frame_alone", "putdown_behaviour")
_FINDING_SECTIONS += ("putdown_adjective", "tyrant")


@cache
def _index(extra: tuple[str, ...]) -> KeywordIndex:
    """Every section in one keyword automaton: one pass over a text finds the words of all
    of them, and a section is resolved only when asked for (an entry is tried only when
    one of its anchors occurs)."""
    return KeywordIndex(_matchers(extra), {})


class _Scans:
    """The sections found in each text read (the post, and its hashtags read as words):
    one automaton pass per text, each section resolved at most once."""

    __slots__ = ("_index", "_scans")

    def __init__(self, extra: tuple[str, ...]) -> None:
        self._index = _index(extra)
        self._scans: dict[str, KeywordScan] = {}

    def __call__(self, text: str) -> KeywordScan:
        scan = self._scans.get(text)
        if scan is None:
            scan = self._scans[text] = self._index.scan(text)
        return scan


def _finds_any(scan: KeywordScan) -> bool:
    """Whether a section that makes a finding matches in the scanned text."""
    return any(scan.find(name) for name in _FINDING_SECTIONS)


#: What may stand around a jab that is a sentence of its own ("LEUGENAAR!", "Wat een
#: prutsers."): the jab is then said of the post's subject.
_EXCLAIM_FILLER = re.compile(
    r"(?:\s|[^\w\s]|#\w+|@\w+|https?://\S+|\b(?:wat|een|stelletje|stel|echt|gewoon|"
    r"zijn|is|jullie|het|allemaal|dat|die|en|of|ook|weer|opnieuw|bijna|best|heel|zo|erg|"
    r"nogal|ronduit|werkelijk|toch|totaal|compleet|volslagen|zeg)\b)*",
    re.IGNORECASE,
)


def _exclamation(
    text: str, m: PhraseMatch, lo: int, hi: int, others: tuple[PhraseMatch, ...] = ()
) -> bool:
    """The jab or accusation is the whole sentence, but for exclamation words, handles,
    hashtags and links: "Sukkels.", "MAFFIAPRAKTIJKEN!", "Wat een prutsers."; ``others``
    (more jabs of the sentence) count as filler: "Wat een arrogantie, wat een dedain."."""
    masked = text
    for o in others:
        if lo <= o.start and o.end <= hi and (o.end <= m.start or o.start >= m.end):
            masked = masked[: o.start] + " " * (o.end - o.start) + masked[o.end :]
    before, after = masked[lo : m.start], masked[m.end : hi]
    return bool(_EXCLAIM_FILLER.fullmatch(before)) and bool(_EXCLAIM_FILLER.fullmatch(after))


#: A denied statement: "ik heb nooit gezegd dat ...", "het is niet waar dat ...".
_DENIED = re.compile(
    r"(?<!\w)(?:geen|niet|nooit)\W+(?:\w+\W+){0,2}(?:gezegd|beweerd|gesteld|geschreven|"
    r"gedacht|waar|zeggen|beweren)\W+dat\W",
    re.IGNORECASE,
)


def _negated(text: str, start: int, sent_start: int) -> bool:
    before = text[sent_start:start]
    return _NEGATION.search(before) is not None or _DENIED.search(before) is not None


def _inside(m: PhraseMatch, spans: list[PhraseMatch]) -> bool:
    return any(s.start <= m.start and m.end <= s.end for s in spans)


def _disjoint(m: PhraseMatch, others: list[PhraseMatch]) -> list[PhraseMatch]:
    return [o for o in others if o.end <= m.start or o.start >= m.end]


def _of_a_thing(text: str, m: PhraseMatch, targets: list[PhraseMatch]) -> bool:
    """An adjective before a noun that names no person or institution: "een corrupt land",
    "leugenachtige campagnes", "die zielige film"; adjectives in between are skipped."""
    word = text[m.start : m.end].lower()
    if " " in word:
        return False  # a phrase ("zieke geest") is a noun phrase of its own, not an adjective
    # an inflected adjective ("corrupte deals"), or "een corrupt land"; not a noun
    # ("u bent een grote hypocriet", "ons nep-parlement zit")
    if not (word.endswith("e") or re.search(r"\been\s+(?:\w+\s+)?$", text[: m.start])):
        return False
    pos = m.end
    while True:
        nxt = _NEXT_WORD.match(text, pos)
        if nxt is None:
            return False
        # a target is the next word ("corrupte VVD"), not the first part of a compound
        # ("leugenachtige VVD-campagnes")
        if any(t.start == nxt.start(1) and t.end >= nxt.end(1) for t in targets):
            return False
        if nxt.group(1).lower() in _GLUE:
            return False
        if _ADJECTIVE.fullmatch(nxt.group(1)):
            pos = nxt.end(1)
            continue
        return True


def split_hashtag(tag: str) -> list[str]:
    """The words of a hashtag (without ``#``); see :func:`_split_hashtag`."""
    return list(_split_hashtag(tag))


@lru_cache(maxsize=4096)
def _split_hashtag(tag: str) -> tuple[str, ...]:
    """The words of a hashtag (without ``#``): CamelCase parts ("StopDeInvasie"), or for a
    run-together lower-case tag the fewest Dutch words it splits into ("stopislam");
    ``(tag,)`` when it does not split."""
    parts = _CAMEL.findall(tag)
    if len(parts) > 1 and "".join(parts) == tag:
        return tuple(parts)
    low = tag.lower()
    if not low.isalpha() or len(low) > 30 or is_dutch_word(low):
        return (tag,)

    def known(w: str) -> bool:
        return w in _SHORT_WORDS or is_dutch_word(w)

    # fewest parts first: best[i] = the shortest split of low[:i]
    best: dict[int, list[str]] = {0: []}
    for i in range(1, len(low) + 1):
        # the split points reached so far, in increasing order (as range(i) would give them)
        cands = [best[j] + [low[j:i]] for j in best if known(low[j:i])]
        if cands:
            best[i] = min(cands, key=len)
    words = best.get(len(low))
    return tuple(words) if words and 1 < len(words) <= 4 else (tag,)


def _hashtag_phrases(text: str) -> list[tuple[int, int, str]]:
    """(start, end, words) of each hashtag that splits into two or more words."""
    out = []
    for h in _HASHTAG.finditer(text):
        words = split_hashtag(h.group(1))
        if len(words) >= 2:
            out.append((h.start(), h.end(), " ".join(words)))
    return out


def _hashtag_matches(text: str, scans: _Scans) -> dict[str, list[PhraseMatch]]:
    """Matches inside hashtags read as words; each covers its whole hashtag."""
    out: dict[str, list[PhraseMatch]] = {}
    for start, end, phrase in _hashtag_phrases(text):
        scan = scans(phrase)
        for name in _HASHTAG_SECTIONS:
            for m in scan.find(name):
                out.setdefault(name, []).append(
                    PhraseMatch(start, end, name, f"#{phrase}: {m.source}")
                )
    return out


@cache
def _heads(extra: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """The ``putdown_head`` words and the ``putdown_behaviour`` single words."""
    lines = _builtin()
    heads = {w for e in lines["putdown_head"] for w in e.split("|")}
    heads |= {e.split(":", 1)[1].strip() for e in extra if e.startswith("putdown_head:")}
    behaviour = {w for e in lines["putdown_behaviour"] for w in e.split("|") if " " not in w}
    return frozenset(h.lower() for h in heads), frozenset(b.lower() for b in behaviour)


def _names_group(word: str, mt: dict[str, PhraseMatcher]) -> bool:
    """``word`` (the first part of a compound) is a group word as a whole."""
    for cand in (word, word[:-1] if word.endswith("s") else word):
        for name in ("groups", "frame_context"):
            if any(m.start == 0 and m.end == len(cand) for m in mt[name].find(cand)):
                return True
    return False


def _compound_putdowns(
    text: str, mt: dict[str, PhraseMatcher], extra: tuple[str, ...]
) -> list[PhraseMatch]:
    """Compounds of a group word and a word for bad people: "asieltuig", "AZC-tuig"."""
    heads, behaviour = _heads(extra)
    if not _may_hold_compound(text, _compound_ends(extra)):
        return []
    out = []
    for w in _compound_pattern(heads | behaviour).finditer(text):
        first, head = w.group(1).lower(), w.group(2).lower()
        hyphen = first.endswith("-")
        first = first.rstrip("-")
        if (hyphen and head in behaviour and first) or (first and _names_group(first, mt)):
            out.append(PhraseMatch(w.start(), w.end(), "putdown", f"compound {first}+{head}"))
    return out


@cache
def _compound_ends(extra: tuple[str, ...]) -> tuple[str, ...] | None:
    """The words a compound put-down ends in, in lower case, when each of them is found by
    ``in text.lower()`` exactly where ``(?i)`` finds it (Basic Latin only); None otherwise."""
    heads, behaviour = _heads(extra)
    words = tuple(sorted(heads | behaviour))
    return words if words and all(w.isascii() for w in words) else None


def _may_hold_compound(text: str, ends: tuple[str, ...] | None) -> bool:
    """False when none of the words a compound put-down ends in occurs in ``text`` (in any
    case): the compound pattern, which tries every word start, cannot match then. A cheap
    test for most posts (a dozen substring searches instead of the pattern's slow scan)."""
    if ends is None or any(c in text for c in ODD_CASE):
        return True
    low = text.lower()
    return any(map(low.__contains__, ends))


@cache
def _compound_pattern(heads: frozenset[str]) -> re.Pattern[str]:
    """A word of at least two letters before one of ``heads`` (longest first)."""
    alts = "|".join(re.escape(h) for h in sorted(heads, key=lambda h: (-len(h), h)))
    return re.compile(rf"(?<![\w\-])([^\W\d_][\w\-]+?)({alts})(?![\w\-])", re.IGNORECASE)


def _nothing_to_find(
    text: str, mt: dict[str, PhraseMatcher], extra: tuple[str, ...], scans: _Scans
) -> bool:
    """No section that makes a finding matches the text, a compound, or a hashtag read as
    words (there all finding sections are tried: a superset of the hashtag sections)."""
    if _finds_any(scans(text)) or _compound_putdowns(text, mt, extra):
        return False
    return "#" not in text or not any(_finds_any(scans(p)) for _, _, p in _hashtag_phrases(text))


#: Words that may stand between a warning and the accusation word it is about ("pas op
#: voor nep-oplichters", "let op: er zijn weer valse inbrekers"): the people stay unnamed.
_GENERIC_LEAD = frozenset(
    {"er", "zijn", "is", "voor", "nep", "valse", "zogenaamde", "weer", "opnieuw", "momenteel"}
)


def _generic_after_warning(text: str, m: PhraseMatch, lo: int, warnings: list[PhraseMatch]) -> bool:
    """The accusation word opens its sentence after a warning to the reader, with only
    generic filler between: it is about unnamed people (a scam warning)."""
    before = text[lo : m.start]
    for w in sorted(warnings, key=lambda w: -w.start):
        if lo <= w.start and w.end <= m.start:
            before = before[: w.start - lo] + " " + before[w.end - lo :]
    words = re.findall(r"[^\W\d_]+", before.lower())
    return all(w in _GENERIC_LEAD for w in words)


def detect_rhetoric(text: str, extra: tuple[str, ...] = ()) -> list[RhetoricSpan]:
    """The rhetoric findings of ``text``, in text order."""
    mt = _matchers(extra)
    scans = _Scans(extra)
    scan = scans(text)
    scare = (
        _scare_quoted(text, scan.find("scare_quoted"))
        + _scare_quoted_groups(text, scan.find("scare_quoted_group"))
        if _SCARE.search(text)
        else []
    )
    # most posts match no section that makes a finding: one pass, and the context
    # sections (targets, groups, legal, ...) are never resolved
    if not scare and _nothing_to_find(text, mt, extra, scans):
        return []
    found = {name: scan.find(name) for name in mt}
    if "#" in text:
        for name, matches in _hashtag_matches(text, scans).items():
            have = {(m.start, m.end) for m in found[name]}
            found[name] += [m for m in matches if (m.start, m.end) not in have]
    found["putdown"] = found["putdown"] + [
        m
        for m in _compound_putdowns(text, mt, extra)
        if not any(p.start <= m.start and m.end <= p.end for p in found["putdown"])
    ]
    found["putdown"] += _adjective_putdowns(text, found)
    kinds = ("jab", "jab_clear", "name_calling", "accusation", "putdown", "frame", "expel")
    kinds += ("generalise", "frame_alone", "tyrant")
    if not any(found[k] for k in kinds) and not found["putdown_behaviour"] and not scare:
        return []
    legal = bool(found["legal"])
    warning = bool(found["warning"])
    post_has_group = any(found[k] for k in ("groups", "putdown", "frame_context"))
    out: list[RhetoricSpan] = []
    previous: list[PhraseMatch] = []
    for sm in _SENTENCE.finditer(text):
        lo, hi = sm.start(), sm.end()

        def here(name: str, lo: int = lo, hi: int = hi) -> list[PhraseMatch]:
            return [m for m in found[name] if lo <= m.start and m.end <= hi]

        targets, nots = here("targets"), here("not")
        targets += [
            PhraseMatch(lo + n.start(), lo + n.end(), "targets", "a name")
            for n in _NAME.finditer(text[lo:hi])
            if not n.group().endswith(("se", "sche"))
        ]
        # a person named by a hashtag: "#Arib", "#HugoDeJonge" (as loose as a capitalised
        # word in the sentence)
        targets += [
            PhraseMatch(lo + n.start(), lo + n.end(), "targets", "a hashtag name")
            for n in _HASHTAG_NAME.finditer(text[lo:hi])
        ]
        # a capitalised word right before a finite verb of deceit is its subject, also at
        # the start of a sentence ("Rutte liegt en bedriegt")
        targets += [
            PhraseMatch(lo + n.start(1), lo + n.end(1), "targets", "a subject")
            for n in _NAMED_SUBJECT.finditer(text[lo:hi])
            if n.group(1).lower() not in _NOT_SUBJECT
        ]
        # a name that opens the sentence before a copula: "Rutte is een leugenaar"
        targets += [
            PhraseMatch(lo + n.start(1), lo + n.end(1), "targets", "a subject")
            for n in _COPULA_SUBJECT.finditer(text[lo:hi])
            if n.group(1).lower() not in _NOT_SUBJECT
        ]
        # in a question, "wie" is whom the jab names: "Wie is de grootste graaier?"
        if text[lo:hi].rstrip().endswith("?"):
            targets += [
                PhraseMatch(lo + n.start(), lo + n.end(), "targets", "the person asked about")
                for n in _WHO.finditer(text[lo:hi])
            ]
        # a sentence that opens with its verb ("Belazert de boel.") continues the last subject
        opens_with_verb = not targets and re.match(r"\s*[A-Z][a-z]+t\b", text[lo:hi]) is not None
        if opens_with_verb:
            targets = previous
        previous = targets
        groups = here("groups")

        def about(m: PhraseMatch, targets: list[PhraseMatch] = targets) -> PhraseMatch | None:
            cands = _disjoint(m, targets)
            if not cands:
                # a jab that names its own target: "nep-parlement", "neppolitici"
                cands = [t for t in targets if m.start <= t.start and t.end <= m.end]
            return min(cands, key=lambda c: abs(c.start - m.start)) if cands else None

        mentions = here("mention")

        def usable(
            m: PhraseMatch,
            lo: int = lo,
            nots: list[PhraseMatch] = nots,
            mentions: list[PhraseMatch] = mentions,
        ) -> bool:
            # als 'wappies'; "X kakkerlakken noemen"
            mentioned = any(
                0 <= m.start - x.end <= 3
                or (x.end < m.start and _LABEL_LIST.fullmatch(text, x.end, m.start))
                or (0 <= x.start - m.end <= 2 and _NAMING.match(text, x.start))
                for x in mentions
            )
            return not _negated(text, m.start, lo) and not _inside(m, nots) and not mentioned

        jabs = tuple(here("jab") + here("jab_clear") + here("accusation"))

        def subject(
            m: PhraseMatch, lo: int = lo, hi: int = hi, jabs: tuple[PhraseMatch, ...] = jabs
        ) -> str | None:
            """Whom the jab is about: a target in the sentence, or the post's subject
            when the jab is a sentence of its own."""
            t = about(m)
            if t is not None:
                return text[t.start : t.end]
            return (
                "the post's subject (a sentence of its own)"
                if _exclamation(text, m, lo, hi, jabs)
                else None
            )

        for name, severity in (("jab", "warn"), ("jab_clear", "block")):
            for m in here(name):
                who = subject(m)
                if who is None or not usable(m) or _of_a_thing(text, m, targets):
                    continue
                out.append(
                    RhetoricSpan(
                        m.start,
                        m.end,
                        "insult",
                        severity,
                        "person",
                        (f"rhetoric [{name}] {m.source!r}", f"about {who!r}"),
                    )
                )
        for m in here("name_calling"):
            if usable(m):
                out.append(
                    RhetoricSpan(
                        m.start,
                        m.end,
                        "insult",
                        "warn",
                        "group",
                        (f"rhetoric [name_calling] {m.source!r}",),
                    )
                )
        # someone else's words; an infinitive ("durft niet te zeggen") reports nobody
        reported = [
            r
            for r in here("reported")
            if not _INFINITIVE.search(text, 0, r.start) and not _ASKED.match(text, r.end)
        ]
        if not legal and not reported:
            for m in here("accusation"):
                who = subject(m)
                if who is None or not usable(m) or _of_a_thing(text, m, targets):
                    continue
                if warning and _generic_after_warning(text, m, lo, found["warning"]):
                    continue  # "Let op: oplichters bellen namens de gemeente"
                out.append(
                    RhetoricSpan(
                        m.start,
                        m.end,
                        "slander",
                        "warn",
                        "person",
                        (f"rhetoric [accusation] {m.source!r}", f"about {who!r}"),
                    )
                )
        # the person likened may open the sentence: "Rutte en Kim Jong-Un ..."
        named = targets + [
            PhraseMatch(lo + n.start(), lo + n.end(), "targets", "a capitalised word")
            for n in _CAPITALISED.finditer(text[lo:hi])
            if n.group().lower() not in _NOT_SUBJECT
        ]
        out += _likened(text, here("tyrant"), here("likening"), named, usable)
        # rabble words as a sentence of their own ("Tuig.", "Wat een gespuis!")
        for m in here("putdown_behaviour"):
            if _exclamation(text, m, lo, hi, jabs) and usable(m):
                out.append(
                    RhetoricSpan(
                        m.start,
                        m.end,
                        "insult",
                        "warn",
                        "person",
                        (f"rhetoric [putdown_behaviour] {m.source!r}", "a sentence of its own"),
                    )
                )
        strong = here("expel") + here("generalise")
        behaviour = here("putdown_behaviour") if strong or groups or post_has_group else []
        putdowns = here("putdown")
        behaviour = [b for b in behaviour if not _inside(b, putdowns)]
        for m in putdowns + behaviour:
            if not usable(m):
                continue
            severity = "block" if strong else "warn"
            out.append(
                RhetoricSpan(
                    m.start, m.end, "hate", severity, "group", (f"rhetoric [putdown] {m.source!r}",)
                )
            )
        if groups:
            for name in ("expel", "generalise"):
                for m in here(name):
                    if not usable(m):
                        continue
                    # "X zijn gevaarlijk": the group is the subject, before the copula
                    # ("vuurwerk is gevaarlijk voor asielzoekers" says nothing of them)
                    if _COPULA_OPENING.match(text, m.start) and not any(
                        g.end <= m.start for g in groups
                    ):
                        continue
                    g = min(groups, key=lambda g, m=m: abs(g.start - m.start))
                    out.append(
                        RhetoricSpan(
                            min(m.start, g.start),
                            max(m.end, g.end),
                            "hate",
                            "warn",
                            "group",
                            (f"rhetoric [{name}] {m.source!r}", f"group {text[g.start : g.end]!r}"),
                        )
                    )
        alone = here("frame_alone")
        # a frame beside a put-down of the same sentence adds nothing: one finding
        framed = [m for m in here("frame") if not _inside(m, alone)] if post_has_group else []
        framed = [] if putdowns else framed
        for name, m in [("frame_alone", m) for m in alone] + [("frame", m) for m in framed]:
            if usable(m):
                why = ("the post names a group",) if name == "frame" else ()
                out.append(
                    RhetoricSpan(
                        m.start,
                        m.end,
                        "hate",
                        "warn",
                        "group",
                        (f"rhetoric [{name}] {m.source!r}", *why),
                    )
                )
    out += scare
    # a hashtag slogan ("#stopislam") beside another finding is its context, not a second
    # finding; alone it is the finding
    if any(not _from_hashtag(s) for s in out):
        out = [s for s in out if not _from_hashtag(s)]
    # one finding per passage: two entries of a section may match the same words
    unique = {(s.start, s.end, s.kind): s for s in reversed(out)}
    return sorted(unique.values(), key=lambda s: (s.start, s.end))


_CAPITALISED = re.compile(r"(?<![\w@#])[A-Z][a-z\u00e0-\u00ff]+")
#: "wie" as the person a question asks about.
_WHO = re.compile(r"(?<!\w)wie(?!\w)", re.IGNORECASE)
#: "volgens jou": the reader is asked, nobody is reported.
_ASKED = re.compile(r"\s+(?:jou|u|jullie|je)\b", re.IGNORECASE)


#: A lower-case word or two alone in quotes: "journalist", 'expert', “deskundigen”.
_SCARE = re.compile(
    r"(?<![\w\"“”‘’'])[\"“‘']([a-z\u00e0-\u00ff][^\W\d_]*(?:[ \-][^\W\d_]+)?)[\"”’']"
    r"(?![\w\"“”‘’'])"
)


def _scare_quoted(text: str, found: list[PhraseMatch]) -> list[RhetoricSpan]:
    """A role word alone in quotation marks before the person it names ('"journalist"
    @USER', "de 'expert' Jansen"): the role is denied to the person, a jab (warn). The
    quotes must hold the word alone, so a quotation is never one."""
    if not found:
        return []
    out = []
    for q in _SCARE.finditer(text):
        inner = [m for m in found if m.start == q.start(1) and m.end == q.end(1)]
        if not inner or not _NAMED_AFTER.match(text, q.end()):
            continue
        out.append(
            RhetoricSpan(
                q.start(),
                q.end(),
                "insult",
                "warn",
                "person",
                (f"rhetoric [scare_quoted] {inner[0].source!r}", "before the person named"),
            )
        )
    return out


def _scare_quoted_groups(text: str, found: list[PhraseMatch]) -> list[RhetoricSpan]:
    """The status of a group of people alone in scare quotes (“vluchtelingen” uit ...,
    voor ‘slachtoffers’): it is denied to the whole group, an insinuation (hate, warn). Not
    where the word is discussed as a word ("het woord 'vluchtelingen'")."""
    if not found:
        return []
    out = []
    for q in _SCARE.finditer(text):
        inner = [m for m in found if m.start == q.start(1) and m.end == q.end(1)]
        if not inner or _WORD_MENTIONED.search(text[max(0, q.start() - 25) : q.start()]):
            continue
        # the insinuation is the sentence the quotes stand in
        lo, hi = q.start(), q.end()
        for sent in _SENTENCE.finditer(text):
            if sent.start() <= lo < sent.end():
                lo, hi = sent.start(), max(hi, sent.end())
                break
        while lo < hi and text[lo].isspace():
            lo += 1
        out.append(
            RhetoricSpan(
                lo,
                hi,
                "hate",
                "warn",
                "group",
                (f"rhetoric [scare_quoted_group] {inner[0].source!r}", "status in scare quotes"),
            )
        )
    return out


#: A word in quotes that is talked about as a word: "het woord 'vluchteling'".
_WORD_MENTIONED = re.compile(
    r"(?i)\b(?:woord|woorden|term|termen|begrip|benaming|label|etiket|noemen|noemt|heten)\s*$"
)


#: The person a scare-quoted role names: a handle or a capitalised name right after it.
_NAMED_AFTER = re.compile(r"\s*(?:@\w+|[A-Z][a-z\u00e0-\u00ff]+)")


def _adjective_putdowns(text: str, found: dict[str, list[PhraseMatch]]) -> list[PhraseMatch]:
    """A pejorative adjective before a group word, only adjectives between: "rovende
    asielzoekers", "barbaarse islamitische landen" (``putdown_adjective`` + ``groups`` or
    ``group_adjective``)."""
    adjectives = found["putdown_adjective"]
    if not adjectives:
        return []
    group_starts = {g.start: g for g in found["groups"] + found["group_adjective"]}
    out = []
    for m in adjectives:
        pos = m.end
        for _ in range(3):
            nxt = _NEXT_WORD.match(text, pos)
            if nxt is None:
                break
            g = group_starts.get(nxt.start(1))
            if g is not None:
                out.append(PhraseMatch(m.start, g.end, "putdown", f"{m.source} + group"))
                break
            if not _ADJECTIVE.fullmatch(nxt.group(1)):
                break
            pos = nxt.end(1)
    return out


def _likened(
    text: str,
    tyrants: list[PhraseMatch],
    likening: list[PhraseMatch],
    targets: list[PhraseMatch],
    usable: Callable[[PhraseMatch], bool],
) -> list[RhetoricSpan]:
    """A person likened to a dictator in one sentence: a tyrant, a word of likening and a
    target that is not the tyrant ("X en Kim Jong-Un kunnen elkaar de hand schudden")."""
    out = []
    for t in tyrants:
        others = [x for x in _disjoint(t, targets) if not (t.start <= x.start < t.end)]
        if not likening or not others or not usable(t):
            continue
        who = min(others, key=lambda x: abs(x.start - t.start))
        out.append(
            RhetoricSpan(
                t.start,
                t.end,
                "insult",
                "warn",
                "person",
                (
                    f"rhetoric [tyrant] {t.source!r}",
                    f"likened: {likening[0].source!r}",
                    f"about {text[who.start : who.end]!r}",
                ),
            )
        )
    return out


def _from_hashtag(span: RhetoricSpan) -> bool:
    return span.trace[0].startswith("rhetoric [frame_alone] '#")
