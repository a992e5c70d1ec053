"""Fake Mastodon, Bluesky and news-feed endpoints over the recorded responses.

The handlers implement the paging rules of the real APIs (Mastodon ``limit``/
``max_id``/``since_id``; Bluesky ``limit``/``cursor``/``since``; RSS
``ETag``/``If-None-Match``) over recorded data, so the clients' paging and
cursor logic is exercised for real.
"""

from __future__ import annotations

import base64
import json
import time
from typing import Any

from fakes.server import FakeServer, Request, Response, recorded

FEED_ETAG = '"omroep-4102"'


def jwt(subject: str, scope: str, lifetime: float, serial: int = 0) -> str:
    """A JWT shaped like Bluesky's (``atproto`` reads its ``exp``; nobody checks the signature)."""

    def part(data: dict[str, Any]) -> str:
        raw = json.dumps(data, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    payload = {"scope": scope, "sub": subject, "iat": int(time.time()), "jti": str(serial)}
    payload["exp"] = int(time.time() + lifetime)
    return f"{part({'typ': 'at+jwt', 'alg': 'ES256K'})}.{part(payload)}.c2lnbmF0dXJl"


BSKY_DID = "did:plc:dijkstadcomms"
BSKY_TOKEN = jwt(BSKY_DID, "com.atproto.access", 2 * 3600)
BSKY_HANDLE = "communicatie.dijkstad.example"
BSKY_APP_PASSWORD = "abcd-efgh-ijkl-mnop"


def mastodon_statuses() -> list[dict[str, Any]]:
    return json.loads(recorded("mastodon_tag_dijkstad.json"))


def bluesky_posts() -> list[dict[str, Any]]:
    return json.loads(recorded("bluesky_searchposts_gemeente_dijkstad.json"))["posts"]


def add_feeds(server: FakeServer) -> None:
    """``/rss/nieuws.xml`` (RSS 2.0, with ETag) and ``/atom.xml`` (Atom)."""

    def rss(request: Request) -> Response:
        if request.headers.get("if-none-match") == FEED_ETAG:
            return Response(304, b"", {"ETag": FEED_ETAG})
        return Response(
            200,
            recorded("omroep_dijkland_rss.xml"),
            {"ETag": FEED_ETAG, "Last-Modified": "Wed, 12 Mar 2025 18:45:00 GMT"},
            content_type="application/rss+xml; charset=utf-8",
        )

    server.route("GET", "/rss/nieuws.xml", rss)
    server.route(
        "GET",
        "/atom.xml",
        Response(200, recorded("dijkstadsdagblad_atom.xml"), content_type="application/atom+xml"),
    )
    server.route(
        "GET", "/kapot.xml", Response(200, b"<html><body>Onderhoud</body></html", {}, "text/html")
    )


def add_mastodon(
    server: FakeServer,
    statuses: list[dict[str, Any]] | None = None,
    *,
    token: str | None = None,
) -> list[dict[str, Any]]:
    """Tag timeline ``/api/v1/timelines/tag/dijkstad`` and ``/api/v2/search``."""
    timeline = statuses if statuses is not None else mastodon_statuses()

    def tag(request: Request) -> Response:
        limit = min(int(request.arg("limit") or 20), 40)
        rows = timeline
        if request.arg("max_id"):
            rows = [s for s in rows if int(s["id"]) < int(request.arg("max_id") or 0)]
        if request.arg("since_id"):
            rows = [s for s in rows if int(s["id"]) > int(request.arg("since_id") or 0)]
        return Response(200, rows[:limit])

    def search(request: Request) -> Response:
        if request.arg("type") != "statuses":
            return Response(422, {"error": "type"})
        authorised = token is not None and request.headers.get("authorization") == f"Bearer {token}"
        if not authorised:
            # Like real instances: statuses search needs an account; answer is empty.
            return Response(200, {"accounts": [], "statuses": [], "hashtags": []})
        data = json.loads(recorded("mastodon_search_gemeente_dijkstad.json"))
        offset = int(request.arg("offset") or 0)
        data["statuses"] = data["statuses"][offset:]
        return Response(200, data)

    server.route("GET", "/api/v1/timelines/tag/dijkstad", tag)
    server.route("GET", "/api/v2/search", search)
    return timeline


class BlueskyAccounts:
    """The tokens the fake has issued; an access token can be made to expire at once."""

    def __init__(self, access_lifetime: float) -> None:
        self.access_lifetime = access_lifetime
        self.access = {BSKY_TOKEN}
        self.refresh: set[str] = set()
        self.serial = 0

    def issue(self) -> dict[str, Any]:
        self.serial += 1
        access = jwt(BSKY_DID, "com.atproto.access", self.access_lifetime, self.serial)
        refresh = jwt(BSKY_DID, "com.atproto.refresh", 90 * 86400, self.serial)
        self.access.add(access)
        self.refresh.add(refresh)
        return {"did": BSKY_DID, "handle": BSKY_HANDLE, "accessJwt": access, "refreshJwt": refresh}

    def authed(self, request: Request) -> bool:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        return scheme == "Bearer" and token in self.access


def add_bluesky(
    server: FakeServer,
    posts: list[dict[str, Any]] | None = None,
    *,
    page_size: int = 3,
    require_auth: bool = False,
    access_lifetime: float = 2 * 3600,
    notifications: list[dict[str, Any]] | None = None,
    threads: dict[str, dict[str, Any]] | None = None,
) -> BlueskyAccounts:
    """Lexicon-shaped XRPC: ``searchPosts`` (paged by ``cursor``), ``createSession``,
    ``refreshSession``, ``listNotifications`` and ``getPostThread``.

    Like the real AppView, a ``cursor`` request without login is refused (403).
    """
    results = posts if posts is not None else bluesky_posts()
    accounts = BlueskyAccounts(access_lifetime)

    def search(request: Request) -> Response:
        authed = accounts.authed(request)
        if (require_auth or request.arg("cursor")) and not authed:
            # The public AppView refuses unauthenticated search, and always paging.
            return Response(403, {"error": "AuthMissing", "message": "Authentication Required"})
        if not request.arg("q"):
            return Response(400, {"error": "InvalidRequest", "message": "q must be set"})
        rows = results
        if request.arg("since"):
            rows = [p for p in rows if p["indexedAt"] >= (request.arg("since") or "")]
        start = int(request.arg("cursor") or 0)
        size = min(page_size, int(request.arg("limit") or 25))
        page = rows[start : start + size]
        body: dict[str, Any] = {"posts": page, "hitsTotal": len(rows)}
        if start + size < len(rows):
            body["cursor"] = str(start + size)
        return Response(200, body)

    def session(request: Request) -> Response:
        data = request.json()
        if data.get("identifier") != BSKY_HANDLE or data.get("password") != BSKY_APP_PASSWORD:
            return Response(
                401,
                {"error": "AuthenticationRequired", "message": "Invalid identifier or password"},
            )
        return Response(200, accounts.issue())

    def refresh(request: Request) -> Response:
        _, _, token = request.headers.get("authorization", "").partition(" ")
        if token not in accounts.refresh:
            return Response(400, {"error": "ExpiredToken", "message": "Token has expired"})
        accounts.refresh.discard(token)  # refresh tokens are single use
        return Response(200, accounts.issue())

    def notes(request: Request) -> Response:
        if not accounts.authed(request):
            return Response(401, {"error": "AuthMissing", "message": "Authentication Required"})
        rows = notifications or []
        reasons = request.query.get("reasons") or request.query.get("reasons[]")
        if reasons:
            rows = [n for n in rows if n["reason"] in reasons]
        start = int(request.arg("cursor") or 0)
        size = int(request.arg("limit") or 50)
        body: dict[str, Any] = {"notifications": rows[start : start + size]}
        if start + size < len(rows):
            body["cursor"] = str(start + size)
        return Response(200, body)

    def thread(request: Request) -> Response:
        uri = request.arg("uri") or ""
        known = (threads or {}).get(uri)
        if known is None:
            return Response(400, {"error": "NotFound", "message": f"Post not found: {uri}"})
        return Response(200, {"thread": known})

    server.route("GET", "/xrpc/app.bsky.feed.searchPosts", search)
    server.route("POST", "/xrpc/com.atproto.server.createSession", session)
    server.route("POST", "/xrpc/com.atproto.server.refreshSession", refresh)
    server.route("GET", "/xrpc/app.bsky.notification.listNotifications", notes)
    server.route("GET", "/xrpc/app.bsky.feed.getPostThread", thread)
    return accounts
