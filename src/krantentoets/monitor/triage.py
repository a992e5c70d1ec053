"""Triage of incoming posts: what is it, must Communications see it, and should anyone respond.

``triage(text, policy) -> Triage`` labels one post about the organisation:

========== ================================================== ====== =================
label      what                                               signal advice
========== ================================================== ====== =================
compliment praise or thanks for the organisation or its staff  yes   ``forward``
criticism  complaint or negative opinion, also as a            yes   ``no-response``
           rhetorical question ("waarom doet de gemeente
           nooit iets aan de gaten in de weg??")
question   a real question about policy or services ("weet     no    ``answer``
           iemand wanneer het grofvuil wordt opgehaald")
claim      a factual statement about the organisation that     yes   ``communications``
           Communications should check ("het zwembad gaat
           volgend jaar dicht")
abuse      insults or threats toward the organisation, its     yes   ``communications``
           staff or office holders
other      none of these (chat between residents, off-topic)   no    ``none``
========== ================================================== ====== =================

The advice vocabulary follows MW-3 and MW-2: ``no-response`` (in principle we do not respond
to criticism and opinions), ``communications`` (Communications decides whether to respond:
facts clearly misrepresented, or staff treated offensively), ``answer`` (an employee's answer
adds value), ``forward`` (pass the compliment on to the team that earned it; thanking is
fine), ``service`` (criticism that reports a service that failed, such as ``alweer drie weken
geen grofvuil opgehaald``: answer it or pass it to the service team, it is not an opinion to
leave alone), ``none`` (nothing to do).

Every post also gets a **tone** (``sentiment``: positive, negative or neutral, with a score;
see :mod:`krantentoets.detect.tone`), questions and claims too. Where the classifier finds a
post evaluative (compliment or criticism), the tone decides which of the two it is.
:func:`triage_many` triages a batch and embeds its texts together.

How it decides: abuse comes from the shared offensive-language detector
(:func:`krantentoets.detect.offensive.detect_offensive`); the other labels from a small
multinomial logistic regression over about forty hand-made features (lexicon sentiment from
:mod:`krantentoets.detect.sentiment`, question cues from :mod:`krantentoets.detect.questions`,
claim cues below). The weights live in ``data/triage/model.json`` and are trained on the
development set by ``data/triage/train.py``. Features, not words, so that it generalises to
posts it has not seen. Inference is pure Python: no numpy at run time.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from krantentoets.detect.questions import QuestionCues, question_cues
from krantentoets.detect.sentiment import Sentiment, sentiment
from krantentoets.detect.tone import Tone, adjusted, tones
from krantentoets.rules.base import Msg

if TYPE_CHECKING:
    from krantentoets.policy import Policy

__all__ = [
    "ADVICE",
    "ADVICE_SERVICE",
    "LABELS",
    "SIGNAL",
    "Triage",
    "features",
    "triage",
    "triage_many",
]

LABELS = ("compliment", "criticism", "question", "claim", "abuse", "other")
ADVICE = {
    "compliment": "forward",
    "criticism": "no-response",
    "question": "answer",
    "claim": "communications",
    "abuse": "communications",
    "other": "none",
}
SIGNAL = frozenset({"compliment", "criticism", "claim", "abuse"})
#: The advice for criticism that reports a failing service: answer or pass to the service team.
ADVICE_SERVICE = "service"
#: Tone label -> the evaluative triage label it implies.
_EVALUATIVE = {"positive": "compliment", "negative": "criticism"}
#: How far the tone's score (-1..+1) moves the log-odds of compliment against criticism.
TONE_WEIGHT = 2.0


@dataclass(frozen=True, slots=True)
class Triage:
    """The triage of one post. ``reasons`` are sentences in the policy's language."""

    label: str
    signal: bool
    advice: str
    reasons: tuple[str, ...]
    #: Probability per label of the classifier (abuse: 1.0 when the detector fired).
    scores: tuple[tuple[str, float], ...] = ()
    #: The tone of the post (positive, negative, neutral), whatever its label.
    sentiment: Tone | None = None

    def to_dict(self, post_id: str | None = None) -> dict[str, Any]:
        """The CLI/API contract: ``{"id", "label", "signal", "advice", "reasons", "sentiment"}``."""
        out: dict[str, Any] = {
            "id": post_id,
            "label": self.label,
            "signal": self.signal,
            "advice": self.advice,
            "reasons": list(self.reasons),
        }
        if self.sentiment is not None:
            out["sentiment"] = self.sentiment.to_dict()
        return out


# -- claim, domain and context cues --------------------------------------------------------

_ORG = re.compile(
    r"\b(?:gemeente\w*|stadhuis|stadskantoor|stadsbestuur|stadsdienst\w*|college|"
    r"gemeenteraad|raad|raadsleden|raadslid|wethouders?|burgemeester|schepen\w*|ocmw|"
    r"ambtena(?:ar|ren)|handhaving|boa'?s?|jullie|de\s+stad|bestuur)\b",
)
_CHANGE = re.compile(
    r"\b(?:besloten|beslist|beslissen|geschrapt|schrapt|schrappen|gehalveerd|halveert|"
    r"verdubbeld|verdubbelt|verdubbelen|verhoogd|verhoogt|verhogen|omhoog|verlaagd|verlaagt|"
    r"verkocht|verkoopt|verkopen|gesloten|sluit|sluiten|dicht|afgeschaft|afschaffen|schaft|"
    r"opgeheven|opheffen|bezuinigd|wegbezuinigd|bezuinigt|gekapt|kappen|kapt|gesloopt|slopen|"
    r"sloopt|afgebroken|afbreken|opgezegd|opzeggen|gegund|gunt|uitgegeven|uitgeven|betaalt|"
    r"betaald|verhuist|verhuizen|verplaatst|verplaatsen|ingetrokken|intrekken|afgewezen|"
    r"afwijzen|weigert|stopgezet|stopt|gestopt|gebouwd|bouwt|bebouwen|aangenomen|ontslagen|"
    r"ontslaan|verdwijnen|verdwijnt|weggehaald|weghalen|verwijderd|privatiseren|geprivatiseerd|"
    r"geïnd|gekocht|koopt|verboden|verbiedt|ingevoerd|invoeren|afgesloten|geschrapt|gekort|"
    r"korten|kort|geweigerd|verleend|toegekend|gegeven|geheim|stiekem|verzwegen|houdt\s+\w+\s+stil|"
    r"komt\s+er|komen\s+er|er\s+komt|er\s+komen|weg|verdwijnt|afgebroken|aangelegd|"
    r"aanleggen|plaatst|geplaatst|bouwen|gaat\s+open|openen|verhuist)\b",
)
_NUMBER = re.compile(
    r"\d|€|%|\b(?:miljoen|miljard|ton|euro|procent|honderd|duizend|honderden|duizenden|"
    r"tientallen|dubbel|helft)\b",
)
_RUMOUR = re.compile(
    r"\b(?:ik\s+(?:heb\s+)?(?:ge)?hoor(?:d|de)?|ik\s+hoorde|volgens\s+(?:mij|de|het|mijn|een)|"
    r"naar\s+verluidt|schijnbaar|blijkbaar|men\s+zegt|ze\s+zeggen|zegt\s+men|ik\s+las|ik\s+lees|"
    r"ik\s+heb\s+gelezen|staat\s+in|stond\s+in|in\s+de\s+krant|heeft\s+(?:zelf\s+)?gezegd|"
    r"toegegeven|uitgelekt|gerucht\w*|bronnen|zegt\s+de|zeggen\s+de)\b",
)
_FUTURE = re.compile(
    r"\b(?:volgend\s+jaar|volgende\s+(?:maand|week)|vanaf|voortaan|per\s+\d|binnenkort|"
    r"na\s+de\s+zomer|in\s+20\d\d|straks|dit\s+jaar|vorig\s+jaar)\b",
)
_RECURRENCE = re.compile(
    r"\b(?:alweer|weer|nog\s+steeds|nog\s+altijd|al\s+(?:weken|maanden|jaren|dagen|een\s+"
    r"(?:week|maand|jaar)|\d+\s+\w+)|elke\s+keer|keer\s+op\s+keer|telkens|opnieuw|nooit|niemand|"
    r"niks|niets|nergens)\b",
)
_BROKEN = re.compile(
    r"\b(?:kapot|stuk|werkt\s+(?:niet|gewoon\s+niet)|ligt\s+(?:er\s+)?(?:uit|plat)|"
    r"doet\s+het\s+niet|niet\s+(?:geleegd|opgehaald|gerepareerd|gemaakt|opgelost)|overvol|"
    r"vol\s+(?:glas|afval|vuil|zwerfvuil|onkruid))\b",
)
_DOMAIN = re.compile(
    r"(?:gemeente|stadhuis|stadskantoor|loket|balie|burgerzaken|paspoort|rijbewijs|id-kaart|"
    r"identiteitskaart|uittreksel|vergunning|parkeer|afval|container|grofvuil|gft|papier|"
    r"plastic|pmd|milieustraat|containerpark|recyclepark|ophaal|opgehaald|ophalen|straat|"
    r"fietspad|stoep|lantaarn|verlichting|riool|speeltuin|zwembad|bibliothe|sporthal|"
    r"buurthuis|wijkcentrum|kermis|evenement|subsidie|belasting|heffing|toeslag|bijstand|"
    r"uitkering|wethouder|burgemeester|schepen|handhaving|wijkagent|werkzaamheden|omleiding|"
    r"inspraak|melding|bezwaar|aanvra|afspraak|openingstijd|rotonde|drempel|zebrapad|"
    r"oversteek|snoei|maai|strooi|glasbak|verkiezing|stembureau|kwijtschelding|schuldhulp|"
    r"inschrijv|verhuizing|bestemmingsplan|omgevingsplan|kinderopvang|gemeenteraad|"
    r"raadsvergadering|ocmw|wmo|woz|ozb|brp|dienst|stalling|bouw|plannen|regeling|regels|"
    r"telefoonnummer|kantoor|ophaaldag|inzameling|ontheffing|"
    r"(?<![^\W\d_])(?:vuilnis|zwerfvuil|park|school|markt|wijk|buurt|dorp|stads?)|"
    r"(?<![^\W\d_])(?:raad|bus|weg|wegen|plein|bomen|boom|groen|huur|vuil|boa|college|bieb|"
    r"app|website|site|open|plan)(?![^\W\d_]))",
)
_SOCIAL = re.compile(
    r"@\w+|\b(?:haha\w*|hihi|lol|kijk\s+(?:dit|eens|hier)|moet\s+je\s+zien|gedeeld|eerste)\b|"
    r"😂|🤣|😆",
)
_ADVANCE_THANKS = re.compile(
    r"\b(?:alvast\s+(?:bedankt|dank)|bij\s+voorbaat\s+dank|bvd|dank\s+alvast)\b"
)
_FIRST_PERSON = re.compile(r"\b(?:ik|mijn|m'n|we|wij|ons|onze|me|mij)\b")
_WORDS = re.compile(r"[^\W\d_]+")
#: A service that did not happen or is broken ("geen grofvuil opgehaald", "al weken kapot").
_SERVICE_FAILURE = re.compile(
    r"\b(?:(?:niet|geen|nooit|nog\s+steeds\s+niet)\s+(?:\w+\s+){0,3}?(?:opgehaald|geleegd|"
    r"gerepareerd|hersteld|gemaakt|opgelost|gemaaid|gestrooid|geveegd|teruggebeld|gebeld|"
    r"gereageerd|beantwoord|verwerkt|ontvangen|bezorgd|geplaatst|vervangen|weggehaald|"
    r"opgeruimd|schoongemaakt|aangepakt|gedaan)|(?:al|alweer|nu\s+al)\s+(?:\w+\s+)?"
    r"(?:dagen|weken|maanden)|kapot|stuk|werkt\s+(?:\w+\s+)?niet|ligt\s+er\s+al|overvol|"
    r"verstopt|lekt|brandt\s+niet|doet\s+het\s+niet)\b"
)

FEATURES = (
    "sent_pos",
    "sent_neg",
    "sent_balance",
    "lupje_pos",
    "lupje_neg",
    "glender_pos",
    "glender_neg",
    "pattern_pos",
    "pattern_neg",
    "domain_pos",
    "domain_neg",
    "negated",
    "irony",
    "irony_x_pos",
    "mixed",
    "q_marks",
    "q_ends",
    "q_emphatic",
    "q_wh",
    "q_inversion",
    "q_verb_first",
    "q_request",
    "q_rhetorical",
    "q_form",
    "q_form_x_neg",
    "q_form_x_pos",
    "org",
    "change",
    "number",
    "rumour",
    "future",
    "org_x_change",
    "claim_x_calm",
    "recurrence",
    "broken",
    "domain_terms",
    "social",
    "advance_thanks",
    "first_person",
    "exclaim",
    "length",
    "caps",
)


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the features saw, kept for the reasons."""

    sentiment: Sentiment
    questions: QuestionCues
    org: tuple[str, ...]
    change: tuple[str, ...]
    number: tuple[str, ...]
    rumour: tuple[str, ...]
    recurrence: tuple[str, ...]
    domain: tuple[str, ...]


def _found(
    pattern: re.Pattern[str], text: str, low: str | None = None, limit: int = 4
) -> tuple[str, ...]:
    """Distinct matches of ``pattern`` (written for lower-case text) in ``low``, as in ``text``.

    ``low`` is ``text.lower()``; matching lower-case text without re.IGNORECASE is several times
    faster. Where lower-casing changed the length (rare Unicode), the lower-case match is shown.
    """
    low = text.lower() if low is None else low
    same = len(low) == len(text)
    out: list[str] = []
    seen: set[str] = set()
    for m in pattern.finditer(low):
        key = m.group().strip()
        if key and key not in seen:
            seen.add(key)
            out.append((text[m.start() : m.end()] if same else m.group()).strip())
            if len(out) == limit:
                break
    return tuple(out)


def _org_pattern(policy: Policy | None) -> re.Pattern[str] | None:
    if policy is None:
        return None
    return _org_terms(tuple(_policy_terms(policy)))


def _policy_terms(policy: Policy) -> list[str]:
    org = policy.settings.organisation
    terms = [*org.aliases, *org.handles, *org.hashtags]
    if org.name and org.name != "de gemeente":
        terms.append(org.name)
    return [t for t in terms if t.strip()]


@cache
def _org_terms(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    if not terms:
        return None
    body = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![\w@#])(?:{body})(?!\w)", re.IGNORECASE)


def features(text: str, policy: Policy | None = None) -> tuple[list[float], Evidence]:
    """The feature vector (in :data:`FEATURES` order) and the evidence behind it."""
    s = sentiment(text)
    q = question_cues(text)
    log = math.log1p
    pos, neg = adjusted(s, len(q.rhetorical))
    low = text.lower()
    org = _found(_ORG, text, low)
    extra = _org_pattern(policy)
    if extra is not None:
        org = org + tuple(m.group() for m in extra.finditer(text))[:2]
    change = _found(_CHANGE, text, low)
    number = _found(_NUMBER, text, low)
    rumour = _found(_RUMOUR, text, low)
    recurrence = _found(_RECURRENCE, text, low)
    domain = _found(_DOMAIN, text, low, limit=6)
    words = _WORDS.findall(text)
    letters = sum(len(w) for w in words) or 1
    caps = sum(1 for w in words for ch in w if ch.isupper()) / letters
    form = 1.0 if q.form else 0.0
    calm = 1.0 / (1.0 + pos + neg)
    has_org = min(len(org), 2)
    has_change = min(len(change), 3)
    vector = [
        log(pos),
        log(neg),
        math.tanh(pos - neg),
        *(log(v) for pair in s.sources for v in pair),
        float(sum(1 for c in s.cues if c.negated)),
        float(min(len(s.irony), 2)),
        min(len(s.irony), 1) * log(pos),
        log(min(pos, neg)),
        float(min(q.marks, 2)),
        float(q.ends_with_mark),
        float(q.emphatic_mark),
        float(q.wh_word is not None),
        float(q.inversion is not None),
        float(q.verb_first is not None),
        float(q.request is not None),
        float(min(len(q.rhetorical), 2)),
        form,
        form * log(neg),
        form * log(pos),
        float(has_org),
        float(has_change),
        float(bool(number)),
        float(bool(rumour)),
        float(bool(_FUTURE.search(low))),
        float(has_org > 0 and has_change > 0),
        float(has_change > 0) * calm,
        float(min(len(recurrence), 3)),
        float(bool(_BROKEN.search(low))),
        log(len(domain)),
        float(min(len(_SOCIAL.findall(low)), 3)),
        float(bool(_ADVANCE_THANKS.search(low))),
        float(min(len(_FIRST_PERSON.findall(low)), 3)),
        float(min(text.count("!"), 3)),
        log(len(words)),
        caps if len(words) > 2 else 0.0,
    ]
    evidence = Evidence(s, q, org, change, number, rumour, recurrence, domain)
    return vector, evidence


# -- the model -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Model:
    """The classifier with standardisation folded in: logits = bias + sum(x_i * rows[i])."""

    labels: tuple[str, ...]
    #: Per feature, its weight for each label (already divided by the feature's scale).
    rows: tuple[tuple[float, ...], ...]
    bias: tuple[float, ...]


@cache
def _model() -> _Model:
    raw = json.loads(
        (resources.files("krantentoets") / "data" / "triage" / "model.json").read_text("utf-8")
    )
    if tuple(raw["features"]) != FEATURES:
        raise RuntimeError("data/triage/model.json was trained on other features; retrain it")
    weights, mean, scale = raw["weights"], raw["mean"], raw["scale"]
    n_labels, n_features = len(raw["labels"]), len(FEATURES)
    rows = tuple(
        tuple(weights[k][i] / scale[i] for k in range(n_labels)) for i in range(n_features)
    )
    bias = tuple(
        raw["bias"][k] - sum(weights[k][i] * mean[i] / scale[i] for i in range(n_features))
        for k in range(n_labels)
    )
    return _Model(tuple(raw["labels"]), rows, bias)


def classify(vector: Sequence[float]) -> list[tuple[str, float]]:
    """Label probabilities for a feature vector, most likely first."""
    m = _model()
    logits = list(m.bias)
    for xi, row in zip(vector, m.rows, strict=True):
        if xi:  # most features are 0 for a short post
            for k, w in enumerate(row):
                logits[k] += w * xi
    top = max(logits)
    exp = [math.exp(z - top) for z in logits]
    total = sum(exp)
    probs = [(label, e / total) for label, e in zip(m.labels, exp, strict=True)]
    return sorted(probs, key=lambda p: -p[1])


# -- abuse (shared offensive-language detector) ---------------------------------------------

#: Targets of the offensive detector that make a post abuse toward the organisation.
_PERSON_TARGETS = frozenset(
    {
        "person",
        "individual",
        "official",
        "organisation",
        "organization",
        "staff",
        "office",
        "officeholder",
        "office-holder",
        "politician",
        "public-figure",
        "institution",
    }
)
_ALWAYS_ABUSE = frozenset({"threat", "slander"})
#: The organisation inside a swear-word compound ("kutgemeente", "kankerambtenaren").
_ORG_STEM = re.compile(
    r"gemeente|ambtena|stadhuis|stadskantoor|wethouder|burgemeester|schepen|raadsle|college|"
    r"boa|handhav|politici|bestuur"
)
#: The organisation right after a swear word ("fuck de gemeente", "kut gemeente").
_ORG_AFTER = re.compile(
    r"[\s,!]*(?:\w+\s+){0,2}?(?:de\s+|die\s+|dat\s+|het\s+|jullie\s+)?"
    r"(?:gemeente\w*|ambtena\w*|stadhuis|stad|college|raad\w*|wethouder\w*|burgemeester|"
    r"schepen\w*|boa'?s?|handhav\w*|bestuur\w*)\b"
)


@cache
def _offensive_detector() -> Any:
    try:
        from krantentoets.detect.offensive import detect_offensive
    except ImportError:
        return None
    return detect_offensive


def _attr(span: Any, name: str) -> Any:
    if isinstance(span, dict):
        return span.get(name)
    return getattr(span, name, None)


def abuse_spans(text: str, evidence: Evidence | None = None) -> list[Any] | None:
    """Offensive spans that make ``text`` abuse; ``None`` if the detector is not installed.

    Threats, slander and hate always count (hate toward a group: Communications must
    moderate it), and so do insults the detector aims at a person or the organisation. Any
    other insult counts when the post names the organisation or its people ("stelletje
    idioten op het stadhuis"). Swearing without a target counts only when it is aimed at the
    organisation: in a compound (``kutgemeente``) or right before it (``fuck de gemeente``);
    ``kut weer vandaag, maar de gemeente had goed gestrooid`` is not abuse. Passages quoted
    in order to condemn them (``counter``) never count.
    """
    detect = _offensive_detector()
    if detect is None:
        return None
    out = []
    low = text.lower()
    names_org = evidence.org if evidence is not None else _found(_ORG, text, low)
    for span in detect(text):
        if _attr(span, "counter"):
            continue  # quoted or reported in order to condemn it
        kind = str(_attr(span, "kind") or "").lower()
        target = str(_attr(span, "target") or "").lower()
        if kind in _ALWAYS_ABUSE or target in _PERSON_TARGETS or kind == "hate":
            out.append(span)
            continue
        if kind == "insult" and names_org:
            out.append(span)  # an insult names people: here the organisation's
            continue
        start, end = _attr(span, "start"), _attr(span, "end")
        if not isinstance(start, int) or not isinstance(end, int):
            continue
        if _ORG_STEM.search(low, start, end) or _ORG_AFTER.match(low, end):
            out.append(span)
    return out


# -- reasons -------------------------------------------------------------------------------


def _quote(items: Sequence[str]) -> str:
    return ", ".join(f"'{i}'" for i in items)


def _guidelines(policy: Policy | None) -> dict[str, str]:
    """Guideline ids for signalling and for responding, in the policy's profile."""
    if policy is not None and policy.profile.id == "mandatarissen":
        return {"signal": "MA-9", "respond": "MA-9"}
    return {"signal": "MW-2", "respond": "MW-3"}


#: The advice sentence per label; ``{signal}``/``{respond}`` are guideline ids.
ADVICE_REASONS = {
    "abuse": Msg(
        "Advies: laat Communicatie beslissen of er gereageerd wordt; de organisatie of "
        "medewerkers worden op kwetsende wijze bejegend ({respond}).",
        "Advice: let Communications decide whether to respond; the organisation or its "
        "staff are treated offensively ({respond}).",
    ),
    "compliment": Msg(
        "Advies: geef het compliment door aan het team dat het verdient ({signal}); een "
        "bedankje terug mag.",
        "Advice: pass the compliment on to the team that earned it ({signal}); a thank-you "
        "reply is fine.",
    ),
    "criticism": Msg(
        "Advies: in principe reageren we niet op kritiek, iedereen heeft recht op een "
        "mening ({respond}); signaleer het bij Communicatie ({signal}).",
        "Advice: in principle we do not respond to criticism, everyone is entitled to an "
        "opinion ({respond}); flag it to Communications ({signal}).",
    ),
    "question": Msg(
        "Advies: beantwoord de vraag; een antwoord van een medewerker heeft hier "
        "meerwaarde ({respond}).",
        "Advice: answer the question; an employee's answer adds value here ({respond}).",
    ),
    "claim": Msg(
        "Advies: laat Communicatie de feiten nagaan; alleen als de feiten duidelijk onjuist "
        "worden weergegeven, overweegt Communicatie een reactie ({respond}).",
        "Advice: let Communications check the facts; only if they are clearly "
        "misrepresented does Communications consider a reply ({respond}).",
    ),
    "other": Msg("Advies: geen actie nodig.", "Advice: no action needed."),
}

_R = {
    "abuse": Msg(
        "Beledigend of bedreigend taalgebruik: {words} ({kinds}).",
        "Offensive or threatening language: {words} ({kinds}).",
    ),
    "praise": Msg(
        "Positief over de organisatie: {words}.", "Positive about the organisation: {words}."
    ),
    "praise_plain": Msg("Positief over de organisatie.", "Positive about the organisation."),
    "rhetorical": Msg(
        "Retorische vraag ('{cue}'): kritiek in de vorm van een vraag.",
        "Rhetorical question ('{cue}'): criticism phrased as a question.",
    ),
    "irony": Msg(
        "Ironie: lof met {words} betekent hier kritiek.",
        "Irony: praise with {words} means criticism here.",
    ),
    "negative": Msg("Negatieve woorden: {words}.", "Negative words: {words}."),
    "recurring": Msg(
        "Klacht over iets dat blijft gebeuren: {words}.",
        "Complaint about something that keeps happening: {words}.",
    ),
    "critical": Msg("Kritische toon over de organisatie.", "Critical tone about the organisation."),
    "q_request": Msg("vraagt om informatie ('{cue}')", "asks for information ('{cue}')"),
    "q_wh": Msg("begint met een vraagwoord ('{cue}')", "opens with a question word ('{cue}')"),
    "q_inversion": Msg("begint met een werkwoord ('{cue}')", "opens with a verb ('{cue}')"),
    "q_mark": Msg("eindigt op een vraagteken", "ends with a question mark"),
    "question": Msg("Een vraag: {how}{about}.", "A question: {how}{about}."),
    "about": Msg(", over {words}", ", about {words}"),
    "claim": Msg(
        "Een bewering over de organisatie: {what}.", "A claim about the organisation: {what}."
    ),
    "c_org": Msg("noemt {words}", "names {words}"),
    "c_change": Msg(
        "stelt een besluit of verandering vast ({words})", "states a decision or change ({words})"
    ),
    "c_number": Msg("met cijfers ({words})", "with figures ({words})"),
    "c_rumour": Msg("van horen zeggen ({words})", "hearsay ({words})"),
    "c_plain": Msg("feitelijke uitspraak", "factual statement"),
    "other": Msg(
        "Geen compliment, kritiek, vraag of bewering over de organisatie herkend.",
        "No compliment, criticism, question or claim about the organisation recognised.",
    ),
    "service": Msg(
        "Advies: dit is een melding dat een dienst niet goed gaat ({words}): beantwoord het "
        "bericht of zet het door naar het team dat erover gaat ({respond}).",
        "Advice: this reports a service that is not working ({words}): answer the post or "
        "pass it on to the team responsible ({respond}).",
    ),
    "tone": Msg("Toon: {tone}.", "Tone: {tone}."),
    "tone_words": Msg("Toon: {tone} ({words}).", "Tone: {tone} ({words})."),
    "tone_positive": Msg("positief", "positive"),
    "tone_negative": Msg("negatief", "negative"),
    "tone_neutral": Msg("neutraal", "neutral"),
}


def _join(parts: list[Msg], sep: str = "; ") -> Msg:
    return Msg(sep.join(p.nl for p in parts), sep.join(p.en for p in parts))


def _nest(template: Msg, **parts: Msg) -> Msg:
    """Fill a template with other messages, Dutch into Dutch and English into English."""
    return Msg(
        template.nl.format(**{k: v.nl for k, v in parts.items()}),
        template.en.format(**{k: v.en for k, v in parts.items()}),
    )


def _reasons(label: str, ev: Evidence, spans: list[Any], policy: Policy | None) -> list[Msg]:
    s, q = ev.sentiment, ev.questions
    out: list[Msg] = []
    if label == "abuse":
        shown = [str(_attr(sp, "text") or "") for sp in spans][:3]
        kinds = sorted({str(_attr(sp, "kind") or "") for sp in spans} - {""})
        out.append(_R["abuse"].format(words=_quote(shown), kinds=", ".join(kinds)))
    elif label == "compliment":
        words = s.words(+1)
        out.append(_R["praise"].format(words=_quote(words)) if words else _R["praise_plain"])
    elif label == "criticism":
        if q.rhetorical:
            out.append(_R["rhetorical"].format(cue=q.rhetorical[0].text))
        if s.irony and s.positive > 0:
            out.append(_R["irony"].format(words=_quote([c.text for c in s.irony][:2])))
        if neg := s.words(-1):
            out.append(_R["negative"].format(words=_quote(neg)))
        if ev.recurrence:
            out.append(_R["recurring"].format(words=_quote(ev.recurrence[:3])))
        if not out:
            out.append(_R["critical"])
    elif label == "question":
        if q.request is not None:
            how = _R["q_request"].format(cue=q.request.text)
        elif q.wh_word is not None:
            how = _R["q_wh"].format(cue=q.wh_word.text)
        elif q.inversion is not None:
            how = _R["q_inversion"].format(cue=q.inversion.text)
        else:
            how = _R["q_mark"]
        about = _R["about"].format(words=_quote(ev.domain[:3])) if ev.domain else Msg("", "")
        out.append(_nest(_R["question"], how=how, about=about))
    elif label == "claim":
        parts = []
        if ev.org:
            parts.append(_R["c_org"].format(words=_quote(ev.org[:2])))
        if ev.change:
            parts.append(_R["c_change"].format(words=_quote(ev.change[:2])))
        if ev.number:
            parts.append(_R["c_number"].format(words=_quote(ev.number[:2])))
        if ev.rumour:
            parts.append(_R["c_rumour"].format(words=_quote(ev.rumour[:1])))
        what = _join(parts) if parts else _R["c_plain"]
        out.append(Msg(_R["claim"].nl.format(what=what.nl), _R["claim"].en.format(what=what.en)))
    else:
        out.append(_R["other"])
    out.append(ADVICE_REASONS[label].format(**_guidelines(policy)))
    return out


# -- entry point ----------------------------------------------------------------------------


def _service_failure(text: str, ev: Evidence) -> tuple[str, ...]:
    """The words that report a failing service, when the post is about a service."""
    if not ev.domain:
        return ()
    return _found(_SERVICE_FAILURE, text, limit=2)


def _decide(
    text: str, vector: list[float], ev: Evidence, tone: Tone, policy: Policy | None
) -> Triage:
    language = policy.language if policy is not None else "nl"
    spans = abuse_spans(text, ev)
    if spans:
        label = "abuse"
        scores: tuple[tuple[str, float], ...] = (("abuse", 1.0),)
    else:
        ranked = classify(vector)
        label = ranked[0][0]
        scores = tuple((lab, round(p, 4)) for lab, p in ranked)
        if label in _EVALUATIVE.values():
            label = _which_way(dict(ranked), tone)
    advice = ADVICE[label]
    messages = _reasons(label, ev, spans or [], policy)
    if label == "criticism" and (failure := _service_failure(text, ev)):
        advice = ADVICE_SERVICE
        messages[-1] = _R["service"].format(words=_quote(failure), **_guidelines(policy))
    messages.insert(-1, _tone_reason(tone))
    return Triage(
        label=label,
        signal=label in SIGNAL,
        advice=advice,
        reasons=tuple(r.get(language) for r in messages),
        scores=scores,
        sentiment=tone,
    )


def _which_way(probs: dict[str, float], tone: Tone) -> str:
    """Compliment or criticism for an evaluative post: the classifier's odds moved by the tone.

    The log-odds of compliment against criticism plus :data:`TONE_WEIGHT` times the tone's
    score (-1..+1): a clear tone decides where the classifier hesitates between the two.
    """
    odds = math.log(max(probs.get("compliment", 0.0), 1e-9)) - math.log(
        max(probs.get("criticism", 0.0), 1e-9)
    )
    return "compliment" if odds + TONE_WEIGHT * tone.score > 0 else "criticism"


def _tone_reason(tone: Tone) -> Msg:
    """ "Toon: negatief ('kan beter', 'traag')": the tone and the words that carried it."""
    how = _R["tone_" + tone.label]
    if tone.words:
        return _nest(_R["tone_words"], tone=how, words=Msg(*[_quote(tone.words[:3])] * 2))
    return _nest(_R["tone"], tone=how)


def triage_many(
    texts: Sequence[str], policy: Policy | None = None, *, tone_model: str | None = None
) -> list[Triage]:
    """Triage a batch of posts; their tones are computed together (one embedding batch).
    ``tone_model`` overrides the configured tone model (``lexicon``: no encoder is loaded)."""
    computed = [features(text, policy) for text in texts]
    found = tones(
        texts,
        [ev.sentiment for _, ev in computed],
        [len(ev.questions.rhetorical) for _, ev in computed],
        model=tone_model,
    )
    return [
        _decide(text, vector, ev, tone, policy)
        for text, (vector, ev), tone in zip(texts, computed, found, strict=True)
    ]


def triage(text: str, policy: Policy | None = None, *, tone_model: str | None = None) -> Triage:
    """Label, signal, advice, reasons and tone for one incoming post."""
    return triage_many([text], policy, tone_model=tone_model)[0]
