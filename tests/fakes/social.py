"""Fake Mastodon, Bluesky and news-feed endpoints over the recorded responses.

The handlers implement the paging rules of the real APIs (Mastodon ``limit``/
``max_id``/``since_id``; Bluesky ``limit``/``cursor``/``since``; RSS
``ETag``/``If-None-Match``) over recorded data, so the clients' paging and
cursor logic is exercised for real.
"""

from __future__ import annotations

import json
from typing import Any

from fakes.server import FakeServer, Request, Response, recorded

FEED_ETAG = '"omroep-4102"'
BSKY_TOKEN = "eyJ0eXAiOiJhdCtqd3QifQ.fake-access-jwt"
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


def add_bluesky(
    server: FakeServer,
    posts: list[dict[str, Any]] | None = None,
    *,
    page_size: int = 3,
    require_auth: bool = False,
) -> list[dict[str, Any]]:
    """``app.bsky.feed.searchPosts`` (paged by ``cursor``) and ``createSession``."""
    results = posts if posts is not None else bluesky_posts()

    def search(request: Request) -> Response:
        authed = request.headers.get("authorization") == f"Bearer {BSKY_TOKEN}"
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
        return Response(
            200,
            {
                "did": "did:plc:dijkstadcomms",
                "handle": BSKY_HANDLE,
                "accessJwt": BSKY_TOKEN,
                "refreshJwt": "r",
            },
        )

    server.route("GET", "/xrpc/app.bsky.feed.searchPosts", search)
    server.route("POST", "/xrpc/com.atproto.server.createSession", session)
    return results
