"""LinkedIn Pages through the versioned REST API (httpx): post with images and alt text, comments.

Credentials: ``{"access_token": ..., "refresh_token": ..., "expires_at": ISO}``
from LinkedIn's OAuth 2.0 authorisation-code flow for an app with the
*Community Management API* product (LinkedIn reviews the app; scopes
``w_organization_social``, ``r_organization_social``), by a Page admin. The
account's handle is the organisation id (``12345`` or
``urn:li:organization:12345``). Access tokens last 60 days; the account's
expiry date gives the beheerder a warning a week ahead (refresh tokens are
only issued to approved partners: then :meth:`LinkedInPublisher.refresh` is used).

Endpoints (``LinkedIn-Version: 202411``, ``X-Restli-Protocol-Version: 2.0.0``):
``POST /rest/images?action=initializeUpload`` then ``PUT`` the bytes to the
``uploadUrl``; ``POST /rest/posts`` (201, the id in header ``x-restli-id``);
``GET /rest/socialActions/{urn}/comments`` (comments and replies);
``POST /rest/socialActions/{urn}/comments`` (a reply);
``GET /rest/socialActions/{urn}/comments/{id}`` (404 when deleted).
Errors: ``{"status", "serviceErrorCode", "code", "message"}``.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

import httpx

from krantentoets.publish.base import Outgoing, PlatformError, Published, Remote, RemoteMedia
from krantentoets.publish.http import TIMEOUT, OAuthTokens, send

__all__ = ["LinkedInPublisher"]

PLATFORM = "linkedin"
API = "https://api.linkedin.com"
OAUTH = "https://www.linkedin.com/oauth/v2/accessToken"
VERSION = "202411"
_URN = re.compile(r"urn:li:[a-zA-Z]+:(?:\([^)]*\)|[^/?#]+)")


def read_error(status: int, body: Any) -> tuple[str | None, str | None]:
    if not isinstance(body, dict):
        return (str(body)[:300] or None), None
    kind = "auth" if body.get("code") in ("INVALID_ACCESS_TOKEN", "EXPIRED_ACCESS_TOKEN") else None
    reason = " ".join(str(x) for x in (body.get("code"), body.get("message")) if x)
    return reason or None, kind


def _ms(value: Any) -> datetime:
    if isinstance(value, int):
        return datetime.fromtimestamp(value / 1000, UTC)
    return datetime.now(UTC)


def _org(handle: str) -> str:
    return handle if handle.startswith("urn:li:") else f"urn:li:organization:{handle}"


class LinkedInPublisher:
    platform = PLATFORM

    def __init__(self, instance: str | None, credentials: dict[str, Any]) -> None:
        if not credentials.get("access_token") or not credentials.get("account"):
            raise PlatformError(PLATFORM, "auth", None, "geen access token of organisatie-id")
        self.creds = dict(credentials)
        self.base = (instance or API).rstrip("/")
        self.org = _org(str(credentials["account"]))
        self.client = httpx.Client(timeout=TIMEOUT)
        self.client.headers.update(
            {"LinkedIn-Version": VERSION, "X-Restli-Protocol-Version": "2.0.0"}
        )
        self.tokens = OAuthTokens(
            PLATFORM,
            self.client,
            self.creds,
            token_url=self.creds.get("token_url") or OAUTH,
            read_error=read_error,
            margin=timedelta(days=1),
            fields=("client_id", "client_secret"),
        )

    def credentials(self) -> dict[str, Any] | None:
        return self.tokens.fresh

    def _send(self, method: str, path: str, **kw: Any) -> httpx.Response:
        if self.tokens.due():
            self.tokens.refresh()
        return send(self.client, PLATFORM, method, f"{self.base}{path}", read_error, **kw)

    def whoami(self) -> str:
        org_id = self.org.rsplit(":", 1)[-1]
        return str(self._send("GET", f"/rest/organizations/{org_id}").json().get("id", org_id))

    def _upload(self, data: bytes) -> str:
        init = self._send(
            "POST",
            "/rest/images?action=initializeUpload",
            json={"initializeUploadRequest": {"owner": self.org}},
        ).json()["value"]
        send(self.client, PLATFORM, "PUT", init["uploadUrl"], read_error, content=data)
        return str(init["image"])

    def publish(self, post: Outgoing) -> Published:
        target = post.reply_to.platform_id if post.reply_to else None
        if target is None and post.reply_to and post.reply_to.url:
            found = _URN.search(post.reply_to.url)
            target = found.group(0) if found else None
        if target:
            body = {"actor": self.org, "object": target, "message": {"text": post.text}}
            if target.startswith("urn:li:comment:"):
                body["parentComment"] = target
            resp = self._send(
                "POST", f"/rest/socialActions/{quote(target, safe='')}/comments", json=body
            )
            got = resp.json()
            return Published(str(got.get("commentUrn") or got.get("id")), None, datetime.now(UTC))
        body: dict[str, Any] = {
            "author": self.org,
            "commentary": post.text,
            "visibility": "PUBLIC",
            "distribution": {"feedDistribution": "MAIN_FEED"},
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": False,
        }
        if len(post.media) == 1:
            m = post.media[0]
            body["content"] = {"media": {"id": self._upload(m.data), "altText": m.alt}}
        elif post.media:
            body["content"] = {
                "multiImage": {
                    "images": [{"id": self._upload(m.data), "altText": m.alt} for m in post.media]
                }
            }
        resp = self._send("POST", "/rest/posts", json=body)
        urn = resp.headers.get("x-restli-id", "")
        return Published(
            platform_id=urn,
            url=f"https://www.linkedin.com/feed/update/{urn}/",
            published_at=datetime.now(UTC).replace(microsecond=0),
        )

    def _remote(self, c: dict[str, Any], parent: str) -> Remote:
        media = tuple(
            RemoteMedia(url=str(x.get("url")), alt=None)
            for x in c.get("content") or ()
            if x.get("url")
        )
        return Remote(
            platform_id=str(c.get("commentUrn") or c.get("id")),
            kind="reply",
            author_handle=str(c.get("actor")),
            author_name=None,
            text=str((c.get("message") or {}).get("text") or ""),
            created_at=_ms((c.get("created") or {}).get("time")),
            edited_at=_ms((c.get("lastModified") or {}).get("time"))
            if c.get("lastModified")
            else None,
            in_reply_to_id=c.get("parentComment") or parent,
            media=media,
        )

    def dialogue(self, platform_id: str, ref: dict[str, Any]) -> list[Remote]:
        out: list[Remote] = []
        todo = [platform_id]
        while todo:  # comments, then the replies under each comment
            urn = todo.pop(0)
            path = f"/rest/socialActions/{quote(urn, safe='')}/comments"
            for c in self._send("GET", path, params={"count": 100}).json().get("elements", []):
                r = self._remote(c, urn)
                out.append(r)
                if (c.get("commentsSummary") or {}).get("aggregatedTotalComments"):
                    todo.append(r.platform_id)
        return out

    def fetch(self, platform_id: str) -> Remote | None:
        if not platform_id.startswith("urn:li:comment:"):
            try:
                got = self._send("GET", f"/rest/posts/{quote(platform_id, safe='')}").json()
            except PlatformError as exc:
                if exc.kind == "not-found":
                    return None
                raise
            return Remote(
                platform_id=platform_id,
                kind="own",
                author_handle=str(got.get("author")),
                author_name=None,
                text=str(got.get("commentary") or ""),
                created_at=_ms(got.get("createdAt")),
            )
        # urn:li:comment:(urn:li:activity:1,2) -> socialActions/{object}/comments/{id}
        inner = platform_id.removeprefix("urn:li:comment:(").rstrip(")")
        obj, _, cid = inner.rpartition(",")
        try:
            c = self._send(
                "GET", f"/rest/socialActions/{quote(obj, safe='')}/comments/{cid}"
            ).json()
        except PlatformError as exc:
            if exc.kind == "not-found":
                return None
            raise
        return self._remote(c, obj)
