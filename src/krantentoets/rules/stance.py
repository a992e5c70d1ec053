"""Category ``stance`` (MW-5): a personal account taking a position on the organisation's policy.

MW-5: "De gemeente respecteert uiteraard de vrijheid van meningsuiting van al haar
werknemers, maar herinnert je eraan dat je een vertegenwoordiger van de gemeente
bent. Wees je ervan bewust dat het publiekelijk stelling nemen in tegenstelling
kan zijn met de belangen van de gemeente en dat dit een conflict kan veroorzaken."

Only ``personal`` accounts are checked. A finding needs an opinion marker ("ik
vind", "schandalig", "ik ben tegen", "terecht") and, in the same or the previous
sentence, a reference to the organisation or its decisions ("de gemeente", "het
college", "het besluit", "het parkeerbeleid", the organisation's name). Criticism
is a warning; agreement or a neutral opinion is only a note (``info``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from krantentoets.detect.context import sentence_bounds, word_count, words_before
from krantentoets.detect.phrases import EntrySyntaxError, PhraseMatch, PhraseMatcher, parse_entry
from krantentoets.detect.public_persons import parties
from krantentoets.detect.rhetoric import split_hashtag
from krantentoets.post import AccountKind, Post
from krantentoets.report import Category, Severity
from krantentoets.rules.base import CheckContext, Example, Hit, Keywords, Msg, Rule, RuleMeta

if TYPE_CHECKING:
    from krantentoets.policy import Policy

_I = re.IGNORECASE

#: An opinion sentence this short is a reaction to the sentence before it.
SHORT_REACTION_WORDS = 5

_DECISION = (
    r"besluit|beslissing|plan|plannen|voorstel|beleid|keuze|maatregel|maatregelen"
    r"|bezuiniging|bezuinigingen|verordening"
)

#: Opinions that criticise: a finding at the rule's severity.
_CRITICAL = re.compile(
    r"\bschandalig\w*|\been\s+schande\b|\bschande\b|\bbelachelijk\w*|\babsurd\w*"
    r"|\bonacceptabel\w*|\bonaanvaardbaar\w*|\bonbegrijpelijk\w*|\bonverantwoord\w*"
    r"|\bwanbeleid\b|\bwaanzin\w*|\bkortzichtig\w*|\bonterecht\w*|\bdom(?:me)?\s+(?:"
    + _DECISION
    + r")\b|\bslecht(?:e|ste)?\s+(?:"
    + _DECISION
    + r")\b|\b(?:moet|moeten)\s+(?:worden\s+|direct\s+|meteen\s+)?teruggedraaid\b"
    r"|\bterugdraaien\b|\bik\s+ben\s+het\s+(?:er\s+)?(?:helemaal\s+|totaal\s+|echt\s+)?niet"
    r"\s+(?:mee\s+)?eens\b|\boneens\b|\bteleurgesteld\b|\bteleurstellend\w*|\bwoedend\b"
    r"|\bboos\s+op\b|\bpetitie\s+tegen\b|\bteken\s+(?:de|deze|onze)\s+petitie\b"
    r"|\b(?:protest|actie|demonstratie|demonstreren|demonstreer)\s+tegen\b"
    r"|\bik\s+ben\s+(?:er\s+)?(?:fel\s+|sterk\s+|echt\s+|helemaal\s+)?tegen\b"
    r"|\bstem\s+tegen\b|\bschaam\s+(?:me|mij|je)\b",
    _I,
)

#: Opinions that agree or are neutral: only a note.
_OPINION = re.compile(
    r"\bik\s+vind\b|\bvind\s+ik\b|\bnaar\s+mijn\s+mening\b|\bwat\s+mij\s+betreft\b"
    r"|\bmijn\s+mening\b|\bik\s+ben\s+het\s+(?:er\s+)?(?:helemaal\s+|volledig\s+)?mee\s+eens\b"
    r"|\bik\s+steun\b|\bik\s+ben\s+(?:er\s+)?(?:helemaal\s+|echt\s+)?voor\b"
    r"|\b(?:goed|goede|uitstekend|uitstekende|prima|sterk|sterke|moedig|moedige|terecht|"
    r"terechte|verstandig|verstandige)\s+(?:" + _DECISION + r")\b|\bterecht\b",
    _I,
)

#: "ik ben voor de tweede keer", "ik ben voor een week weg": not an opinion.
_NOT_FOR = re.compile(
    r"\s+(?:het\s+eerst|de\s+(?:eerste|tweede|derde|laatste)\s+keer|even|een|twee|drie|\d)",
    _I,
)
#: "je kunt terecht bij", "daar kun je terecht": "terecht" as "go to", not "rightly".
_TERECHT_PLACE = re.compile(r"\s+(?:bij|op|in|voor|komen|gekomen|kunnen|kan|kun|kunt)\b", _I)
_CAN_GO = frozenset(
    ["kun", "kunt", "kan", "kunnen", "kon", "konden", "komt", "komen", "kwam", "kwamen"]
)

#: The organisation as an institution, or its decisions and policy.
_ORGANISATION = re.compile(
    r"\bde\s+gemeente\b|\bgemeente\s+(?-i:[A-Z])\w+|\bhet\s+college\b|\bcollege\s+van\s+b"
    r"|\bb\s*(?:&|en)\s*w\b|\bde\s+(?:gemeente)?raad\b|\bgemeenteraad\b|\braadsleden\b"
    r"|\bwethouders?\b|\bburgemeester\b|\bschepen\w*|\bocmw\b|\bstadsbestuur\b"
    r"|\bmijn\s+werkgever\b|\bonze\s+gemeente\b|\bcoalitie\b"
    r"|\b\w*(?:besluit|beslissing|beleid|bezuiniging|bezuinigingen|verordening)\b",
    _I,
)


@lru_cache(maxsize=32)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    parts = [r"\s+".join(re.escape(w) for w in n.split()) for n in names if n.strip()]
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", _I)


@dataclass(frozen=True, slots=True)
class Stance:
    start: int
    end: int
    critical: bool
    reference: str


#: Cheap pre-filter: without one of these, no opinion marker can match.
_OPINION_STEMS = (
    "schand", "belachelijk", "absurd", "onaccept", "onaanvaard", "onbegrijp", "onverantw",
    "wanbeleid", "waanzin", "kortzichtig", "terecht", "teruggedraaid", "terugdraaien", "eens",
    "teleurgesteld", "teleurstellend", "woedend", "boos", "petitie", "protest", "actie",
    "demonstr", "stem tegen", "schaam", "vind", "mening", "betreft", "steun", "ik ben",
    "besluit", "beslissing", "plan", "voorstel", "beleid", "keuze", "maatregel", "bezuiniging",
    "verordening",
)  # fmt: skip


def _opinions(text: str) -> list[tuple[int, int, bool]]:
    found: list[tuple[int, int, bool]] = []
    low = text.lower()
    if not any(stem in low for stem in _OPINION_STEMS):
        return found
    for m in _CRITICAL.finditer(text):
        found.append((m.start(), m.end(), True))
    for m in _OPINION.finditer(text):
        word = m.group().lower()
        if word.endswith("voor") and _NOT_FOR.match(text, m.end()):
            continue
        if word == "terecht" and (
            _TERECHT_PLACE.match(text, m.end())
            or any(w in _CAN_GO for w in words_before(text, m.start(), 3))
        ):
            continue
        found.append((m.start(), m.end(), False))
    found.sort()
    return found


def _first_within(
    refs: list[re.Match[str]], starts: list[int], lo: int, hi: int
) -> re.Match[str] | None:
    """The first reference that lies wholly inside ``[lo, hi)`` (built-in ones first)."""
    other = None
    for k in range(bisect_left(starts, lo), len(refs)):
        m = refs[k]
        if m.start() >= hi:
            break
        if m.end() > hi:
            continue
        if m.re is _ORGANISATION:
            return m
        other = other or m
    return other


def find_stances(text: str, names: tuple[str, ...] = ()) -> list[Stance]:
    """Opinions about the organisation or its policy, one per sentence, in text order.

    The reference must be in the opinion's own sentence, or in the sentence before
    when the opinion is a short reaction ("Het college sluit de bieb. Schandalig!").
    """
    opinions = _opinions(text)
    if not opinions:
        return []
    by_sentence: dict[tuple[int, int], list[tuple[int, int, bool]]] = {}
    for start, end, critical in opinions:
        by_sentence.setdefault(sentence_bounds(text, start, end), []).append((start, end, critical))
    org_names = _names_pattern(names)
    # every reference once (linear), then a lookup per sentence: a text of 6,000 opinion
    # words would otherwise search its sentence windows 6,000 times
    refs = list(_ORGANISATION.finditer(text))
    if org_names is not None:
        refs = sorted(refs + list(org_names.finditer(text)), key=lambda m: (m.start(), m.end()))
    starts = [m.start() for m in refs]
    result: list[Stance] = []
    for (s, e), found in by_sentence.items():
        window_start = s
        if s and word_count(text[s:e]) <= SHORT_REACTION_WORDS:
            window_start = sentence_bounds(text, s - 1)[0]
        ref = _first_within(refs, starts, window_start, e)
        if ref is None:
            continue
        # point at the critical word when there is one: that is what makes it a warning
        start, end, critical = next((o for o in found if o[2]), found[0])
        result.append(Stance(start, end, critical, ref.group()))
    return result


class PublicStance(Rule):
    meta = RuleMeta(
        id="ST01",
        name="public-stance",
        title=Msg(
            "Standpunt over beleid van de eigen organisatie",
            "Position on the organisation's own policy",
        ),
        category=Category.STANCE,
        severity=Severity.WARN,
        guidelines=("MW-5", "MA-2"),
        why=Msg(
            "Ook op je privéaccount ben je voor lezers een vertegenwoordiger van de organisatie. "
            "Publiekelijk stelling nemen over haar besluiten of beleid kan botsen met de "
            "belangen van de organisatie en een conflict veroorzaken.",
            "Even on your personal account, readers see you as a representative of the "
            "organisation. Publicly taking a position on its decisions or policy can conflict "
            "with the organisation's interests.",
        ),
        bad=Example(
            "Ik vind het besluit van het college om de bibliotheek in Bilgaard te sluiten "
            "echt schandalig.",
            account=AccountKind.PERSONAL,
        ),
        good=Example(
            "De gemeente opent morgen het nieuwe zwembad. Ik vind deze taart trouwens heerlijk.",
            account=AccountKind.PERSONAL,
        ),
        known_problems="Opinion words plus a reference to the organisation or a decision in "
        "the same or the previous sentence; irony, opinions in other words, and opinions about "
        "a decision named only by its subject ('die nieuwe parkeerplaatsen') are missed. "
        "Reporting someone else's opinion ('de wethouder noemt het schandalig') also counts.",
    )

    def check(self, post: Post, ctx: CheckContext) -> Iterator[Hit]:
        if post.account is not AccountKind.PERSONAL:
            return
        org = ctx.policy.settings.organisation
        names = tuple(n for n in (org.name, *org.aliases) if n)
        for st in find_stances(post.text, names):
            seen = post.text[st.start : st.end]
            tone = (
                Msg("Je bekritiseert publiekelijk", "You publicly criticise")
                if st.critical
                else Msg("Je geeft publiekelijk je mening over", "You publicly give your view on")
            )
            yield Hit(
                start=st.start,
                end=st.end,
                message=Msg(
                    "{tone_nl} een besluit of het beleid van de organisatie ('{seen}' over "
                    "'{ref}'). Ook op je privéaccount zien lezers je als vertegenwoordiger.",
                    "{tone_en} a decision or policy of the organisation ('{seen}' about "
                    "'{ref}'). Even on your personal account readers see you as its "
                    "representative.",
                ).format(tone_nl=tone.nl, tone_en=tone.en, seen=seen, ref=st.reference),
                suggestion=Msg(
                    "Bedenk of je dit publiekelijk wilt zeggen. Maak in elk geval duidelijk dat "
                    "je als privépersoon schrijft; kritiek op je eigen organisatie bespreek je "
                    "liever intern, met je leidinggevende.",
                    "Consider whether you want to say this in public. At least make clear that "
                    "you write as a private person; criticism of your own organisation is better "
                    "raised internally, with your manager.",
                ),
                trace=(
                    f"opinion {seen!r}",
                    f"organisation reference {st.reference!r}",
                    "critical" if st.critical else "agreeing or neutral: info",
                ),
                severity=None if st.critical else Severity.INFO,
            )


# -- ST02: partisan politics on an organisation account ------------------------------------


def _partisan_sections(name: str = "partisan.txt") -> dict[str, list[str]]:
    ref = resources.files("krantentoets") / "data" / "stance" / name
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in ref.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("# ") or line == "#":
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, [])
            continue
        sections.setdefault(current, []).append(line)
    return sections


def _party_forms() -> list[tuple[str, bool]]:
    """Each party name as written, and whether it must match case-sensitively: names of up
    to three letters in capitals, and the names of ``[capitalised]`` in data/stance/parties.txt
    (party names that are also common words: "Groen", "Vooruit") only as written there."""
    own = _partisan_sections("parties.txt")
    capitalised = {n.lower(): n for n in own.get("capitalised", [])}
    out = []
    for name in sorted(parties() | {n.lower() for n in own.get("extra", [])}):
        if name in capitalised:
            out.append((capitalised[name], True))
        elif len(name.replace(" ", "")) <= 3:
            out.append((name.upper(), True))
        else:
            out.append((name, False))
    return out


def _with_capitals(token: str) -> str:
    """``fractie|journaal`` -> ``fractie|Fractie|journaal|Journaal`` (case-sensitive entries)."""
    alts: list[str] = []
    for alt in token.split("|"):
        for form in (alt, alt[:1].upper() + alt[1:] if not alt.startswith("*") else alt):
            if form not in alts:
                alts.append(form)
    return "|".join(alts)


@cache
def partisan_matcher() -> PhraseMatcher:
    entries = []
    for section, lines in _partisan_sections().items():
        for line in lines:
            if "PARTY" not in line:
                entries.append(parse_entry(line, section))
                continue
            for name, exact in _party_forms():
                hashtag = line.startswith("#")
                text = line.replace("PARTY", name if not hashtag else name.replace(" ", ""))
                if hashtag and exact:
                    text = text.rstrip("*")  # "#GL", not "#GlobalPride"
                if exact and not hashtag:
                    # only the party's abbreviation is case-sensitive ("SP", not "sp"):
                    # the other words also match capitalised ("Nieuw SP Journaal", "Stem SP")
                    text = "=" + " ".join(
                        tok if name in tok or tok == "..." else _with_capitals(tok)
                        for tok in text.split()
                    )
                entries.append(parse_entry(text, section))
    return PhraseMatcher(entries)


@lru_cache(maxsize=32)
def _policy_partisan(lines: tuple[str, ...]) -> PhraseMatcher:
    entries = []
    for line in lines:
        try:
            entries.append(parse_entry(line, "policy"))
        except EntrySyntaxError:
            continue
    return PhraseMatcher(entries)


def find_partisan(text: str, extra: tuple[str, ...] = ()) -> list[PhraseMatch]:
    """Signals of campaigning or a partisan position, in text order. A hashtag is also
    read as its words ("#RutteMoetWeg": "Rutte Moet Weg"), against every section and the
    ``[hashtag]`` section that only counts inside a hashtag ("moet weg")."""
    policy = _policy_partisan(extra).find(text) if extra else []
    return _signals(text, partisan_matcher().find(text), policy)


def _signals(text: str, builtin: list[PhraseMatch], policy: list[PhraseMatch]) -> list[PhraseMatch]:
    """The built-in matches (``[hashtag]`` entries only inside a hashtag), the policy's,
    and those inside hashtags read as words, in text order."""
    neutral = [m for m in builtin if m.group == NEUTRAL]
    found = [m for m in builtin if m.group not in ("hashtag", NEUTRAL)]
    if neutral:
        # a party named in neutral council business ("de motie van de PVV-fractie")
        found = [
            m for m in found if not any(n.start <= m.start and m.end <= n.end for n in neutral)
        ]
    found += policy
    if "#" in text:
        found += _hashtag_signals(text)
    return _in_order(found)


def _in_order(found: list[PhraseMatch]) -> list[PhraseMatch]:
    return sorted(found, key=lambda m: (m.start, -m.end))


_HASHTAG = re.compile(r"(?<![\w#])#([^\W_]\w*)")


def _hashtag_signals(text: str) -> list[PhraseMatch]:
    out = []
    for h in _HASHTAG.finditer(text):
        words = split_hashtag(h.group(1))
        if len(words) < 2:
            continue
        phrase = " ".join(words)
        signals = [m for m in partisan_matcher().find(phrase) if m.group != NEUTRAL]
        for m in signals[:1]:
            out.append(PhraseMatch(h.start(), h.end(), m.group, f"#{phrase}: {m.source}"))
    return out


PARTISAN, POLICY_PARTISAN = "partisan", "partisan-policy"
#: The section of partisan.txt whose matches are neutral information: a signal inside one
#: does not count.
NEUTRAL = "neutral"


_SECTION_LABEL = {
    "vote": Msg("een oproep om te stemmen", "a call to vote"),
    "membership": Msg(
        "werving of campagne voor een partij", "recruiting or campaigning for a party"
    ),
    "own-party": Msg("spreken als partij of fractie", "speaking as a party or faction"),
    "protest": Msg("een oproep tot staking of demonstratie", "a call to strike or demonstrate"),
    "attack": Msg("een partijpolitieke aanval", "a partisan attack"),
    "party": Msg("een partij die iets wil of vindt", "a party that wants or holds something"),
    "policy": Msg("een partijpolitiek signaal uit het beleid", "a partisan signal from the policy"),
    "hashtag": Msg("een partijpolitieke hashtag", "a partisan hashtag"),
}


class PartisanPosition(Rule):
    meta = RuleMeta(
        id="ST02",
        name="partisan-position",
        title=Msg(
            "Partijpolitiek op een account van de organisatie",
            "Party politics on the organisation's account",
        ),
        category=Category.STANCE,
        severity=Severity.WARN,
        guidelines=("MW-5", "MA-2"),
        why=Msg(
            "Een account van de organisatie is politiek neutraal: het voert geen campagne, "
            "roept niet op om op een partij te stemmen en neemt geen partijpolitiek standpunt "
            "in. Dat kan botsen met de belangen van de organisatie.",
            "An organisation account is politically neutral: it does not campaign, call for "
            "votes for a party or take a partisan position. That can conflict with the "
            "organisation's interests.",
        ),
        bad=Example("Stem 15 maart op onze kandidaten! Word lid en doe mee."),
        good=Example("Op 15 maart zijn de verkiezingen. Kijk op de website waar je stembureau is."),
        known_problems="Signals from data/stance/partisan.txt (calls to vote, also on a local "
        "decision, membership, speaking as a party, calls to strike or demonstrate, partisan "
        "attacks, a party as actor; parties from data/people/parties.txt and "
        "data/stance/parties.txt), also inside a hashtag read as words ('#RutteMoetWeg'). A "
        "party named in council business ('de motie van de PVV-fractie') is no signal. "
        "Neutral information that "
        "uses these words (a debate announced by the municipality with 'onze raadsleden') "
        "can still count; a partisan position in other words is missed. Only organisation "
        "accounts are checked.",
    )

    def keywords(self, policy: Policy) -> Keywords:
        extra = tuple(policy.settings.stance.partisan)
        return Keywords(
            phrases={PARTISAN: partisan_matcher(), POLICY_PARTISAN: _policy_partisan(extra)}
        )

    def check(self, post: Post, ctx: CheckContext) -> Iterator[Hit]:
        if post.account is not AccountKind.ORGANISATION:
            return
        scan = ctx.keywords(post.text)
        found = _signals(post.text, scan.find(PARTISAN), scan.find(POLICY_PARTISAN))
        if not found:
            return
        m = found[0]
        seen = post.text[m.start : m.end]
        label = _SECTION_LABEL.get(m.group, _SECTION_LABEL["policy"])
        # A judgement of the whole post: the post is partisan, the words are the evidence.
        yield Hit(
            start=None,
            end=None,
            message=Msg(
                "Dit is {label_nl} ('{seen}'). Een account van de organisatie blijft politiek "
                "neutraal.",
                "This is {label_en} ('{seen}'). An organisation account stays politically neutral.",
            ).format(label_nl=label.nl, label_en=label.en, seen=seen),
            suggestion=Msg(
                "Geef neutrale informatie (wanneer, waar, hoe) zonder partij te kiezen, of "
                "plaats dit op het account van de partij of de volksvertegenwoordiger.",
                "Give neutral information (when, where, how) without taking sides, or post "
                "this on the party's or the representative's own account.",
            ),
            trace=(f"partisan signal [{m.group}]", f"entry {m.source!r}"),
        )


RULES: tuple[type[Rule], ...] = (PublicStance, PartisanPosition)
