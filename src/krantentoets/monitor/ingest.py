"""Poll the configured sources and store what is new: dedupe, match, triage, commit per batch.

A batch (one page of a source, or up to 500 lines of an export) is one
transaction: the new mentions of the batch and the source's poll state are
committed together, so a crash halfway loses nothing committed and the next
run continues where the committed state says. Mentions are unique per
``(source, external id)``: a re-run stores nothing twice (and two runs at the
same time cannot either: inserts skip a conflicting row).

One failing source (network error, bad answer, missing file) is reported and
the other sources are still polled.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from krantentoets.monitor.match import MentionMatcher
from krantentoets.monitor.sources import Batch, FetchContext, Item, SourceError, fetcher
from krantentoets.monitor.sources.base import make_client
from krantentoets.policy import Policy
from krantentoets.policy.model import MonitorSourceSettings as SourceSettings
from krantentoets.store import session_scope
from krantentoets.store.base import utcnow
from krantentoets.store.monitor import Mention, MonitorSource

__all__ = [
    "SourceReport",
    "TriageFn",
    "ingest_items",
    "load_triage",
    "poll_source",
    "poll_sources",
]

log = logging.getLogger(__name__)

#: Rows per ``IN (...)`` lookup of known ids (well under every database's parameter limit).
LOOKUP_CHUNK = 500

#: text -> stored triage fields (label, signal, advice, reasons, sentiment, sentiment_score).
#: A function may carry ``.many(texts)`` to triage a batch at once (tones embedded together).
TriageFn = Callable[[str], dict[str, Any]]


@dataclass
class SourceReport:
    """What one poll of one source did."""

    name: str
    kind: str
    fetched: int = 0
    new: int = 0
    duplicates: int = 0
    #: Items that do not name the organisation (only with ``filter = "mentions"``).
    unrelated: int = 0
    errors: list[str] = field(default_factory=list)
    #: True when the source itself failed (not just a bad line).
    failed: bool = False

    def line(self) -> str:
        """One Dutch progress line."""
        parts = [
            f"opgehaald {self.fetched}",
            f"nieuw {self.new}",
            f"dubbel {self.duplicates}",
        ]
        if self.unrelated:
            parts.append(f"niet over ons {self.unrelated}")
        parts.append(f"fouten {len(self.errors)}")
        return f"{self.name}: " + ", ".join(parts)


# -- triage ---------------------------------------------------------------------------


def _jsonable(reason: Any) -> Any:
    if isinstance(reason, str | int | float | bool) or reason is None:
        return reason
    if isinstance(reason, dict):
        return {str(k): _jsonable(v) for k, v in reason.items()}
    if hasattr(reason, "nl") and hasattr(reason, "en"):  # krantentoets.rules.base.Msg
        return {"nl": reason.nl, "en": reason.en}
    return str(reason)


def _plain(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def load_triage(policy: Policy) -> TriageFn | None:
    """The triage of :mod:`krantentoets.monitor.triage`, bound to ``policy``; None if absent."""
    try:
        module = importlib.import_module("krantentoets.monitor.triage")
        triage = module.triage
    except ImportError as exc:
        if exc.name and not exc.name.startswith("krantentoets.monitor.triage"):
            raise
        log.warning("krantentoets.monitor.triage not available: mentions stored without label")
        return None

    def fields(result: Any) -> dict[str, Any]:
        tone = getattr(result, "sentiment", None)
        return {
            "label": _plain(result.label),
            "signal": bool(result.signal),
            "advice": _plain(result.advice),
            "reasons": [_jsonable(r) for r in (result.reasons or ())],
            "sentiment": None if tone is None else tone.label,
            "sentiment_score": None if tone is None else round(float(tone.score), 4),
        }

    triage_many = getattr(module, "triage_many", None)

    def many(texts: Sequence[str]) -> list[dict[str, Any]]:
        if triage_many is None:
            return [fields(triage(t, policy)) for t in texts]
        return [fields(r) for r in triage_many(texts, policy)]

    def run(text: str) -> dict[str, Any]:
        return many([text])[0]

    run.many = many  # type: ignore[attr-defined]
    return run


def _triage_all(triage: TriageFn, texts: list[str]) -> list[dict[str, Any] | Exception]:
    """Triage fields per text: in one batch when ``triage`` can, else (or on error) one by one."""
    many = getattr(triage, "many", None)
    if many is not None:
        try:
            return list(many(texts))
        except Exception:  # one odd post must not stop the batch: retry one by one
            log.exception("batch triage failed; triaging one post at a time")
    out: list[dict[str, Any] | Exception] = []
    for text in texts:
        try:
            out.append(triage(text))
        except Exception as exc:
            out.append(exc)
    return out


# -- storing --------------------------------------------------------------------------


def _insert(session: Session) -> Any:
    """An INSERT that skips rows whose (source, external id) is already stored."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(Mention).on_conflict_do_nothing(index_elements=["source_id", "external_id"])


def _known_ids(session: Session, source_id: int, ids: Sequence[str]) -> set[str]:
    known: set[str] = set()
    for start in range(0, len(ids), LOOKUP_CHUNK):
        chunk = ids[start : start + LOOKUP_CHUNK]
        known.update(
            session.scalars(
                select(Mention.external_id).where(
                    Mention.source_id == source_id, Mention.external_id.in_(chunk)
                )
            )
        )
    return known


def ingest_items(
    session: Session,
    source_id: int,
    items: Iterable[Item],
    *,
    matcher: MentionMatcher | None,
    triage: TriageFn | None,
    report: SourceReport,
) -> None:
    """Add the new, relevant ``items`` to ``session`` (the caller commits).

    ``matcher`` None keeps every item (``filter = "all"``); else items that do
    not name the organisation are counted as unrelated and dropped.
    """
    unique: dict[str, tuple[Item, list[str]]] = {}
    for item in items:
        report.fetched += 1
        if item.external_id in unique:
            report.duplicates += 1
            continue
        matched = matcher.find(item.text) if matcher is not None else []
        if matcher is not None and not matched:
            report.unrelated += 1
            continue
        unique[item.external_id] = (item, matched)
    if not unique:
        return
    known = _known_ids(session, source_id, list(unique))
    report.duplicates += len(known)
    now = utcnow()
    rows: list[dict[str, Any]] = []
    new = [(eid, item, matched) for eid, (item, matched) in unique.items() if eid not in known]
    triaged = _triage_all(triage, [item.text for _, item, _ in new]) if triage else []
    for k, (external_id, item, matched) in enumerate(new):
        fields: dict[str, Any] = {
            "label": None,
            "signal": False,
            "advice": None,
            "reasons": [],
            "sentiment": None,
            "sentiment_score": None,
        }
        if triage is not None:
            result = triaged[k]
            if isinstance(result, Exception):  # one odd post must not stop the ingest
                log.error("triage failed for %s: %s", external_id, result)
                report.errors.append(f"beoordeling mislukt voor {external_id}: {result}")
            else:
                fields.update(result)
        rows.append(
            {
                "source_id": source_id,
                "external_id": external_id[:512],
                "url": item.url,
                "author": item.author[:300] if item.author else None,
                "author_name": item.author_name[:300] if item.author_name else None,
                "text": item.text,
                "published_at": item.published_at,
                "fetched_at": now,
                "matched": matched,
                "assigned_to": None,
                "handled_at": None,
                "handled_by": None,
                **fields,
            }
        )
    if rows:
        session.execute(_insert(session), rows)
        report.new += len(rows)


def _source_row(engine: Engine, name: str, kind: str) -> tuple[int, dict[str, Any]]:
    with session_scope(engine) as session:
        row = session.scalars(select(MonitorSource).where(MonitorSource.name == name)).first()
        if row is None:
            row = MonitorSource(name=name, kind=kind, state={})
            session.add(row)
            session.flush()
        return row.id, dict(row.state or {})


def _save_state(session: Session, source_id: int, state: dict[str, Any]) -> None:
    row = session.get(MonitorSource, source_id)
    assert row is not None
    row.state = state


def _finish(engine: Engine, source_id: int, report: SourceReport) -> None:
    with session_scope(engine) as session:
        row = session.get(MonitorSource, source_id)
        assert row is not None
        now = utcnow()
        row.last_polled_at = now
        if report.failed:
            row.error_count = (row.error_count or 0) + 1
            row.last_error = report.errors[-1] if report.errors else "onbekende fout"
        else:
            row.error_count = 0
            row.last_ok_at = now
            row.last_error = None


# -- polling --------------------------------------------------------------------------


def poll_source(
    engine: Engine,
    source: SourceSettings,
    ctx: FetchContext,
    *,
    matcher: MentionMatcher,
    triage: TriageFn | None,
) -> SourceReport:
    """Poll one source: every batch is committed with the source's state."""
    report = SourceReport(name=source.key, kind=source.kind)
    source_id, state = _source_row(engine, source.key, source.kind)
    keep = None if source.filter == "all" else matcher
    try:
        batches: Iterable[Batch] = fetcher(source.kind)(source, state, ctx)
        for batch in batches:
            report.errors.extend(batch.errors)
            with session_scope(engine) as session:
                ingest_items(
                    session,
                    source_id,
                    batch.items,
                    matcher=keep,
                    triage=triage,
                    report=report,
                )
                if batch.state is not None:
                    _save_state(session, source_id, batch.state)
    except SourceError as exc:
        report.failed = True
        report.errors.append(str(exc))
    except httpx.TimeoutException:
        report.failed = True
        report.errors.append("geen antwoord binnen de tijdslimiet (timeout)")
    except httpx.HTTPError as exc:
        report.failed = True
        report.errors.append(f"netwerkfout: {exc}")
    except Exception as exc:
        # A source that answers something unexpected must not stop the others.
        log.exception("source %s failed", source.key)
        report.failed = True
        report.errors.append(f"onverwachte fout ({type(exc).__name__}): {exc}")
    _finish(engine, source_id, report)
    return report


def poll_sources(
    engine: Engine,
    policy: Policy,
    *,
    only: Sequence[str] = (),
    base_dir: Path | None = None,
    client: httpx.Client | None = None,
    triage: TriageFn | bool | None = True,
    progress: Callable[[SourceReport], None] | None = None,
) -> list[SourceReport]:
    """Poll every enabled source of the policy once (or only those named in ``only``).

    ``triage`` True loads :func:`load_triage`; a function is used as is; None
    or False stores mentions without triage.
    """
    settings = policy.settings.monitor
    sources = [s for s in settings.sources if s.enabled and (not only or s.key in only)]
    matcher = MentionMatcher.from_organisation(policy.settings.organisation)
    triage_fn: TriageFn | None
    if triage is True:
        triage_fn = load_triage(policy)
    elif triage is False:
        triage_fn = None
    else:
        triage_fn = triage
    own_client = client is None
    http = client or make_client(timeout=settings.timeout)
    ctx = FetchContext(
        client=http,
        names=matcher.search_names,
        hashtags=matcher.search_hashtags,
        base_dir=base_dir or Path.cwd(),
    )
    reports: list[SourceReport] = []
    try:
        for source in sources:
            report = poll_source(engine, source, ctx, matcher=matcher, triage=triage_fn)
            reports.append(report)
            if progress is not None:
                progress(report)
    finally:
        if own_client:
            http.close()
    return reports
