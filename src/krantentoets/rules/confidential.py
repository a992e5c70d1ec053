"""Category ``confidential`` (MW-6, MA-7): never share confidential information.

MW-6: "Geef NOOIT vertrouwelijke informatie van de gemeente." MA-7: "Plaats geen
vertrouwelijke of geheime informatie."

A post is flagged when it carries a classification or secrecy marker
(``vertrouwelijk``, ``geheimhouding opgelegd``, ``besloten vergadering``,
``embargo tot``, ``intern memo``, ``conceptbesluit``, ``nog niet naar buiten``,
``onder ons gezegd`` ...) or names a dossier the organisation listed as
confidential (``[confidential] terms`` in the policy file). Public uses of the
same words do not count: a promise to treat someone's data confidentially, a
lifted secrecy order, "het geheim van een goede buurt", "geen geheim".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from krantentoets.detect.context import negated, sentence_bounds
from krantentoets.post import Post
from krantentoets.report import Category, Severity
from krantentoets.rules.base import CheckContext, Example, Hit, Keywords, Msg, Rule, RuleMeta

if TYPE_CHECKING:
    from krantentoets.policy import Policy

_I = re.IGNORECASE

#: Cheap pre-filter: a post that contains none of these stems cannot match a marker.
STEMS = "confidential"
_STEMS = (
    "vertrouwelijk",
    "geheim",
    "beslote",
    "gesloten deur",
    "embargo",
    "niet bestemd",
    "niet voor",
    "intern",
    "concept",
    "nog niet",
    "vertel",
    "onder ons",
    "tussen ons",
    "tussen jou en mij",
    "off the record",
    "mag nog",
    "mag ik",
    "mag er",
    "mag eigenlijk",
    "eigenlijk mag",
    "mag niet",
    "niet van mij",
    "weet nog niemand",
)


@dataclass(frozen=True, slots=True)
class Marker:
    """A secrecy marker: its pattern, what it means, and the public uses to leave alone."""

    key: str
    pattern: re.Pattern[str]
    label: Msg
    #: A weak marker ("geheim") gives a warning rather than a block.
    weak: bool = False
    #: Public use: when this matches the marker's sentence, the marker does not count.
    unless: re.Pattern[str] | None = None
    #: "niet vertrouwelijk", "geen besloten vergadering" do not count.
    negatable: bool = False


_CLASSIFIED = Msg("een vertrouwelijkheidsaanduiding", "a confidentiality marking")
_SECRET = Msg("iets wat geheim is", "something secret")
_CLOSED = Msg("een besloten vergadering", "a closed meeting")
_EMBARGO = Msg("een embargo", "an embargo")
_INTERNAL = Msg("een intern stuk", "an internal document")
_DRAFT = Msg("een concept dat nog niet vastgesteld is", "a draft not yet adopted")
_NOT_PUBLIC = Msg("informatie die nog niet openbaar is", "information that is not public yet")
_GOSSIP = Msg("iets wat niet verder verteld mag worden", "something not to be passed on")

MARKERS: tuple[Marker, ...] = (
    Marker(
        "vertrouwelijk",
        re.compile(r"\b(?:strikt\s+|zeer\s+)?vertrouwelijke?\b", _I),
        _CLASSIFIED,
        unless=re.compile(
            # a promise about how the organisation treats what people tell it
            r"\b(?:behandel\w*|verwerk\w*|bewaar\w*|bewaard|opgeslagen|omgaan|omgegaan|omgaat"
            r"|vertrouwenspersoon|vertrouwensarts|meld\w*)\b"
            r"|\bvertrouwelijke?\s+om\b"
            r"|\b(?:uw|je|jouw)\s+(?:persoons)?gegevens\b"
            r"|\b(?:kunt|kun|kan)\s+(?:je|u)\b",
            _I,
        ),
        negatable=True,
    ),
    Marker(
        "geheim",
        re.compile(r"\b(?:strikt\s+|top)?geheime?\b", _I),
        _SECRET,
        weak=True,
        unless=re.compile(
            r"\bgeheim\s+(?:van|achter|voor\s+(?:succes|een))\b"
            r"|\bgeen\s+geheim\b"
            # someone else's secrecy, criticised or reported: "in het geheim laten sponsoren",
            # "de geheime dienst", "geheime deals van het kabinet"
            r"|\bin\s+het\s+geheim\b|\bgeheime\s+dienst\w*"
            r"|\bgeheime\s+(?:deal|deals|afspraak|afspraken|onderhandelingen|lijst|lijsten)\s+"
            r"(?:van|met|tussen)\b"
            r"|\bgeheime?\s+(?:recept\w*|ingredi\w+|tip\w*|wapen|zender|stemming|agent)\b"
            r"|\bstemming\b",
            _I,
        ),
        negatable=True,
    ),
    Marker(
        "geheimhouding",
        # "geheimhoudingsplicht"/"-verklaring" name a duty, not a secret: no match
        re.compile(r"\b(?:onder\s+)?geheimhouding\b(?:\s+(?:is\s+|werd\s+)?opgelegd)?", _I),
        _CLASSIFIED,
        unless=re.compile(
            r"\bgeheimhouding\s+(?:is\s+|wordt\s+|werd\s+)?"
            r"(?:opgeheven|vervallen|vervalt|ingetrokken|beëindigd|verlopen)\b"
            r"|\bophef\w*\s+van\s+de\s+geheimhouding\b",
            _I,
        ),
        negatable=True,
    ),
    Marker(
        "besloten",
        re.compile(
            r"\bbesloten\s+(?:raads|commissie|college)?(?:vergadering|overleg|bijeenkomst|sessie"
            r"|zitting|deel|gedeelte|stuk|stukken)\b"
            r"|\bin\s+beslotenheid\b|\bachter\s+gesloten\s+deuren\b",
            _I,
        ),
        _CLOSED,
        negatable=True,
        # an agenda announcement ("het besloten deel begint om 21.00 uur") is public
        unless=re.compile(r"\b(?:begint|start|agenda)\b|\bom\s+\d", _I),
    ),
    Marker(
        "embargo",
        re.compile(r"\bembargo\s+(?:tot(?:\s+en\s+met)?|t/m|totdat)\b|\bonder\s+embargo\b", _I),
        _EMBARGO,
    ),
    Marker(
        "not-for-publication",
        re.compile(
            r"\bniet\s+(?:bestemd\s+)?voor\s+(?:publicatie|verspreiding|openbaarmaking"
            r"|de\s+pers|extern\s+gebruik)\b"
            r"|\b(?:alleen|uitsluitend)\s+voor\s+intern(?:\s+gebruik)?\b",
            _I,
        ),
        _CLASSIFIED,
    ),
    Marker(
        "internal-document",
        re.compile(
            r"\binterne?\s+(?:memo|document|documenten|stuk|stukken|notitie|mail|e-?mail"
            r"|mailtje|verslag|rapport|nota|brief|adviesnota|presentatie|cijfers|planning)\b",
            _I,
        ),
        _INTERNAL,
        negatable=True,
    ),
    Marker(
        "draft-decision",
        re.compile(
            r"\bconcept-?(?:besluit|collegebesluit|raadsbesluit|raadsvoorstel|collegevoorstel"
            r"|voorstel|rapport|advies|versie|nota|brief)(?:en)?\b"
            r"|\bconcept\s+(?:van\s+het\s+)?(?:besluit|raadsvoorstel|collegevoorstel|rapport)\b",
            _I,
        ),
        _DRAFT,
        # a draft published for consultation is public
        unless=re.compile(r"\bter\s+inzage\b|\binspraak\w*|\bzienswijze\w*", _I),
    ),
    Marker(
        "not-public-yet",
        re.compile(
            r"\bnog\s+niet\s+(?:naar\s+buiten(?:\s+gebracht|\s+gekomen)?|openbaar(?:\s+gemaakt)?"
            r"|publiek|officieel|gecommuniceerd|bekendgemaakt|aangekondigd|naar\s+de\s+pers)\b"
            r"|\bweet\s+nog\s+niemand\b|\bmag\s+nog\s+niemand\s+weten\b",
            _I,
        ),
        _NOT_PUBLIC,
    ),
    Marker(
        "gossip",
        re.compile(
            r"\bniet\s+(?:verder\s+)?(?:door)?vertellen\b"
            r"|\bvertel\s+(?:het|dit)\s+(?:maar\s+)?niet\s+(?:verder|door)\b"
            r"|\b(?:onder|tussen)\s+ons(?:\s+gezegd)?(?=\s*[:,-])|\b(?:onder|tussen)\s+ons\s+gezegd\b"
            r"|\btussen\s+jou\s+en\s+mij\b|\boff\s+the\s+record\b"
            r"|\bdit\s+heb\s+je\s+niet\s+van\s+mij\b"
            r"|\bmag\s+(?:eigenlijk\s+)?(?:nog\s+)?niet\s+(?:gedeeld|verspreid|naar\s+buiten"
            r"|bekend|verteld|gezegd)\b"
            r"|\beigenlijk\s+mag\s+ik\s+(?:het\s+|dit\s+|er\s+)?(?:nog\s+)?(?:niets|niks|niet)\b"
            r"|\bmag\s+(?:ik\s+)?(?:er\s+)?(?:eigenlijk\s+)?(?:nog\s+)?(?:niets|niks|niet)"
            r"\s+(?:over\s+)?(?:zeggen|vertellen|kwijt)\s*,?\s+maar\b"
            # "ik mag het eigenlijk nog niet zeggen": news before it is announced
            r"|\b(?:ik|we|wij)\s+(?:mag|mogen)\s+(?:het|dit|dat|er)?\s*(?:eigenlijk\s+)?"
            r"nog\s+(?:niet|niets|niks)\s+(?:over\s+)?(?:zeggen|vertellen|delen|melden|kwijt)\b",
            _I,
        ),
        _GOSSIP,
    ),
)


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    key: str
    label: Msg
    weak: bool


def find_markers(text: str, stems: bool | None = None) -> list[Match]:
    """Secrecy markers in ``text`` that are not public uses, in text order, not overlapping.

    ``stems`` says whether one of :data:`_STEMS` occurs, when a keyword scan already knows.
    """
    if stems is None:
        low = text.lower()
        stems = any(s in low for s in _STEMS)
    if not stems:
        return []
    found: list[Match] = []
    for marker in MARKERS:
        for m in marker.pattern.finditer(text):
            if marker.negatable and negated(text, m.start()):
                continue
            if marker.unless is not None:
                s, e = sentence_bounds(text, m.start(), m.end())
                if marker.unless.search(text, s, e):
                    continue
            found.append(Match(m.start(), m.end(), marker.key, marker.label, marker.weak))
    found.sort(key=lambda x: (x.start, -x.end))
    kept: list[Match] = []
    for f in found:
        if kept and f.start < kept[-1].end:
            continue
        kept.append(f)
    return kept


@lru_cache(maxsize=32)
def _terms_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    parts = [
        r"\s+".join(re.escape(w) for w in t.split()) for t in sorted(terms, key=len, reverse=True)
    ]
    parts = [p for p in parts if p]
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", _I)


def find_terms(text: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """Spans of the policy's confidential dossier terms (whole words, any case)."""
    pattern = _terms_pattern(terms)
    if pattern is None:
        return []
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


class ConfidentialInformation(Rule):
    meta = RuleMeta(
        id="CO01",
        name="confidential-information",
        title=Msg("Vertrouwelijke informatie", "Confidential information"),
        category=Category.CONFIDENTIAL,
        severity=Severity.BLOCK,
        guidelines=("MW-6", "MA-7"),
        why=Msg(
            "Vertrouwelijke of geheime informatie van de organisatie deel je nooit op sociale "
            "media: niet uit een besloten vergadering, niet uit een intern stuk of concept, niet "
            "vóór een embargo en niet over een dossier dat (nog) niet openbaar is. Wat eenmaal "
            "online staat, krijg je niet meer terug.",
            "Never share the organisation's confidential or secret information on social media: "
            "nothing from a closed meeting, an internal document or draft, nothing before an "
            "embargo ends and nothing about a dossier that is not (yet) public. Once online, it "
            "cannot be taken back.",
        ),
        bad=Example(
            "Uit de besloten raadsvergadering van gisteren: de bibliotheek in Huizum gaat dicht. "
            "Nog niet naar buiten brengen hoor!",
        ),
        good=Example(
            "Heeft u een vraag over uw aanslag? Wij gaan vertrouwelijk om met uw gegevens. "
            "Bel 14 058 of kijk op www.leeuwarden.nl.",
        ),
        known_problems="Markers are matched in context, not understood: a secret told without "
        "any marker word is missed, and a public announcement of a closed session that does not "
        "mention its start time or agenda still gives a finding. Dossier terms come from the "
        "policy file ([confidential] terms).",
    )

    def keywords(self, policy: Policy) -> Keywords:
        return Keywords(stems={STEMS: _STEMS})

    def check(self, post: Post, ctx: CheckContext) -> Iterator[Hit]:
        settings = ctx.policy.settings
        communications = settings.organisation.communications
        markers = STEMS in ctx.keywords(post.text).stems  # most posts: no marker can match
        for m in find_markers(post.text, markers) if markers else ():
            seen = post.text[m.start : m.end]
            yield Hit(
                start=m.start,
                end=m.end,
                message=Msg(
                    "'{seen}' wijst op {label_nl}. Vertrouwelijke of geheime informatie van de "
                    "organisatie deel je nooit op sociale media.",
                    "'{seen}' points to {label_en}. Never share the organisation's confidential "
                    "or secret information on social media.",
                ).format(seen=seen, label_nl=m.label.nl, label_en=m.label.en),
                suggestion=Msg(
                    "Plaats dit niet zo. Laat weg wat (nog) niet openbaar is; twijfel je of iets "
                    "al naar buiten mag, vraag het {comm}.",
                    "Do not post it like this. Leave out what is not (yet) public; if you are "
                    "unsure whether something may be shared, ask {comm}.",
                ).format(comm=communications),
                trace=(f"marker {m.key}", f"matched {seen!r}"),
                severity=Severity.WARN if m.weak else None,
            )
        terms = tuple(settings.confidential.terms)
        for start, end in find_terms(post.text, terms) if terms else ():
            seen = post.text[start:end]
            yield Hit(
                start=start,
                end=end,
                message=Msg(
                    "'{seen}' staat in het beleid van de organisatie als vertrouwelijk dossier.",
                    "'{seen}' is listed in the organisation's policy as a confidential dossier.",
                ).format(seen=seen),
                suggestion=Msg(
                    "Noem dit dossier niet op sociale media tot {comm} zegt dat het openbaar is.",
                    "Do not mention this dossier on social media until {comm} says it is public.",
                ).format(comm=communications),
                trace=("policy confidential.terms", f"matched {seen!r}"),
            )


RULES: tuple[type[Rule], ...] = (ConfidentialInformation,)
