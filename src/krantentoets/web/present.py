"""Turning a :class:`~krantentoets.report.Report` into what the check page shows.

Pure functions, tested on their own: Dutch labels, one card per finding, and
the draft cut into segments so each finding's span can be marked inline, also
where spans overlap (a segment covered by several findings names them all and
takes the colour of the most severe).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from krantentoets.policy import Policy
from krantentoets.post import AccountKind, Platform
from krantentoets.report import Category, Finding, Report, Severity, Verdict
from krantentoets.rules.length import LIMITS, count
from krantentoets.rules.registry import UnknownRuleError

CATEGORY_LABELS: dict[Category, str] = {
    Category.PERSONAL_DATA: "Persoonsgegevens",
    Category.CONFIDENTIAL: "Vertrouwelijke informatie",
    Category.OFFENSIVE: "Omgangsvormen",
    Category.ROLE: "Rol",
    Category.SPOKESPERSON: "Woordvoering",
    Category.STANCE: "Standpunt",
    Category.LENGTH: "Lengte",
    Category.COPYRIGHT: "Auteursrecht",
    Category.PORTRAIT: "Portretrecht",
    Category.CERTAINTY: "Zekerheid",
    Category.REPLY_TO_CRITICISM: "Reageren op kritiek",
}

SEVERITY_LABELS: dict[Severity, str] = {
    Severity.BLOCK: "Moet anders",
    Severity.WARN: "Let op",
    Severity.INFO: "Ter info",
}

ACCOUNT_LABELS: dict[AccountKind, str] = {
    AccountKind.ORGANISATION: "Account van de organisatie",
    AccountKind.IN_FUNCTION: "Mijn eigen account, in mijn functie",
    AccountKind.PERSONAL: "Mijn persoonlijke account (privé)",
}

PROFILE_LABELS: dict[str, str] = {
    "medewerkers": "Medewerkers: richtlijnen sociale media",
    "mandatarissen": "Mandatarissen: gedragscode sociale media",
}

PLATFORM_LABELS: dict[Platform, str] = {p: LIMITS[p].name for p in Platform}

#: Times are stored in UTC and shown in the organisation's time zone
#: (``[organisation] timezone``, Europe/Amsterdam by default; see :func:`use_zone`).
LOCAL_TZ = ZoneInfo("Europe/Amsterdam")
_zone: list[ZoneInfo] = [LOCAL_TZ]

#: How pages name a zone where it matters (archive, publishing); other zones by their name.
ZONE_NAMES = {"Europe/Amsterdam": "Nederlandse tijd", "Europe/Brussels": "Belgische tijd"}


def use_zone(name: str) -> None:
    """Show times in zone ``name`` (the organisation's; one per installation)."""
    if name != _zone[0].key:
        _zone[0] = ZoneInfo(name)


def local_zone() -> ZoneInfo:
    """The zone pages show times in."""
    return _zone[0]


def zone_text() -> str:
    return ZONE_NAMES.get(_zone[0].key, f"tijdzone {_zone[0].key}")


def local_time(dt: datetime | None) -> str:
    """``dd-mm-jjjj uu:mm`` in local time, or an empty string."""
    return dt.astimezone(local_zone()).strftime("%d-%m-%Y %H:%M") if dt else ""


def local_iso(value: str | None, *, zone: bool = True) -> str:
    """An ISO time as stored in the archive (``2025-06-01T12:00:00Z``) in local time, with
    the zone named; text that is no time is returned as it is."""
    if not value:
        return ""
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if dt.tzinfo is None:
        return value
    return local_time(dt) + (f" ({zone_text()})" if zone else "")


@dataclass(frozen=True, slots=True)
class GuidelineQuote:
    id: str
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class Card:
    """One finding as the page shows it."""

    number: int
    rule: str
    title: str
    category: str
    severity: str
    severity_label: str
    message: str
    quoted: str | None
    suggestion: str
    guidelines: tuple[GuidelineQuote, ...]


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of the draft covered by the same findings (none: plain text)."""

    text: str
    numbers: tuple[int, ...] = ()
    severity: str | None = None
    #: Findings whose span ends with this segment (a reference link follows it).
    ends: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class LengthInfo:
    platform: str
    counted: int
    limit: int
    unit: str

    @property
    def over(self) -> bool:
        return self.counted > self.limit


def cards(report: Report, policy: Policy) -> list[Card]:
    result = []
    for number, f in enumerate(report.findings, start=1):
        result.append(
            Card(
                number=number,
                rule=f.rule,
                title=_rule_title(f, policy),
                category=CATEGORY_LABELS.get(f.category, f.category.value),
                severity=f.severity.value,
                severity_label=SEVERITY_LABELS[f.severity],
                message=f.message,
                quoted=f.span.text if f.span is not None else None,
                suggestion=f.suggestion,
                guidelines=tuple(
                    _quote(
                        gid,
                        f.quotes[k] if k < len(f.quotes) else None,
                        report,
                        policy,
                        CATEGORY_LABELS.get(f.category, ""),
                    )
                    for k, gid in enumerate(f.guidelines)
                ),
            )
        )
    return result


def _rule_title(f: Finding, policy: Policy) -> str:
    try:
        return policy.registry.get(f.rule).meta.title.get(policy.language)
    except (UnknownRuleError, KeyError):
        return f.name


def _quote(
    gid: str, quote: str | None, report: Report, policy: Policy, topic: str = ""
) -> GuidelineQuote:
    """The guideline a finding cites. When the finding quotes only part of a guideline that
    covers several things (MW-4: spokesperson rules *and* personal data), the caption names
    what the quoted part is about, not the guideline's first subject."""
    try:
        g = policy.guideline(gid)
        title = g.title
        text = quote or report.guideline_texts.get(gid, g.text)
        if quote and quote.strip() != g.text.strip() and topic:
            title = topic
    except KeyError:
        title, text = "", quote or report.guideline_texts.get(gid, "")
    return GuidelineQuote(gid, title, text)


def segments(report: Report) -> list[Segment]:
    """Cut the draft at every span boundary; each piece knows which findings cover it."""
    text = report.text
    spans = [
        (number, f.span.start, f.span.end, f.severity)
        for number, f in enumerate(report.findings, start=1)
        if f.span is not None and f.span.end > f.span.start
    ]
    cuts = sorted({0, len(text), *(s for _, s, _, _ in spans), *(e for _, _, e, _ in spans)})
    result: list[Segment] = []
    for start, end in itertools.pairwise(cuts):
        covering = [(n, sev) for n, s, e, sev in spans if s <= start and end <= e]
        if not covering:
            result.append(Segment(text[start:end]))
            continue
        worst = max((sev for _, sev in covering), key=lambda sv: sv.rank)
        ends = tuple(n for n, s, e, _ in spans if e == end and s <= start)
        result.append(
            Segment(
                text[start:end],
                numbers=tuple(n for n, _ in covering),
                severity=worst.value,
                ends=ends,
            )
        )
    return result


def length_info(report: Report) -> LengthInfo | None:
    """The authoritative count for the report's platform (``rules.length.count``)."""
    if not report.platform:
        return None
    platform = Platform(report.platform)
    lim = LIMITS[platform]
    return LengthInfo(lim.name, count(report.text, platform), lim.limit, lim.unit.nl)


def counter_config() -> dict[str, dict[str, object]]:
    """Platform limits for the live counter in the browser (same numbers as the server)."""
    return {
        p.value: {"name": lim.name, "limit": lim.limit, "unit": lim.unit.nl}
        for p, lim in LIMITS.items()
    }


def verdict_summary(report: Report, policy: Policy) -> str:
    blocks = sum(1 for f in report.findings if f.severity is Severity.BLOCK)
    warns = sum(1 for f in report.findings if f.severity is Severity.WARN)
    infos = sum(1 for f in report.findings if f.severity is Severity.INFO)
    if report.verdict is Verdict.DO_NOT_POST:
        return (
            f"Plaats dit bericht niet zoals het nu is: {_n(blocks, 'punt moet', 'punten moeten')} "
            "anders. Pas het aan met de tips hieronder en controleer het opnieuw."
        )
    if report.verdict is Verdict.DOUBT:
        who = policy.settings.organisation.communications
        return (
            f"{_n(warns, 'punt vraagt', 'punten vragen').capitalize()} om aandacht. "
            f"Twijfel je? Plaats het dan niet en overleg eerst met {who}."
        )
    if infos:
        tips = "de tip" if infos == 1 else f"de {infos} tips"
        return (
            f"Er is niets gevonden dat plaatsen in de weg staat. Bekijk nog even {tips} hieronder."
        )

    return (
        "Er is niets gevonden dat plaatsen in de weg staat. "
        "Zou je het bericht ook in de krant plaatsen? Dan kun je het plaatsen."
    )


def _n(number: int, one: str, many: str) -> str:
    words = {1: "één", 2: "twee", 3: "drie", 4: "vier", 5: "vijf"}
    return f"{words.get(number, str(number))} {one if number == 1 else many}"


def people(engine: Any) -> dict[str, str]:
    """User name -> the name pages show (full name, else the user name)."""
    from krantentoets.store import session_scope
    from krantentoets.store.users import list_users

    with session_scope(engine) as session:
        return {u.name: u.label for u in list_users(session)}
