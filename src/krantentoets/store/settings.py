"""Settings changed in the app, and signals passed on by colleagues (revision 0006).

- ``policy_overrides``: one row per policy setting that was changed in the app
  (``organisation.name``, ``spokesperson.topics``, ``monitor.sources``, ...),
  with its value as JSON and who changed it when. The effective policy is the
  policy file with these values laid over it (:mod:`krantentoets.policy.effective`).
- ``policy_changes``: every change, never edited: key, old and new value, who, when.
  ``new`` is null when a setting was set back to the policy file's value.
- ``signals``: a message a colleague saw elsewhere and passed on to Communications
  (MW-2): the mention it became in the inbox, who signalled it, their note and an
  optional screenshot. The signaller is kept here, not in the mention, so the
  inbox shows it to Communications and nothing else carries it further.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, LargeBinary, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from krantentoets.store.base import Base, utcnow
from krantentoets.store.monitor import Mention

__all__ = [
    "PolicyChange",
    "PolicyOverride",
    "Signal",
    "changes",
    "overrides",
    "overrides_version",
    "set_override",
]


class PolicyOverride(Base):
    __tablename__ = "policy_overrides"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON())
    changed_by: Mapped[str] = mapped_column(String(200))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)


class PolicyChange(Base):
    __tablename__ = "policy_changes"
    __table_args__ = (Index(None, "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    by: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(100))
    old: Mapped[Any | None] = mapped_column(JSON())
    new: Mapped[Any | None] = mapped_column(JSON())


class Signal(Base):
    __tablename__ = "signals"
    __table_args__ = (Index(None, "signalled_by"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mention_id: Mapped[int] = mapped_column(
        ForeignKey("mentions.id", ondelete="CASCADE"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    signalled_by: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    screenshot: Mapped[bytes | None] = mapped_column(LargeBinary)
    screenshot_type: Mapped[str | None] = mapped_column(String(50))

    mention: Mapped[Mention] = relationship()


def overrides(session: Session) -> dict[str, PolicyOverride]:
    """Every setting changed in the app, by key."""
    return {row.key: row for row in session.scalars(select(PolicyOverride))}


def overrides_version(session: Session) -> int:
    """A number that changes whenever a setting changes (the last change's id)."""
    from sqlalchemy import func

    return int(session.scalar(select(func.max(PolicyChange.id))) or 0)


def set_override(session: Session, key: str, value: Any, by: str) -> bool:
    """Change setting ``key`` to ``value`` (``None``: back to the policy file's value).

    Records the change with who and when; returns whether anything changed.
    """
    row = session.get(PolicyOverride, key)
    old = row.value if row is not None else None
    if value is None:
        if row is None:
            return False
        session.delete(row)
    else:
        if row is not None and row.value == value:
            return False
        if row is None:
            row = PolicyOverride(key=key, value=value, changed_by=by, changed_at=utcnow())
            session.add(row)
        else:
            row.value, row.changed_by, row.changed_at = value, by, utcnow()
    session.add(PolicyChange(at=utcnow(), by=by, key=key, old=old, new=value))
    session.flush()
    return True


def changes(session: Session, limit: int = 50) -> list[PolicyChange]:
    """The latest changes, newest first."""
    return list(session.scalars(select(PolicyChange).order_by(PolicyChange.id.desc()).limit(limit)))
