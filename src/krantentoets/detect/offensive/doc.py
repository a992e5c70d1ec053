"""The shared types of the offensive analysis: the span it reports, one token, one predicate,
the state of one text, and the helpers that add a span.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from krantentoets.detect.offensive.wordlists import Entry, Lexicon

KINDS = ("insult", "obscenity", "hate", "threat", "slander")


TARGET_KINDS = ("group", "person", "organisation")


@dataclass(frozen=True, slots=True)
class OffensiveSpan:
    """One offensive passage: where, what kind, against whom, and why it was flagged.

    ``counter`` is true when the passage is quoted or reported in order to condemn it
    (counter-speech); ``quoted`` when it stands between quotation marks. ``group`` names
    the protected group when the target is one (``"women"``, ``"muslims"``).
    """

    start: int
    end: int
    text: str
    kind: str
    target: str | None = None
    quoted: bool = False
    counter: bool = False
    group: str | None = None
    trace: tuple[str, ...] = ()
    #: "warn" or "block" when the finder grades it (detect/rhetoric.py); None: the rule's own.
    severity: str | None = None


@dataclass(slots=True)
class Tok:
    start: int
    end: int
    surface: str
    canon: str
    entries: tuple[Entry, ...]
    how: str
    note: str
    cap: bool
    sent: int = 0
    clause: int = 0
    target: str = ""  # G (protected group), P (person), J (you), H (he/she/they), N (name)
    group: str | None = None
    exempt: bool = False
    classes: frozenset[str] = frozenset()

    def has(self, cls: str) -> bool:
        return cls in self.classes

    def entry(self, cls: str) -> Entry | None:
        for e in self.entries:
            if e.cls == cls:
                return e
        return None


def adjacent(text: str, a: Tok, b: Tok) -> bool:
    """Nothing but spaces between two tokens (or two halves of one word)."""
    return a.start == b.start or not text[a.end : b.start].strip()


@dataclass(slots=True)
class Pred:
    cls: str  # dehum attr emote violent pos crime excl threat curse insult link
    i: int  # first token
    j: int  # one past the last token
    weak: bool = False
    flags: frozenset[str] = frozenset()
    source: str = ""
    neg: int = 0  # negations that apply
    standalone: bool = False


@dataclass(slots=True)
class Doc:
    text: str
    toks: list[Tok]
    lex: Lexicon
    quotes: list[tuple[int, int]] = field(default_factory=list)
    spans: list[OffensiveSpan] = field(default_factory=list)


#: Longest stretch of words analysed as one sentence, and most findings per text.
MAX_SENTENCE = 120


MAX_SPANS = 200


#: How far back a pronoun looks for the people it refers to.
LOOKBACK = 60


def noun_after(doc: Doc, idx: list[int], k: int) -> Tok | None:
    pos = idx.index(k) if k in idx else -1
    if pos < 0 or pos + 1 >= len(idx):
        return None
    n = doc.toks[idx[pos + 1]]
    if not adjacent(doc.text, doc.toks[k], n) or n.canon in doc.lex.not_nouns:
        return None
    return n


def emit_statement(doc: Doc, idx: list[int], p: Pred, tg: list[int], kind: str) -> None:
    toks = doc.toks
    # the nearest target in the same clause widens the span to the whole statement
    clause = toks[p.i].clause
    same = [k for k in tg if toks[k].clause == clause]
    near = min(same or tg, key=lambda k: min(abs(k - p.i), abs(k - (p.j - 1))))
    group_tok = next((k for k in tg if toks[k].target == "G"), None)
    lo, hi = p.i, p.j - 1
    if toks[near].clause == clause:
        lo, hi = min(lo, near), max(hi, near)
    target = (
        "group"
        if toks[near].target in ("G",)
        or (toks[near].target in ("P",) and toks[near].canon.endswith(("en", "s", "ers")))
        else "person"
    )
    if kind == "hate":
        target = "group"
    group = toks[group_tok].group if group_tok is not None else None
    if group is None and kind == "hate":
        for prev in reversed(toks[max(0, p.i - LOOKBACK) : p.i]):
            if prev.target == "G":
                group = prev.group
                break
    t = toks[near]
    what = _TARGET_NAMES.get(t.target, t.target)
    trace = (p.source, f"about {t.surface!r} ({what})")
    if p.neg:
        trace += (f"negated {p.neg}x",)
    add_span(doc, toks[lo].start, toks[hi].end, kind, target, group, trace)


_TARGET_NAMES = {"G": "protected group", "P": "people", "J": "you", "H": "pronoun", "N": "name"}


def add_span(
    doc: Doc,
    start: int,
    end: int,
    kind: str,
    target: str | None,
    group: str | None,
    trace: tuple[str, ...],
    counter: bool = False,
    severity: str | None = None,
) -> None:
    doc.spans.append(
        OffensiveSpan(
            start, end, doc.text[start:end], kind, target, False, counter, group, trace, severity
        )
    )
