"""What was stored, as plain dicts: for ``monitor list`` and ``GET /api/v1/mentions``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import String, cast, func, select
from sqlalchemy.engine import Engine

from krantentoets.store import session_scope
from krantentoets.store.base import UTCDateTime
from krantentoets.store.monitor import Mention, MonitorSource

__all__ = ["list_mentions", "mention_dict", "parse_since", "watched_by"]


#: Zone of a ``--since`` date given without one (the organisations are Dutch and Flemish).
LOCAL_ZONE = "Europe/Amsterdam"


def parse_since(value: str) -> datetime:
    """``JJJJ-MM-DD`` (local midnight) or ISO 8601; ValueError when it is neither."""
    from zoneinfo import ZoneInfo

    when = datetime.fromisoformat(value.strip())
    if when.tzinfo is None:
        when = when.replace(tzinfo=ZoneInfo(LOCAL_ZONE))
    return when


def watched_by(user: str) -> Any:
    """A WHERE clause: the mention names office holder ``user`` (JSON list, as text)."""
    quoted = '"' + user.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return cast(Mention.watchers, String).contains(quoted, autoescape=True)


def mention_dict(mention: Mention, source: str) -> dict[str, Any]:
    """One stored mention: source, external id, URL, author, text, visibility, time, details."""
    return {
        "id": mention.id,
        "source": source,
        "external_id": mention.external_id,
        "url": mention.url,
        "author": mention.author,
        "author_name": mention.author_name,
        "text": mention.text,
        "visibility": mention.visibility,
        "published_at": _iso(mention.published_at),
        "edited_at": _iso(mention.edited_at),
        "fetched_at": _iso(mention.fetched_at),
        "label": mention.label,
        "matched": mention.matched,
        "watchers": mention.watchers,
        "details": mention.details,
    }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def list_mentions(
    engine: Engine,
    *,
    source: str | None = None,
    since: datetime | None = None,
    watcher: str | None = None,
    limit: int | None = None,
    after: int = 0,
    chunk: int = 500,
) -> Iterator[dict[str, Any]]:
    """Stored mentions in the order they were stored, read in chunks (never all in memory).

    ``watcher``: only the mentions of that office holder (MA-9); ``after``: only mentions
    stored after the one with that ``id`` (for paging).
    """
    when = func.coalesce(Mention.published_at, Mention.fetched_at, type_=UTCDateTime())
    given = 0
    while True:
        stmt = (
            select(Mention, MonitorSource.name)
            .join(MonitorSource, Mention.source_id == MonitorSource.id)
            .where(Mention.id > after)
            .order_by(Mention.id)
            .limit(chunk)
        )
        if source:
            stmt = stmt.where(MonitorSource.name == source)
        if since is not None:
            stmt = stmt.where(when >= since)
        if watcher is not None:
            stmt = stmt.where(watched_by(watcher))
        with session_scope(engine) as session:
            rows = [(m, name) for m, name in session.execute(stmt).all()]
            out = [mention_dict(m, name) for m, name in rows]
        for row in out:
            if limit is not None and given >= limit:
                return
            given += 1
            yield row
        if len(rows) < chunk:
            return
        after = rows[-1][0].id
