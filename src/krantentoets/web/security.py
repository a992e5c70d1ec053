"""Signed cookies, CSRF tokens and security headers.

Two cookies, both signed with the app's secret key (``itsdangerous``), HttpOnly
and ``SameSite=Lax``, ``Secure`` when the request came over https (or always,
see :mod:`krantentoets.web.config`):

- ``kt_sessie``: the secret id of a server-side session (``store.users.WebSession``).
- ``kt_anon``: a random value for visitors who are not logged in yet, so the
  login and first-run forms carry a CSRF token too.

CSRF (synchronizer token, OWASP's HMAC variant): a form's token is the HMAC of
the session id (or the anonymous value); a POST is accepted only when the token
it carries equals the HMAC of the cookie it came with. A token from another
visitor or an old session is worthless.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from itsdangerous import BadSignature, Signer
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from krantentoets.web.config import WebConfig

SESSION_COOKIE = "kt_sessie"
ANON_COOKIE = "kt_anon"
CSRF_FIELD = "csrf_token"
#: Lifetime of the anonymous cookie (a login form left open for a day still works).
ANON_MAX_AGE = 24 * 3600


class Cookies:
    """Signing and setting the app's cookies."""

    def __init__(self, config: WebConfig):
        self._config = config
        self._session_signer = Signer(config.secret_key, salt="krantentoets.session")
        self._anon_signer = Signer(config.secret_key, salt="krantentoets.anon")
        self._csrf_key = hashlib.sha256(
            ("krantentoets.csrf:" + config.secret_key).encode("utf-8")
        ).digest()

    # -- reading ---------------------------------------------------------------
    def session_id(self, request: Request) -> str | None:
        return self._unsign(self._session_signer, request.cookies.get(SESSION_COOKIE))

    def anon_id(self, request: Request) -> str | None:
        return self._unsign(self._anon_signer, request.cookies.get(ANON_COOKIE))

    @staticmethod
    def _unsign(signer: Signer, value: str | None) -> str | None:
        if not value:
            return None
        try:
            return signer.unsign(value).decode("utf-8")
        except (BadSignature, UnicodeDecodeError):
            return None

    # -- writing ---------------------------------------------------------------
    def secure(self, request: Request) -> bool:
        mode = self._config.secure_cookies
        if mode == "always":
            return True
        if mode == "never":
            return False
        return request.url.scheme == "https"

    def set_session(self, response: Response, request: Request, sid: str, max_age: int) -> None:
        self._set(response, request, SESSION_COOKIE, self._session_signer.sign(sid), max_age)

    def clear_session(self, response: Response, request: Request) -> None:
        response.delete_cookie(
            SESSION_COOKIE,
            path="/",
            httponly=True,
            samesite="lax",
            secure=self.secure(request),
        )

    def set_anon(self, response: Response, request: Request, value: str) -> None:
        self._set(response, request, ANON_COOKIE, self._anon_signer.sign(value), ANON_MAX_AGE)

    def _set(
        self, response: Response, request: Request, name: str, value: bytes, max_age: int
    ) -> None:
        response.set_cookie(
            name,
            value.decode("ascii"),
            max_age=max_age,
            path="/",
            httponly=True,
            samesite="lax",
            secure=self.secure(request),
        )

    # -- CSRF ------------------------------------------------------------------
    def csrf_token(self, binding: str) -> str:
        """The form token for a session id or anonymous value."""
        return hmac.new(self._csrf_key, binding.encode("utf-8"), hashlib.sha256).hexdigest()

    def csrf_ok(self, binding: str | None, token: str | None) -> bool:
        if not binding or not token:
            return False
        return hmac.compare_digest(self.csrf_token(binding), token)


def new_anon_value() -> str:
    return secrets.token_urlsafe(24)


# -- security headers ------------------------------------------------------------------

#: Everything the pages load comes from the app itself (no outside servers).
CSP_PAGES = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
#: Swagger UI sets inline styles; still nothing from outside servers.
CSP_DOCS = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


class SecurityHeaders:
    """Pure ASGI middleware adding security headers to every HTTP response."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = CSP_DOCS if scope["path"].startswith("/api/docs") else CSP_PAGES

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", csp.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                    (b"x-frame-options", b"DENY"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
