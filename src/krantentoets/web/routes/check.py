"""The check page: paste a draft, see the verdict, the marked draft and a card per finding."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from starlette.datastructures import FormData, UploadFile
from starlette.responses import Response

from krantentoets.auth import Role
from krantentoets.check import check
from krantentoets.policy import PROFILE_IDS, Policy
from krantentoets.post import AccountKind, Platform, Post, PostError, parse_account, parse_platform
from krantentoets.store.users import User
from krantentoets.web import present
from krantentoets.web.demo import EXAMPLES
from krantentoets.web.deps import AppState, CsrfForm, form_str, render, require, sentence, state
from krantentoets.web.uploads import UploadError, saved_images

router = APIRouter()


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


@router.get("/controleren", include_in_schema=False)
def check_page(
    request: Request,
    user: Annotated[User, Depends(require("check"))],
    voorbeeld: int | None = None,
) -> Response:
    st = state(request)
    if st.config.demo and voorbeeld is not None and 1 <= voorbeeld <= len(EXAMPLES):
        ex = EXAMPLES[voorbeeld - 1]
        values = {
            "text": ex.text,
            "profile": ex.profile,
            "platform": ex.platform,
            "account": ex.account,
            "reply_to": ex.reply_to,
            "display_name": "",
            "bio": "",
        }
        return _check_and_render(request, user, values, [])
    default_platform = st.policy().settings.default_platform
    values = {
        "text": "",
        "profile": _default_profile(user, st),
        "platform": default_platform.value if default_platform else "",
        "account": AccountKind.ORGANISATION.value,
        # "Reactie opstellen" in the inbox opens this page with the post as reply_to.
        "reply_to": request.query_params.get("reactie_op", "")[:5000],
        "display_name": "",
        "bio": "",
        **{k: request.query_params.get(k, "")[:2000] for k in REPLY_FIELDS},
    }
    return render(request, "check.html", _form_context(request, values))


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
    values = {
        key: form_str(form, key)
        for key in (
            "text",
            "profile",
            "platform",
            "account",
            "reply_to",
            "display_name",
            "bio",
            *REPLY_FIELDS,
        )
    }
    # Browsers send line breaks in a textarea as CRLF; platforms count one character.
    for key in ("text", "reply_to", "bio"):
        values[key] = values[key].replace("\r\n", "\n")
    uploads = _read_uploads(form, state(request).config.max_image_bytes)
    return _check_and_render(request, user, values, uploads)


def _check_and_render(
    request: Request, user: User, values: dict[str, str], uploads: list[tuple[str, bytes]]
) -> Response:
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
            "next_step": _next_step(request, user, values, report),
        }
    )
    return render(request, "check.html", context)


#: The inbox item a reply answers, carried from "Reactie opstellen" to publishing (issue 14).
REPLY_FIELDS = ("reactie_auteur", "reactie_link", "bericht")


def _next_step(request: Request, user: User, values: dict[str, str], report: Any) -> dict[str, Any]:
    """After the check: align first (with the draft prefilled), or publish a Plaatsen draft."""
    import uuid
    from urllib.parse import urlencode

    from krantentoets.publish.accounts import list_accounts, may_post
    from krantentoets.workflow.rules import alignment_reasons

    verdict = report.verdict.value
    data = report.to_dict()
    prefill = {
        "tekst": values["text"],
        "platform": values["platform"],
        "account": values["account"],
        "reactie_op": values["reply_to"],
        "reactie_auteur": values.get("reactie_auteur", ""),
        "reactie_link": values.get("reactie_link", ""),
        "bericht": values.get("bericht", ""),
    }
    step: dict[str, Any] = {"align_url": None, "accounts": [], "key": uuid.uuid4().hex}
    if verdict == "doubt" or alignment_reasons(data):
        step["align_url"] = "/afstemming?" + urlencode({k: v for k, v in prefill.items() if v})
    elif verdict == "post" and values["account"] in ("", "organisation"):
        from krantentoets.store import session_scope

        with session_scope(state(request).engine) as session:
            step["accounts"] = [
                (a.id, f"{a.platform}: {a.handle}")
                for a in list_accounts(session)
                if a.status == "active"
                and (not values["platform"] or a.platform == values["platform"])
                and may_post(a, user.name, user.role)
            ]
    return step
