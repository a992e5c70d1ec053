"""Alignment requests over the database: submit, decide, revise, publish, withdraw.

Every function takes an open SQLAlchemy ``Session`` and never commits (the
caller's ``session_scope`` does), except :func:`publish`, which first seals the
record in the archive (its own transaction) and then marks the request. Each
step is a row in ``workflow_events`` with who, in which role and when.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from krantentoets.store.base import utcnow
from krantentoets.store.workflow import WorkflowEvent, WorkflowRequest, WorkflowVersion
from krantentoets.workflow.notify import Notice, Sender, deliver
from krantentoets.workflow.rules import (
    DECIDER_ROLES,
    RESPONDER_ROLES,
    Action,
    Actor,
    Status,
    Step,
    WorkflowError,
    check_choose_responder,
    check_decision,
    check_publish,
    check_revise,
    check_submit,
    check_withdraw,
    responder_choices,
    responder_conflict,
    settled_responder,
    status_after,
)

__all__ = [
    "archive_payload",
    "choose_responder",
    "decide",
    "get_request",
    "list_requests",
    "publish",
    "revise",
    "submit",
    "withdraw",
]


def _check(text: str, policy: Any, req: WorkflowRequest) -> dict[str, Any]:
    from krantentoets.check import check
    from krantentoets.post import Post, PostError

    try:
        post = Post(
            text=text,
            platform=req.platform,
            account=req.account_kind,
            author=req.author,
            reply_to=req.reply_to_text,
        )
    except PostError as exc:
        raise WorkflowError(str(exc)) from None
    return check(post, policy).to_dict()


def _steps(req: WorkflowRequest) -> list[Step]:
    return [Step(e.action, e.actor, e.actor_role, e.version, e.responder) for e in req.events]


def _who(session: Session, name: str | None) -> str:
    """A user's name as people read it (full name), for notices."""
    from krantentoets.store.users import get_user

    user = get_user(session, name) if name else None
    return user.label if user is not None else (name or "")


def check_responder(session: Session, name: str | None) -> str | None:
    """The user name of an active user whose role may respond; ``None`` for no name.

    Raises :class:`WorkflowError` for a name that is no such user.
    """
    from krantentoets.store.users import get_user

    name = (name or "").strip()
    if not name:
        return None
    user = get_user(session, name)
    if user is None or not user.active:
        raise WorkflowError(f"'{name}' is geen (actieve) gebruiker van krantentoets")
    if user.role not in RESPONDER_ROLES:
        raise WorkflowError(
            f"{user.label} heeft de rol {user.role} en plaatst geen berichten; kies iemand "
            "die dat wel doet"
        )
    return user.name


def _event(
    session: Session,
    req: WorkflowRequest,
    actor: Actor,
    action: Action,
    *,
    comment: str | None = None,
    responder: str | None = None,
) -> WorkflowEvent:
    event = WorkflowEvent(
        request_id=req.id,
        at=utcnow(),
        actor=actor.name,
        actor_role=actor.role,
        action=action.value,
        version=req.version,
        comment=(comment or "").strip() or None,
        responder=(responder or "").strip() or None,
    )
    req.events.append(event)  # cascades into the session
    req.updated_at = event.at
    return event


def _notice(req: WorkflowRequest, subject: str, body: str, **to: Any) -> Notice:
    excerpt = req.versions[-1].text if req.versions else ""
    if len(excerpt) > 280:
        excerpt = excerpt[:279] + "…"
    return Notice(
        request_id=req.id,
        subject=f"[krantentoets] Afstemming #{req.id}: {subject}",
        body=f"{body}\n\nConcept (versie {req.version}):\n{excerpt}",
        **to,
    )


def submit(
    session: Session,
    actor: Actor,
    text: str,
    *,
    policy: Any,
    platform: str | None = None,
    account: str | None = None,
    account_kind: str = "organisation",
    reply_to_text: str | None = None,
    reply_to_author: str | None = None,
    reply_to_url: str | None = None,
    mention_id: int | None = None,
    comment: str | None = None,
    sender: Sender | None = None,
) -> WorkflowRequest:
    """Check ``text`` and, if it needs alignment, open a request for it."""
    req = WorkflowRequest(
        author=actor.name,
        author_role=actor.role,
        reason="",
        platform=platform,
        account=account,
        account_kind=account_kind,
        reply_to_text=reply_to_text,
        reply_to_author=reply_to_author,
        reply_to_url=reply_to_url,
        mention_id=mention_id,
        status=Status.SUBMITTED.value,
        version=1,
    )
    report = _check(text, policy, req)
    req.reason = ",".join(check_submit(report))
    session.add(req)
    session.flush()
    version = WorkflowVersion(
        request_id=req.id,
        version=1,
        text=text,
        verdict=report["verdict"],
        report=report,
        created_by=actor.name,
    )
    req.versions.append(version)
    _event(session, req, actor, Action.SUBMIT, comment=comment)
    session.flush()
    deliver(
        sender,
        _notice(
            req,
            "besluit nodig",
            f"{_who(session, actor.name)} ({actor.role}) vraagt afstemming. Een leidinggevende en "
            "Communicatie beslissen: goedkeuren (en zeggen wie reageert), afwijzen of "
            "om aanpassing vragen.",
            to_roles=DECIDER_ROLES,
        ),
    )
    return req


def decide(
    session: Session,
    request_id: int,
    actor: Actor,
    action: Action | str,
    *,
    comment: str | None = None,
    responder: str | None = None,
    sender: Sender | None = None,
) -> WorkflowRequest:
    """Approve, reject or ask for changes on the current version."""
    action = Action(action)
    req = get_request(session, request_id)
    responder = check_responder(session, responder) if action is Action.APPROVE else None
    check_decision(
        actor,
        action,
        author=req.author,
        status=Status(req.status),
        version=req.version,
        steps=_steps(req),
        comment=comment,
        responder=responder,
    )
    _event(session, req, actor, action, comment=comment, responder=responder)
    steps = _steps(req)
    req.status = status_after(action, steps, req.version).value
    if Status(req.status) is Status.APPROVED:
        req.responder = settled_responder(steps, req.version)
    session.flush()
    status = Status(req.status)
    if responder_conflict(steps, req.version):
        choices = responder_choices(steps, req.version)
        names = ", ".join(
            f"{_who(session, c.actor)} ({c.role}) koos {_who(session, c.responder)}"
            for c in choices
        )
        deliver(
            sender,
            _notice(
                req,
                "kies samen wie reageert",
                f"Beide beslissers keurden goed, maar noemden een ander om te reageren: "
                f"{names}. Kies op de pagina van het verzoek samen één persoon.",
                to_users=tuple(c.actor for c in choices),
            ),
        )
        return req
    if status is not Status.SUBMITTED:
        to_users = (req.author,) + ((req.responder,) if status is Status.APPROVED else ())
        body = f"{_who(session, actor.name)} ({actor.role}): {action.label}."
        if comment:
            body += f"\nToelichting: {comment.strip()}"
        if status is Status.APPROVED:
            body += f"\n{_who(session, req.responder)} reageert."
        deliver(sender, _notice(req, status.label.lower(), body, to_users=to_users))
    return req


def choose_responder(
    session: Session,
    request_id: int,
    actor: Actor,
    responder: str | None,
    *,
    comment: str | None = None,
    sender: Sender | None = None,
) -> WorkflowRequest:
    """Settle who responds when the two approvals named different people."""
    req = get_request(session, request_id)
    responder = check_responder(session, responder)
    check_choose_responder(
        actor,
        status=Status(req.status),
        version=req.version,
        steps=_steps(req),
        responder=responder,
    )
    _event(session, req, actor, Action.CHOOSE_RESPONDER, comment=comment, responder=responder)
    req.status = status_after(Action.CHOOSE_RESPONDER, _steps(req), req.version).value
    req.responder = responder
    session.flush()
    deliver(
        sender,
        _notice(
            req,
            "goedgekeurd",
            f"{_who(session, actor.name)} ({actor.role}) koos wie reageert: "
            f"{_who(session, responder)}.",
            to_users=(req.author, responder or ""),
        ),
    )
    return req


def revise(
    session: Session,
    request_id: int,
    actor: Actor,
    text: str,
    *,
    policy: Any,
    comment: str | None = None,
    sender: Sender | None = None,
) -> WorkflowRequest:
    """A new version of the draft, checked again; the decision starts over."""
    req = get_request(session, request_id)
    check_revise(actor, author=req.author, status=Status(req.status))
    report = _check(text, policy, req)
    if report["verdict"] == "do-not-post":
        raise WorkflowError("de toets zegt Niet plaatsen: pas het bericht verder aan")
    req.version += 1
    version = WorkflowVersion(
        request_id=req.id,
        version=req.version,
        text=text,
        verdict=report["verdict"],
        report=report,
        created_by=actor.name,
    )
    req.versions.append(version)
    req.responder = None
    _event(session, req, actor, Action.REVISE, comment=comment)
    req.status = Status.SUBMITTED.value
    session.flush()
    deliver(
        sender,
        _notice(
            req,
            "aangepast concept",
            f"{_who(session, actor.name)} paste het concept aan.",
            to_roles=DECIDER_ROLES,
        ),
    )
    return req


def withdraw(
    session: Session, request_id: int, actor: Actor, *, comment: str | None = None
) -> WorkflowRequest:
    req = get_request(session, request_id)
    check_withdraw(actor, author=req.author, status=Status(req.status))
    _event(session, req, actor, Action.WITHDRAW, comment=comment)
    req.status = Status.WITHDRAWN.value
    session.flush()
    return req


def archive_record_id(req: WorkflowRequest) -> str:
    return f"workflow-{req.id}"


def _responder_role(req: WorkflowRequest) -> str:
    """The role of the person who responds (the author's when nobody else was named)."""
    if not req.responder:
        return req.author_role
    actor = Actor(req.responder, "")
    if actor.same_person(req.author):
        return req.author_role
    for e in reversed(req.events):
        if actor.same_person(e.actor):
            return e.actor_role
    return req.author_role


def archive_payload(
    req: WorkflowRequest,
    *,
    published_at: str,
    url: str | None,
    account: str | None,
    extra_meta: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The archive record of a published request: text, dialogue, report and approvals."""
    from krantentoets.archive.record import format_time, parse_input

    current = req.versions[-1]
    data: dict[str, Any] = {
        "id": archive_record_id(req),
        "platform": req.platform,
        "account": account or req.account,
        "author": req.responder or req.author,
        # The role of whoever posted it: the responder's, as they recorded the publication.
        "role": _responder_role(req),
        "text": current.text,
        "published_at": published_at,
        "url": url,
        "check": current.report,
        "approvals": [
            {
                "by": e.actor,
                "role": e.actor_role,
                "decision": e.action,
                "at": format_time(e.at),
                "comment": e.comment,
                "responder": e.responder,
            }
            for e in req.events
        ],
        "meta": {
            "workflow_request": req.id,
            "versions": req.version,
            "author": req.author,
            "reason": req.reason,
            **(extra_meta or {}),
        },
    }
    if req.reply_to_text:
        data["in_reply_to"] = {
            "author": req.reply_to_author,
            "text": req.reply_to_text,
            "url": req.reply_to_url,
        }
    data = {k: v for k, v in data.items() if v is not None}
    for a in data["approvals"]:
        for k in [k for k, v in a.items() if v is None]:
            del a[k]
    return parse_input(data)


def publish(
    session: Session,
    request_id: int,
    actor: Actor,
    *,
    archive: Any,
    published_at: datetime | None = None,
    url: str | None = None,
    account: str | None = None,
    extra_meta: dict[str, Any] | None = None,
) -> WorkflowRequest:
    """Mark an approved request as published and archive it with its whole history.

    The archive record is sealed in the same transaction as the request's new
    status: both are committed, or neither. ``archive`` is an
    :class:`~krantentoets.archive.service.Archive` on the same database.
    ``extra_meta`` (what krantentoets posted: platform id, media and their
    hashes) joins the record's ``meta``.
    """
    from krantentoets.archive.record import format_time

    req = get_request(session, request_id)
    check_publish(actor, status=Status(req.status), responder=req.responder)
    when = format_time(published_at or utcnow())
    _event(session, req, actor, Action.PUBLISH, comment=url)
    req.status = Status.PUBLISHED.value
    session.flush()  # takes the write lock first (SQLite), then the chain's
    payload = archive_payload(
        req, published_at=when, url=url, account=account, extra_meta=extra_meta
    )
    archive.append_in(session.connection(), payload)
    req.archive_record_id = payload["id"]
    session.flush()
    return req


def get_request(session: Session, request_id: int) -> WorkflowRequest:
    req = session.get(WorkflowRequest, request_id)
    if req is None:
        raise WorkflowError(f"afstemmingsverzoek #{request_id} bestaat niet")
    return req


def list_requests(
    session: Session, *, statuses: Sequence[str] | None = None, author: str | None = None
) -> list[WorkflowRequest]:
    stmt = select(WorkflowRequest).order_by(WorkflowRequest.updated_at.desc())
    if statuses:
        stmt = stmt.where(WorkflowRequest.status.in_(list(statuses)))
    if author:
        stmt = stmt.where(WorkflowRequest.author == author)
    return list(session.scalars(stmt))


def waiting_for(session: Session, actor: Actor) -> list[WorkflowRequest]:
    """The open requests that wait for ``actor`` to act: a decision, a choice of who
    responds, a revision they were asked for, or an approved text they are to post."""
    from krantentoets.workflow.rules import DECISIONS

    out = []
    for req in list_requests(
        session,
        statuses=[Status.SUBMITTED.value, Status.CHANGES_REQUESTED.value, Status.APPROVED.value],
    ):
        status = Status(req.status)
        steps = _steps(req)
        mine = actor.same_person(req.author)
        if status is Status.SUBMITTED and actor.role in DECIDER_ROLES and not mine:
            decided = [
                s
                for s in steps
                if s.version == req.version and s.action in {d.value for d in DECISIONS}
            ]
            to_settle = responder_conflict(steps, req.version) and any(
                actor.same_person(s.actor) for s in responder_choices(steps, req.version)
            )
            if to_settle or not any(actor.same_person(s.actor) for s in decided):
                out.append(req)
        elif (status is Status.CHANGES_REQUESTED and mine) or (
            status is Status.APPROVED and actor.same_person(req.responder)
        ):
            out.append(req)
    return out
