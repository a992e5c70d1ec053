"""Logging in and out, the first-run page, the start page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from krantentoets.auth import Role
from krantentoets.store.throttle import may_try, record_failure, record_success
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

#: Seconds a login waits for a free password-verification slot before "too busy".
PASSWORD_WAIT = 10.0


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
    address = request.client.host if request.client else ""
    verdict = may_try(session, name, address)
    if not verdict.allowed:
        request.state.viewer = None
        minutes = max(1, round(verdict.wait.total_seconds() / 60))
        wait = (
            f"{round(verdict.wait.total_seconds())} seconden"
            if verdict.wait.total_seconds() < 90
            else f"{minutes} minuten"
        )
        response = render(
            request,
            "login.html",
            {
                "next": target or "",
                "name": name,
                "error": f"Te veel mislukte pogingen vanaf dit adres. Wacht {wait} en probeer "
                "het dan opnieuw, of vraag de beheerder om een nieuw wachtwoord.",
            },
            status_code=429,
        )
        response.headers["Retry-After"] = str(max(1, round(verdict.wait.total_seconds())))
        return response
    user = None
    if name and password:
        slots = state(request).password_slots
        if not slots.acquire(timeout=PASSWORD_WAIT):
            request.state.viewer = None
            response = render(
                request,
                "login.html",
                {
                    "next": target or "",
                    "name": name,
                    "error": "Het is nu erg druk. Probeer het over een minuut opnieuw.",
                },
                status_code=503,
            )
            response.headers["Retry-After"] = "60"
            return response
        try:
            user = authenticate(session, name, password)
        finally:
            slots.release()
    if user is None:
        record_failure(session, name, address)
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
    record_success(session, name, address)
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
