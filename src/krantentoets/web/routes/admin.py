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


# -- connected accounts for publishing (issue 14) ---------------------------------------


def _accounts_page(
    request: Request, session: Session, error: str | None = None, status_code: int = 200
) -> Response:
    from krantentoets.publish.accounts import ROLES, account_warnings, list_accounts
    from krantentoets.publish.base import PLATFORMS

    accounts = [
        {
            "id": a.id,
            "platform": a.platform,
            "handle": a.handle,
            "instance": a.instance or "",
            "who": ", ".join([*(a.allowed_roles or ()), *(a.allowed_users or ())]) or "niemand",
            "status": {"active": "actief", "revoked": "niet meer gekoppeld"}.get(
                a.status, a.status
            ),
            "credentials": f"omgevingsvariabele {a.credentials_env}"
            if a.credentials_env
            else "versleuteld opgeslagen",
            "expires": local_time(a.expires_at) if a.expires_at else "",
        }
        for a in list_accounts(session)
    ]
    return render(
        request,
        "admin_accounts.html",
        {
            "accounts": accounts,
            "warnings": [w.text for w in account_warnings(session)],
            "platforms": PLATFORMS,
            "roles": ROLES,
            "form_error": error,
        },
        status_code=status_code,
    )


@router.get("/accounts", include_in_schema=False)
def accounts_page(request: Request, user: AdminUser, session: DB) -> Response:
    return _accounts_page(request, session)


@router.post("/accounts", include_in_schema=False)
def accounts_add(request: Request, user: AdminUser, form: CsrfForm, session: DB) -> Response:
    from datetime import UTC, datetime

    from krantentoets.publish.accounts import AccountError, add_account
    from krantentoets.publish.credentials import Vault
    from krantentoets.web.deps import state

    token = form_str(form, "token").strip()
    creds: dict[str, Any] | None = None
    if token:
        identifier = form_str(form, "gebruikersnaam").strip()
        creds = (
            {"identifier": identifier, "password": token} if identifier else {"access_token": token}
        )
    expires = form_str(form, "verloopt").strip()
    try:
        expires_at = datetime.fromisoformat(expires).replace(tzinfo=UTC) if expires else None
        add_account(
            session,
            Vault(state(request).config.secret_key),
            platform=form_str(form, "platform"),
            handle=form_str(form, "handle"),
            instance=form_str(form, "server").strip() or None,
            credentials=creds,
            credentials_env=form_str(form, "omgeving").strip() or None,
            roles=[str(r) for r in form.getlist("rollen")],
            users=[u for u in form_str(form, "gebruikers").replace(",", " ").split() if u],
            expires_at=expires_at,
            created_by=user.name,
        )
    except (AccountError, ValueError) as exc:
        session.rollback()
        return _accounts_page(request, session, sentence(str(exc)), 422)
    return RedirectResponse("/beheer/accounts?melding=account-gekoppeld", status_code=303)


@router.post("/accounts/{account_id}/ontkoppelen", include_in_schema=False)
def accounts_remove(
    request: Request, account_id: int, user: AdminUser, form: CsrfForm, session: DB
) -> Response:
    from krantentoets.publish.accounts import AccountError, remove_account

    try:
        remove_account(session, account_id)
    except AccountError as exc:
        session.rollback()
        return _accounts_page(request, session, sentence(str(exc)), 404)
    return RedirectResponse("/beheer/accounts?melding=account-ontkoppeld", status_code=303)


#: Cookie holding the pending Mastodon authorisation (encrypted with the installation's vault).
MASTODON_COOKIE = "kt_mastodon_koppelen"


@router.post("/accounts/mastodon", include_in_schema=False)
def accounts_mastodon_start(
    request: Request, user: AdminUser, form: CsrfForm, session: DB
) -> Response:
    """Mastodon's authorisation-code flow: register the app on the server, send the admin there."""
    import secrets

    from krantentoets.publish import mastodon
    from krantentoets.publish.base import PlatformError
    from krantentoets.publish.credentials import Vault
    from krantentoets.web.deps import state

    instance = form_str(form, "server").strip().rstrip("/")
    handle = form_str(form, "handle").strip()
    if not instance.startswith(("https://", "http://")) or not handle:
        return _accounts_page(request, session, "Geef de server (https://...) en het account.", 422)
    redirect_uri = str(request.url_for("accounts_mastodon_back"))
    nonce = secrets.token_urlsafe(24)
    try:
        app = mastodon.register_app(instance, redirect_uri)
        target = mastodon.authorise_url(instance, app, redirect_uri, nonce)
    except PlatformError as exc:
        return _accounts_page(request, session, sentence(exc.dutch()), 422)
    pending = {
        "instance": instance,
        "handle": handle,
        "roles": [str(r) for r in form.getlist("rollen")] or ["communicatie"],
        "app": app,
        "state": nonce,
        "redirect_uri": redirect_uri,
        "by": user.name,
    }
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        MASTODON_COOKIE,
        Vault(state(request).config.secret_key).seal(pending),
        max_age=900,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/beheer/accounts/mastodon",
    )
    return response


@router.get("/accounts/mastodon/terug", include_in_schema=False, name="accounts_mastodon_back")
def accounts_mastodon_back(request: Request, user: AdminUser, session: DB) -> Response:
    """The server sends the admin back with a code: trade it for a token and keep it encrypted."""
    import hmac

    from krantentoets.publish import mastodon
    from krantentoets.publish.accounts import AccountError, add_account
    from krantentoets.publish.base import PlatformError
    from krantentoets.publish.credentials import CredentialError, Vault
    from krantentoets.web.deps import state

    vault = Vault(state(request).config.secret_key)
    try:
        pending = vault.open(request.cookies.get(MASTODON_COOKIE, ""))
    except CredentialError:
        return _accounts_page(request, session, "Het koppelen is verlopen; begin opnieuw.", 400)
    given = request.query_params.get("state", "")
    code = request.query_params.get("code", "")
    if not code or not hmac.compare_digest(given, str(pending.get("state", ""))):
        return _accounts_page(
            request, session, "Het koppelen is niet bevestigd; begin opnieuw.", 400
        )
    try:
        creds = mastodon.exchange_code(
            pending["instance"], pending["app"], pending["redirect_uri"], code
        )
        add_account(
            session,
            vault,
            platform="mastodon",
            handle=pending["handle"],
            instance=pending["instance"],
            credentials=creds,
            roles=pending["roles"],
            created_by=user.name,
        )
    except PlatformError as exc:
        return _accounts_page(request, session, sentence(exc.dutch()), 422)
    except AccountError as exc:
        session.rollback()
        return _accounts_page(request, session, sentence(str(exc)), 422)
    response = RedirectResponse("/beheer/accounts?melding=account-gekoppeld", status_code=303)
    response.delete_cookie(MASTODON_COOKIE, path="/beheer/accounts/mastodon")
    return response
