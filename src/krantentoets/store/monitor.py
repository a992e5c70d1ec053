"""Stored monitoring data: sources and their poll state, mentions, digest log (revision 0001).

A *mention* is one incoming post about the organisation, from one source,
identified by the source's own id for it: ``(source_id, external_id)`` is
unique, so fetching the same post twice stores it once. Triage results
(label, signal, advice, reasons) are stored beside the post; the inbox
(``assigned_to``, ``handled_at``/``handled_by``) is filled in by people.
Users are referred to by name (text), not by key, so this table does not
depend on the users table of revision 0002.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from krantentoets.store.base import Base, utcnow

__all__ = ["DigestLog", "Mention", "MonitorSource"]

#: Triage labels (see ``krantentoets.monitor.triage``); stored as plain text.
LABELS = ("compliment", "criticism", "question", "claim", "abuse", "other")


class MonitorSource(Base):
    """A configured source (by its name in the policy file) and where polling left off."""

    __tablename__ = "monitor_sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: The source's name in the policy file, e.g. ``rss:omroep-west``; stable key.
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    #: Source-specific poll state: ETag/Last-Modified, newest ids per query, cursors.
    state: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_polled_at: Mapped[datetime | None]
    last_ok_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    #: Consecutive failed polls (0 after a good one).
    error_count: Mapped[int] = mapped_column(Integer, default=0)

    mentions: Mapped[list[Mention]] = relationship(back_populates="source")


class Mention(Base):
    """One incoming post about the organisation, with its triage and inbox state."""

    __tablename__ = "mentions"
    __table_args__ = (
        UniqueConstraint("source_id", "external_id"),
        Index(None, "fetched_at"),
        Index(None, "label", "signal"),
        Index(None, "published_at"),
        Index(None, "sentiment"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("monitor_sources.id", ondelete="CASCADE"))
    external_id: Mapped[str] = mapped_column(String(512))
    url: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(300))
    author_name: Mapped[str | None] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime | None]
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: The organisation's names/aliases/handles/hashtags found in the text.
    matched: Mapped[list[Any]] = mapped_column(default=list)
    label: Mapped[str | None] = mapped_column(String(20))
    signal: Mapped[bool] = mapped_column(Boolean, default=False)
    advice: Mapped[str | None] = mapped_column(String(40))
    #: Why triage chose the label (Dutch sentences, or {"nl": ..., "en": ...}).
    reasons: Mapped[list[Any]] = mapped_column(default=list)
    #: The tone (``positive``, ``negative``, ``neutral``; see krantentoets.detect.tone).
    sentiment: Mapped[str | None] = mapped_column(String(10))
    #: The tone's score, -1 (negative) .. +1 (positive).
    sentiment_score: Mapped[float | None] = mapped_column(Float)
    assigned_to: Mapped[str | None] = mapped_column(String(200))
    handled_at: Mapped[datetime | None]
    handled_by: Mapped[str | None] = mapped_column(String(200))
    #: ``public``, ``unlisted``, ``private`` (followers only) or ``direct`` (revision 0004).
    visibility: Mapped[str] = mapped_column(String(20), default="public", server_default="public")
    edited_at: Mapped[datetime | None]
    #: Media (with alt text), poll, card, quote, links, mentions, content warning,
    #: thread context, earlier versions, labels: what the source gave besides the text.
    details: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")
    #: Office holders (user names) whose own names or handles this mention names (MA-9).
    watchers: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")

    source: Mapped[MonitorSource] = relationship(back_populates="mentions")


class DigestLog(Base):
    """A digest sent to Communications: which mentions it covered and how it went."""

    __tablename__ = "monitor_digests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: ``email``, ``webhook`` or ``email,webhook``.
    channels: Mapped[str] = mapped_column(String(100))
    #: Mentions with ``after_mention_id < id <= upto_mention_id`` were covered.
    after_mention_id: Mapped[int] = mapped_column(Integer, default=0)
    upto_mention_id: Mapped[int] = mapped_column(Integer, default=0)
    #: Label -> number of mentions in the digest.
    counts: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: ``sent``, ``partial`` (one channel failed) or ``failed``.
    status: Mapped[str] = mapped_column(String(20))
    error: Mapped[str | None] = mapped_column(Text)
