"""Facebook Pages through the Graph API (httpx): post with photos and alt text, read comments.

Credentials: ``{"access_token": <Page access token>}``; the account's handle is
the Page id. A long-lived Page token (from a long-lived user token of a Page
admin, permissions ``pages_manage_posts``, ``pages_read_engagement``,
``pages_read_user_content``; the app needs Meta's App Review) does not expire
unless the admin changes password or removes the app; Graph then answers error
code 190, which marks the account revoked.

Endpoints (Graph API v21.0): ``POST /{page-id}/feed`` (text),
``POST /{page-id}/photos`` (a photo with ``caption`` and ``alt_text_custom``;
``POST /{page-id}/feed`` with ``attached_media`` for several), ``POST
/{object-id}/comments`` (a reply), ``GET /{post-id}/comments?filter=stream``
(all comments and replies), ``GET /{comment-id}`` (error code 100 when deleted).
Errors: ``{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx

from krantentoets.publish.base import Outgoing, PlatformError, Published, Remote, RemoteMedia
from krantentoets.publish.http import TIMEOUT, send

__all__ = ["FacebookPublisher"]

PLATFORM = "facebook"
GRAPH = "https://graph.facebook.com/v21.0"
COMMENT_FIELDS = "id,from{id,name},message,created_time,permalink_url,parent{id},attachment"
POST_FIELDS = "id,from{id,name},message,created_time,permalink_url"
RATE_CODES = frozenset({4, 17, 32, 613})


def read_error(status: int, body: Any) -> tuple[str | None, str | None]:
    err = body.get("error") if isinstance(body, dict) else None
    if not isinstance(err, dict):
        return (str(body)[:300] or None), None
    code = err.get("code")
    kind = None
    if code == 190 or (err.get("type") == "OAuthException" and code in (102, 190)):
        kind = "auth"
    elif code in RATE_CODES:
        kind = "rate"
    elif code in (10, 200):
        kind = "forbidden"
    elif code == 100 and "does not exist" in str(err.get("message", "")):
        kind = "not-found"
    return f"{err.get('message')} (code {code})", kind


def _time(value: str | None) -> datetime:
    if not value:
        return datetime.now(UTC)
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z").astimezone(UTC)


def _remote(c: dict[str, Any], kind: str, default_parent: str) -> Remote:
    author = c.get("from") or {}
    media = ()
    att = c.get("attachment") or {}
    src = ((att.get("media") or {}).get("image") or {}).get("src")
    if src:
        media = (RemoteMedia(url=src, alt=att.get("description")),)
    return Remote(
        platform_id=c["id"],
        kind=kind,
        author_handle=author.get("id") or "onbekend",
        author_name=author.get("name"),
        text=c.get("message") or "",
        created_at=_time(c.get("created_time")),
        url=c.get("permalink_url"),
        in_reply_to_id=(c.get("parent") or {}).get("id") or default_parent,
        media=media,
    )


class FacebookPublisher:
    platform = PLATFORM

    def __init__(self, instance: str | None, credentials: dict[str, Any]) -> None:
        token = credentials.get("access_token")
        page = credentials.get("page_id") or credentials.get("account")
        if not token or not page:
            raise PlatformError(PLATFORM, "auth", None, "geen Page access token of Page-id")
        self.base = (instance or GRAPH).rstrip("/")
        self.page = str(page)
        self.client = httpx.Client(timeout=TIMEOUT, params={"access_token": token})

    def credentials(self) -> dict[str, Any] | None:
        return None

    def _send(self, method: str, path: str, **kw: Any) -> Any:
        return send(self.client, PLATFORM, method, f"{self.base}/{path}", read_error, **kw).json()

    def whoami(self) -> str:
        return str(self._send("GET", self.page, params={"fields": "id,name"})["id"])

    def publish(self, post: Outgoing) -> Published:
        target = post.reply_to.platform_id if post.reply_to else None
        if target is None and post.reply_to and post.reply_to.url:
            target = post.reply_to.url.rstrip("/").rsplit("/", 1)[-1].split("comment_id=")[-1]
        if target:  # a reply is a comment on the post or comment
            created = self._send("POST", f"{target}/comments", data={"message": post.text})
            cid = created["id"]
            return Published(cid, None, datetime.now(UTC).replace(microsecond=0))
        if post.media:
            photos = []
            for m in post.media:
                photo = self._send(
                    "POST",
                    f"{self.page}/photos",
                    data={"published": "false", "alt_text_custom": m.alt},
                    files={"source": (m.filename, m.data, m.mime_type)},
                )
                photos.append(photo["id"])
            data = {"message": post.text}
            for i, pid in enumerate(photos):
                data[f"attached_media[{i}]"] = f'{{"media_fbid":"{pid}"}}'
            created = self._send("POST", f"{self.page}/feed", data=data)
        else:
            created = self._send("POST", f"{self.page}/feed", data={"message": post.text})
        post_id = created["id"]
        info = self._send("GET", post_id, params={"fields": "id,permalink_url,created_time"})
        return Published(
            platform_id=post_id,
            url=info.get("permalink_url"),
            published_at=_time(info.get("created_time")),
        )

    def dialogue(self, platform_id: str, ref: dict[str, Any]) -> list[Remote]:
        out: list[Remote] = []
        params: dict[str, Any] = {"filter": "stream", "fields": COMMENT_FIELDS, "limit": 100}
        url = f"{platform_id}/comments"
        while True:
            page = self._send("GET", url, params=params)
            out += [_remote(c, "reply", platform_id) for c in page.get("data", [])]
            after = ((page.get("paging") or {}).get("cursors") or {}).get("after")
            if not after or not (page.get("paging") or {}).get("next"):
                return out
            params = {**params, "after": after}

    def fetch(self, platform_id: str) -> Remote | None:
        # A Page post id is "<page>_<post>"; a comment id has no page prefix.
        fields = POST_FIELDS if "_" in platform_id else COMMENT_FIELDS
        try:
            c = self._send("GET", platform_id, params={"fields": fields})
        except PlatformError as exc:
            if exc.kind == "not-found":
                return None
            raise
        return _remote(c, "reply", "")
