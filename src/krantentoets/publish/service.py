"""Publish an approved alignment request (or a checked *Plaatsen* draft) and archive it at once.

The order of steps is what keeps it honest:

1. **Claim** (one transaction): a row in ``publish_posts`` with a unique
   ``claim_key``. Of two simultaneous publishes the database lets exactly one
   insert it; the other gets :class:`AlreadyPublishing` with a clear message.
2. **Post** at the platform (no transaction open). A refusal (401/403/429/5xx)
   marks the claim ``failed`` with the platform's reason in Dutch: nothing is
   archived, the request stays approved and may be published again. A 401
   also marks the account revoked, so the beheerder is warned.
3. **Seal** (one transaction): the platform id and URL are stored (``posted``),
   then the request becomes *published* and the archive record (exact text,
   media with SHA-256, check report, approvals, platform id) is appended, both
   committed together. Should archiving fail after the platform accepted the
   post, the claim stays ``posted``: a retry archives it without posting twice.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, NoReturn

from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from krantentoets.archive.record import format_time, parse_input
from krantentoets.publish.accounts import (
    AccountError,
    find_account,
    list_accounts,
    mark_refused,
    may_post,
    open_publisher,
    store_refreshed,
)
from krantentoets.publish.base import Media, Outgoing, PlatformError, Published, ReplyTarget
from krantentoets.publish.credentials import Vault
from krantentoets.store import session_scope
from krantentoets.store.base import utcnow
from krantentoets.store.publish import CaptureItem, PublishAccount, PublishMedia, PublishPost
from krantentoets.store.workflow import WorkflowRequest
from krantentoets.workflow.rules import (
    Actor,
    Status,
    WorkflowError,
    alignment_reasons,
    check_publish,
)

__all__ = [
    "AlreadyPublishing",
    "PublishFailed",
    "PublishRefused",
    "media_dir",
    "publish_draft",
    "publish_request",
]


#: A claim still ``pending`` after this long was left behind by a process that died mid-post.
STALE_CLAIM = timedelta(minutes=10)


class PublishRefused(WorkflowError):
    """Publishing is not allowed now (status, role, account). Message in Dutch."""


class AlreadyPublishing(PublishRefused):
    """Another publish of the same request holds the claim, or it is already online."""


class PublishFailed(RuntimeError):
    """The platform refused or archiving failed; nothing was half-done. Message in Dutch."""


@dataclass(frozen=True, slots=True)
class Outcome:
    post_id: int
    record_id: str
    platform_id: str
    url: str | None


def media_dir() -> Path:
    """Where posted and captured media are kept, by SHA-256 (in the data folder)."""
    from krantentoets.store import data_dir

    folder = data_dir() / "media"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def keep_media(data: bytes, folder: Path | None = None) -> str:
    """Store ``data`` content-addressed; its SHA-256."""
    digest = hashlib.sha256(data).hexdigest()
    target = (folder or media_dir()) / digest
    if not target.exists():
        tmp = target.with_suffix(f".{uuid.uuid4().hex}.tmp")
        tmp.write_bytes(data)
        tmp.replace(target)
    return digest


def _pick_account(session: Any, platform: str | None, handle: str | None, key: str | int | None):
    if key is not None:
        try:
            return find_account(session, key)
        except AccountError as exc:
            raise PublishRefused(str(exc)) from None
    candidates = [a for a in list_accounts(session) if platform is None or a.platform == platform]
    if handle:
        named = [a for a in candidates if a.handle.lstrip("@") == handle.lstrip("@")]
        candidates = named or candidates
    if len(candidates) != 1:
        where = f" voor {platform}" if platform else ""
        raise PublishRefused(
            f"geen gekoppeld account{where}; de beheerder koppelt er een"
            if not candidates
            else f"meer dan één account{where}: kies het account"
        )
    return candidates[0]


def _check_account(account: PublishAccount, actor: Actor) -> None:
    if not may_post(account, actor.name, actor.role):
        raise PublishRefused(
            f"je mag niet plaatsen voor {account.platform}-account {account.handle}"
        )
    if account.status != "active":
        raise PublishRefused(
            account.status_message or f"{account.platform}-account {account.handle} is niet actief"
        )


def _claim(
    engine: Engine, key: str, fields: dict[str, Any], media: Sequence[Media]
) -> tuple[int, str]:
    """Claim ``key``: (post id, status at claim: ``pending`` to post, ``posted`` to archive)."""
    try:
        with session_scope(engine) as session:
            existing = session.scalar(select(PublishPost).where(PublishPost.claim_key == key))
            if existing is None:
                post = PublishPost(claim_key=key, status="pending", **fields)
                session.add(post)
                session.flush()
                for i, m in enumerate(media):
                    session.add(
                        PublishMedia(
                            post_id=post.id,
                            position=i,
                            filename=m.filename,
                            mime_type=m.mime_type,
                            sha256=m.sha256,
                            size=len(m.data),
                            alt=m.alt,
                        )
                    )
                session.flush()
                return post.id, "pending"
            if existing.status == "posted":
                return existing.id, "posted"
            if existing.status == "failed":
                won = session.execute(
                    update(PublishPost)
                    .where(PublishPost.id == existing.id, PublishPost.status == "failed")
                    .values(status="pending", error=None, updated_at=utcnow(), **fields)
                ).rowcount
                if won == 1:
                    return existing.id, "pending"
            status, since = existing.status, existing.updated_at
    except IntegrityError:
        status, since = "pending", utcnow()
    if status == "archived":
        raise AlreadyPublishing("dit bericht is al geplaatst en gearchiveerd")
    if utcnow() - since > STALE_CLAIM:
        raise AlreadyPublishing(
            f"het plaatsen van dit bericht is op {format_time(since)} begonnen en niet afgerond "
            "(viel de server uit?). Kijk op het platform of het online staat; zo niet, dan geeft "
            f"de beheerder het vrij met `krantentoets publish release {key}`"
        )
    raise AlreadyPublishing("dit bericht wordt op dit moment al geplaatst; vernieuw de pagina zo")


def release_claim(engine: Engine, key: str) -> str:
    """Free a publication left ``pending`` (the process died mid-post), after a person checked
    the platform: it becomes ``failed``, so publishing again posts it. Returns the old status."""
    claim = key if key.startswith(("request-", "draft-")) else f"request-{key}"
    with session_scope(engine) as session:
        post = session.scalar(select(PublishPost).where(PublishPost.claim_key == claim))
        if post is None:
            raise PublishRefused(f"geen publicatie '{claim}'")
        if post.status != "pending":
            raise PublishRefused(f"publicatie '{claim}' hangt niet (status: {post.status})")
        post.status, post.error, post.updated_at = "failed", "vrijgegeven", utcnow()
        return "pending"


def _post(engine: Engine, post_id: int, vault: Vault, outgoing: Outgoing) -> None:
    """Step 2: post at the platform; on failure mark the claim failed and raise PublishFailed."""
    with session_scope(engine) as session:
        post = session.get(PublishPost, post_id)
        assert post is not None
        account = session.get(PublishAccount, post.account_id)
        assert account is not None
        try:
            publisher = open_publisher(account, vault)
        except AccountError as exc:
            post.status, post.error = "failed", str(exc)
            problem: str | None = str(exc)
        else:
            problem = None
    if problem is not None:
        raise PublishFailed(f"Niet geplaatst: {problem}")
    try:
        published: Published = publisher.publish(outgoing)
    except PlatformError as exc:
        with session_scope(engine) as session:
            post = session.get(PublishPost, post_id)
            account = session.get(PublishAccount, post.account_id)  # type: ignore[union-attr]
            post.status, post.error, post.updated_at = "failed", exc.dutch(), utcnow()  # type: ignore[union-attr]
            mark_refused(account, exc)  # type: ignore[arg-type]
        raise PublishFailed(f"Niet geplaatst. {exc.dutch()}") from None
    with session_scope(engine) as session:
        post = session.get(PublishPost, post_id)
        account = session.get(PublishAccount, post.account_id)  # type: ignore[union-attr]
        post.status = "posted"  # type: ignore[union-attr]
        post.platform_id = published.platform_id  # type: ignore[union-attr]
        post.platform_ref = dict(published.ref) or None  # type: ignore[union-attr]
        post.url = published.url  # type: ignore[union-attr]
        post.published_at = published.published_at  # type: ignore[union-attr]
        post.updated_at = utcnow()  # type: ignore[union-attr]
        store_refreshed(account, publisher, vault)  # type: ignore[arg-type]


def _published_meta(session: Any, post: PublishPost, account: PublishAccount) -> dict[str, Any]:
    media = session.scalars(
        select(PublishMedia).where(PublishMedia.post_id == post.id).order_by(PublishMedia.position)
    )
    meta: dict[str, Any] = {
        "published_by": "krantentoets",
        "platform_id": post.platform_id,
        "account_id": account.id,
        "media": [
            {"sha256": m.sha256, "alt": m.alt, "mime_type": m.mime_type, "size": m.size}
            for m in media
        ],
    }
    if post.reply_to_url:
        thread = _thread_of_url(session, post.reply_to_url)
        if thread:
            meta["thread"] = thread
    return meta


def _thread_of_url(session: Any, url: str) -> str | None:
    """The thread (root record id) a reply joins when it answers a captured post or ours."""
    ours = session.scalar(select(PublishPost).where(PublishPost.url == url))
    if ours is not None and ours.record_id:
        return ours.record_id
    rows = session.execute(
        select(CaptureItem.first_record_id, PublishPost.record_id)
        .join(PublishPost, PublishPost.id == CaptureItem.post_id)
        .where(CaptureItem.url == url)
    ).first()
    return rows[1] if rows else None


def _seal_request(
    engine: Engine, post_id: int, request_id: int, actor: Actor, archive: Any
) -> Outcome:
    from krantentoets.workflow import service as workflow

    try:
        with session_scope(engine) as session:
            post = _lock_unarchived(session, post_id)
            assert post.published_at is not None
            account = session.get(PublishAccount, post.account_id)
            assert account is not None
            req = workflow.publish(
                session,
                request_id,
                actor,
                archive=archive,
                published_at=post.published_at,
                url=post.url,
                account=account.handle,
                extra_meta=_published_meta(session, post, account),
            )
            post.status, post.record_id, post.error = "archived", req.archive_record_id, None
            post.updated_at = utcnow()
            _mark_answered(session, post, actor)
            return Outcome(post.id, req.archive_record_id or "", post.platform_id or "", post.url)
    except AlreadyPublishing:
        raise
    except Exception as exc:
        _posted_not_archived(engine, post_id, exc)


def _lock_unarchived(session: Any, post_id: int) -> PublishPost:
    """The post, locked for this transaction; :class:`AlreadyPublishing` when it is archived.

    Two publishes of the same post (two clicks, two workers) can both find it ``posted``; the
    row lock makes the second wait here until the first has archived it, and then stop."""
    post = session.get(PublishPost, post_id, with_for_update=True, populate_existing=True)
    assert post is not None
    if post.status == "archived":
        raise AlreadyPublishing("dit bericht is al geplaatst en gearchiveerd")
    return post


def _mark_answered(session: Any, post: PublishPost, actor: Actor) -> None:
    """The inbox item this post answers is handled (the inbox links to the reply)."""
    if post.mention_id is None:
        return
    from krantentoets.store.monitor import Mention

    mention = session.get(Mention, post.mention_id)
    if mention is not None and mention.handled_at is None:
        mention.handled_at, mention.handled_by = utcnow(), actor.name


def _posted_not_archived(engine: Engine, post_id: int, exc: Exception) -> NoReturn:
    with session_scope(engine) as session:
        post = session.get(PublishPost, post_id)
        assert post is not None
        post.error = f"geplaatst maar niet gearchiveerd: {exc}"
        post.updated_at = utcnow()
        url = post.url
    raise PublishFailed(
        f"Het bericht staat online ({url}) maar is nog niet gearchiveerd ({exc}). "
        "Probeer opnieuw te publiceren: dan wordt het alleen gearchiveerd, niet opnieuw geplaatst."
    ) from exc


def publish_request(
    engine: Engine,
    request_id: int,
    actor: Actor,
    *,
    archive: Any,
    vault: Vault,
    account: str | int | None = None,
    media: Sequence[Media] = (),
    media_folder: Path | None = None,
) -> Outcome:
    """Post the approved request ``request_id`` and archive it in the same step."""
    for m in media:
        if not m.alt.strip():
            raise PublishRefused("geef elke afbeelding een alt-tekst (beschrijving)")
    with session_scope(engine) as session:
        req = session.get(WorkflowRequest, request_id)
        if req is None:
            raise PublishRefused(f"afstemmingsverzoek #{request_id} bestaat niet")
        status = Status(req.status)
        if status is Status.PUBLISHED:
            raise AlreadyPublishing("dit bericht is al geplaatst en gearchiveerd")
        check_publish(actor, status=status, responder=req.responder)
        acc = _pick_account(session, req.platform, req.account, account)
        _check_account(acc, actor)
        current = req.versions[-1]
        fields = {
            "request_id": req.id,
            "account_id": acc.id,
            "platform": acc.platform,
            "text": current.text,
            "author": actor.name,
            "report": current.report,
            "reply_to_url": req.reply_to_url,
            "mention_id": req.mention_id,
        }
        outgoing = Outgoing(
            text=current.text,
            media=tuple(media),
            reply_to=ReplyTarget(url=req.reply_to_url) if req.reply_to_url else None,
        )
    for m in media:
        keep_media(m.data, media_folder)
    post_id, state = _claim(engine, f"request-{request_id}", fields, media)
    if state == "pending":
        _post(engine, post_id, vault, outgoing)
    return _seal_request(engine, post_id, request_id, actor, archive)


def draft_record(
    post: PublishPost, account: PublishAccount, meta: dict[str, Any]
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": f"publish-{post.id}",
        "platform": post.platform,
        "account": account.handle,
        "author": post.author,
        "text": post.text,
        "published_at": format_time(post.published_at),  # type: ignore[arg-type]
        "url": post.url,
        "check": post.report,
        "meta": meta,
    }
    return parse_input({k: v for k, v in data.items() if v is not None})


def publish_draft(
    engine: Engine,
    actor: Actor,
    text: str,
    *,
    policy: Any,
    archive: Any,
    vault: Vault,
    key: str,
    account: str | int,
    reply_to_text: str | None = None,
    reply_to_url: str | None = None,
    mention_id: int | None = None,
    media: Sequence[Media] = (),
    media_folder: Path | None = None,
) -> Outcome:
    """Post a draft whose check says *Plaatsen*, for an account ``actor`` may post for."""
    from krantentoets.check import check
    from krantentoets.post import Post, PostError

    if not key or len(key) > 100:
        raise PublishRefused("ongeldige publicatiesleutel")
    with session_scope(engine) as session:
        acc = _pick_account(session, None, None, account)
        _check_account(acc, actor)
        try:
            post = Post(
                text=text,
                platform=acc.platform,
                account="organisation",
                author=actor.name,
                reply_to=reply_to_text,
            )
        except PostError as exc:
            raise PublishRefused(str(exc)) from None
        report = check(post, policy).to_dict()
        if report["verdict"] != "post" or alignment_reasons(report):
            raise PublishRefused(
                "de toets zegt niet Plaatsen: stem het bericht eerst af (Afstemming)"
            )
        fields = {
            "account_id": acc.id,
            "platform": acc.platform,
            "text": text,
            "author": actor.name,
            "report": report,
            "reply_to_url": reply_to_url,
            "mention_id": mention_id,
        }
    for m in media:
        if not m.alt.strip():
            raise PublishRefused("geef elke afbeelding een alt-tekst (beschrijving)")
        keep_media(m.data, media_folder)
    post_id, state = _claim(engine, f"draft-{key}", fields, media)
    if state == "pending":
        target = ReplyTarget(url=reply_to_url) if reply_to_url else None
        _post(engine, post_id, vault, Outgoing(text=text, media=tuple(media), reply_to=target))
    try:
        with session_scope(engine) as session:
            post = _lock_unarchived(session, post_id)
            acc = session.get(PublishAccount, post.account_id)
            assert acc is not None
            meta = _published_meta(session, post, acc)
            if reply_to_text:
                meta["in_reply_to_text"] = reply_to_text
            payload = draft_record(post, acc, meta)
            archive.append_in(session.connection(), payload)
            post.status, post.record_id, post.error = "archived", payload["id"], None
            _mark_answered(session, post, actor)
            return Outcome(post.id, payload["id"], post.platform_id or "", post.url)
    except AlreadyPublishing:
        raise
    except Exception as exc:
        _posted_not_archived(engine, post_id, exc)


def published_at_text(value: datetime) -> str:
    return format_time(value)
