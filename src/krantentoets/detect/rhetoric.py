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
- ``not``: a phrase in which a jab or frame word describes a deed or a thing.

A word negated just before it ("geen lafaard", "niet corrupt") is never a finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from krantentoets.rules.spokesperson import (
    EntrySyntaxError,
    PhraseEntry,
    PhraseMatch,
    PhraseMatcher,
    parse_entry,
)

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
    "frame_context",
    "groups",
    "legal",
    "reported",
    "mention",
    "not",
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
    return {name: tuple(sections.get(name, ())) for name in SECTIONS}


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


#: The sections that make a finding; the others are context.
_FINDING_SECTIONS = ("jab", "jab_clear", "name_calling", "accusation", "putdown", "frame")
_FINDING_SECTIONS += ("expel", "generalise")


@cache
def _finding_matcher(extra: tuple[str, ...]) -> PhraseMatcher:
    """All finding sections in one matcher: one pass tells whether any of them matches (an
    entry is tried when one of its anchors occurs, whichever matcher it is in)."""
    entries = _entries(extra)
    return PhraseMatcher(e for name in _FINDING_SECTIONS for e in entries[name])


def _negated(text: str, start: int, sent_start: int) -> bool:
    return _NEGATION.search(text[sent_start:start]) is not None


def _inside(m: PhraseMatch, spans: list[PhraseMatch]) -> bool:
    return any(s.start <= m.start and m.end <= s.end for s in spans)


def _disjoint(m: PhraseMatch, others: list[PhraseMatch]) -> list[PhraseMatch]:
    return [o for o in others if o.end <= m.start or o.start >= m.end]


def _of_a_thing(text: str, m: PhraseMatch, targets: list[PhraseMatch]) -> bool:
    """An adjective before a noun that names no person or institution: "een corrupt land",
    "leugenachtige campagnes", "die zielige film"; adjectives in between are skipped."""
    word = text[m.start : m.end].lower()
    # an inflected adjective ("corrupte deals"), or "een corrupt land"; not a noun
    # ("u bent een grote hypocriet", "ons nep-parlement zit")
    if not (word.endswith("e") or re.search(r"\been\s+(?:\w+\s+)?$", text[: m.start])):
        return False
    pos = m.end
    while True:
        nxt = _NEXT_WORD.match(text, pos)
        if nxt is None or any(t.start == nxt.start(1) for t in targets):
            return False
        if nxt.group(1).lower() in _GLUE:
            return False
        if _ADJECTIVE.fullmatch(nxt.group(1)):
            pos = nxt.end(1)
            continue
        return True


def detect_rhetoric(text: str, extra: tuple[str, ...] = ()) -> list[RhetoricSpan]:
    """The rhetoric findings of ``text``, in text order."""
    # most posts match no section that makes a finding: one pass, and the context
    # sections (targets, groups, legal, ...) are never needed
    if not _finding_matcher(extra).find(text):
        return []
    found = {name: matcher.find(text) for name, matcher in _matchers(extra).items()}
    legal = bool(found["legal"])
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
            mentioned = any(0 <= m.start - x.end <= 3 for x in mentions)  # als 'wappies'
            return not _negated(text, m.start, lo) and not _inside(m, nots) and not mentioned

        for name, severity in (("jab", "warn"), ("jab_clear", "block")):
            for m in here(name):
                t = about(m)
                if t is None or not usable(m) or _of_a_thing(text, m, targets):
                    continue
                out.append(
                    RhetoricSpan(
                        m.start,
                        m.end,
                        "insult",
                        severity,
                        "person",
                        (f"rhetoric [{name}] {m.source!r}", f"about {text[t.start : t.end]!r}"),
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
        if not legal and not here("reported"):
            for m in here("accusation"):
                t = about(m)
                if t is None or not usable(m) or _of_a_thing(text, m, targets):
                    continue
                out.append(
                    RhetoricSpan(
                        m.start,
                        m.end,
                        "slander",
                        "warn",
                        "person",
                        (f"rhetoric [accusation] {m.source!r}", f"about {text[t.start : t.end]!r}"),
                    )
                )
        strong = here("expel") + here("generalise")
        for m in here("putdown") + (here("putdown_behaviour") if strong or groups else []):
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
        if post_has_group:
            for m in here("frame"):
                if usable(m):
                    out.append(
                        RhetoricSpan(
                            m.start,
                            m.end,
                            "hate",
                            "warn",
                            "group",
                            (f"rhetoric [frame] {m.source!r}", "the post names a group"),
                        )
                    )
    out.sort(key=lambda s: (s.start, s.end))
    return out
