"""Woo requests: which records one covers, the records officer's decisions, and its export.

The web review screen (``/archief/woo``) and ``krantentoets archive woo`` both
go through :class:`WooRequests`. A request covers the dialogue records of a
period, optionally only those matching search words. Until it is *settled*
the export applies the stored decisions over krantentoets's proposals; when
the records officer settles it, every proposal still open is stored as their
decision, and from then on the export is made from the stored decisions alone
(the same package, whatever a later detector finds).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from krantentoets.archive.export import DIALOGUE_TYPES
from krantentoets.archive.grounds import KEEP, Openness, ground
from krantentoets.archive.record import now_text
from krantentoets.archive.review import (
    DOCUMENT,
    DOCUMENT_GROUND,
    Document,
    Item,
    decide,
    items_for,
)
from krantentoets.archive.service import Archive, ArchiveError
from krantentoets.archive.woo import WooOptions
from krantentoets.store import woo as db
from krantentoets.store.woo import Request

#: Most records one request may cover (a search returns at most this many).
MAX_RECORDS = 20_000


@dataclass(slots=True)
class Reviewed:
    """One record on the review screen: its items, the values in force, and the outcome."""

    rec: dict[str, Any]
    items: list[Item]
    values: dict[str, str]
    decided: dict[str, tuple[str, str, str]]  # item -> (value, by, at) as stored
    document: Document


class WooRequests:
    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.engine = archive.engine

    def open(
        self,
        *,
        reference: str,
        by: str,
        query: str | None = None,
        period_from: str | None = None,
        period_to: str | None = None,
    ) -> Request:
        reference = reference.strip()
        if not reference:
            raise ArchiveError("geef het kenmerk van het Woo-verzoek (bijvoorbeeld Woo-2025-17)")
        now = now_text()
        req = Request(
            id=f"woo-{now[:10]}-{uuid.uuid4().hex[:8]}",
            reference=reference[:200],
            query=(query or "").strip() or None,
            period_from=period_from,
            period_to=period_to,
            created_by=by,
            created_at=now,
            settled_by=None,
            settled_at=None,
        )
        db.create_request(self.engine, req)
        return req

    def get(self, request_id: str) -> Request:
        req = db.get_request(self.engine, request_id)
        if req is None:
            raise ArchiveError(f"onbekend Woo-verzoek '{request_id}'")
        return req

    def list(self) -> list[Request]:
        return db.list_requests(self.engine)

    def records(self, req: Request) -> Iterator[dict[str, Any]]:
        """The dialogue records the request covers, in chain order."""
        wanted: set[str] | None = None
        if req.query:
            found = self.archive.search(
                req.query,
                limit=MAX_RECORDS,
                published_from=req.period_from,
                published_to=req.period_to,
            )
            wanted = {str(r.get("id")) for r in found}
        for rec in self.archive.records(req.period_from, req.period_to, DIALOGUE_TYPES):
            if wanted is None or str(rec.get("id")) in wanted:
                yield rec

    def _values(self, req: Request) -> dict[str, dict[str, str]]:
        return {
            rid: {item: v[0] for item, v in items.items()}
            for rid, items in db.decisions(self.engine, req.id).items()
        }

    def review(self, req: Request) -> Iterator[Reviewed]:
        """Every record of the request with its items and the decisions in force."""
        redactor = self.archive.redactor
        if redactor is None:
            raise ArchiveError("geen herkenning van persoonsgegevens ingesteld")
        stored = db.decisions(self.engine, req.id)
        for number, rec in enumerate(self.records(req), start=1):
            rid = str(rec.get("id"))
            decided = stored.get(rid, {})
            chosen = {k: v[0] for k, v in decided.items()}
            items = items_for(rec, redactor)
            values = {it.key: chosen.get(it.key, it.default) for it in items}
            yield Reviewed(rec, items, values, decided, decide(rec, number, items, chosen))

    def decide(self, req: Request, record_id: str, values: Mapping[str, str], *, by: str) -> int:
        """Store the decisions for one record (only values that differ from those in force)."""
        if req.settled_at:
            raise ArchiveError(
                f"de besluiten van {req.reference} zijn vastgesteld op {req.settled_at}"
            )
        for item, value in values.items():
            if item == DOCUMENT:
                if value not in {o.value for o in Openness}:
                    raise ArchiveError(
                        f"onbekend besluit '{value}'; kies openbaar, deels-openbaar of "
                        "niet-openbaar"
                    )
            elif value != KEEP:
                try:
                    ground(value)
                except KeyError as exc:
                    raise ArchiveError(str(exc.args[0])) from None
        current = self._values(req).get(record_id, {})
        changed = [(record_id, k, v) for k, v in values.items() if current.get(k) != v]
        with self.engine.begin() as conn:
            return db.add_decisions(conn, req.id, changed, by, now_text())

    def settle(self, req: Request, *, by: str) -> int:
        """Store every open proposal as ``by``'s decision and close the request."""
        if req.settled_at:
            raise ArchiveError(f"{req.reference} is al vastgesteld op {req.settled_at}")
        now = now_text()
        rows = []
        for reviewed in self.review(req):
            rid = str(reviewed.rec.get("id"))
            for key, value in reviewed.values.items():
                if key not in reviewed.decided:
                    rows.append((rid, key, value))
            if DOCUMENT not in reviewed.decided:
                rows.append((rid, DOCUMENT, reviewed.document.openness.value))
            if reviewed.document.document_ground and DOCUMENT_GROUND not in reviewed.decided:
                rows.append((rid, DOCUMENT_GROUND, reviewed.document.document_ground))
        with self.engine.begin() as conn:
            n = db.add_decisions(conn, req.id, rows, by, now)
        db.settle(self.engine, req.id, by, now)
        return n

    def export(self, req: Request, output: Path, *, created: Any = None) -> int:
        """Write the request's Woo package at ``output``; the number of documents."""
        values = self._values(req)
        if req.settled_at:
            who = f"vastgesteld door {req.settled_by} op {req.settled_at[:10]}"
        else:
            who = (
                "nog niet vastgesteld: opgeslagen besluiten en verder de voorstellen van "
                "krantentoets"
            )
        options = WooOptions(
            reference=req.reference,
            decisions=values,
            decided_by=who,
            created=created,
            settled=bool(req.settled_at),
        )
        return self.archive.export_records(self.records(req), output, options, req)
