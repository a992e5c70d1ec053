"""Alignment pages (MW-4, MA-10): submit a draft, decide on it, revise, publish.

``/afstemming`` lists the requests a user should see (deciders: everything
waiting; others: their own) and offers the form to submit a draft;
``/afstemming/{id}`` shows the versions with their check, every step with who
and when, and the forms for the steps this user may take now.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, UploadFile
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from krantentoets.archive.service import Archive
from krantentoets.auth import allowed
from krantentoets.policy import PROFILE_IDS
from krantentoets.post import AccountKind, Platform
from krantentoets.publish.accounts import account_warnings, list_accounts, may_post
from krantentoets.publish.base import Media
from krantentoets.publish.credentials import Vault
from krantentoets.publish.service import (
    AlreadyPublishing,
    PublishFailed,
    publish_draft,
    publish_request,
)
from krantentoets.store.users import User, list_users
from krantentoets.store.workflow import WorkflowRequest
from krantentoets.web.deps import DB, CsrfForm, form_str, render, require, sentence, state
from krantentoets.web.present import PLATFORM_LABELS, local_time, local_zone
from krantentoets.workflow import service
from krantentoets.workflow.notify import channel_sender
from krantentoets.workflow.rules import (
    CLOSED,
    DECIDER_ROLES,
    REASON_LABELS,
    RESPONDER_ROLES,
    Action,
    Actor,
    Status,
    WorkflowError,
    is_urgent,
    responder_choices,
    responder_conflict,
)

router = APIRouter()

WorkflowUser = Annotated[User, Depends(require("workflow"))]

MESSAGES = {
    "ingediend": "Je concept is ingediend. Een leidinggevende en Communicatie beslissen.",
    "besloten": "Je besluit is vastgelegd.",
    "aangepast": "De nieuwe versie is getoetst en ingediend.",
    "geplaatst": "Vastgelegd als geplaatst en gearchiveerd met het gesprek en de besluiten.",
    "ingetrokken": "Het verzoek is ingetrokken.",
    "gekozen": "Vastgelegd wie reageert; het concept is goedgekeurd.",
    "gepubliceerd": "Geplaatst door krantentoets en gearchiveerd met de controle en de besluiten. "
    "De reacties worden vastgelegd bij elke monitorronde.",
}
PREFILL = ("tekst", "platform", "account", "reactie_op", "reactie_auteur", "reactie_link")
REASON_TEXT = REASON_LABELS
ACCOUNT_TEXT = {
    AccountKind.ORGANISATION.value: "Account van de organisatie",
    AccountKind.IN_FUNCTION.value: "Eigen account, in functie",
    AccountKind.PERSONAL.value: "Privéaccount",
}


def _actor(user: User) -> Actor:
    return Actor(user.name, user.role)


def _may_view(user: User, req: WorkflowRequest) -> bool:
    actor = _actor(user)
    return (
        user.role in DECIDER_ROLES
        or user.role == "beheerder"
        or actor.same_person(req.author)
        or actor.same_person(req.responder)
    )


def _urgent(req: WorkflowRequest) -> bool:
    return bool(req.versions) and is_urgent(req.versions[-1].report)


def _summary(req: WorkflowRequest, labels: dict[str, str]) -> dict[str, Any]:
    status = Status(req.status)
    text = req.versions[-1].text if req.versions else ""
    return {
        "urgent": _urgent(req) and status not in CLOSED,
        "id": req.id,
        "status": status.value,
        "status_text": status.label,
        "author": labels.get(req.author, req.author),
        "reason": ", ".join(REASON_TEXT.get(r, r) for r in req.reason.split(",") if r),
        "excerpt": text if len(text) <= 160 else text[:159] + "…",
        "updated": local_time(req.updated_at),
        "version": req.version,
    }


def _labels(session: Any) -> dict[str, str]:
    return {u.name: u.label for u in list_users(session)}


@router.get("/afstemming", include_in_schema=False)
def workflow_list(request: Request, user: WorkflowUser, session: DB) -> Response:
    labels = _labels(session)
    if user.role in DECIDER_ROLES or user.role == "beheerder":
        waiting = service.list_requests(session, statuses=[Status.SUBMITTED.value])
        # Incidents first: a fire does not wait behind a routine question.
        waiting.sort(key=lambda r: not _urgent(r))
        others = [r for r in service.list_requests(session) if r.status != Status.SUBMITTED.value][
            :50
        ]
    else:
        mine = service.list_requests(session, author=user.name)
        waiting = [r for r in mine if Status(r.status) not in CLOSED]
        others = [r for r in mine if Status(r.status) in CLOSED][:50]
        waiting += [
            r
            for r in service.list_requests(session, statuses=[Status.APPROVED.value])
            if _actor(user).same_person(r.responder) and r not in waiting
        ]
    return render(
        request,
        "workflow_list.html",
        {
            "waiting": [_summary(r, labels) for r in waiting],
            "others": [_summary(r, labels) for r in others],
            "is_decider": user.role in DECIDER_ROLES,
            "platforms": [(p.value, PLATFORM_LABELS[p]) for p in Platform],
            "accounts": list(ACCOUNT_TEXT.items()),
            # The check page can link here with the draft filled in (?tekst=...&platform=...).
            "form": {k: request.query_params.get(k, "")[:5000] for k in PREFILL},
            "message": MESSAGES.get(request.query_params.get("melding", "")),
        },
    )


@router.post("/afstemming", include_in_schema=False)
def workflow_submit(request: Request, user: WorkflowUser, form: CsrfForm, session: DB) -> Response:
    text = form_str(form, "tekst").replace("\r\n", "\n").strip()
    platform = form_str(form, "platform") or None
    account_kind = form_str(form, "account") or AccountKind.ORGANISATION.value
    values = {
        k: form_str(form, k)
        for k in (
            "tekst",
            "platform",
            "account",
            "reactie_op",
            "reactie_auteur",
            "reactie_link",
            "toelichting",
        )
    }
    error = None
    if not text:
        error = "Vul het concept in."
    elif platform is not None and platform not in {p.value for p in Platform}:
        error = "Kies een platform uit de lijst."
    elif account_kind not in ACCOUNT_TEXT:
        error = "Kies een soort account uit de lijst."
    profile = form_str(form, "profiel")
    if profile not in PROFILE_IDS:
        profile = "mandatarissen" if user.role == "mandataris" else ""
    mention = form_str(form, "melding_id")
    if error is None:
        try:
            req = service.submit(
                session,
                _actor(user),
                text,
                policy=state(request).policy(profile or None),
                platform=platform,
                account_kind=account_kind,
                reply_to_text=form_str(form, "reactie_op").strip() or None,
                reply_to_author=form_str(form, "reactie_auteur").strip() or None,
                reply_to_url=_safe_url(form_str(form, "reactie_link")),
                mention_id=int(mention) if mention.isdigit() else None,
                comment=form_str(form, "toelichting").strip() or None,
                sender=channel_sender(state(request).policy().settings),
            )
        except WorkflowError as exc:
            session.rollback()
            # Back to the check, with its findings: a refusal says what to change.
            from krantentoets.web.routes.check import FIELDS, check_and_render

            values_check = dict.fromkeys(FIELDS, "")
            values_check.update(
                text=text,
                profile=profile,
                platform=platform or "",
                account=account_kind,
                reply_to=form_str(form, "reactie_op"),
                reply_author=form_str(form, "reactie_auteur"),
                reply_url=form_str(form, "reactie_link"),
                mention_id=mention,
            )
            return check_and_render(
                request, user, values_check, [], notice=sentence(str(exc)), status_code=422
            )
        else:
            return RedirectResponse(f"/afstemming/{req.id}?melding=ingediend", status_code=303)
    labels = _labels(session)
    mine = service.list_requests(session, author=user.name)
    return render(
        request,
        "workflow_list.html",
        {
            "waiting": [_summary(r, labels) for r in mine if Status(r.status) not in CLOSED],
            "others": [],
            "is_decider": user.role in DECIDER_ROLES,
            "platforms": [(p.value, PLATFORM_LABELS[p]) for p in Platform],
            "accounts": list(ACCOUNT_TEXT.items()),
            "form": values,
            "form_error": error,
        },
        status_code=422,
    )


def _mention_id(value: str) -> int | None:
    """The inbox item a draft answers ("Reactie opstellen"), when given."""
    return int(value) if value.strip().isdigit() else None


def _safe_url(value: str) -> str | None:
    value = value.strip()
    return value if value.startswith(("https://", "http://")) else None


def _findings(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "rule": f.get("rule"),
            "severity": f.get("severity"),
            "message": f.get("message"),
            "suggestion": f.get("suggestion"),
            "text": f.get("text"),
            "guidelines": ", ".join(f.get("guidelines") or ()),
        }
        for f in report.get("findings", ())
    ]


@router.get("/afstemming/{request_id}", include_in_schema=False)
def workflow_detail(request: Request, request_id: int, user: WorkflowUser, session: DB) -> Response:
    return _detail(request, request_id, user, session)


def _detail(
    request: Request,
    request_id: int,
    user: User,
    session: Any,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    req = session.get(WorkflowRequest, request_id)
    if req is None or not _may_view(user, req):
        return render(
            request,
            "error.html",
            {
                "title": "Niet gevonden",
                "detail": "Dit afstemmingsverzoek bestaat niet of is niet voor jou.",
            },
            status_code=404,
        )
    labels = _labels(session)
    actor = _actor(user)
    status = Status(req.status)
    decided = {
        e.actor.casefold()
        for e in req.events
        if e.version == req.version
        and e.action in {a.value for a in (Action.APPROVE, Action.REJECT, Action.REQUEST_CHANGES)}
    }
    may_decide = (
        user.role in DECIDER_ROLES
        and not actor.same_person(req.author)
        and status is Status.SUBMITTED
        and user.name.casefold() not in decided
    )
    # Only people whose role posts may be named to respond (not archivaris, beheerder).
    colleagues = [
        (u.name, f"{u.label} ({u.role})")
        for u in list_users(session)
        if u.active and u.role in RESPONDER_ROLES
    ]
    steps = service._steps(req)
    choices = [
        {
            "who": labels.get(c.actor, c.actor),
            "role": c.role,
            "responder": labels.get(c.responder or "", c.responder or ""),
        }
        for c in responder_choices(steps, req.version)
    ]
    conflict = status is Status.SUBMITTED and responder_conflict(steps, req.version)
    published = next((e for e in reversed(req.events) if e.action == Action.PUBLISH.value), None)
    return render(
        request,
        "workflow_detail.html",
        {
            "req": req,
            "status_text": status.label,
            "reason": ", ".join(REASON_TEXT.get(r, r) for r in req.reason.split(",") if r),
            "urgent": _urgent(req) and status not in CLOSED,
            "platform_label": PLATFORM_LABELS.get(Platform(req.platform), req.platform)
            if req.platform in {p.value for p in Platform}
            else (req.platform or ""),
            "author": labels.get(req.author, req.author),
            "responder": labels.get(req.responder or "", req.responder or ""),
            "choices": choices,
            "conflict": conflict,
            "may_settle": conflict
            and any(actor.same_person(c.actor) for c in responder_choices(steps, req.version)),
            "may_see_archive": allowed(user.role, "archive"),
            "published": {"when": local_time(published.at), "url": published.comment}
            if published
            else None,
            "account_text": ACCOUNT_TEXT.get(req.account_kind, req.account_kind),
            "versions": [
                {
                    "version": v.version,
                    "text": v.text,
                    "verdict": v.report.get("verdict_label") or v.verdict,
                    "findings": _findings(v.report),
                    "by": labels.get(v.created_by, v.created_by),
                    "when": local_time(v.created_at),
                }
                for v in reversed(req.versions)
            ],
            "events": [
                {
                    "when": local_time(e.at),
                    "who": labels.get(e.actor, e.actor),
                    "role": e.actor_role,
                    "role_label": e.actor_role.capitalize(),
                    "action": Action(e.action).label
                    if e.action in {a.value for a in Action}
                    else e.action,
                    "version": e.version,
                    "comment": e.comment,
                    "responder": labels.get(e.responder or "", e.responder or ""),
                }
                for e in req.events
            ],
            "may_decide": may_decide,
            "may_revise": actor.same_person(req.author)
            and status in (Status.SUBMITTED, Status.CHANGES_REQUESTED),
            "may_withdraw": actor.same_person(req.author) and status not in CLOSED,
            "may_publish": status is Status.APPROVED
            and (actor.same_person(req.responder) or user.role == "communicatie"),
            "publish_accounts": _publish_accounts(session, user, req),
            "account_warnings": [w.text for w in account_warnings(session)],
            "colleagues": colleagues,
            "now_local": datetime.now(local_zone()).strftime("%Y-%m-%dT%H:%M"),
            "form_error": error,
            "message": MESSAGES.get(request.query_params.get("melding", "")),
        },
        status_code=status_code,
    )


@router.post("/afstemming/{request_id}/stap", include_in_schema=False)
def workflow_step(
    request: Request, request_id: int, user: WorkflowUser, form: CsrfForm, session: DB
) -> Response:
    step = form_str(form, "stap")
    comment = form_str(form, "toelichting").strip() or None
    policy = state(request).policy()
    sender = channel_sender(policy.settings)
    req = session.get(WorkflowRequest, request_id)
    if req is None or not _may_view(user, req):
        return _detail(request, request_id, user, session)
    try:
        if step in ("approve", "reject", "request-changes"):
            service.decide(
                session,
                request_id,
                _actor(user),
                step,
                comment=comment,
                responder=form_str(form, "reageerder").strip() or None,
                sender=sender,
            )
            key = "besloten"
        elif step == "choose-responder":
            service.choose_responder(
                session,
                request_id,
                _actor(user),
                form_str(form, "reageerder").strip() or None,
                comment=comment,
                sender=sender,
            )
            key = "gekozen"
        elif step == "revise":
            service.revise(
                session,
                request_id,
                _actor(user),
                form_str(form, "tekst").replace("\r\n", "\n").strip(),
                policy=state(request).policy(
                    "mandatarissen" if req.author_role == "mandataris" else None
                ),
                comment=comment,
                sender=sender,
            )
            key = "aangepast"
        elif step == "withdraw":
            service.withdraw(session, request_id, _actor(user), comment=comment)
            key = "ingetrokken"
        elif step == "publish":
            when = _local_datetime(form_str(form, "geplaatst_op"))
            archive = Archive.from_policy(state(request).engine, policy.settings)
            service.publish(
                session,
                request_id,
                _actor(user),
                archive=archive,
                published_at=when,
                url=_safe_url(form_str(form, "link")),
                account=form_str(form, "accountnaam").strip() or None,
            )
            key = "geplaatst"
        elif not step:
            raise WorkflowError("kies een besluit: goedkeuren, aanpassing vragen of afwijzen")
        else:
            raise WorkflowError("onbekende stap")
    except WorkflowError as exc:
        session.rollback()
        return _detail(
            request, request_id, user, session, error=sentence(str(exc)), status_code=422
        )
    return RedirectResponse(f"/afstemming/{request_id}?melding={key}", status_code=303)


def _media(form: Any, max_bytes: int) -> list[Media]:
    """The optional image of a publish form, with its alt text."""
    upload = form.get("afbeelding")
    if not (isinstance(upload, UploadFile) and upload.filename):
        return []
    data = upload.file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise WorkflowError("De afbeelding is te groot.")
    return [
        Media(
            data=data,
            mime_type=upload.content_type or "application/octet-stream",
            alt=form_str(form, "alt").strip(),
            filename=upload.filename,
        )
    ]


@router.post("/publiceren", include_in_schema=False)
def draft_publish(request: Request, user: WorkflowUser, form: CsrfForm) -> Response:
    """Publish a draft whose check says Plaatsen (checked again here) for a connected account."""
    st = state(request)
    mention = form_str(form, "bericht").strip()
    try:
        outcome = publish_draft(
            st.engine,
            _actor(user),
            form_str(form, "text").replace("\r\n", "\n"),
            policy=st.policy(),
            archive=Archive.from_policy(st.engine, st.policy().settings),
            vault=Vault(st.config.secret_key),
            key=form_str(form, "sleutel").strip(),
            account=form_str(form, "account").strip(),
            reply_to_text=form_str(form, "reply_to").strip() or None,
            reply_to_url=_safe_url(form_str(form, "reactie_link")),
            mention_id=int(mention) if mention.isdigit() else None,
            media=_media(form, st.config.max_image_bytes),
        )
    except (WorkflowError, PublishFailed) as exc:
        status = 409 if isinstance(exc, AlreadyPublishing) else 422
        return render(
            request,
            "error.html",
            {"title": "Niet gepubliceerd", "detail": sentence(str(exc))},
            status_code=status,
        )
    return RedirectResponse(
        f"/archief/record/{outcome.record_id}?melding=gepubliceerd", status_code=303
    )


def _publish_accounts(session: Any, user: User, req: WorkflowRequest) -> list[tuple[int, str]]:
    """Connected accounts on the request's platform this user may post for."""
    return [
        (a.id, f"{a.platform}: {a.handle}")
        for a in list_accounts(session)
        if a.status == "active"
        and (req.platform is None or a.platform == req.platform)
        and may_post(a, user.name, user.role)
    ]


@router.post("/afstemming/{request_id}/publiceren", include_in_schema=False)
def workflow_publish(
    request: Request, request_id: int, user: WorkflowUser, form: CsrfForm, session: DB
) -> Response:
    """Post the approved request through krantentoets and archive it in the same step."""
    req = session.get(WorkflowRequest, request_id)
    if req is None or not _may_view(user, req):
        return _detail(request, request_id, user, session)
    st = state(request)
    try:
        media = _media(form, st.config.max_image_bytes)
    except WorkflowError as exc:
        return _detail(request, request_id, user, session, error=str(exc), status_code=422)
    account = form_str(form, "account").strip() or None
    session.rollback()  # publishing opens its own transactions
    try:
        publish_request(
            st.engine,
            request_id,
            _actor(user),
            archive=Archive.from_policy(st.engine, st.policy().settings),
            vault=Vault(st.config.secret_key),
            account=account,
            media=media,
        )
    except AlreadyPublishing as exc:
        return _detail(
            request, request_id, user, session, error=sentence(str(exc)), status_code=409
        )
    except (WorkflowError, PublishFailed) as exc:
        return _detail(
            request, request_id, user, session, error=sentence(str(exc)), status_code=422
        )
    return RedirectResponse(f"/afstemming/{request_id}?melding=gepubliceerd", status_code=303)


def _local_datetime(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value.strip()) if value.strip() else None
    except ValueError:
        raise WorkflowError("vul een geldig tijdstip van plaatsen in") from None
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=local_zone())
    return parsed.astimezone(UTC)
