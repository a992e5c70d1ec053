"""The archive's operations over a database: append, verify, search, export, holds, expiry.

This is the layer the CLI, the web app and the workflow call. All database
access goes through :mod:`krantentoets.store.archive`, so SQLite and
PostgreSQL share every line here.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Connection, Engine

from krantentoets.archive.anchor import Anchor, AnchorError, Anchoring
from krantentoets.archive.canonical import loads
from krantentoets.archive.chain import (
    Problem,
    VerifyResult,
    destroyed_from_payloads,
    seal,
    verify_rows,
)
from krantentoets.archive.export import DIALOGUE_TYPES, write_export
from krantentoets.archive.record import DEFAULT_TIMEZONE, RecordType, now_text
from krantentoets.archive.redaction import Redactor
from krantentoets.archive.retention import (
    DEFAULT_RETENTION,
    PERMANENT,
    cutoff_published_before,
    expiry_date,
    retention_for,
)
from krantentoets.archive.woo import WooOptions
from krantentoets.store import archive as db
from krantentoets.store import data_dir

#: Records sealed and committed per transaction by default.
DEFAULT_BATCH = 1_000
#: A bulk load of at least this many records refreshes the planner's statistics (PostgreSQL).
ANALYZE_AFTER = 10_000


class ArchiveError(RuntimeError):
    """An archive operation cannot be done. The message (Dutch) says why."""


@dataclass(slots=True)
class AppendResult:
    appended: int = 0
    rejected: list[tuple[Any, str]] = field(default_factory=list)
    last_seq: int = 0
    last_hash: str = ""
    #: The anchor written after the last batch (when anchoring is set up), or why it failed.
    anchor: Anchor | None = None
    anchor_error: str = ""


@dataclass(frozen=True, slots=True)
class Expiring:
    seq: int
    record_id: str
    type: str
    published_at: str
    expires_on: date
    held_by: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Hold:
    id: str
    reason: str
    by: str
    placed_at: str
    record_ids: frozenset[str]
    period_from: str | None
    period_to: str | None

    def covers(self, record_id: str, published_at: str) -> bool:
        if record_id in self.record_ids:
            return True
        if self.period_from is None and self.period_to is None:
            return False
        return (self.period_from is None or published_at >= self.period_from) and (
            self.period_to is None or published_at <= self.period_to
        )


def search_text(payload: Mapping[str, Any]) -> str | None:
    """What full-text search sees: the text, whom it answers, the thread, author and account."""
    parts = [payload.get("text"), payload.get("author"), payload.get("account")]
    reply = payload.get("in_reply_to")
    thread = payload.get("thread")
    for msg in [reply, *(thread if isinstance(thread, list) else ())]:
        if isinstance(msg, dict):
            parts += [msg.get("text"), msg.get("author")]
    joined = "\n".join(p for p in parts if isinstance(p, str) and p)
    return joined or None


def _row(payload: dict[str, Any], canonical: str, prev_hash: str, digest: str) -> dict[str, Any]:
    return {
        "seq": payload["seq"],
        "record_id": payload["id"],
        "type": payload["type"],
        "published_at": payload["published_at"],
        "archived_at": payload["archived_at"],
        "search_text": search_text(payload),
        "payload": canonical,
        "prev_hash": prev_hash,
        "hash": digest,
    }


class Archive:
    """The archive in one database. ``retention_years`` and names come from the policy."""

    def __init__(
        self,
        engine: Engine,
        *,
        retention_years: Mapping[str, int | str] | None = None,
        organisation: str = "de gemeente",
        redactor: Redactor | None = None,
        timezone: str = DEFAULT_TIMEZONE,
        anchoring: Anchoring | None = None,
    ) -> None:
        self.engine = engine
        self.retention_years = dict(retention_years or {})
        self.organisation = organisation
        self.redactor = redactor
        self.timezone = timezone
        self.anchoring = anchoring

    @classmethod
    def from_policy(cls, engine: Engine, settings: Any) -> Archive:
        """An archive using a :class:`~krantentoets.policy.model.PolicySettings`."""
        archive_settings = getattr(settings, "archive", None)
        redactor = Redactor(
            keep_names=tuple(archive_settings.office_holders) if archive_settings else (),
            keep_handles=(
                *settings.organisation.handles,
                settings.organisation.name,
                *settings.organisation.aliases,
            ),
            allowlist=getattr(settings, "allowlist", None),
        )
        return cls(
            engine,
            retention_years=dict(archive_settings.retention_years) if archive_settings else {},
            organisation=settings.organisation.name,
            redactor=redactor,
            timezone=archive_settings.timezone if archive_settings else DEFAULT_TIMEZONE,
            anchoring=Anchoring.from_settings(archive_settings, data_dir()),
        )

    # -- appending ---------------------------------------------------------------

    def _seal_batch(
        self,
        conn: Connection,
        batch: list[tuple[Any, dict[str, Any]]],
        last_seq: int,
        last_hash: str,
        result: AppendResult,
    ) -> tuple[list[dict[str, Any]], int, str]:
        ids = [p["id"] for _, p in batch]
        wanted = ids + [p["corrects"] for _, p in batch if p.get("corrects")]
        existing = db.existing_ids(conn, wanted)
        seen: set[str] = set()
        rows = []
        archived_at = now_text()
        for tag, p in batch:
            rid = p["id"]
            if rid in existing or rid in seen:
                result.rejected.append((tag, f"record '{rid}' staat al in het archief"))
                continue
            target = p.get("corrects")
            if target and target not in existing and target not in seen:
                result.rejected.append(
                    (
                        tag,
                        f"record '{rid}' corrigeert '{target}', maar dat staat niet in het archief",
                    )
                )
                continue
            seen.add(rid)
            payload = {**p, "seq": last_seq + 1, "archived_at": archived_at}
            # Validated input (parse_input) holds no floats: skip the type walk.
            canonical, digest = seal(payload, last_hash, checked=False)
            rows.append(_row(payload, canonical, last_hash, digest))
            last_seq, last_hash = payload["seq"], digest
        return rows, last_seq, last_hash

    def append(
        self,
        items: Iterable[tuple[Any, dict[str, Any]]],
        *,
        batch_size: int = DEFAULT_BATCH,
        on_commit: Callable[[AppendResult, Any], None] | None = None,
    ) -> AppendResult:
        """Seal and append ``(tag, payload)`` items in order, one transaction per batch.

        A payload comes from :func:`~krantentoets.archive.record.parse_input`
        (or has the same keys). An item whose id is already archived, or a
        correction of an unknown record, is rejected with its tag and a reason;
        the rest go on. ``on_commit(result, last_tag)`` runs after each commit.
        """
        result = AppendResult()
        it = iter(items)
        while batch := list(islice(it, batch_size)):
            with db.chain_lock(self.engine) as (conn, last_seq, last_hash):
                rows, last_seq, last_hash = self._seal_batch(
                    conn, batch, last_seq, last_hash, result
                )
                db.insert_rows(conn, rows, last_seq, last_hash)
            result.appended += len(rows)
            result.last_seq, result.last_hash = last_seq, last_hash
            if rows:
                self._anchor(result)
            if on_commit is not None:
                on_commit(result, batch[-1][0])
        if result.appended >= ANALYZE_AFTER:
            db.refresh_statistics(self.engine)
        return result

    def _anchor(self, result: AppendResult) -> None:
        """Write the signed head after a committed batch (the append stands if this fails)."""
        if self.anchoring is None:
            return
        try:
            result.anchor = self.anchoring.write(result.last_seq, result.last_hash)
            result.anchor_error = ""
        except AnchorError as exc:
            result.anchor_error = str(exc)

    def write_anchor(self) -> Anchor:
        """Sign and write the current head (``archive anchor``, daily from cron)."""
        if self.anchoring is None:
            raise ArchiveError(
                "geen ankermap ingesteld: zet anchor_dir in [archive] van het beleidsbestand "
                "of KRANTENTOETS_ANCHOR_DIR"
            )
        last_seq, last_hash = db.head(self.engine)
        try:
            return self.anchoring.write(last_seq, last_hash)
        except AnchorError as exc:
            raise ArchiveError(str(exc)) from None

    def append_in(self, conn: Connection, payload: dict[str, Any]) -> tuple[int, str]:
        """Append one record inside the caller's open transaction (it commits both or neither).

        Used where an archive record must be committed together with other
        changes (a published workflow request). Raises :class:`ArchiveError`
        when the record is rejected.
        """
        result = AppendResult()
        last_seq, last_hash = db.lock_in(conn)
        rows, last_seq, last_hash = self._seal_batch(
            conn, [(payload.get("id"), payload)], last_seq, last_hash, result
        )
        if result.rejected:
            raise ArchiveError(result.rejected[0][1])
        db.insert_rows(conn, rows, last_seq, last_hash)
        return last_seq, last_hash

    def append_one(self, payload: dict[str, Any]) -> tuple[int, str]:
        """Append one record; raise :class:`ArchiveError` if it is rejected. (seq, hash)."""
        result = self.append([(payload.get("id"), payload)], batch_size=1)
        if result.rejected:
            raise ArchiveError(result.rejected[0][1])
        return result.last_seq, result.last_hash

    # -- verifying ---------------------------------------------------------------

    def verify(
        self, anchors: Mapping[int, str] | None = None, *, latest_anchor: bool = True
    ) -> VerifyResult:
        """Recompute the whole chain up to its head; the first problem is named.

        With ``latest_anchor`` (the default) and anchoring set up, the chain is
        also checked against the latest signed anchor in the anchor folder; the
        result's ``anchor_note`` says which (or why none was used).
        """
        anchors = dict(anchors or {})
        note = ""
        found_seq: int | None = None
        if latest_anchor and self.anchoring is not None:
            try:
                found = self.anchoring.latest()
            except AnchorError as exc:
                result = VerifyResult()
                result.problem = Problem(0, "(anker)", str(exc), str(exc))
                result.anchor_note = str(exc)
                return result
            if found is None:
                note = f"nog geen anker in {self.anchoring.folder}"
            else:
                anchors[found.seq] = found.hash
                found_seq = found.seq
                note = (
                    f"gecontroleerd tegen het laatste anker: nr. {found.seq}, "
                    f"vastgelegd {found.at} ({found.path})"
                )
        elif latest_anchor:
            note = (
                "geen ankermap ingesteld: een afgeknipte of opnieuw verzegelde keten valt "
                "zo niet op (zie anchor_dir in [archive])"
            )
        last_seq, last_hash = db.head(self.engine)
        destroyed = destroyed_from_payloads(
            p for _, p in db.payloads_of_type(self.engine, RecordType.DESTRUCTION.value)
        )
        rows = db.stream_rows(self.engine, upto_seq=last_seq)
        result = verify_rows(
            rows,
            destroyed,
            expect_count=last_seq,
            expect_head=last_hash,
            anchors=anchors,
        )
        if found_seq is not None and result.ok and result.last_seq > found_seq:
            note += (
                f"; {result.last_seq - found_seq} record(s) na het anker zijn nog niet verankerd "
                "(krantentoets archive anchor)"
            )
        result.anchor_note = note
        return result

    # -- reading -----------------------------------------------------------------

    def records(
        self,
        published_from: str | None = None,
        published_to: str | None = None,
        types: Iterable[str] | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Records in chain order as dicts (payload + ``hash`` + ``prev_hash``), streamed."""
        cols = ("seq", "record_id", "type", "published_at", "payload", "prev_hash", "hash")
        for seq, rid, rtype, published, payload, prev, digest in db.stream_rows(
            self.engine,
            columns=cols,
            published_from=published_from,
            published_to=published_to,
            types=list(types) if types else None,
        ):
            if payload is None:
                rec: dict[str, Any] = {
                    "seq": seq,
                    "id": rid,
                    "type": rtype,
                    "published_at": published,
                    "destroyed": True,
                }
            else:
                rec = loads(payload)
            rec["hash"] = digest
            rec["prev_hash"] = prev
            yield rec

    def get(self, record_id: str) -> dict[str, Any] | None:
        found = db.get_payloads(self.engine, [record_id]).get(record_id)
        if found is None:
            return None
        payload, digest = found
        rec = json.loads(payload) if payload else {"id": record_id, "destroyed": True}
        rec["hash"] = digest
        return rec

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        published_from: str | None = None,
        published_to: str | None = None,
    ) -> list[dict[str, Any]]:
        """Records whose text, thread, author or account match ``query``; newest first."""
        out = []
        for seq, rid, rtype, published, payload in db.search(
            self.engine,
            query,
            limit=limit,
            published_from=published_from,
            published_to=published_to,
        ):
            rec = json.loads(payload) if payload else {"seq": seq, "id": rid, "type": rtype}
            rec.setdefault("published_at", published)
            out.append(rec)
        return out

    def export(
        self,
        fmt: str,
        output: Path,
        *,
        published_from: str | None = None,
        published_to: str | None = None,
        woo: WooOptions | None = None,
    ) -> int:
        """Write an export; returns the number of records written.

        ``woo``: the request's reference and stored decisions (a Woo export
        without them applies krantentoets's proposals).
        """
        types = DIALOGUE_TYPES if fmt == "woo" else None
        records = self.records(published_from, published_to, types)
        return write_export(
            records,
            fmt,
            output,
            redactor=self.redactor or Redactor(),
            woo=self._woo_options(woo, published_from, published_to),
        )

    def _woo_options(
        self, woo: WooOptions | None, published_from: str | None, published_to: str | None
    ) -> WooOptions:
        """The export options with the organisation's settings filled in."""
        period = " ".join(
            x
            for x in (
                f"van {published_from[:10]}" if published_from else "",
                f"tot en met {published_to[:10]}" if published_to else "",
            )
            if x
        )
        return replace(
            woo or WooOptions(),
            organisation=self.organisation,
            retention_years=self.retention_years,
            period=period,
            timezone=self.timezone,
        )

    def export_records(
        self, records: Iterable[dict[str, Any]], output: Path, woo: WooOptions, req: Any
    ) -> int:
        """A Woo package of the given records (a Woo request's selection)."""
        return write_export(
            iter(records),
            "woo",
            output,
            redactor=self.redactor or Redactor(),
            woo=self._woo_options(woo, req.period_from, req.period_to),
        )

    # -- legal holds -------------------------------------------------------------

    def place_hold(
        self,
        *,
        reason: str,
        by: str,
        record_ids: Iterable[str] = (),
        period_from: str | None = None,
        period_to: str | None = None,
    ) -> str:
        """Place a legal hold (a record in the chain); returns its id."""
        ids = sorted(set(record_ids))
        if not ids and period_from is None and period_to is None:
            raise ArchiveError(
                "noem de records (--id) of een periode (--from/--to) voor de blokkade"
            )
        if ids:
            missing = set(ids) - set(db.get_payloads(self.engine, ids))
            if missing:
                raise ArchiveError(f"onbekend record: {', '.join(sorted(missing))}")
        now = now_text()
        hold_id = f"hold-{now[:10]}-{uuid.uuid4().hex[:8]}"
        payload: dict[str, Any] = {
            "id": hold_id,
            "type": RecordType.HOLD.value,
            "published_at": now,
            "text": reason,
            "by": by,
        }
        if ids:
            payload["record_ids"] = ids
        if period_from or period_to:
            payload["period"] = {
                k: v for k, v in (("from", period_from), ("to", period_to)) if v is not None
            }
        self.append_one(payload)
        return hold_id

    def release_hold(self, hold_id: str, *, reason: str, by: str) -> str:
        if hold_id not in {h.id for h in self.holds()}:
            raise ArchiveError(f"geen actieve blokkade '{hold_id}'")
        now = now_text()
        release_id = f"hold-release-{now[:10]}-{uuid.uuid4().hex[:8]}"
        self.append_one(
            {
                "id": release_id,
                "type": RecordType.HOLD_RELEASE.value,
                "published_at": now,
                "text": reason,
                "by": by,
                "releases": hold_id,
            }
        )
        return release_id

    def holds(self) -> list[Hold]:
        """The legal holds in force (placed and not lifted)."""
        released = {
            json.loads(p).get("releases")
            for _, p in db.payloads_of_type(self.engine, RecordType.HOLD_RELEASE.value)
            if p
        }
        holds = []
        for _, p in db.payloads_of_type(self.engine, RecordType.HOLD.value):
            if not p:
                continue
            data = json.loads(p)
            if data["id"] in released:
                continue
            period = data.get("period") or {}
            holds.append(
                Hold(
                    id=data["id"],
                    reason=data.get("text", ""),
                    by=data.get("by", ""),
                    placed_at=data["published_at"],
                    record_ids=frozenset(data.get("record_ids", ())),
                    period_from=period.get("from"),
                    period_to=period.get("to"),
                )
            )
        return holds

    # -- retention ---------------------------------------------------------------

    def expiring(self, today: date | None = None) -> Iterator[Expiring]:
        """Records whose retention period has ended by ``today``, held ones marked."""
        today = today or datetime.now(UTC).date()
        holds = self.holds()
        for rtype in DEFAULT_RETENTION:
            years = retention_for(rtype, self.retention_years)
            if years == PERMANENT or not isinstance(years, int):
                continue
            cutoff = cutoff_published_before(today, years)
            for seq, rid, published, _hash in db.expired_candidates(self.engine, rtype, cutoff):
                expires = expiry_date(published, years)
                assert expires is not None
                if expires > today:
                    continue
                held = tuple(h.id for h in holds if h.covers(rid, published))
                yield Expiring(seq, rid, rtype, published, expires, held)

    def destroy(
        self,
        *,
        by: str,
        approved_by: str,
        reason: str,
        today: date | None = None,
        chunk: int = 5_000,
    ) -> tuple[int, list[str]]:
        """Destroy the content of every expired record not under a hold (four eyes).

        Each chunk is one destruction record in the chain (listing ``seq``, id
        and hash of what it removes) and the erasure, in one transaction.
        Returns (records destroyed, ids of the destruction records).
        """
        if not by.strip() or not approved_by.strip():
            raise ArchiveError("vernietigen vraagt wie het doet (--by) en wie het goedkeurt")
        if by.strip().casefold() == approved_by.strip().casefold():
            raise ArchiveError(
                "vernietigen vraagt goedkeuring door een ander: --by en --approved-by "
                "moeten verschillen"
            )
        due = (e for e in self.expiring(today) if not e.held_by)
        total = 0
        made: list[str] = []
        while items := list(islice(due, chunk)):
            with db.chain_lock(self.engine) as (conn, last_seq, last_hash):
                hashes = db.hashes_of(conn, [e.seq for e in items])
                now = now_text()
                destruction_id = f"destruction-{now[:10]}-{uuid.uuid4().hex[:8]}"
                payload = {
                    "id": destruction_id,
                    "type": RecordType.DESTRUCTION.value,
                    "published_at": now,
                    "text": reason,
                    "by": by,
                    "approved_by": approved_by,
                    "records": [
                        {"seq": e.seq, "id": e.record_id, "hash": hashes[e.seq]} for e in items
                    ],
                    "seq": last_seq + 1,
                    "archived_at": now,
                }
                canonical, digest = seal(payload, last_hash)
                db.insert_rows(
                    conn, [_row(payload, canonical, last_hash, digest)], payload["seq"], digest
                )
                db.erase(conn, payload["seq"], [e.seq for e in items])
            total += len(items)
            made.append(destruction_id)
        return total, made
