"""Logging in and out, the first-run page, the start page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from krantentoets.auth import Role
from krantentoets.store.users import (
    SESSION_LIFETIME,
    User,
    UserError,
    authenticate,
    count_users,
    create_session,
    create_user,
    delete_session,
)
from krantentoets.web.deps import DB, CsrfForm, CurrentUser, form_str, render, sentence, state
from krantentoets.web.nav import home_for

router = APIRouter()


def _safe_next(target: str | None) -> str | None:
    """Only local paths: never redirect to another site after login."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    return target


def _login_response(request: Request, session: Session, user: User, target: str) -> Response:
    sid = create_session(session, user)
    response = RedirectResponse(target, status_code=303)
    state(request).cookies.set_session(
        response, request, sid, int(SESSION_LIFETIME.total_seconds())
    )
    return response


@router.get("/", include_in_schema=False)
def home(session: DB, user: CurrentUser) -> Response:
    if user is not None:
        return RedirectResponse(home_for(user.role), status_code=303)
    if count_users(session) == 0:
        return RedirectResponse("/eerste-gebruik", status_code=303)
    return RedirectResponse("/inloggen", status_code=303)


@router.get("/inloggen", include_in_schema=False)
def login_page(
    request: Request,
    session: DB,
    user: CurrentUser,
    volgende: str | None = None,
) -> Response:
    if user is not None:
        return RedirectResponse(_safe_next(volgende) or home_for(user.role), status_code=303)
    if count_users(session) == 0:
        return RedirectResponse("/eerste-gebruik", status_code=303)
    return render(request, "login.html", {"next": _safe_next(volgende) or "", "name": ""})


@router.post("/inloggen", include_in_schema=False)
def login(
    request: Request,
    form: CsrfForm,
    session: DB,
) -> Response:
    name = form_str(form, "name").strip()
    password = form_str(form, "password")
    target = _safe_next(form_str(form, "next"))
    throttle = state(request).throttle
    address = request.client.host if request.client else ""
    if throttle.blocked(address, name):
        request.state.viewer = None
        return render(
            request,
            "login.html",
            {
                "next": target or "",
                "name": name,
                "error": "Te veel mislukte pogingen. Wacht een kwartier en probeer het dan "
                "opnieuw, of vraag de beheerder om een nieuw wachtwoord.",
            },
            status_code=429,
        )
    user = authenticate(session, name, password) if name and password else None
    if user is None:
        throttle.failed(address, name)
        request.state.viewer = None
        return render(
            request,
            "login.html",
            {
                "next": target or "",
                "name": name,
                "error": "Je gebruikersnaam of wachtwoord klopt niet. Probeer het opnieuw.",
            },
            status_code=401,
        )
    throttle.succeeded(address, name)
    return _login_response(request, session, user, target or home_for(user.role))


@router.post("/uitloggen", include_in_schema=False)
def logout(
    request: Request,
    form: CsrfForm,
    session: DB,
) -> Response:
    sid = state(request).cookies.session_id(request)
    if sid:
        delete_session(session, sid)
    response = RedirectResponse("/inloggen?melding=uitgelogd", status_code=303)
    state(request).cookies.clear_session(response, request)
    return response


@router.get("/eerste-gebruik", include_in_schema=False)
def setup_page(request: Request, session: DB) -> Response:
    if count_users(session) > 0:
        return RedirectResponse("/inloggen", status_code=303)
    request.state.viewer = None
    return render(request, "setup.html", {"name": "", "full_name": ""})


@router.post("/eerste-gebruik", include_in_schema=False)
def setup(
    request: Request,
    form: CsrfForm,
    session: DB,
) -> Response:
    if count_users(session) > 0:
        # Someone was first: this page is only for an empty installation.
        return RedirectResponse("/inloggen", status_code=303)
    request.state.viewer = None
    name = form_str(form, "name").strip()
    full_name = form_str(form, "full_name").strip()
    password = form_str(form, "password")
    errors: dict[str, str] = {}
    if password != form_str(form, "password2"):
        errors["password2"] = "De twee wachtwoorden zijn niet gelijk."
    if not errors:
        try:
            user = create_user(session, name, Role.BEHEERDER, password, full_name=full_name)
        except UserError as exc:
            field = "password" if "wachtwoord" in str(exc) else "name"
            errors[field] = sentence(str(exc))
    if errors:
        return render(
            request,
            "setup.html",
            {"name": name, "full_name": full_name, "errors": errors},
            status_code=422,
        )
    return _login_response(request, session, user, "/beheer/gebruikers?melding=welkom")


@router.get("/api/v1/health", tags=["status"], summary="Draait de server?")
def health() -> dict[str, str]:
    """Geeft `{"status": "ok"}` zolang de server draait (zonder token)."""
    return {"status": "ok"}
