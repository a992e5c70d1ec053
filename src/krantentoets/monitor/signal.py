"""Signals (MW-2): a colleague passes on a message they saw elsewhere.

Every employee is asked to pass the positive and negative messages they see
about the organisation to Communications, also from places monitoring cannot
reach (a neighbourhood group, a private page, a screenshot). :func:`add_signal`
turns one into a mention in the inbox, triaged like any monitored post, from
the source :data:`SOURCE_NAME`; who signalled it, their note and the screenshot
are kept beside it in ``signals`` (never in the mention or the archive).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from krantentoets.store.base import utcnow
from krantentoets.store.monitor import Mention, MonitorSource
from krantentoets.store.settings import Signal

__all__ = ["SOURCE_KIND", "SOURCE_NAME", "SignalError", "add_signal", "signals_by"]

SOURCE_KIND = "signal"
SOURCE_NAME = "signal:collega's"
MAX_TEXT = 10_000
MAX_NOTE = 2_000


class SignalError(ValueError):
    """A signal that cannot be taken; the message is Dutch."""


@dataclass(frozen=True, slots=True)
class Screenshot:
    data: bytes
    content_type: str


def _source(session: Session) -> MonitorSource:
    row = session.scalars(select(MonitorSource).where(MonitorSource.name == SOURCE_NAME)).first()
    if row is None:
        row = MonitorSource(name=SOURCE_NAME, kind=SOURCE_KIND, state={})
        session.add(row)
        session.flush()
    return row


def add_signal(
    session: Session,
    by: str,
    *,
    text: str = "",
    url: str = "",
    note: str = "",
    screenshot: Screenshot | None = None,
    policy: Any = None,
) -> Signal:
    """Store a signal as a triaged inbox mention; raises :class:`SignalError`."""
    text, url, note = text.strip(), url.strip(), note.strip()
    if url and not url.startswith(("https://", "http://")):
        raise SignalError("een link begint met https:// of http://")
    if not (text or url or screenshot):
        raise SignalError("geef de tekst, een link of een schermafbeelding van het bericht")
    if len(text) > MAX_TEXT or len(note) > MAX_NOTE:
        raise SignalError(
            f"te lang: hoogstens {MAX_TEXT} tekens voor het bericht en {MAX_NOTE} voor de notitie"
        )
    fields: dict[str, Any] = {"label": None, "signal": True, "advice": None, "reasons": []}
    if text:
        from krantentoets.monitor.triage import triage

        result = triage(text, policy)
        fields = {
            "label": result.label,
            "signal": True,  # a colleague thought it worth passing on
            "advice": result.advice,
            "reasons": [str(r) for r in result.reasons],
        }
    now = utcnow()
    mention = Mention(
        source_id=_source(session).id,
        external_id=f"signal-{uuid.uuid4().hex}",
        url=url or None,
        text=text or (url if url else "(alleen een schermafbeelding)"),
        published_at=None,
        fetched_at=now,
        matched=[],
        **fields,
    )
    session.add(mention)
    session.flush()
    row = Signal(
        mention_id=mention.id,
        created_at=now,
        signalled_by=by,
        note=note or None,
        screenshot=screenshot.data if screenshot else None,
        screenshot_type=screenshot.content_type if screenshot else None,
    )
    session.add(row)
    session.flush()
    return row


def signals_by(session: Session, by: str, limit: int = 50) -> list[Signal]:
    """The signals ``by`` passed on, newest first."""
    stmt = select(Signal).where(Signal.signalled_by == by).order_by(Signal.id.desc()).limit(limit)
    return list(session.scalars(stmt))
