"""X through API v2 (httpx): post with images and alt text, replies; read the conversation.

Credentials: ``{"access_token", "refresh_token", "client_id", "expires_at"}``
from X's OAuth 2.0 authorisation-code flow with PKCE (scopes ``tweet.read
tweet.write users.read media.write offline.access``). Posting needs a paid API
tier (Basic or higher). Access tokens last two hours: the refresh token is
used before expiry (``POST /2/oauth2/token``, ``grant_type=refresh_token``) and
the new pair stored again (encrypted); X rotates refresh tokens.

Endpoints: ``POST /2/media/upload`` (multipart, ``media_category=tweet_image``),
``POST /2/media/metadata`` (alt text), ``POST /2/tweets`` (``reply``,
``media``); ``GET /2/tweets/search/recent?query=conversation_id:{id}`` (replies
of the last 7 days), ``GET /2/tweets/{id}/quote_tweets``; ``GET /2/tweets/{id}``
(a ``Not Found Error`` when deleted). An edit is a new tweet id; the
original id stays the first of ``edit_history_tweet_ids`` and is what we key on.
Errors: problem JSON ``{"title", "detail", "type", "status"}``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from krantentoets.publish.base import Outgoing, PlatformError, Published, Remote, RemoteMedia
from krantentoets.publish.http import TIMEOUT, OAuthTokens, send

__all__ = ["XPublisher"]

PLATFORM = "x"
API = "https://api.x.com"
TWEET_FIELDS = (
    "author_id,created_at,conversation_id,referenced_tweets,edit_history_tweet_ids,attachments"
)
EXPANSIONS = "author_id,attachments.media_keys"


def read_error(status: int, body: Any) -> tuple[str | None, str | None]:
    if isinstance(body, dict):
        reason = " ".join(str(x) for x in (body.get("title"), body.get("detail")) if x)
        return reason or None, None
    return (str(body)[:300] or None), None


def _time(value: str | None) -> datetime:
    if not value:
        return datetime.now(UTC)
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)


class XPublisher:
    platform = PLATFORM

    def __init__(self, instance: str | None, credentials: dict[str, Any]) -> None:
        if not credentials.get("access_token"):
            raise PlatformError(PLATFORM, "auth", None, "geen access token")
        self.creds = dict(credentials)
        self.base = (instance or API).rstrip("/")
        self.client = httpx.Client(timeout=TIMEOUT)
        self.tokens = OAuthTokens(
            PLATFORM,
            self.client,
            self.creds,
            token_url=f"{self.base}/2/oauth2/token",
            read_error=read_error,
            margin=timedelta(minutes=5),
        )

    def credentials(self) -> dict[str, Any] | None:
        return self.tokens.fresh

    def _send(self, method: str, path: str, **kw: Any) -> Any:
        if self.tokens.due():
            self.tokens.refresh()
        return send(self.client, PLATFORM, method, f"{self.base}{path}", read_error, **kw).json()

    def whoami(self) -> str:
        return "@" + str(self._send("GET", "/2/users/me")["data"]["username"])

    def publish(self, post: Outgoing) -> Published:
        body: dict[str, Any] = {"text": post.text}
        target = post.reply_to.platform_id if post.reply_to else None
        if target is None and post.reply_to and post.reply_to.url:
            target = post.reply_to.url.rstrip("/").rsplit("/", 1)[-1].split("?")[0]
        if target:
            body["reply"] = {"in_reply_to_tweet_id": target}
        media_ids = []
        for m in post.media:
            up = self._send(
                "POST",
                "/2/media/upload",
                data={"media_category": "tweet_image"},
                files={"media": (m.filename, m.data, m.mime_type)},
            )
            mid = str(up["data"]["id"])
            self._send(
                "POST",
                "/2/media/metadata",
                json={"id": mid, "metadata": {"alt_text": {"text": m.alt}}},
            )
            media_ids.append(mid)
        if media_ids:
            body["media"] = {"media_ids": media_ids}
        data = self._send("POST", "/2/tweets", json=body)["data"]
        me = self._send("GET", "/2/users/me")["data"]["username"]
        return Published(
            platform_id=str(data["id"]),
            url=f"https://x.com/{me}/status/{data['id']}",
            published_at=datetime.now(UTC).replace(microsecond=0),
        )

    @staticmethod
    def _remotes(page: dict[str, Any], kind: str) -> list[Remote]:
        users = {u["id"]: u for u in (page.get("includes") or {}).get("users", [])}
        media = {m["media_key"]: m for m in (page.get("includes") or {}).get("media", [])}
        out = []
        for t in page.get("data") or []:
            user = users.get(t.get("author_id"), {})
            history = t.get("edit_history_tweet_ids") or [t["id"]]
            parent = next(
                (r["id"] for r in t.get("referenced_tweets") or () if r["type"] == "replied_to"),
                None,
            )
            keys = (t.get("attachments") or {}).get("media_keys") or ()
            out.append(
                Remote(
                    platform_id=str(history[0]),
                    kind=kind,
                    author_handle="@" + str(user.get("username", t.get("author_id"))),
                    author_name=user.get("name"),
                    text=str(t.get("text") or ""),
                    created_at=_time(t.get("created_at")),
                    url=f"https://x.com/{user.get('username', 'i')}/status/{t['id']}",
                    in_reply_to_id=parent,
                    edited_at=_time(t.get("created_at")) if len(history) > 1 else None,
                    media=tuple(
                        RemoteMedia(url=str(media[k].get("url")), alt=media[k].get("alt_text"))
                        for k in keys
                        if k in media and media[k].get("url")
                    ),
                )
            )
        return out

    def dialogue(self, platform_id: str, ref: dict[str, Any]) -> list[Remote]:
        params = {
            "tweet.fields": TWEET_FIELDS,
            "expansions": EXPANSIONS,
            "user.fields": "name,username",
            "media.fields": "url,alt_text",
            "max_results": 100,
        }
        found = self._remotes(
            self._send(
                "GET",
                "/2/tweets/search/recent",
                params={**params, "query": f"conversation_id:{platform_id}"},
            ),
            "reply",
        )
        seen = {r.platform_id for r in found}
        quotes = self._remotes(
            self._send("GET", f"/2/tweets/{platform_id}/quote_tweets", params=params), "quote"
        )
        return found + [q for q in quotes if q.platform_id not in seen]

    def fetch(self, platform_id: str) -> Remote | None:
        page = self._send(
            "GET",
            f"/2/tweets/{platform_id}",
            params={"tweet.fields": TWEET_FIELDS, "expansions": EXPANSIONS},
        )
        if not page.get("data"):
            if any("Not Found" in str(e.get("title")) for e in page.get("errors") or ()):
                return None
            raise PlatformError(PLATFORM, "invalid", 200, str(page.get("errors"))[:300])
        page = {**page, "data": [page["data"]]}
        remotes = self._remotes(page, "reply")
        return remotes[0] if remotes else None
