"""Stored alignment (spokesperson) requests, their draft versions and every step (revision 0003).

- ``workflow_requests``: one draft that needs alignment before anyone
  responds: who wrote it, what it answers, where it stands and who responds.
- ``workflow_versions``: each version of the draft with its check report; an
  edited draft is a new version, checked again.
- ``workflow_events``: every step (submitted, approved, rejected, changes
  asked, revised, published, withdrawn) with who, in which role, when and the
  comment. Rows are never changed; triggers refuse UPDATE and DELETE.

Users are referred to by name (text), like the monitoring tables.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from krantentoets.store.base import Base, utcnow

__all__ = ["WorkflowEvent", "WorkflowRequest", "WorkflowVersion"]


class WorkflowRequest(Base):
    __tablename__ = "workflow_requests"
    __table_args__ = (Index(None, "status", "updated_at"), Index(None, "author"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    author: Mapped[str] = mapped_column(String(200))
    author_role: Mapped[str] = mapped_column(String(30))
    #: Why alignment is needed: "doubt", "spokesperson" or both ("doubt,spokesperson").
    reason: Mapped[str] = mapped_column(String(60))
    platform: Mapped[str | None] = mapped_column(String(20))
    account: Mapped[str | None] = mapped_column(String(200))
    account_kind: Mapped[str] = mapped_column(String(20))
    #: The incoming message the draft answers (the dialogue), if any.
    reply_to_text: Mapped[str | None] = mapped_column(Text)
    reply_to_author: Mapped[str | None] = mapped_column(String(300))
    reply_to_url: Mapped[str | None] = mapped_column(Text)
    mention_id: Mapped[int | None] = mapped_column(Integer)
    #: submitted, changes-requested, approved, rejected, published, withdrawn.
    status: Mapped[str] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(Integer, default=1)
    responder: Mapped[str | None] = mapped_column(String(200))
    archive_record_id: Mapped[str | None] = mapped_column(String(200))

    versions: Mapped[list[WorkflowVersion]] = relationship(
        back_populates="request", order_by="WorkflowVersion.version"
    )
    events: Mapped[list[WorkflowEvent]] = relationship(
        back_populates="request", order_by="WorkflowEvent.id"
    )


class WorkflowVersion(Base):
    __tablename__ = "workflow_versions"
    __table_args__ = (UniqueConstraint("request_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("workflow_requests.id"))
    version: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    verdict: Mapped[str] = mapped_column(String(20))
    report: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200))

    request: Mapped[WorkflowRequest] = relationship(back_populates="versions")


class WorkflowEvent(Base):
    __tablename__ = "workflow_events"
    __table_args__ = (Index(None, "request_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("workflow_requests.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    actor_role: Mapped[str] = mapped_column(String(30))
    action: Mapped[str] = mapped_column(String(30))
    version: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
    responder: Mapped[str | None] = mapped_column(String(200))

    request: Mapped[WorkflowRequest] = relationship(back_populates="events")
