"""Question cues in short Dutch posts: real questions, requests and rhetorical questions.

Citizens ask without question marks ("weet iemand wanneer het grofvuil wordt opgehaald") and
complain with them ("waarom doet de gemeente nooit iets aan de gaten in de weg??"). This
module reports the evidence; the triage weighs it together with sentiment.

- **question marks**: whether the post ends with one, and ``??``/``?!`` (emotion, often
  rhetorical);
- **question word** opening a sentence: ``wanneer``, ``waar``, ``hoe``, ``hoeveel``, ``wie``,
  ``welke``, ``wat`` (not ``wat een …``, an exclamation), ``tot wanneer``, ``bij wie``;
- **inversion**: a finite verb opening a sentence, followed by a subject (``kan ik``, ``is
  er``, ``mag je``, ``weet iemand``, ``zijn de``);
- **request**: ``weet iemand``, ``vraagje``, ``graag info``, ``ik vraag me af``, ``ik wil graag
  weten``, ``waar kan ik``, ``kunt u mij vertellen``;
- **rhetorical**: ``waarom … nooit/altijd/weer``, ``hoe is het mogelijk``, ``wie bedenkt
  zoiets``, ``kan het nog gekker``, ``slaapt de gemeente``, ``hoezo``, ``wanneer gaat … eens``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

_SENTENCE = re.compile(r"[^.!?…\n]+[.!?…]*")
_LEAD = re.compile(
    r"^\s*(?:(?:[@#][\w.]+|hoi|hallo|hey|hee|beste|goede(?:morgen|middag|navond)|"
    r"dag|vraagje|vraag|gemeente|allen|allemaal|iedereen)\b[\s,:!-]*)+",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


WH_WORDS = _words(
    """wanneer waar waarom hoe hoeveel hoelang hoezo wat welke welk wie waarmee waarvoor waarheen
    waarnaar waaraan waarop vanwaar"""
)
#: Prepositions that may precede a question word: "tot wanneer", "bij wie", "vanaf hoe".
_WH_PREPOSITIONS = _words("tot vanaf sinds bij met voor aan om in op naar van uit")
FINITE_VERBS = _words(
    """is zijn ben bent was waren kan kun kunt kunnen kon konden mag mogen mocht moet moeten moest
    wordt worden werd werden heeft hebben heb hebt had hadden geldt gelden klopt kloppen komt
    komen kom krijg krijgt krijgen zou zouden zal zult zullen weet weten gaat gaan ga staat staan
    ligt liggen doet doen valt vallen blijft blijven hoort horen bestaat bestaan werkt werken
    rijdt rijden zit zitten wil wilt willen hoef hoeft hoeven kost kosten duurt duren vindt
    vinden neemt nemen verandert veranderen sluit sluiten opent gebeurt houdt"""
)
#: Subjects that make a verb-first sentence a question even without a question mark.
PERSONS = _words("ik je jij u we wij jullie ze zij men iemand ge gij hij iedereen niemand")
#: Verb forms that also open statements with a dropped "ik" ("Heb het gezien").
_DROP_SUBJECT_FORMS = _words(
    """ben bent heb hebt kan kun kunt wil wilt moet mag zal zou ga kom krijg weet doe hoef had
    was kon mocht moest vind"""
)
SUBJECTS = _words(
    """ik je jij u we wij jullie ze zij men iemand er het dit dat de die deze een mijn onze ons
    uw ge gij hij hier daar iedereen niemand alles"""
)

_REQUEST = re.compile(
    r"\b(?:weet\s+(?:er\s+)?iemand|iemand\s+(?:een|enig)\s+idee|wie\s+weet|heeft\s+iemand|"
    r"kan\s+iemand|kent\s+iemand|zou\s+iemand|"
    r"vraagje|vraag\s+aan|(?:ik\s+)?(?:heb|had)\s+een\s+vraag|een\s+vraag\s+over|"
    r"graag\s+(?:wat\s+)?(?:info|informatie)|ik\s+zoek\s+(?:info|informatie|iemand)|"
    r"(?:ik\s+ben\s+)?op\s+zoek\s+naar\s+(?:info|informatie|iemand)|"
    r"(?:wie|iemand)\s+(?:die\s+)?(?:mij|me|ons)\s+kan\s+helpen|"
    r"ik\s+(?:wil|wilde|zou)\s+graag\s+(?:willen\s+)?weten|graag\s+zou\s+ik\s+(?:willen\s+)?weten|"
    r"ik\s+vr(?:aag|oeg)\s+me\s+af|"
    r"(?:kunt|kan|kun|kunnen|zou|zouden)\s+(?:u|je|jullie|iemand)\s+(?:mij|me|ons)\s+"
    r"(?:vertellen|zeggen|helpen|uitleggen|laten\s+weten)|"
    r"kunnen\s+jullie\s+(?:laten\s+weten|iets\s+vertellen)|"
    r"laat\s+(?:maar\s+|even\s+)?weten|hoor(?:en)?\s+graag|"
    r"(?:waar|hoe|bij\s+wie|wat)\s+(?:kan|moet|kun|mag)\s+(?:ik|je|we|men)|"
    r"is\s+(?:het|er)\s+(?:een\s+)?mogelijk(?:heid)?|"
    r"wie\s+kan\s+ik)\b",
    re.IGNORECASE,
)
_RHETORICAL = re.compile(
    r"\b(?:waarom\b[^.!?\n]{0,50}?\b(?:nooit|altijd|weer|alweer|steeds|niks|niets|niemand|"
    r"zo\s+(?:lang|moeilijk|ingewikkeld|duur|traag))|"
    r"hoe\s+(?:is|kan)\s+het\s+(?:toch\s+)?mogelijk|hoe\s+haal\s+je\s+het|hoe\s+durv?[ef]|"
    r"hoe\s+lang\s+(?:nog|moeten\s+we\s+nog)|hoe\s+vaak\s+(?:nog|moeten)|"
    r"wie\s+(?:bedenkt|verzint|verzon|bedacht)|"
    r"wie\s+heeft\s+(?:dit|dat|zoiets)\s+(?:nou\s+)?(?:bedacht|verzonnen)|"
    r"kan\s+het\s+nog\s+(?:gekker|erger|duurder|slechter|dommer|gekker)|"
    r"is\s+(?:dit|dat)\s+(?:nou|nu)\b|"
    r"is\s+het\s+(?:nou\s+|nu\s+|echt\s+)?(?:zo\s+)?(?:moeilijk|lastig|veel\s+gevraagd)|wat\s+is\s+dit\s+(?:nou|nu)\s+(?:weer|voor)|"
    r"slaapt\s+(?:de|het|jullie|iedereen|men)|hoezo|"
    r"wanneer\s+\w+\b[^.!?\n]{0,40}?\b(?:eens|eindelijk)\b|wanneer\s+leren|"
    r"waar\s+blijft|jullie\s+gaan\s+toch\s+niet|meen\s+je\s+(?:dat|het)\b|"
    r"of\s+niet\s+soms|(?:serieus|echt|really)\s*\?)",
    re.IGNORECASE,
)
_MARKS = re.compile(r"\?+")
# A question mark followed by nothing but spaces, punctuation or emoji.
_ENDS_WITH_MARK = re.compile(r"\?[^\w]*\Z")
_EMPHATIC = re.compile(r"\?\?|\?!|!\?")
_EXCLAMATIVE_WAT = re.compile(
    r"wat\s+(?:een|voor\s+een|fijn|mooi|leuk|goed|jammer|zonde|"
    r"heerlijk|prachtig|slecht|raar|gek|zielig|triest|knap)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Match:
    """A cue and where it is in the text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class QuestionCues:
    marks: int
    ends_with_mark: bool
    emphatic_mark: bool
    wh_word: Match | None
    inversion: Match | None
    #: A verb-first sentence without a subject after it ("Ben het niet eens", "Kan ik ...").
    verb_first: Match | None
    request: Match | None
    rhetorical: tuple[Match, ...]

    @property
    def form(self) -> bool:
        """Looks like a question (mark, question word, inversion or request)."""
        return bool(self.marks or self.wh_word or self.inversion or self.request)


def _match(text: str, m: re.Match[str]) -> Match:
    return Match(text[m.start() : m.end()], m.start(), m.end())


def question_cues(text: str) -> QuestionCues:
    """The question evidence in ``text`` (offsets into ``text``)."""
    marks = len(_MARKS.findall(text))
    ends = bool(_ENDS_WITH_MARK.search(text)) if marks else False
    emphatic = bool(_EMPHATIC.search(text))
    wh = inversion = verb_first = None
    for sm in _SENTENCE.finditer(text):
        lead = _LEAD.match(sm.group())
        offset = sm.start() + (lead.end() if lead else 0)
        words = [
            (m.start(), m.end(), m.group().lower())
            for m in islice(_WORD.finditer(text, offset, sm.end()), 2)
        ]
        if not words:
            continue
        (s0, e0, w0) = words[0]
        w1 = words[1][2] if len(words) > 1 else ""
        if wh is None:
            if w0 in WH_WORDS and not (w0 == "wat" and _EXCLAMATIVE_WAT.match(text, s0)):
                wh = Match(text[s0:e0], s0, e0)
            elif w0 in _WH_PREPOSITIONS and w1 in WH_WORDS:
                wh = Match(text[s0 : words[1][1]], s0, words[1][1])
        if w0 in FINITE_VERBS:
            asked = sm.group().rstrip().endswith("?")
            if w0 in _DROP_SUBJECT_FORMS:
                # "Ben het niet eens", "Kan er niks aan doen": the subject "ik" is dropped.
                subject = w1 in PERSONS or (asked and w1 in SUBJECTS)
            else:
                subject = w1 in SUBJECTS
            if inversion is None and subject:
                inversion = Match(text[s0 : words[1][1]], s0, words[1][1])
            elif verb_first is None:
                verb_first = Match(text[s0:e0], s0, e0)
    req = _REQUEST.search(text)
    return QuestionCues(
        marks=marks,
        ends_with_mark=ends,
        emphatic_mark=emphatic,
        wh_word=wh,
        inversion=inversion,
        verb_first=verb_first,
        request=_match(text, req) if req else None,
        rhetorical=tuple(_match(text, m) for m in _RHETORICAL.finditer(text)),
    )
