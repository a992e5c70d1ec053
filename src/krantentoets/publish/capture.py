"""Capture the dialogue around our published posts into the archive (MW-7, Archiefwet, Woo).

For every post krantentoets published (and that is archived), the platform is
asked for the replies (at any depth), quotes and mentions. Each one becomes an
archive record of that post's thread (``meta.thread`` is the record id of our
post; ``in_reply_to`` is the message it answers): who, when, the text, media
with SHA-256 (the bytes are kept in the data folder), the link. When a
captured post changes on the platform, a *correction* record with the new text
points at the previous version; when it disappears, a correction records the
deletion. Nothing is ever overwritten: the original stays in the chain.

Each post's new records are appended in one transaction together with the
bookkeeping in ``capture_items``: a failure halfway (the platform answers 429
or 500) leaves no half-captured thread, and the next run takes it up again.
Our own replies (published through krantentoets) are already archived and
are skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.engine import Engine

from krantentoets.archive.record import format_time, parse_input
from krantentoets.publish.accounts import (
    AccountError,
    mark_refused,
    open_publisher,
    store_refreshed,
)
from krantentoets.publish.base import PlatformError, Publisher, Remote
from krantentoets.publish.credentials import Vault
from krantentoets.publish.service import keep_media
from krantentoets.store import session_scope
from krantentoets.store.base import utcnow
from krantentoets.store.publish import CaptureItem, PublishAccount, PublishPost

__all__ = ["CaptureReport", "capture_dialogues"]

#: Largest media file downloaded for the archive (bytes); larger ones keep only their link.
MAX_MEDIA_BYTES = 20 * 1024 * 1024
MEDIA_TIMEOUT = 30.0
DELETED_TEXT = "[Verwijderd op het platform; het eerdere record blijft bewaard.]"
KIND_LABEL = {"reply": "reactie", "quote": "citaat", "mention": "vermelding"}


@dataclass
class CaptureReport:
    posts: int = 0
    new: int = 0
    edited: int = 0
    deleted: int = 0
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"dialoog vastleggen: {self.posts} bericht(en) bekeken, {self.new} nieuw, "
            f"{self.edited} bewerkt, {self.deleted} verwijderd"
            + (f", {len(self.errors)} fout(en)" if self.errors else "")
        )


Fetcher = Callable[[str], bytes]


def _download(url: str) -> bytes:
    with httpx.stream("GET", url, timeout=MEDIA_TIMEOUT, follow_redirects=True) as resp:
        resp.raise_for_status()
        data = b""
        for chunk in resp.iter_bytes():
            data += chunk
            if len(data) > MAX_MEDIA_BYTES:
                raise ValueError("te groot")
        return data


def _media(remote: Remote, fetch: Fetcher, folder: Path | None) -> list[dict[str, Any]]:
    out = []
    for m in remote.media:
        item: dict[str, Any] = {"url": m.url}
        if m.alt:
            item["alt"] = m.alt
        try:
            data = fetch(m.url)
        except (httpx.HTTPError, ValueError, OSError) as exc:
            item["error"] = f"niet opgehaald: {type(exc).__name__}"
        else:
            item["sha256"] = keep_media(data, folder)
            item["size"] = len(data)
        out.append(item)
    return out


def _record(
    remote: Remote,
    *,
    record_id: str,
    platform: str,
    thread: str,
    parent: dict[str, Any] | None,
    media: list[dict[str, Any]],
    event: str,
    corrects: str | None = None,
    text: str | None = None,
    when: datetime | None = None,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": record_id,
        "type": "correction" if corrects else "post",
        "platform": platform,
        "account": remote.author_handle,
        "author": remote.author_name or remote.author_handle,
        "text": text or remote.text or "[alleen media]",
        "published_at": format_time(when or remote.edited_at or remote.created_at),
        "url": remote.url,
        "corrects": corrects,
        "in_reply_to": parent,
        "meta": {
            "thread": thread,
            "event": event,
            "kind": remote.kind,
            "platform_id": remote.platform_id,
            "in_reply_to_id": remote.in_reply_to_id,
            "captured_at": format_time(utcnow()),
            "content_sha256": remote.content_hash(),
            "media": media,
        },
    }
    data["meta"] = {k: v for k, v in data["meta"].items() if v is not None}
    return parse_input({k: v for k, v in data.items() if v is not None})


def _parent(remote: Remote, post: PublishPost, account: PublishAccount, by_id: dict[str, Remote]):
    if remote.in_reply_to_id and remote.in_reply_to_id in by_id:
        p = by_id[remote.in_reply_to_id]
        return {
            "author": p.author_name or p.author_handle,
            "text": p.text or "[alleen media]",
            "url": p.url,
        }
    return {"author": account.handle, "text": post.text, "url": post.url}


def _capture_post(
    engine: Engine,
    archive: Any,
    publisher: Publisher,
    post_id: int,
    ours: set[str],
    report: CaptureReport,
    fetch: Fetcher,
    folder: Path | None,
    vault: Vault,
) -> None:
    with session_scope(engine) as session:
        post = session.get(PublishPost, post_id)
        assert post is not None
        account = session.get(PublishAccount, post.account_id)
        assert account is not None
        platform_id, ref = post.platform_id or "", dict(post.platform_ref or {})
        ref["url"] = post.url  # mentions that link to our post are found by it
        known = {
            c.platform_id: (c.content_hash, c.record_id, c.versions, c.deleted)
            for c in session.scalars(select(CaptureItem).where(CaptureItem.post_id == post.id))
        }
    ours_now = publisher.fetch(platform_id)
    if ours_now is None:
        _our_post_deleted(engine, archive, post_id, report)
        return
    try:
        remotes = [r for r in publisher.dialogue(platform_id, ref) if r.platform_id not in ours]
    except PlatformError as exc:
        if exc.kind == "not-found" and publisher.fetch(platform_id) is None:
            _our_post_deleted(engine, archive, post_id, report)
            return
        raise
    seen = {r.platform_id for r in remotes}
    gone = [pid for pid, k in known.items() if pid not in seen and not k[3]]
    # Ask once more for each post that left the thread: deleted, or only hidden from it?
    deleted = [pid for pid in gone if publisher.fetch(pid) is None]
    by_id = {r.platform_id: r for r in remotes}
    media = {
        r.platform_id: _media(r, fetch, folder)
        for r in remotes
        if r.platform_id not in known or known[r.platform_id][0] != r.content_hash()
    }
    with session_scope(engine) as session:
        post = session.get(PublishPost, post_id)
        account = session.get(PublishAccount, post.account_id)  # type: ignore[union-attr]
        assert post is not None and account is not None and post.record_id
        conn = session.connection()
        items = {
            c.platform_id: c
            for c in session.scalars(select(CaptureItem).where(CaptureItem.post_id == post.id))
        }
        now = utcnow()
        for r in remotes:
            item = items.get(r.platform_id)
            parent = _parent(r, post, account, by_id)
            if item is None:
                rid = f"capture-{post.platform}-{r.platform_id}"
                archive.append_in(
                    conn,
                    _record(
                        r,
                        record_id=rid,
                        platform=post.platform,
                        thread=post.record_id,
                        parent=parent,
                        media=media[r.platform_id],
                        event="captured",
                    ),
                )
                session.add(
                    CaptureItem(
                        post_id=post.id,
                        platform=post.platform,
                        platform_id=r.platform_id,
                        kind=r.kind,
                        url=r.url,
                        content_hash=r.content_hash(),
                        first_record_id=rid,
                        record_id=rid,
                        versions=1,
                    )
                )
                report.new += 1
            elif not item.deleted and item.content_hash != r.content_hash():
                rid = f"{item.first_record_id}-v{item.versions + 1}"
                archive.append_in(
                    conn,
                    _record(
                        r,
                        record_id=rid,
                        platform=post.platform,
                        thread=post.record_id,
                        parent=parent,
                        media=media[r.platform_id],
                        event="edited",
                        corrects=item.record_id,
                    ),
                )
                item.record_id, item.versions = rid, item.versions + 1
                item.content_hash, item.last_seen_at = r.content_hash(), now
                report.edited += 1
            elif item is not None:
                item.last_seen_at = now
        for pid in deleted:
            item = items[pid]
            rid = f"{item.first_record_id}-deleted"
            previous = archive.get(item.record_id) or {}
            gone_remote = Remote(
                platform_id=pid,
                kind=item.kind,
                author_handle=previous.get("account") or "",
                author_name=previous.get("author"),
                text=DELETED_TEXT,
                created_at=now,
                url=item.url,
            )
            archive.append_in(
                conn,
                _record(
                    gone_remote,
                    record_id=rid,
                    platform=post.platform,
                    thread=post.record_id,
                    parent=previous.get("in_reply_to"),
                    media=[],
                    event="deleted",
                    corrects=item.record_id,
                    when=now,
                ),
            )
            item.record_id, item.deleted = rid, True
            report.deleted += 1
        _our_post_edited(conn, archive, post, account, ours_now, report)
        post.captured_at, post.capture_error = now, None
        store_refreshed(account, publisher, vault)


def _our_post_edited(
    conn: Any,
    archive: Any,
    post: PublishPost,
    account: PublishAccount,
    now_seen: Remote,
    report: CaptureReport,
) -> None:
    """Our own post changed on the platform (edited there, not through krantentoets).

    The first capture notes how the platform shows the post (its rendering may
    differ from the text we sent: links, line breaks); a later difference is an edit.
    """
    digest = now_seen.content_hash()
    if post.content_hash is None:
        post.content_hash = digest
        return
    if digest == post.content_hash:
        return
    assert post.record_id
    previous = post.record_id if post.versions == 1 else f"{post.record_id}-v{post.versions}"
    seen = Remote(
        platform_id=post.platform_id or "",
        kind="own",
        author_handle=account.handle,
        author_name=None,
        text=now_seen.text,
        created_at=now_seen.edited_at or utcnow(),
        url=post.url,
        media=now_seen.media,
    )
    archive.append_in(
        conn,
        _record(
            seen,
            record_id=f"{post.record_id}-v{post.versions + 1}",
            platform=post.platform,
            thread=post.record_id,
            parent=None,
            media=[{"url": m.url, **({"alt": m.alt} if m.alt else {})} for m in now_seen.media],
            event="edited",
            corrects=previous,
            when=now_seen.edited_at or utcnow(),
        ),
    )
    post.versions += 1
    post.content_hash = digest
    report.edited += 1


def _our_post_deleted(engine: Engine, archive: Any, post_id: int, report: CaptureReport) -> None:
    """Our own post is gone from the platform: record that once, keep everything archived."""
    with session_scope(engine) as session:
        post = session.get(PublishPost, post_id)
        assert post is not None and post.record_id
        now = utcnow()
        payload = parse_input(
            {
                "id": f"{post.record_id}-deleted",
                "type": "correction",
                "platform": post.platform,
                "text": DELETED_TEXT,
                "published_at": format_time(now),
                "url": post.url,
                "corrects": post.record_id,
                "meta": {
                    "thread": post.record_id,
                    "event": "deleted",
                    "platform_id": post.platform_id,
                },
            }
        )
        archive.append_in(session.connection(), payload)
        post.deleted_at = now
        post.capture_error = "het bericht is op het platform verwijderd"
        report.deleted += 1


def capture_dialogues(
    engine: Engine,
    archive: Any,
    vault: Vault,
    *,
    post_ids: list[int] | None = None,
    fetch: Fetcher = _download,
    media_folder: Path | None = None,
) -> CaptureReport:
    """Capture the dialogue of every archived publication (or of ``post_ids``)."""
    report = CaptureReport()
    with session_scope(engine) as session:
        stmt = (
            select(PublishPost.id, PublishPost.account_id)
            .join(PublishAccount, PublishAccount.id == PublishPost.account_id)
            .where(
                PublishPost.status == "archived",
                PublishPost.deleted_at.is_(None),
                PublishAccount.status != "removed",  # disconnected on purpose: stop asking
            )
        )
        if post_ids:
            stmt = stmt.where(PublishPost.id.in_(post_ids))
        todo = list(session.execute(stmt.order_by(PublishPost.id)))
        ours = {pid for pid in session.scalars(select(PublishPost.platform_id)) if pid is not None}
    publishers: dict[int, Publisher | None] = {}
    for post_id, account_id in todo:
        if account_id not in publishers:
            with session_scope(engine) as session:
                account = session.get(PublishAccount, account_id)
                assert account is not None
                try:
                    publishers[account_id] = open_publisher(account, vault)
                except AccountError as exc:
                    publishers[account_id] = None
                    report.errors.append(f"{account.platform}-account {account.handle}: {exc}")
        publisher = publishers[account_id]
        if publisher is None:
            continue
        report.posts += 1
        try:
            _capture_post(
                engine, archive, publisher, post_id, ours, report, fetch, media_folder, vault
            )
        except PlatformError as exc:
            message = f"bericht #{post_id}: {exc.dutch()}"
            report.errors.append(message)
            with session_scope(engine) as session:
                post = session.get(PublishPost, post_id)
                account = session.get(PublishAccount, account_id)
                post.capture_error = exc.dutch()  # type: ignore[union-attr]
                mark_refused(account, exc)  # type: ignore[arg-type]
            if exc.revoked or exc.kind == "rate":
                publishers[account_id] = None  # stop asking this account in this run
    return report
