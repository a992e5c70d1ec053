"""Category ``offensive`` (MA-4; MW-1's newspaper test): insults, obscenity, hate, threats, slander.

MA-4: "Laster, beledigingen, obsceniteit en racisme zijn niet geoorloofd." An employee's
post that would not be printed in the newspaper does not go online either (MW-1).

All five rules share one analysis of the post (:func:`krantentoets.detect.offensive.
detect_offensive`, memoised per check); each reports the spans of its own kind. Hate or
obscenity that is quoted or reported in order to condemn it (counter-speech) is reported
as ``info`` only.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import ClassVar

from krantentoets.detect.offensive import OffensiveSpan, detect_offensive
from krantentoets.detect.rhetoric import detect_rhetoric
from krantentoets.post import Post
from krantentoets.report import Category, Severity
from krantentoets.rules.base import CheckContext, Example, Hit, Msg, Rule, RuleMeta
from krantentoets.rules.spokesperson import EntrySyntaxError, PhraseMatcher, parse_entry

_MEMO_KEY = "offensive.spans"

_COUNTER = Msg(
    " Je citeert of beschrijft dit om het af te keuren; dat mag, maar overweeg of je de "
    "woorden zelf moet herhalen.",
    " You quote or describe this to condemn it; that is fine, but consider whether you need "
    "to repeat the words yourself.",
)


def offensive_spans(post: Post, ctx: CheckContext) -> list[OffensiveSpan]:
    """The offensive passages of ``post``, computed once per check; a passage inside one of
    the policy's ``[offensive] idioms`` (the organisation's own idioms) does not count."""
    idioms = tuple(ctx.policy.settings.offensive.idioms)
    rhetoric = tuple(ctx.policy.settings.offensive.rhetoric)

    def compute() -> list[OffensiveSpan]:
        spans = detect_offensive(post.text)
        spans += _rhetoric_spans(post.text, rhetoric, spans)
        if not spans or not idioms:
            return spans
        found = _idiom_matcher(idioms).find(post.text)
        return [s for s in spans if not any(m.start <= s.start and s.end <= m.end for m in found)]

    return ctx.memo(_MEMO_KEY, compute)


def _rhetoric_spans(
    text: str, extra: tuple[str, ...], found: list[OffensiveSpan]
) -> list[OffensiveSpan]:
    """Political rhetoric (detect/rhetoric.py) where the grammar found nothing already."""
    out: list[OffensiveSpan] = []
    for r in detect_rhetoric(text, extra):
        if any(s.start < r.end and r.start < s.end for s in found + out):
            continue
        out.append(
            OffensiveSpan(
                r.start,
                r.end,
                text[r.start : r.end],
                r.kind,
                r.target,
                trace=r.trace,
                severity=r.severity,
            )
        )
    return out


@lru_cache(maxsize=32)
def _idiom_matcher(idioms: tuple[str, ...]) -> PhraseMatcher:
    entries = []
    for idiom in idioms:
        try:
            entries.append(parse_entry(idiom, "idiom"))
        except EntrySyntaxError:
            continue
    return PhraseMatcher(entries)


_GRADE = {"warn": Severity.WARN, "block": Severity.BLOCK}


class _OffensiveRule:
    """Mixin: report the spans of one kind; counter-speech (quoted to condemn) is at most info."""

    kind: ClassVar[str]
    message: ClassVar[Msg]
    suggestion: ClassVar[Msg]

    def check(self, post: Post, ctx: CheckContext) -> Iterator[Hit]:
        for s in offensive_spans(post, ctx):
            if s.kind != self.kind:
                continue
            message = self.message.format(text=s.text)
            if s.counter:
                message = Msg(message.nl + _COUNTER.nl, message.en + _COUNTER.en)
            trace = s.trace + ((f"target: {s.target}",) if s.target else ())
            if s.group:
                trace += (f"group: {s.group}",)
            yield Hit(
                start=s.start,
                end=s.end,
                message=message,
                suggestion=self.suggestion,
                trace=trace,
                severity=Severity.INFO if s.counter else _GRADE.get(s.severity or ""),
            )


class Insult(_OffensiveRule, Rule):
    kind = "insult"
    message = Msg(
        "'{text}' is een belediging: je zet iemand (of een groep mensen) neer met een "
        "scheldwoord of een kwetsend oordeel.",
        "'{text}' is an insult: it puts someone (or a group of people) down with a term of abuse "
        "or a hurtful judgement.",
    )
    suggestion = Msg(
        "Laat het scheldwoord weg en beschrijf wat er gebeurde of wat je ervan vindt, zonder "
        "de persoon te kwetsen. Blijft het een ergernis, bespreek het dan niet online.",
        "Drop the term of abuse and describe what happened or what you think of it without "
        "hurting the person. If it still annoys you, do not discuss it online.",
    )
    meta = RuleMeta(
        id="OF01",
        name="insult",
        title=Msg("Belediging", "Insult"),
        category=Category.OFFENSIVE,
        severity=Severity.WARN,
        guidelines=("MA-4", "MW-1"),
        why=Msg(
            "Online gelden dezelfde omgangsvormen als offline: beledigingen zijn niet "
            "geoorloofd (MA-4). Wat je niet in de krant zou zetten, plaats je ook niet (MW-1).",
            "The same manners apply online as offline: insults are not allowed (MA-4). What "
            "you would not put in the newspaper, you do not post either (MW-1).",
        ),
        bad=Example("Die klootzak van de overkant heeft zijn afval weer laten staan."),
        good=Example("De buren aan de overkant hebben hun afval weer buiten laten staan."),
        known_problems="Words that are insults and ordinary words at once (eikel, pik, rat) "
        "are only flagged where they name a person; unusual phrasings may slip through. "
        "Negative statements about groups defined by behaviour (criminelen, inbrekers) are "
        "flagged as insults.",
    )


class Obscenity(_OffensiveRule, Rule):
    kind = "obscenity"
    message = Msg(
        "'{text}' is grof of obsceen taalgebruik.",
        "'{text}' is coarse or obscene language.",
    )
    suggestion = Msg(
        "Laat het krachtwoord weg of kies een neutraal woord; de boodschap komt zonder beter over.",
        "Drop the swear word or choose a neutral word; the message comes across better without it.",
    )
    meta = RuleMeta(
        id="OF02",
        name="obscenity",
        title=Msg("Grof of obsceen taalgebruik", "Coarse or obscene language"),
        category=Category.OFFENSIVE,
        severity=Severity.WARN,
        guidelines=("MA-4", "MW-1"),
        why=Msg(
            "Obsceniteit is niet geoorloofd (MA-4); ook een krachtterm zonder kwade bedoeling "
            "past niet in een bericht van of namens de organisatie (MW-1).",
            "Obscenity is not allowed (MA-4); even a swear word without ill intent does not "
            "belong in a post by or for the organisation (MW-1).",
        ),
        bad=Example("Kut, de kutgemeente heeft de weg alweer opengebroken."),
        good=Example("Helaas, de weg is alweer opengebroken. Samen tegen kanker: doe mee!"),
        known_problems="Disease names (kanker, tyfus, pokken) are only flagged in curses and "
        "compounds; a new curse phrase may be missed. Place names that look like swear words "
        "are listed in data/offensive/exceptions.txt; add local ones there.",
    )


class Hate(_OffensiveRule, Rule):
    kind = "hate"
    message = Msg(
        "'{text}' is discriminerend: het zet een groep mensen neer om wie ze zijn "
        "(afkomst, huidskleur, geloof, geslacht, seksuele geaardheid, beperking of leeftijd).",
        "'{text}' is discriminatory: it puts a group of people down for who they are (origin, "
        "skin colour, religion, gender, sexual orientation, disability or age).",
    )
    suggestion = Msg(
        "Plaats dit niet. Spreek over mensen als individuen en over gedrag, niet over een "
        "groep; twijfel je, leg het dan voor aan Communicatie.",
        "Do not post this. Speak of people as individuals and about behaviour, not about a "
        "group; if in doubt, ask Communications.",
    )
    meta = RuleMeta(
        id="OF03",
        name="discrimination",
        title=Msg("Discriminatie of racisme", "Discrimination or racism"),
        category=Category.OFFENSIVE,
        severity=Severity.BLOCK,
        guidelines=("MA-4", "MW-1"),
        why=Msg(
            "Racisme en discriminatie zijn niet geoorloofd (MA-4) en vaak strafbaar. Wie de "
            "organisatie vertegenwoordigt, spreekt voor alle inwoners.",
            "Racism and discrimination are not allowed (MA-4) and often against the law. Who "
            "represents the organisation speaks for all residents.",
        ),
        bad=Example("Al die asielzoekers zijn gewoon tuig, ze moeten het land uit."),
        good=Example("De asielzoekers in het nieuwe opvangcentrum zijn welkom in onze wijk."),
        known_problems="Naming a group is never a finding by itself; the statement about it "
        "is. Hate in unusual sentence structures, irony and dog whistles can be missed. "
        "Quoted hate in a post that condemns it is reported as info.",
    )


class Threat(_OffensiveRule, Rule):
    kind = "threat"
    message = Msg(
        "'{text}' is een bedreiging of een oproep tot geweld.",
        "'{text}' is a threat or a call for violence.",
    )
    suggestion = Msg(
        "Plaats dit niet. Bedreigen is strafbaar. Gaat het om een melding van geweld, "
        "beschrijf dan wat er gebeurd is zonder het aan te moedigen.",
        "Do not post this. Threatening is a criminal offence. If you are reporting violence, "
        "describe what happened without encouraging it.",
    )
    meta = RuleMeta(
        id="OF04",
        name="threat",
        title=Msg("Bedreiging", "Threat"),
        category=Category.OFFENSIVE,
        severity=Severity.BLOCK,
        guidelines=("MA-4", "MW-1"),
        why=Msg(
            "Uitspraken die indruisen tegen de wet zijn niet geoorloofd (MA-4); een bedreiging "
            "of een oproep tot geweld is strafbaar.",
            "Statements that break the law are not allowed (MA-4); a threat or a call for "
            "violence is a criminal offence.",
        ),
        bad=Example("Die hangjongeren moeten ze gewoon neerschieten."),
        good=Example(
            "Een man is gisteren neergestoken in de Kerkstraat; de politie onderzoekt het."
        ),
        known_problems="Reports of violence in the past tense pass; a threat without a verb "
        'of violence ("wacht maar tot ik je vind") can be missed.',
    )


class Slander(_OffensiveRule, Rule):
    kind = "slander"
    message = Msg(
        "'{text}' is een beschuldiging aan het adres van iemand die herkenbaar is (van liegen, "
        "bedrog of iets strafbaars). Zonder bewijs tast dat iemands eer en goede naam aan: "
        "smaad of laster.",
        "'{text}' accuses an identifiable person (of lying, deceit or something unlawful). "
        "Without proof that harms their good name: defamation or slander.",
    )
    suggestion = Msg(
        "Plaats geen beschuldigingen. Heb je een vermoeden van een misstand, meld het dan "
        "via de officiële weg (integriteitsmelding, politie) in plaats van online.",
        "Do not post accusations. If you suspect wrongdoing, report it through the official "
        "channels (integrity report, police) instead of online.",
    )
    meta = RuleMeta(
        id="OF05",
        name="slander",
        title=Msg("Laster", "Slander"),
        category=Category.OFFENSIVE,
        severity=Severity.WARN,
        guidelines=("MA-4", "MW-1"),
        why=Msg(
            "Laster is niet geoorloofd (MA-4): iemand publiek van een strafbaar feit "
            "beschuldigen schaadt die persoon, de organisatie en jezelf.",
            "Slander is not allowed (MA-4): publicly accusing someone of a crime harms that "
            "person, the organisation and yourself.",
        ),
        bad=Example("Wethouder Jansen is een fraudeur, hij steelt ons belastinggeld."),
        good=Example("Wethouder Jansen legt dinsdag in de raad uit hoe de begroting is besteed."),
        known_problems="A named person is recognised by a capital letter or a role "
        "(wethouder, burgemeester, ambtenaar); a reported court ruling is info only.",
    )


RULES: tuple[type[Rule], ...] = (Insult, Obscenity, Hate, Threat, Slander)
