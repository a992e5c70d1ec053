"""Login sessions kept between runs, per platform, service and account (revision 0004).

A session (for Bluesky: the exported ``atproto`` session string with its
access and refresh token) is stored after login and after every refresh, so a
cron job every 15 minutes logs in once and then only refreshes. Monitoring,
publishing and dialogue capture share the rows through
:func:`load_session` / :func:`save_session`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Integer, String, Text, UniqueConstraint, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapped, mapped_column

from krantentoets.store import session_scope
from krantentoets.store.base import Base, utcnow

__all__ = ["DatabaseSessions", "PlatformSession", "load_session", "save_session"]


class PlatformSession(Base):
    __tablename__ = "platform_sessions"
    __table_args__ = (UniqueConstraint("platform", "service", "account"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    service: Mapped[str] = mapped_column(String(300))
    account: Mapped[str] = mapped_column(String(300))
    #: The platform library's own session string (tokens: keep the database private).
    data: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


def _row(session: Any, platform: str, service: str, account: str) -> PlatformSession | None:
    return session.scalars(
        select(PlatformSession).where(
            PlatformSession.platform == platform,
            PlatformSession.service == service,
            PlatformSession.account == account,
        )
    ).first()


def load_session(engine: Engine, platform: str, service: str, account: str) -> str | None:
    """The stored session string, or None before the first login."""
    with session_scope(engine) as session:
        row = _row(session, platform, service, account)
        return row.data if row is not None else None


def save_session(engine: Engine, platform: str, service: str, account: str, data: str) -> None:
    """Store (or replace) the session string after a login or refresh."""
    with session_scope(engine) as session:
        row = _row(session, platform, service, account)
        if row is None:
            session.add(
                PlatformSession(platform=platform, service=service, account=account, data=data)
            )
        else:
            row.data = data
            row.updated_at = utcnow()


class DatabaseSessions:
    """One account's session in ``platform_sessions``: the ``SessionStore`` the platform
    clients take (``krantentoets.platforms.bluesky.connect(..., sessions=...)``)."""

    def __init__(self, engine: Engine, platform: str, service: str, account: str) -> None:
        self.engine = engine
        self.key = (platform, service, account)

    def load(self) -> str | None:
        return load_session(self.engine, *self.key)

    def save(self, data: str) -> None:
        save_session(self.engine, *self.key, data)
