"""Administration (beheerder): users and their roles, API tokens."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from krantentoets.auth import ROLE_DESCRIPTIONS, ROLE_LABELS, AuthError, Role
from krantentoets.store.users import (
    User,
    UserError,
    create_token,
    create_user,
    list_tokens,
    list_users,
    revoke_token,
    set_active,
    set_password,
    set_role,
)
from krantentoets.web.deps import DB, CsrfForm, form_str, render, require, sentence
from krantentoets.web.present import local_time

router = APIRouter(prefix="/beheer")

AdminUser = Annotated[User, Depends(require("users"))]


def _page(
    request: Request,
    session: Session,
    extra: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    users = [
        {
            "id": u.id,
            "name": u.name,
            "full_name": u.full_name or "",
            "role": u.role,
            "role_label": ROLE_LABELS.get(Role(u.role), u.role),
            "active": u.active,
            "last_login": local_time(u.last_login_at) or "nog niet",
        }
        for u in list_users(session)
    ]
    tokens = [
        {
            "id": t.id,
            "name": t.name,
            "role_label": ROLE_LABELS.get(Role(t.role), t.role),
            "created": local_time(t.created_at),
            "revoked": local_time(t.revoked_at) if t.revoked_at else "",
        }
        for t in list_tokens(session)
    ]
    context: dict[str, Any] = {
        "users": users,
        "tokens": tokens,
        "roles": [(r.value, ROLE_LABELS[r], ROLE_DESCRIPTIONS[r]) for r in Role],
        "new": {"name": "", "full_name": "", "role": Role.MEDEWERKER.value},
        "errors": {},
    }
    context.update(extra or {})
    return render(request, "admin_users.html", context, status_code)


@router.get("/gebruikers", include_in_schema=False)
def users_page(request: Request, user: AdminUser, session: DB) -> Response:
    return _page(request, session)


@router.post("/gebruikers", include_in_schema=False)
def add_user(request: Request, user: AdminUser, form: CsrfForm, session: DB) -> Response:
    new = {
        "name": form_str(form, "name").strip(),
        "full_name": form_str(form, "full_name").strip(),
        "role": form_str(form, "role"),
    }
    password = form_str(form, "password")
    errors: dict[str, str] = {}
    if password != form_str(form, "password2"):
        errors["password2"] = "De twee wachtwoorden zijn niet gelijk."
    else:
        try:
            create_user(session, new["name"], new["role"], password, full_name=new["full_name"])
        except UserError as exc:
            text = str(exc)
            field = "password" if "wachtwoord" in text else "role" if "rol" in text[:12] else "name"
            errors[field] = sentence(text)
    if errors:
        session.rollback()
        return _page(request, session, {"new": new, "errors": errors}, 422)
    return RedirectResponse("/beheer/gebruikers?melding=gebruiker-toegevoegd", status_code=303)


@router.post("/gebruikers/{user_id}", include_in_schema=False)
def change_user(
    request: Request, user_id: int, user: AdminUser, form: CsrfForm, session: DB
) -> Response:
    target = session.get(User, user_id)
    if target is None:
        return _page(request, session, {"error": "Deze gebruiker bestaat niet (meer)."}, 404)
    try:
        role = form_str(form, "role")
        if role and role != target.role:
            set_role(session, target, role)
        active = form_str(form, "active")
        if active in ("0", "1") and (active == "1") != target.active:
            set_active(session, target, active == "1")
        password = form_str(form, "password")
        if password:
            set_password(session, target, password)
            return RedirectResponse(
                "/beheer/gebruikers?melding=wachtwoord-gewijzigd", status_code=303
            )
    except (UserError, AuthError) as exc:
        session.rollback()
        return _page(request, session, {"error": sentence(str(exc))}, 422)
    return RedirectResponse("/beheer/gebruikers?melding=gebruiker-gewijzigd", status_code=303)


@router.post("/tokens", include_in_schema=False)
def add_token(request: Request, user: AdminUser, form: CsrfForm, session: DB) -> Response:
    try:
        row, token = create_token(session, form_str(form, "name"), form_str(form, "role"))
    except UserError as exc:
        session.rollback()
        return _page(request, session, {"token_error": sentence(str(exc))}, 422)
    session.flush()
    return _page(request, session, {"new_token": token, "new_token_name": row.name})


@router.post("/tokens/{token_id}/intrekken", include_in_schema=False)
def revoke(
    request: Request, token_id: int, user: AdminUser, form: CsrfForm, session: DB
) -> Response:
    try:
        revoke_token(session, token_id)
    except UserError as exc:
        return _page(request, session, {"token_error": sentence(str(exc))}, 404)
    return RedirectResponse("/beheer/gebruikers?melding=token-ingetrokken", status_code=303)
