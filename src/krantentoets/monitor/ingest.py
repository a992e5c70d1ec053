"""Poll the configured sources and store what is new: dedupe, match, triage, commit per batch.

A batch (one page of a source, or up to 500 lines of an export) is one
transaction: the new mentions of the batch and the source's poll state are
committed together, so a crash halfway loses nothing committed and the next
run continues where the committed state says. Mentions are unique per
``(source, external id)``: a re-run stores nothing twice (and two runs at the
same time cannot either: inserts skip a conflicting row).

One pipeline per batch, each step one function: fetch (the source's fetcher,
which normalises records into :class:`Item`) -> :func:`screen` (visibility,
text cap) -> :func:`match` -> triage -> :func:`store`.

Nothing is lost silently: a record that cannot be read, is not public or does
not name the organisation is counted in the report with its reason; a source
that stops paging early (page cap, refused or failed page, deadline) says so
in ``pages_left`` and its saved state makes the next poll fetch the rest. One
failing source (network error, bad answer, missing file, deadline) is reported
and the other sources are still polled.
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
from krantentoets.monitor.sources import Batch, FetchContext, Item, fetcher
from krantentoets.monitor.sources.base import MAX_ITEM_TEXT, USER_AGENT, Skipped
from krantentoets.platforms import PlatformError
from krantentoets.platforms.net import Budget, guarded_httpx
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
    #: Stored items whose newer edit replaced the text (the old text kept as a version).
    updated: int = 0
    errors: list[str] = field(default_factory=list)
    #: Records not stored, each ``{"id", "reason"}`` (unreadable, not public, ...).
    skipped: list[dict[str, Any]] = field(default_factory=list)
    #: Why paging stopped early; what is left is fetched by the next poll.
    pages_left: list[str] = field(default_factory=list)
    #: True when the source itself failed (not just a bad line).
    failed: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The summary ``monitor run --format json`` prints per source."""
        reasons: dict[str, int] = {}
        for skip in self.skipped:
            key = str(skip["reason"]).split(" (")[0]
            reasons[key] = reasons.get(key, 0) + 1
        return {
            "source": self.name,
            "kind": self.kind,
            "fetched": self.fetched,
            "new": self.new,
            "duplicate": self.duplicates,
            "updated": self.updated,
            "unrelated": self.unrelated,
            "skipped": len(self.skipped),
            "skipped_reasons": reasons,
            "skipped_items": self.skipped,
            "pages_left": self.pages_left,
            "errors": self.errors,
            "failed": self.failed,
        }

    def line(self) -> str:
        """One Dutch progress line."""
        parts = [
            f"opgehaald {self.fetched}",
            f"nieuw {self.new}",
            f"dubbel {self.duplicates}",
        ]
        if self.updated:
            parts.append(f"bewerkt {self.updated}")
        if self.unrelated:
            parts.append(f"niet over ons {self.unrelated}")
        if self.skipped:
            parts.append(f"overgeslagen {len(self.skipped)}")
        parts.append(f"fouten {len(self.errors)}")
        line = f"{self.name}: " + ", ".join(parts)
        if self.pages_left and not self.failed:
            line += f"; nog niet alles opgehaald ({self.pages_left[-1]})"
        return line


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


def screen(items: Iterable[Item], *, include_private: bool, report: SourceReport) -> list[Item]:
    """Drop what may not be kept (followers-only and direct posts, unless the policy asks)."""
    kept: list[Item] = []
    for item in items:
        report.fetched += 1
        if item.visibility in ("private", "direct") and not include_private:
            report.skipped.append(
                {"id": item.external_id, "reason": f"niet openbaar ({item.visibility})"}
            )
            continue
        kept.append(item)
    return kept


def searchable(item: Item) -> str:
    """The text to match: the post, and what it shows (alt text, link card, quote)."""
    parts = [item.text]
    for medium in item.details.get("media", ()):
        if medium.get("alt"):
            parts.append(str(medium["alt"]))
    card = item.details.get("card") or {}
    parts.extend(str(card[k]) for k in ("title", "description") if card.get(k))
    quote = item.details.get("quote") or {}
    parts.extend(str(quote[k]) for k in ("author", "text") if quote.get(k))
    parts.extend(str(m) for m in item.details.get("mentions", ()) if str(m).startswith("@"))
    return "\n".join(p for p in parts if p)


def match(
    items: Iterable[Item],
    *,
    matcher: MentionMatcher | None,
    watchers: dict[str, MentionMatcher],
    report: SourceReport,
) -> list[tuple[Item, list[str], list[str]]]:
    """Items that name the organisation (or an office holder): ``(item, matched, watchers)``."""
    out: list[tuple[Item, list[str], list[str]]] = []
    seen: set[str] = set()
    for item in items:
        if item.external_id in seen:
            report.duplicates += 1
            continue
        seen.add(item.external_id)
        text = searchable(item)
        found = matcher.find(text) if matcher is not None else []
        holders = [user for user, m in watchers.items() if m.find(text)]
        if matcher is not None and not found and not holders:
            report.unrelated += 1
            continue
        out.append((item, found, holders))
    return out


def _stored(session: Session, source_id: int, ids: Sequence[str]) -> dict[str, Mention]:
    known: dict[str, Mention] = {}
    for start in range(0, len(ids), LOOKUP_CHUNK):
        chunk = ids[start : start + LOOKUP_CHUNK]
        rows = session.scalars(
            select(Mention).where(Mention.source_id == source_id, Mention.external_id.in_(chunk))
        )
        known.update((row.external_id, row) for row in rows)
    return known


def _triage_batch(
    triage: TriageFn | None, items: Sequence[Item], report: SourceReport
) -> dict[str, dict[str, Any]]:
    """Triage fields per external id, the whole batch embedded at once (tone model)."""
    empty: dict[str, Any] = {
        "label": None,
        "signal": False,
        "advice": None,
        "reasons": [],
        "sentiment": None,
        "sentiment_score": None,
    }
    out = {item.external_id: dict(empty) for item in items}
    if triage is None or not items:
        return out
    texts = [item.text[:MAX_ITEM_TEXT] or searchable(item) for item in items]
    for item, result in zip(items, _triage_all(triage, texts), strict=True):
        if isinstance(result, Exception):  # one odd post must not stop the ingest
            log.error("triage failed for %s: %s", item.external_id, result)
            report.errors.append(f"beoordeling mislukt voor {item.external_id}: {result}")
        else:
            out[item.external_id] = result
    return out


def _newer(edited: Any, stored: Any) -> bool:
    return edited is not None and (stored is None or edited > stored)


def store(
    session: Session,
    source_id: int,
    matched: Sequence[tuple[Item, list[str], list[str]]],
    *,
    triage: TriageFn | None,
    report: SourceReport,
) -> None:
    """Insert the new items; a stored item with a newer edit gets the new text as a version."""
    if not matched:
        return
    known = _stored(session, source_id, [item.external_id for item, _, _ in matched])
    todo = [
        item
        for item, _, _ in matched
        if (row := known.get(item.external_id)) is None or _newer(item.edited_at, row.edited_at)
    ]
    triaged = _triage_batch(triage, todo, report)
    now = utcnow()
    rows: list[dict[str, Any]] = []
    for item, found, holders in matched:
        text = item.text[:MAX_ITEM_TEXT]
        details = dict(item.details)
        if len(item.text) > MAX_ITEM_TEXT:
            details["truncated_from"] = len(item.text)
        row = known.get(item.external_id)
        if row is not None:
            if not _newer(item.edited_at, row.edited_at):
                report.duplicates += 1
                continue
            versions = list((row.details or {}).get("versions", []))
            versions.append(
                {"text": row.text, "edited_at": _iso(row.edited_at or row.published_at)}
            )
            details["versions"] = versions
            row.text = text
            row.edited_at = item.edited_at
            row.details = details
            row.matched = found
            row.watchers = holders
            for key, value in triaged[item.external_id].items():
                setattr(row, key, value)
            report.updated += 1
            continue
        rows.append(
            {
                "source_id": source_id,
                "external_id": item.external_id[:512],
                "url": item.url,
                "author": item.author[:300] if item.author else None,
                "author_name": item.author_name[:300] if item.author_name else None,
                "text": text,
                "published_at": item.published_at,
                "fetched_at": now,
                "matched": found,
                "assigned_to": None,
                "handled_at": None,
                "handled_by": None,
                "visibility": item.visibility,
                "edited_at": item.edited_at,
                "details": details,
                "watchers": holders,
                **triaged[item.external_id],
            }
        )
    if rows:
        result = session.execute(_insert(session).returning(Mention.external_id), rows)
        inserted = len(result.all())
        report.new += inserted
        report.duplicates += len(rows) - inserted  # stored meanwhile by a parallel run


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def ingest_items(
    session: Session,
    source_id: int,
    items: Iterable[Item],
    *,
    matcher: MentionMatcher | None,
    triage: TriageFn | None,
    report: SourceReport,
    include_private: bool = False,
    watchers: dict[str, MentionMatcher] | None = None,
) -> None:
    """The pipeline for one batch: screen -> match -> triage -> store (the caller commits).

    ``matcher`` None keeps every item (``filter = "all"``); else items that do
    not name the organisation (or a watched office holder) are counted as
    unrelated and dropped.
    """
    kept = screen(items, include_private=include_private, report=report)
    found = match(kept, matcher=matcher, watchers=watchers or {}, report=report)
    store(session, source_id, found, triage=triage, report=report)


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
        # What the next poll still has to fetch and what was skipped: for `monitor sources`.
        row.state = {
            **(row.state or {}),
            "last_poll": {
                "pages_left": report.pages_left,
                "skipped": len(report.skipped),
                "new": report.new,
            },
        }
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
    watchers: dict[str, MentionMatcher] | None = None,
) -> SourceReport:
    """Poll one source within its deadline: every batch is committed with the source's state."""
    report = SourceReport(name=source.key, kind=source.kind)
    source_id, state = _source_row(engine, source.key, source.kind)
    keep = None if source.filter == "all" else matcher
    ctx.budget.start()
    try:
        batches: Iterable[Batch] = fetcher(source.kind)(source, state, ctx)
        for batch in batches:
            report.errors.extend(batch.errors)
            report.skipped.extend(_skip(s) for s in batch.skipped)
            report.fetched += len(batch.skipped)  # received, though not readable or empty
            if batch.pages_left:
                report.pages_left.append(batch.pages_left)
                log.warning("source %s: pages left: %s", source.key, batch.pages_left)
            with session_scope(engine) as session:
                ingest_items(
                    session,
                    source_id,
                    batch.items,
                    matcher=keep,
                    triage=triage,
                    report=report,
                    include_private=bool(getattr(source, "include_private", False)),
                    watchers=watchers,
                )
                if batch.state is not None:
                    _save_state(session, source_id, batch.state)
    except PlatformError as exc:
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
    if report.failed:
        # What was committed stays; the saved state makes the next poll fetch the rest.
        report.pages_left.append(f"afgebroken: {report.errors[-1]}")
    for skip in report.skipped:
        log.info("source %s: skipped %s: %s", source.key, skip["id"], skip["reason"])
    _finish(engine, source_id, report)
    return report


def _skip(skipped: Skipped) -> dict[str, Any]:
    return {"id": skipped.external_id, "reason": skipped.reason}


def make_budget(settings: Any) -> Budget:
    """The limits of one poll of one source, from the policy's ``[monitor]`` section."""
    return Budget(
        timeout=float(settings.timeout),
        deadline=float(settings.deadline),
        max_bytes=int(settings.max_response_mb * 1024 * 1024),
        allow_hosts=frozenset(settings.allow_private_hosts),
    )


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
    watchers = {
        w.user: MentionMatcher(tuple(w.names), tuple(w.handles), ()) for w in settings.watch
    }
    triage_fn: TriageFn | None
    if triage is True:
        triage_fn = load_triage(policy)
    elif triage is False:
        triage_fn = None
    else:
        triage_fn = triage
    budget = make_budget(settings)
    own_client = client is None
    http = client or guarded_httpx(budget, USER_AGENT)
    ctx = FetchContext(
        client=http,
        # Searches without a query look for the organisation and the watched office holders.
        names=tuple(
            dict.fromkeys((*matcher.search_names, *(n for w in settings.watch for n in w.names)))
        ),
        hashtags=matcher.search_hashtags,
        base_dir=base_dir or Path.cwd(),
        budget=budget,
        engine=engine,
    )
    reports: list[SourceReport] = []
    try:
        for source in sources:
            report = poll_source(
                engine, source, ctx, matcher=matcher, triage=triage_fn, watchers=watchers
            )
            reports.append(report)
            if progress is not None:
                progress(report)
    finally:
        if own_client:
            http.close()
    return reports
