"""What every route needs: the app state, a database session, the user, CSRF, rendering.

Routes declare what they allow by naming a permission from
:data:`krantentoets.auth.PERMISSIONS`:

    @router.get("/inbox")
    def inbox(request: Request, user: Annotated[User, Depends(require("inbox"))]): ...

``require`` sends a visitor who is not logged in to the login page (or to the
first-run page while there are no users) and answers 403 to a user whose role
lacks the permission. The API uses :func:`require_token` instead: bearer tokens,
and errors as JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from threading import Lock
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.templating import Jinja2Templates
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from starlette.datastructures import FormData
from starlette.responses import Response

from krantentoets import __version__
from krantentoets.auth import PERMISSIONS, ROLE_LABELS, Role, allowed
from krantentoets.policy import Policy, load_policy
from krantentoets.store import session_scope
from krantentoets.store.users import ApiToken, User, count_users, lookup_token, session_user
from krantentoets.web.config import WebConfig
from krantentoets.web.nav import nav_for
from krantentoets.web.security import CSRF_FIELD, Cookies, new_anon_value
from krantentoets.web.throttle import LoginThrottle


@dataclass
class AppState:
    """Everything the routes share, kept on ``app.state.kt``."""

    config: WebConfig
    engine: Engine
    cookies: Cookies
    templates: Jinja2Templates
    static_version: str
    throttle: LoginThrottle = field(default_factory=LoginThrottle)
    _policies: dict[str, Policy] = field(default_factory=dict)
    _lock: Lock = field(default_factory=Lock)

    def policy(self, profile: str | None = None) -> Policy:
        """The organisation's policy with ``profile`` (``None``: the file's own)."""
        key = profile or ""
        policy = self._policies.get(key)
        if policy is None:
            with self._lock:
                policy = self._policies.get(key)
                if policy is None:
                    policy = load_policy(self.config.policy_path, profile)
                    self._policies[key] = policy
        return policy


def state(request: Request) -> AppState:
    return request.app.state.kt  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class Viewer:
    """What pages show of the logged-in user: a plain copy, safe after the session closed."""

    id: int
    name: str
    label: str
    role: str

    @classmethod
    def of(cls, user: User) -> Viewer:
        return cls(user.id, user.name, user.label, user.role)


# -- errors the app turns into pages or JSON ------------------------------------------


class LoginRequired(Exception):
    def __init__(self, next_url: str):
        self.next_url = next_url


class SetupRequired(Exception):
    """No user exists yet: the first-run page must be used first."""


class PageForbidden(Exception):
    def __init__(self, permission: str):
        self.permission = permission


class CsrfFailed(Exception):
    pass


class ApiError(Exception):
    """An API error: JSON ``{"error": message}`` with this status."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        self.status = status
        self.message = message
        self.headers = headers or {}


# -- database and user --------------------------------------------------------------


def db(request: Request) -> Iterator[Session]:
    with session_scope(state(request).engine) as session:
        yield session


#: ``scope="function"``: the transaction commits before the response leaves, so the next
#: request (after a redirect) sees what this one wrote.
DB = Annotated[Session, Depends(db, scope="function")]


def current_user(request: Request, session: DB) -> User | None:
    """The logged-in user, or ``None``."""
    if hasattr(request.state, "user"):
        return request.state.user  # type: ignore[no-any-return]
    sid = state(request).cookies.session_id(request)
    user = session_user(session, sid) if sid else None
    request.state.user = user
    request.state.viewer = Viewer.of(user) if user else None
    request.state.session_id = sid if user else None
    return user


CurrentUser = Annotated[User | None, Depends(current_user)]


def require(permission: str) -> Callable[..., User]:
    """A dependency: the current user, if their role holds ``permission``."""
    if permission not in PERMISSIONS:  # a typo in a route is found at import time
        raise KeyError(f"unknown permission {permission!r}")

    def dependency(
        request: Request,
        session: DB,
        user: CurrentUser,
    ) -> User:
        if user is None:
            if count_users(session) == 0:
                raise SetupRequired()
            target = request.url.path
            if request.url.query:
                target += "?" + request.url.query
            raise LoginRequired(target)
        if not allowed(user.role, permission):
            raise PageForbidden(permission)
        return user

    return dependency


async def csrf_form(request: Request) -> FormData:
    """The submitted form, after checking its CSRF token against the visitor's cookie."""
    form = await request.form()
    cookies = state(request).cookies
    binding = cookies.session_id(request) or cookies.anon_id(request)
    token = form.get(CSRF_FIELD)
    if not cookies.csrf_ok(binding, token if isinstance(token, str) else None):
        raise CsrfFailed()
    return form


CsrfForm = Annotated[FormData, Depends(csrf_form)]


def sentence(text: str) -> str:
    """A Dutch error message as a sentence: capital first letter, full stop."""
    text = text.strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "." if text else text


def form_str(form: FormData, name: str, default: str = "") -> str:
    value = form.get(name)
    return value if isinstance(value, str) else default


# -- API tokens ------------------------------------------------------------------------

UNAUTHORIZED = {"WWW-Authenticate": 'Bearer realm="krantentoets"'}
#: Declares the bearer scheme in the OpenAPI description (the "Authorize" button of the
#: docs); the header itself is checked by ``require_token``, with Dutch errors.
BEARER = HTTPBearer(
    auto_error=False,
    scheme_name="token",
    description="Een API-token: krantentoets token create --role ROL --name NAAM",
)


def require_token(permission: str) -> Callable[..., ApiToken]:
    """A dependency for API endpoints: a valid bearer token whose role holds ``permission``."""

    if permission not in PERMISSIONS:
        raise KeyError(f"unknown permission {permission!r}")

    def dependency(
        request: Request,
        _docs: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)],
    ) -> ApiToken:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(
                401,
                "geen API-token meegestuurd: gebruik de header 'Authorization: Bearer <token>' "
                "(maak een token met: krantentoets token create)",
                UNAUTHORIZED,
            )
        with session_scope(state(request).engine) as session:
            row = lookup_token(session, token.strip())
        if row is None:
            raise ApiError(401, "dit API-token is onbekend of ingetrokken", UNAUTHORIZED)
        if not allowed(row.role, permission):
            raise ApiError(
                403,
                f"een token met de rol '{row.role}' mag dit niet; "
                f"toegestaan: {', '.join(sorted(r.value for r in _roles(permission)))}",
            )
        return row

    return dependency


def _roles(permission: str) -> frozenset[Role]:
    return PERMISSIONS[permission]


# -- rendering ---------------------------------------------------------------------------

#: Short messages shown after a redirect (``?melding=KEY``); never text from the URL itself.
MESSAGES: dict[str, str] = {
    "account-gekoppeld": "Het account is gekoppeld. Het token is versleuteld opgeslagen.",
    "account-ontkoppeld": "Het account is ontkoppeld; de inloggegevens zijn gewist.",
    "uitgelogd": "Je bent uitgelogd.",
    "welkom": "Welkom! Je beheerdersaccount is aangemaakt en je bent ingelogd.",
    "gebruiker-toegevoegd": "De gebruiker is toegevoegd.",
    "gebruiker-gewijzigd": "De gebruiker is bijgewerkt.",
    "token-ingetrokken": "Het token is ingetrokken.",
    "toegewezen": "Het bericht is toegewezen.",
    "afgehandeld": "Gemarkeerd als afgehandeld.",
    "heropend": "Het bericht staat weer open.",
    "niets-geselecteerd": "Je hebt geen berichten geselecteerd.",
}


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    """Render a page with what every page needs (user, navigation, CSRF token)."""
    st = state(request)
    user: Viewer | None = getattr(request.state, "viewer", None)
    sid: str | None = getattr(request.state, "session_id", None)
    new_anon = None
    if user is not None and sid:
        binding = sid
    else:
        binding = st.cookies.anon_id(request)
        if binding is None:
            binding = new_anon = new_anon_value()
    message_key = request.query_params.get("melding", "")
    ctx: dict[str, Any] = {
        "request": request,
        "user": user,
        "role_label": ROLE_LABELS.get(Role(user.role)) if user else None,
        "nav": nav_for(user.role if user else None),
        "current_path": request.url.path,
        "csrf_field": CSRF_FIELD,
        "csrf_token": st.cookies.csrf_token(binding),
        "organisation": st.policy().organisation,
        "version": __version__,
        "static_version": st.static_version,
        "demo": st.config.demo,
        "message": MESSAGES.get(message_key),
        "errors": {},
    }
    ctx.update(context or {})
    response = st.templates.TemplateResponse(request, template, ctx, status_code=status_code)
    if new_anon is not None:
        st.cookies.set_anon(response, request, new_anon)
    response.headers["Cache-Control"] = "no-store"
    return response


def redirect_to_login(next_url: str) -> str:
    return "/inloggen?volgende=" + quote(next_url, safe="/")
