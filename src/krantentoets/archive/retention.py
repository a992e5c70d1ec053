"""Retention periods per record type, and which records may be destroyed.

The period starts at publication. A record under a legal hold may not be
destroyed whatever its age; neither may a record of a type kept permanently.
Destroying is never done here: :func:`due` only says what *may* go, and the
archive records an approved destruction before removing anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from krantentoets.archive.record import RecordType

PERMANENT = "permanent"

#: Built-in periods (years after publication) where the policy names none.
DEFAULT_RETENTION: dict[str, int | str] = {
    RecordType.POST.value: 10,
    RecordType.CORRECTION.value: 10,
    RecordType.HOLD.value: PERMANENT,
    RecordType.HOLD_RELEASE.value: PERMANENT,
    RecordType.DESTRUCTION.value: PERMANENT,
}


def retention_for(record_type: str, policy_years: Mapping[str, int | str] | None) -> int | str:
    if policy_years and record_type in policy_years:
        return policy_years[record_type]
    return DEFAULT_RETENTION.get(record_type, PERMANENT)


def add_years(day: date, years: int) -> date:
    """``day`` plus ``years`` calendar years (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def expiry_date(published_at: str, years: int | str) -> date | None:
    """The first day on which the record may be destroyed, or ``None`` if kept permanently."""
    if years == PERMANENT or not isinstance(years, int):
        return None
    published = datetime.fromisoformat(published_at.replace("Z", "+00:00")).date()
    return add_years(published, years)


def iso_duration(years: int | str) -> str | None:
    """An ISO 8601 duration (``P10Y``) for metadata, ``None`` for permanent."""
    return f"P{years}Y" if isinstance(years, int) else None


def cutoff_published_before(today: date, years: int) -> str:
    """Records published before this timestamp text have expired by ``today``."""
    start = add_years(today, -years) if years else today
    # expiry = published + years <= today  <=>  published.date <= today - years
    return start.strftime("%Y-%m-%dT23:59:59Z")
