"""The check page: paste a draft, see the verdict, the marked draft and a card per finding."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from starlette.datastructures import FormData, UploadFile
from starlette.responses import Response

from krantentoets.auth import Role, allowed
from krantentoets.check import check
from krantentoets.policy import PROFILE_IDS, Policy
from krantentoets.post import AccountKind, Platform, Post, PostError, parse_account, parse_platform
from krantentoets.store.monitor import Mention
from krantentoets.store.users import User
from krantentoets.web import present
from krantentoets.web.demo import EXAMPLES
from krantentoets.web.deps import (
    DB,
    AppState,
    CsrfForm,
    form_str,
    render,
    require,
    sentence,
    state,
)
from krantentoets.web.uploads import UploadError, saved_images

router = APIRouter()

#: Form fields of the check page; the last three carry the dialogue a reply answers (from
#: the inbox) on to the alignment request, unseen.
FIELDS = (
    "text",
    "profile",
    "platform",
    "account",
    "reply_to",
    "display_name",
    "bio",
    "reply_author",
    "reply_url",
    "mention_id",
)
#: Platforms a monitored source kind stands for (the reply goes where the post was).
SOURCE_PLATFORM = {"mastodon": "mastodon", "bluesky": "bluesky"}


def _default_profile(user: User, st: AppState) -> str:
    if user.role == Role.MANDATARIS.value:
        return "mandatarissen"
    return st.policy().profile.id


def _form_context(request: Request, values: dict[str, Any]) -> dict[str, Any]:
    demo = state(request).config.demo
    return {
        "examples": list(enumerate(EXAMPLES, start=1)) if demo else [],
        "values": values,
        "profiles": [(p, present.PROFILE_LABELS.get(p, p)) for p in PROFILE_IDS],
        "platforms": [(p.value, present.PLATFORM_LABELS[p]) for p in Platform],
        "accounts": [(a.value, present.ACCOUNT_LABELS[a]) for a in AccountKind],
        "counter_config": present.counter_config(),
    }


def _blank(user: User, st: AppState) -> dict[str, str]:
    default_platform = st.policy().settings.default_platform
    values = dict.fromkeys(FIELDS, "")
    values.update(
        profile=_default_profile(user, st),
        platform=default_platform.value if default_platform else "",
        account=AccountKind.ORGANISATION.value,
    )
    return values


@router.get("/controleren", include_in_schema=False)
def check_page(
    request: Request,
    user: Annotated[User, Depends(require("check"))],
    session: DB,
    voorbeeld: int | None = None,
    bericht: int | None = None,
) -> Response:
    st = state(request)
    if bericht is not None and allowed(user.role, "inbox"):
        mention = session.get(Mention, bericht)
        if mention is not None:
            values = _blank(user, st)
            values.update(
                reply_to=mention.text,
                reply_author=mention.author_name or mention.author or "",
                reply_url=mention.url or "",
                mention_id=str(mention.id),
                platform=SOURCE_PLATFORM.get(mention.source.kind, values["platform"]),
            )
            return render(
                request, "check.html", {**_form_context(request, values), "replying": True}
            )
    if st.config.demo and voorbeeld is not None and 1 <= voorbeeld <= len(EXAMPLES):
        ex = EXAMPLES[voorbeeld - 1]
        values = _blank(user, st)
        values.update(
            text=ex.text,
            profile=ex.profile,
            platform=ex.platform,
            account=ex.account,
            reply_to=ex.reply_to,
        )
        return check_and_render(request, user, values, [])
    return render(request, "check.html", _form_context(request, _blank(user, st)))


def _read_uploads(form: FormData, max_bytes: int) -> list[tuple[str, bytes]]:
    images = []
    for item in form.getlist("images"):
        if isinstance(item, UploadFile) and item.filename:
            data = item.file.read(max_bytes + 1)
            images.append((item.filename, data))
    return images


@router.post("/controleren", include_in_schema=False)
def check_submit(
    request: Request,
    user: Annotated[User, Depends(require("check"))],
    form: CsrfForm,
) -> Response:
    values = {key: form_str(form, key) for key in FIELDS}
    # Browsers send line breaks in a textarea as CRLF; platforms count one character.
    for key in ("text", "reply_to", "bio"):
        values[key] = values[key].replace("\r\n", "\n")
    uploads = _read_uploads(form, state(request).config.max_image_bytes)
    return check_and_render(request, user, values, uploads)


def check_and_render(
    request: Request,
    user: User,
    values: dict[str, str],
    uploads: list[tuple[str, bytes]],
    *,
    notice: str | None = None,
    status_code: int = 200,
) -> Response:
    """Check the draft in ``values`` and show the page with the outcome (``notice``: why
    the user is sent back here, e.g. a refused alignment request)."""
    st = state(request)
    errors: dict[str, str] = {}
    if values["profile"] not in PROFILE_IDS:
        values["profile"] = _default_profile(user, st)
    policy: Policy = st.policy(values["profile"])
    try:
        platform = parse_platform(values["platform"]) if values["platform"] else None
    except PostError as exc:
        errors["platform"] = sentence(str(exc))
        platform = None
    try:
        account = parse_account(values["account"] or AccountKind.ORGANISATION.value)
    except PostError as exc:
        errors["account"] = sentence(str(exc))
        account = AccountKind.ORGANISATION
    report = None
    if not errors:
        try:
            with saved_images(
                uploads, max_bytes=st.config.max_image_bytes, max_count=st.config.max_images
            ) as paths:
                post = Post(
                    text=values["text"],
                    platform=platform,
                    account=account,
                    author=user.full_name or None,
                    display_name=values["display_name"] or None,
                    bio=values["bio"] or None,
                    reply_to=values["reply_to"].strip() or None,
                    images=paths,
                )
                report = check(post, policy)
        except PostError as exc:
            errors["text"] = sentence(str(exc))
        except UploadError as exc:
            errors["images"] = sentence(str(exc))
    context = _form_context(request, values)
    if report is None:
        context["errors"] = errors
        return render(request, "check.html", context, status_code=422)
    context.update(
        {
            "report": report,
            "verdict_label": report.verdict_label,
            "summary": present.verdict_summary(report, policy),
            "cards": present.cards(report, policy),
            "segments": present.segments(report),
            "length": present.length_info(report),
            "image_names": [name for name, _ in uploads],
            "may_submit": allowed(user.role, "workflow") and report.verdict.value != "do-not-post",
            "notice": notice,
            "next_step": _next_step(request, user, values, report),
        }
    )
    return render(request, "check.html", context, status_code=status_code)


def _next_step(request: Request, user: User, values: dict[str, str], report: Any) -> dict[str, Any]:
    """After the check, for a Plaatsen draft: the connected accounts this user may publish
    it to (issue 14); aligning first is the form above it (``may_submit``)."""
    import uuid

    from krantentoets.publish.accounts import list_accounts, may_post
    from krantentoets.store import session_scope

    step: dict[str, Any] = {"accounts": [], "key": uuid.uuid4().hex}
    if report.verdict.value == "post" and values["account"] in ("", "organisation"):
        with session_scope(state(request).engine) as session:
            step["accounts"] = [
                (a.id, f"{a.platform}: {a.handle}")
                for a in list_accounts(session)
                if a.status == "active"
                and (not values["platform"] or a.platform == values["platform"])
                and may_post(a, user.name, user.role)
            ]
    return step
