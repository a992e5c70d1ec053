"""Stored Woo requests and the records officer's decisions (revision 0005).

- ``archive_woo_requests``: one row per Woo request: its reference (kenmerk),
  which records it covers (a period and, optionally, search words), who
  opened it and when, and who settled the decisions (``settled_*``).
- ``archive_woo_decisions``: every decision as a new row (who, when): per
  record the document's decision (item ``document``, ``document.ground``) and
  per redaction its ground or ``niet-lakken`` (item = the review item key).
  The latest row per (request, record, item) holds; earlier rows stay as the
  history, so an export can always say who decided what.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ForeignKey, Index, Integer, String, Text, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Mapped, mapped_column

from krantentoets.store.base import Base


class WooRequest(Base):
    __tablename__ = "archive_woo_requests"

    id: Mapped[str] = mapped_column(String(60), primary_key=True)
    reference: Mapped[str] = mapped_column(String(200))
    query: Mapped[str | None] = mapped_column(Text)
    period_from: Mapped[str | None] = mapped_column(String(20))
    period_to: Mapped[str | None] = mapped_column(String(20))
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[str] = mapped_column(String(20))
    settled_by: Mapped[str | None] = mapped_column(String(100))
    settled_at: Mapped[str | None] = mapped_column(String(20))


class WooDecision(Base):
    __tablename__ = "archive_woo_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    request_id: Mapped[str] = mapped_column(
        String(60), ForeignKey("archive_woo_requests.id", ondelete="CASCADE")
    )
    record_id: Mapped[str] = mapped_column(String(200))
    item: Mapped[str] = mapped_column(String(120))
    value: Mapped[str] = mapped_column(String(40))
    decided_by: Mapped[str] = mapped_column(String(100))
    decided_at: Mapped[str] = mapped_column(String(20))

    __table_args__ = (Index("ix_archive_woo_decisions_request", "request_id", "record_id"),)


REQUESTS = WooRequest.__table__
DECISIONS = WooDecision.__table__


@dataclass(frozen=True, slots=True)
class Request:
    id: str
    reference: str
    query: str | None
    period_from: str | None
    period_to: str | None
    created_by: str
    created_at: str
    settled_by: str | None
    settled_at: str | None


def _request(row: object) -> Request:
    return Request(*(getattr(row, c.name) for c in REQUESTS.columns))


def create_request(engine: Engine, request: Request) -> None:
    with engine.begin() as conn:
        conn.execute(
            REQUESTS.insert().values({c.name: getattr(request, c.name) for c in REQUESTS.columns})
        )


def get_request(engine: Engine, request_id: str) -> Request | None:
    with engine.connect() as conn:
        row = conn.execute(select(REQUESTS).where(REQUESTS.c.id == request_id)).first()
    return _request(row) if row else None


def list_requests(engine: Engine, limit: int = 50) -> list[Request]:
    with engine.connect() as conn:
        rows = conn.execute(select(REQUESTS).order_by(REQUESTS.c.created_at.desc()).limit(limit))
        return [_request(r) for r in rows]


def settle(engine: Engine, request_id: str, by: str, at: str) -> None:
    with engine.begin() as conn:
        conn.execute(
            REQUESTS.update()
            .where(REQUESTS.c.id == request_id)
            .values(settled_by=by, settled_at=at)
        )


def add_decisions(
    conn: Connection, request_id: str, rows: Iterable[tuple[str, str, str]], by: str, at: str
) -> int:
    """Store (record_id, item, value) decisions as new rows; returns how many."""
    values = [
        {
            "request_id": request_id,
            "record_id": rid,
            "item": item,
            "value": value,
            "decided_by": by,
            "decided_at": at,
        }
        for rid, item, value in rows
    ]
    if values:
        conn.execute(DECISIONS.insert(), values)
    return len(values)


def decisions(engine: Engine, request_id: str) -> dict[str, dict[str, tuple[str, str, str]]]:
    """record_id -> item -> (value, by, at): the latest decision per item."""
    out: dict[str, dict[str, tuple[str, str, str]]] = {}
    stmt = (
        select(
            DECISIONS.c.record_id,
            DECISIONS.c.item,
            DECISIONS.c.value,
            DECISIONS.c.decided_by,
            DECISIONS.c.decided_at,
        )
        .where(DECISIONS.c.request_id == request_id)
        .order_by(DECISIONS.c.id)
    )
    with engine.connect() as conn:
        for rid, item, value, by, at in conn.execute(stmt):
            out.setdefault(rid, {})[item] = (value, by, at)
    return out
