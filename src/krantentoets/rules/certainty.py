"""Category ``certainty`` (MA-8; MW-4): rumour and unverified claims presented as news.

MA-8: "Plaats alleen informatie waar u zelf zeker van bent of achter staat."
MW-4: "Als werknemer ben je accuraat, eerlijk, transparant en betrouwbaar."

Flags hearsay markers ("ik heb gehoord dat", "het schijnt", "naar verluidt",
"het gerucht gaat", "onbevestigd") and the reportative "zou ... hebben/zijn"
("de wethouder zou hebben gezegd", with a past participle: a rumour needs
hearsay, and modal "zou" is an opinion or a hypothesis). Not: "het zou mooi zijn als", polite
requests ("zou u ... willen"), a first-person hypothetical ("ik zou het anders
hebben gedaan") or an attributed source ("volgens de gemeente"). A marker in a
question ("klopt het dat ...?") is someone checking, not claiming: a note only.

A claim that an institution which must be independent (the prosecution, the courts, the
police) or a trial is politically steered, stated as a fact ("een OM politiek aangestuurd
door de minister", "de politieke beinvloeding van mijn proces"), is an unverified factual
claim about identifiable people: the words are data (``data/certainty/``: steering words,
what is steered, and hedges that make the sentence a demand, a hypothesis or a question).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from krantentoets.detect.context import NEGATORS, quoted_spans, sentence_bounds, words_before
from krantentoets.detect.phrases import PhraseMatch, PhraseMatcher, parse_entry
from krantentoets.post import AccountKind, Post
from krantentoets.report import Category, Severity
from krantentoets.rules.base import CheckContext, Example, Hit, Keywords, Msg, Rule, RuleMeta

if TYPE_CHECKING:
    from krantentoets.policy import Policy

_I = re.IGNORECASE

_HEARSAY = re.compile(
    r"\b(?:ik\s+)?(?:heb|hebben|had)\s+(?:ik\s+|we\s+|wij\s+)?(?:net\s+|al\s+|ergens\s+|vandaag\s+"
    r"|gisteren\s+|via\s+via\s+)?gehoord\s+dat\b"
    r"|\b(?:ik\s+hoor|hoor\s+(?:ik|net|zojuist|nu|vandaag))\s+(?:net\s+|zojuist\s+|nu\s+)?dat\b"
    r"|\b(?:ik\s+)?hoorde\s+(?:ik\s+)?(?:net\s+|vandaag\s+|gisteren\s+)?dat\b"
    r"|\bnaar\s+(?:het\s+)?schijnt\b|\bhet\s+schijnt\b|\bschijnt\s+(?:dat|te|er|het|ook|zo)\b"
    r"|\bschijnen\s+(?:te|er)\b|\bzou\s+schijnen\b"
    r"|\bnaar\s+verluidt\b|\bvolgens\s+(?:de\s+)?geruchten\b|\bhet\s+gerucht\s+gaat\b"
    r"|\ber\s+(?:gaan|gaat|doen|doet)\s+(?:\w+\s+)?geruchten\b|\bgeruchten\s+(?:gaan|over|dat)\b"
    r"|\bmen\s+zegt\b|\bzegt\s+men\b|\bze\s+zeggen\s+dat\b|\ber\s+wordt\s+gezegd\s+dat\b"
    r"|\bik\s+heb\s+begrepen\s+dat\b|\bbegreep\s+ik\b|\bik\s+begreep\s+dat\b"
    r"|\b(?:wordt|werd)\s+(?:er\s+)?gefluisterd\b|\bfluistert\s+men\b"
    r"|\bonbevestigd\w*|\bnog\s+niet\s+bevestigd\b|\bvan\s+horen\s+zeggen\b"
    r"|\bhet\s+verhaal\s+gaat\b|\bik\s+las\s+ergens\b|\bvia\s+via\s+(?:gehoord|vernomen)\b"
    r"|\b(?:dat\s+)?hoor\s+je\s+(?:overal|steeds\s+vaker|iedereen\s+zeggen)\b"
    r"|\biedereen\s+(?:zegt|weet)\s+(?:toch\s+)?dat\b",
    _I,
)
#: Cheap pre-filter: without one of these, no hearsay marker can match (and without "zou",
#: no reportative "zou").
HEARSAY, ZOU = "hearsay", "zou"
_HEARSAY_STEMS = (
    "gehoord", "hoorde", "hoor", "schijn", "verluidt", "gerucht", "zegt", "zeggen", "gezegd",
    "begrepen", "begreep", "gefluister", "fluistert", "bevestigd", "verhaal gaat", "las ergens",
    "via via", "hoor je", "iedereen zegt", "iedereen weet",
)  # fmt: skip
#: "de zon schijnt", "het licht schijnt": not hearsay.
_SHINE = re.compile(r"\b(?:zon\w*|maan|licht\w*|lamp\w*|sterren|schijnwerper\w*)\b", _I)

#: Reportative "zou": "zou ... hebben/zijn" within the same clause. A point or comma inside
#: a number ("€ 750.000,- hebben ontvangen", "1,5 miljoen") does not end the clause.
_ZOU = re.compile(r"\b(?:zou|zouden)\b(?P<rest>(?:[^,;:.!?\n]|(?<=\d)[.,](?=\d|-)){0,80})", _I)
_PERFECT = re.compile(r"\b(?:hebben|zijn)\b", _I)
_PERSONS = frozenset(["ik", "je", "jij", "u", "we", "wij", "jullie"])
_CONDITIONAL = frozenset(["als", "indien", "mocht", "mochten", "anders", "tenzij", "wanneer"])
_WISH = re.compile(
    r"^\s+(?:het\s+)?(?:\w+\s+)?(?:mooi|fijn|leuk|goed|handig|prettig|jammer|zonde|beter|slim"
    r"|geweldig|wenselijk|verstandig|raar|vreemd|logisch|makkelijk|gemakkelijk|een\s+goed\s+idee"
    r"|graag)\b",
    _I,
)
_FIRST_WORD = re.compile(r"\s*(\w+)")
#: A past participle next to "hebben/zijn": what makes "zou" report an event ("zou hebben
#: gezegd", "zou zijn opgepakt", "zou asbest zijn gevonden"). Without one, "zou" is a modal:
#: "dit zou de norm moeten blijven", "dat zou een affront zijn" (issue 10).
_PARTICIPLE = re.compile(
    r"\b(?:\w*ge\w{2,}|(?:be|ver|ont|her|er)\w{3,})(?:d|t|en)\b(?!\s+(?:worden|zijn)\b)", _I
)
#: Modal verbs in the clause: "zou ... moeten zijn" is an opinion, not a report.
_MODAL = re.compile(r"\b(?:moeten|kunnen|mogen|willen|hoeven)\b", _I)
#: A named source in the sentence: "volgens de wethouder", "aldus", "zegt de directeur".
_ATTRIBUTED = re.compile(
    r"\bvolgens\s+(?!mij\b|ons\b|geruchten\b|de\s+geruchten\b)\w+|\baldus\b"
    r"|\b(?:zegt|zei|meldt|meldde|laat\s+weten|liet\s+weten)\b",
    _I,
)


#: The lists of ``data/certainty/`` by keyword-list name: a steering word, what is steered,
#: the hedges that make a sentence something other than a claim.
STEERING, STEERED, HEDGES = "certainty-steering", "certainty-steered", "certainty-hedges"
#: Unnamed sources ("volgens ingewijden", "naar ik verneem"): hearsay as data.
UNNAMED = "certainty-unnamed-sources"
_FILES = {
    STEERING: "steering.txt",
    STEERED: "steered.txt",
    HEDGES: "hedges.txt",
    UNNAMED: "hearsay.txt",
}
#: How far (characters) what is steered may lie from the steering word, either side.
_STEERED_REACH = 40
_WORDS = re.compile(r"\w+")
_COMPOUND_HEAD = re.compile(r"-\w")


@cache
def claim_matcher(name: str) -> PhraseMatcher:
    """One list of ``data/certainty/`` (:data:`STEERING`, :data:`STEERED`, :data:`HEDGES`)."""
    ref = resources.files("krantentoets") / "data" / "certainty" / _FILES[name]
    lines = ref.read_text(encoding="utf-8").splitlines()
    return PhraseMatcher(
        parse_entry(line, name) for raw in lines if (line := raw.split("#", 1)[0].strip())
    )


Finder = Callable[[str], list[PhraseMatch]]
#: A sentence end without a space, as in posts that glue sentences ("Als in X.Door de ...").
_GLUED_END = re.compile(r"(?<=[^\W\d])[.!?]+(?=(?-i:[A-Z]))")


def _glued_sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``, also split where a post glues sentences."""
    s, e = sentence_bounds(text, start, end)
    for g in _GLUED_END.finditer(text, s, e):
        if g.end() <= start:
            s = g.end()
        elif g.start() >= end:
            e = g.end()
            break
    return s, e


def _steering_claims(text: str, find: Finder) -> Iterator[tuple[int, int]]:
    """A steered institution or trial stated as a fact: the span from the steering word to
    what is steered."""
    steering = find(STEERING)
    if not steering:
        return
    steered = find(STEERED)
    if not steered:
        return
    steered = sorted(steered, key=lambda t: t.start)
    steered_starts = [t.start for t in steered]
    hedge_starts = sorted(h.start for h in find(HEDGES))
    quoted = quoted_spans(text)
    for m in steering:
        s, e = _glued_sentence(text, m.start, m.end)
        lo = bisect_left(steered_starts, max(s, m.start - 2 * _STEERED_REACH))
        hi = bisect_left(steered_starts, min(e, m.end + _STEERED_REACH))
        near = [
            t
            for t in steered[lo:hi]
            if s <= t.start
            and t.end <= e
            and t.end > m.start - _STEERED_REACH
            and not (t.start < m.end and m.start < t.end)
            and not _COMPOUND_HEAD.match(text, t.end)  # "politie-inzet" is no police
        ]
        if not near:
            continue
        if bisect_left(hedge_starts, s) < bisect_left(hedge_starts, e):
            continue  # a hedge in the sentence
        if NEGATORS.intersection(w.lower() for w in _WORDS.findall(text, s, e)):
            continue  # denied: "het OM wordt niet politiek aangestuurd"
        if text[s:e].rstrip().endswith("?") or _ATTRIBUTED.search(text, s, e):
            continue
        if any(qs <= m.start and m.end <= qe for qs, qe in quoted):
            continue
        t = min(near, key=lambda t: abs(t.start - m.start))
        yield min(m.start, t.start), max(m.end, t.end)


@dataclass(frozen=True, slots=True)
class Claim:
    start: int
    end: int
    kind: str
    question: bool


def _is_question(text: str, start: int, end: int) -> bool:
    s, e = sentence_bounds(text, start, end)
    return text[s:e].rstrip().endswith("?")


def _reportative_zou(text: str) -> Iterator[tuple[int, int]]:
    for m in _ZOU.finditer(text):
        rest = m.group("rest")
        perfect = _PERFECT.search(rest)
        if perfect is None:
            continue
        before = words_before(text, m.start(), 6)
        if before and before[-1] in _PERSONS:
            continue
        nxt = _FIRST_WORD.match(rest)
        if nxt and nxt.group(1).lower() in _PERSONS:
            continue
        if _CONDITIONAL.intersection(before) or _CONDITIONAL.intersection(
            w.lower() for w in rest[: perfect.start()].split()
        ):
            continue
        if _WISH.match(rest):
            continue
        head = rest[: perfect.start()].split()
        tail = rest[perfect.end() :].split()
        beside = " ".join(head[-1:] + tail[:1])
        if _MODAL.search(rest[: perfect.start()]) or not _PARTICIPLE.search(beside):
            continue
        s, e = sentence_bounds(text, m.start(), m.end())
        if _ATTRIBUTED.search(text, s, e):
            continue
        yield m.start(), m.start("rest") + perfect.end()


def find_claims(
    text: str, stems: Collection[str] | None = None, find: Finder | None = None
) -> list[Claim]:
    """Hearsay markers, reportative 'zou' and steering claims, in text order, one per
    sentence.

    ``stems`` names the stem lists (:data:`HEARSAY`, :data:`ZOU`) that occur in ``text``,
    and ``find`` finds the lists of ``data/certainty/`` by name, when a keyword scan
    already knows.
    """
    if stems is None:
        low = text.lower()
        stems = {HEARSAY} if any(s in low for s in _HEARSAY_STEMS) else set()
        if "zou" in low:
            stems.add(ZOU)
    spans: list[tuple[int, int, str]] = []
    hearsay = _HEARSAY.finditer(text) if HEARSAY in stems else ()
    for m in hearsay:
        if "schijn" in m.group().lower():
            s, e = sentence_bounds(text, m.start(), m.end())
            if _SHINE.search(text, s, e):
                continue
        spans.append((m.start(), m.end(), "hearsay"))
    if ZOU in stems:
        for start, end in _reportative_zou(text):
            if _is_question(text, start, end):
                continue
            spans.append((start, end, "reportative zou"))
    if find is None:
        find = lambda name: claim_matcher(name).find(text)  # noqa: E731
    for m in find(UNNAMED):
        spans.append((m.start, m.end, "hearsay"))
    for start, end in _steering_claims(text, find):
        spans.append((start, end, "steering claim"))
    spans = _outside_quotations(text, spans)
    spans.sort()
    claims: list[Claim] = []
    seen: set[int] = set()
    for start, end, kind in spans:
        s, _ = sentence_bounds(text, start, end)
        if s in seen:
            continue
        seen.add(s)
        claims.append(Claim(start, end, kind, _is_question(text, start, end)))
    return claims


def _outside_quotations(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Hearsay and a reportative 'zou' inside a quotation are the quoted speaker's words
    (issue 10: reported, not made), as steering claims already are."""
    if not spans:
        return spans
    quoted = quoted_spans(text)
    if not quoted:
        return spans
    return [
        (start, end, kind)
        for start, end, kind in spans
        if not any(qs <= start and end <= qe for qs, qe in quoted)
    ]


class UnverifiedClaim(Rule):
    meta = RuleMeta(
        id="CE01",
        name="unverified-claim",
        title=Msg("Gerucht of onbevestigde bewering", "Rumour or unverified claim"),
        category=Category.CERTAINTY,
        severity=Severity.WARN,
        guidelines=("MW-4", "MA-8"),
        why=Msg(
            "Plaats alleen informatie waar je zelf zeker van bent en achter staat. Een gerucht "
            "dat jij deelt, wordt nieuws met jouw naam eronder, ook voor de pers.",
            "Only post what you are sure of and stand behind. A rumour you share becomes news "
            "with your name on it, for the press too.",
        ),
        bad=Example(
            "Ik heb gehoord dat de bibliotheek in Camminghaburen na de zomer dichtgaat.",
            account=AccountKind.PERSONAL,
        ),
        good=Example(
            "Volgens de gemeente gaat de bibliotheek in Camminghaburen na de zomer dicht. "
            "Het zou mooi zijn als er een nieuwe plek komt.",
            account=AccountKind.PERSONAL,
        ),
        known_problems="Recognises hearsay by its wording; a rumour stated as plain fact is "
        "missed, except a claim that a trial or an independent institution is politically "
        "steered (word lists in data/certainty/). Reportative 'zou' is told from wishes, "
        "requests and hypotheticals by simple context rules, so some conditionals without "
        "'als' still count.",
    )

    def keywords(self, policy: Policy) -> Keywords:
        return Keywords(
            stems={HEARSAY: _HEARSAY_STEMS, ZOU: ("zou",)},
            phrases={name: claim_matcher(name) for name in _FILES},
        )

    def check(self, post: Post, ctx: CheckContext) -> Iterator[Hit]:
        scan = ctx.keywords(post.text)
        for c in find_claims(post.text, scan.stems, scan.find):
            seen = post.text[c.start : c.end]
            if c.kind == "steering claim":
                yield _steering_hit(c, seen)
                continue
            yield Hit(
                start=c.start,
                end=c.end,
                message=Msg(
                    "'{seen}' brengt iets wat je niet zeker weet als nieuws.",
                    "'{seen}' presents something you are not sure of as news.",
                ).format(seen=seen)
                if not c.question
                else Msg(
                    "'{seen}': je vraagt naar een gerucht. Dat kan, maar zo verspreid je het ook.",
                    "'{seen}': you ask about a rumour. Fine, but it also spreads the rumour.",
                ).format(seen=seen),
                suggestion=Msg(
                    "Plaats alleen wat je zeker weet: check het eerst bij de bron, of noem de "
                    "bron (bijvoorbeeld 'volgens de gemeente'). Weet je het niet zeker, laat het "
                    "dan weg.",
                    "Only post what you know for sure: check it with the source first, or name "
                    "the source (for example 'according to the municipality'). If unsure, leave "
                    "it out.",
                ),
                trace=(c.kind, f"matched {seen!r}") + (("question: info",) if c.question else ()),
                severity=Severity.INFO if c.question else None,
            )


def _steering_hit(c: Claim, seen: str) -> Hit:
    return Hit(
        start=c.start,
        end=c.end,
        message=Msg(
            "'{seen}' stelt als feit dat een rechtszaak of een onafhankelijke instantie "
            "politiek gestuurd of beïnvloed wordt. Dat is een beschuldiging die je moet "
            "kunnen onderbouwen.",
            "'{seen}' states as a fact that a trial or an independent institution is "
            "politically steered or influenced. That is an accusation you must be able to "
            "back up.",
        ).format(seen=seen),
        suggestion=Msg(
            "Noem je bron of je bewijs (bijvoorbeeld 'volgens het rapport van ...'), of "
            "breng het als vraag of als je mening ('ik vraag me af of ...'). Kun je het niet "
            "onderbouwen, laat het dan weg.",
            "Name your source or your proof (for example 'according to the report of ...'), "
            "or put it as a question or as your opinion ('I wonder whether ...'). If you "
            "cannot back it up, leave it out.",
        ),
        trace=(c.kind, f"matched {seen!r}", "no hedge, question or source in the sentence"),
    )


RULES: tuple[type[Rule], ...] = (UnverifiedClaim,)
