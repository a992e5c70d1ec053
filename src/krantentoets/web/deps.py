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
from threading import BoundedSemaphore, Lock
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
from krantentoets.policy.effective import apply_overrides, file_data
from krantentoets.store import session_scope
from krantentoets.store.users import ApiToken, User, count_users, lookup_token, session_user
from krantentoets.web.config import WebConfig
from krantentoets.web.limits import RateLimiter
from krantentoets.web.nav import nav_for
from krantentoets.web.present import use_zone
from krantentoets.web.security import CSRF_FIELD, Cookies, new_anon_value


@dataclass
class AppState:
    """Everything the routes share, kept on ``app.state.kt``."""

    config: WebConfig
    engine: Engine
    cookies: Cookies
    templates: Jinja2Templates
    static_version: str
    rate_limiter: RateLimiter = field(default_factory=lambda: RateLimiter(50.0))
    #: At most this many password verifications at once per worker: each costs 64 MiB
    #: (argon2id), so a flood of logins cannot take the memory or every thread.
    password_slots: BoundedSemaphore = field(default_factory=lambda: BoundedSemaphore(2))
    _policies: dict[str, Policy] = field(default_factory=dict)
    _lock: Lock = field(default_factory=Lock)
    _file: dict[str, Any] | None = None
    _version: int = -1
    _overrides: dict[str, Any] = field(default_factory=dict)

    def file_data(self) -> dict[str, Any]:
        """The policy file's raw data, read once (``{}`` without a file)."""
        if self._file is None:
            load_policy(self.config.policy_path)  # the file alone must be valid
            self._file = file_data(self.config.policy_path)
        return self._file

    def policy(self, profile: str | None = None) -> Policy:
        """The organisation's effective policy (the policy file with the settings changed in
        the app over it) with ``profile`` (``None``: the policy's own).

        Re-read when a setting changed, also in another worker process.
        """
        version, values = _overrides_if_changed(self.engine, self._version)
        if values is not None:
            with self._lock:
                self._policies = {}
                self._overrides = values
                self._version = version
        key = profile or ""
        policy = self._policies.get(key)
        if policy is None:
            with self._lock:
                policy = self._policies.get(key)
                if policy is None:
                    policy = apply_overrides(
                        self.file_data(),
                        self._overrides,
                        source=str(self.config.policy_path or ""),
                        profile=profile,
                    )
                    self._policies[key] = policy
                    use_zone(policy.settings.organisation.timezone)
        return policy


def _overrides_if_changed(engine: Engine, known: int) -> tuple[int, dict[str, Any] | None]:
    """The settings version and, when it is not ``known``, the overrides by key."""
    from sqlalchemy.exc import SQLAlchemyError

    from krantentoets.store.settings import overrides, overrides_version

    try:
        with session_scope(engine) as session:
            version = overrides_version(session)
            if version == known:
                return version, None
            return version, {k: row.value for k, row in overrides(session).items()}
    except SQLAlchemyError:  # no settings table (an unmigrated database in a test)
        return 0, {} if known != 0 else None


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


def identify(request: Request) -> None:
    """Find the logged-in user for a page rendered outside a route (an error page), so it
    keeps the menu."""
    if hasattr(request.state, "viewer"):
        return
    with session_scope(state(request).engine) as session:
        current_user(request, session)


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
    description="Een API-token: de beheerder maakt het op de pagina Gebruikers of met "
    "krantentoets token create --role ROL --name NAAM",
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
        wait = state(request).rate_limiter.acquire(row.token_hash)
        if wait > 0:
            raise ApiError(
                429,
                "te veel verzoeken met dit token; probeer het over "
                f"{max(1, round(wait))} seconde(n) opnieuw",
                {"Retry-After": str(max(1, round(wait + 0.5)))},
            )
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
    "wachtwoord-gewijzigd": "Het nieuwe wachtwoord is ingesteld. Geef het persoonlijk door; "
    "de collega logt er de volgende keer mee in.",
    "token-ingetrokken": "Het token is ingetrokken.",
    "toegewezen": "Het bericht is toegewezen.",
    "afgehandeld": "Gemarkeerd als afgehandeld.",
    "heropend": "Het bericht staat weer open.",
    "niets-geselecteerd": "Je hebt geen berichten geselecteerd.",
    "gesignaleerd": "Doorgegeven. Het staat in de inbox van Communicatie; hieronder zie je wat "
    "ermee gebeurt.",
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
        "nav_counts": _nav_counts(st, user),
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


def _nav_counts(st: AppState, user: Viewer | None) -> dict[str, int]:
    """Numbers beside menu items: alignment requests waiting for this user."""
    if user is None or not allowed(user.role, "workflow"):
        return {}
    from krantentoets.workflow.rules import Actor
    from krantentoets.workflow.service import waiting_for

    with session_scope(st.engine) as session:
        return {"workflow": len(waiting_for(session, Actor(user.name, user.role)))}


def redirect_to_login(next_url: str) -> str:
    return "/inloggen?volgende=" + quote(next_url, safe="/")
