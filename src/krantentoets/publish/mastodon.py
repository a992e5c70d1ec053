"""Mastodon through Mastodon.py: post (with images and alt text, as a reply), read the dialogue.

Credentials: ``{"access_token": ...}`` plus, after the authorisation-code flow
(:func:`register_app`, :func:`authorise_url`, :func:`exchange_code`), the app's
``client_id`` and ``client_secret``. Mastodon tokens do not expire unless the
account owner revokes the app; a 401 then marks the account revoked.

Rate limits: Mastodon.py is told to *throw* (never to sleep inside a web
request); a 429 becomes a :class:`~krantentoets.publish.base.PlatformError`
of kind ``rate``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit

from mastodon import Mastodon
from mastodon.errors import (
    MastodonAPIError,
    MastodonError,
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonRatelimitError,
)

from krantentoets.publish.base import (
    Outgoing,
    PlatformError,
    Published,
    Remote,
    RemoteMedia,
    kind_for_status,
)

__all__ = ["MastodonPublisher", "authorise_url", "exchange_code", "register_app"]

PLATFORM = "mastodon"
SCOPES = ["read", "write"]
APP_NAME = "krantentoets"
TIMEOUT = 30
#: Newest mention notifications read per capture run (Mastodon's maximum page).
MENTION_PAGE = 80
T = TypeVar("T")
_STATUS_URL = re.compile(r"/(?:@[^/]+|users/[^/]+/statuses|statuses)/(\d+)/?$")


def _call(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a Mastodon.py call; every failure becomes a PlatformError."""
    try:
        return fn(*args, **kwargs)
    except MastodonRatelimitError as exc:
        raise PlatformError(PLATFORM, "rate", 429, str(exc)) from None
    except MastodonNetworkError as exc:
        raise PlatformError(PLATFORM, "network", None, str(exc)[:200]) from None
    except MastodonAPIError as exc:
        # args: (message, status, reason, error text)
        status = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], int) else None
        reason = exc.args[3] if len(exc.args) > 3 else None
        kind = kind_for_status(status) if status else "invalid"
        if isinstance(exc, MastodonNotFoundError):
            kind = "not-found"
        raise PlatformError(PLATFORM, kind, status, str(reason) if reason else None) from None
    except MastodonError as exc:
        raise PlatformError(PLATFORM, "invalid", None, str(exc)[:200]) from None


def _client(instance: str, access_token: str | None = None, **kw: Any) -> Mastodon:
    return Mastodon(
        access_token=access_token,
        api_base_url=instance,
        ratelimit_method="throw",
        request_timeout=TIMEOUT,
        version_check_mode="none",
        user_agent=APP_NAME,
        **kw,
    )


def register_app(instance: str, redirect_uri: str) -> dict[str, str]:
    """Register krantentoets as an app on ``instance`` (once per instance)."""
    client_id, client_secret = _call(
        Mastodon.create_app,
        APP_NAME,
        scopes=SCOPES,
        redirect_uris=redirect_uri,
        api_base_url=instance,
        request_timeout=TIMEOUT,
        user_agent=APP_NAME,
    )
    return {"client_id": client_id, "client_secret": client_secret}


def authorise_url(instance: str, app: dict[str, str], redirect_uri: str, state: str) -> str:
    """Where the account owner logs in and allows krantentoets to post."""
    client = _client(instance, client_id=app["client_id"], client_secret=app["client_secret"])
    return _call(client.auth_request_url, redirect_uris=redirect_uri, scopes=SCOPES, state=state)


def exchange_code(
    instance: str, app: dict[str, str], redirect_uri: str, code: str
) -> dict[str, str]:
    """Trade the authorisation code for an access token; the credentials to store."""
    client = _client(instance, client_id=app["client_id"], client_secret=app["client_secret"])
    token = _call(client.log_in, code=code, redirect_uri=redirect_uri, scopes=SCOPES)
    return {**app, "access_token": token}


def _aware(value: Any) -> datetime:
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
    if isinstance(value, str) and value:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    return datetime.now(UTC)


def _remote(status: Any, kind: str) -> Remote:
    from krantentoets.monitor.sources.base import html_to_text

    account = status["account"]
    media = tuple(
        RemoteMedia(
            url=m.get("url") or m.get("remote_url") or "",
            alt=m.get("description"),
            mime_type=None,
        )
        for m in status.get("media_attachments") or ()
        if m.get("url") or m.get("remote_url")
    )
    edited = status.get("edited_at")
    return Remote(
        platform_id=str(status["id"]),
        kind=kind,
        author_handle="@" + str(account.get("acct") or account.get("username")),
        author_name=account.get("display_name") or None,
        text=html_to_text(status.get("content") or ""),
        created_at=_aware(status.get("created_at")),
        url=status.get("url") or status.get("uri"),
        in_reply_to_id=str(status["in_reply_to_id"]) if status.get("in_reply_to_id") else None,
        edited_at=_aware(edited) if edited else None,
        media=media,
    )


class MastodonPublisher:
    platform = PLATFORM

    def __init__(self, instance: str, credentials: dict[str, Any]) -> None:
        token = credentials.get("access_token")
        if not token:
            raise PlatformError(PLATFORM, "auth", None, "geen access token")
        self.instance = instance.rstrip("/")
        self.api = _client(self.instance, token)

    def credentials(self) -> dict[str, Any] | None:
        return None  # Mastodon tokens do not expire

    def whoami(self) -> str:
        me = _call(self.api.account_verify_credentials)
        return "@" + str(me["acct"])

    def _reply_id(self, post: Outgoing) -> str | None:
        target = post.reply_to
        if target is None:
            return None
        if target.platform_id:
            return target.platform_id
        if not target.url:
            return None
        parts = urlsplit(target.url)
        match = _STATUS_URL.search(parts.path)
        if match and f"{parts.scheme}://{parts.netloc}" == self.instance:
            return match.group(1)
        # A post on another server: let our server fetch it and give its local id.
        found = _call(self.api.search_v2, target.url, resolve=True, result_type="statuses")
        statuses = found.get("statuses") or []
        if not statuses:
            raise PlatformError(
                PLATFORM, "not-found", None, f"het bericht {target.url} is niet gevonden"
            )
        return str(statuses[0]["id"])

    def publish(self, post: Outgoing) -> Published:
        reply_id = self._reply_id(post)
        media_ids = []
        for m in post.media:
            uploaded = _call(
                self.api.media_post,
                m.data,
                mime_type=m.mime_type,
                description=m.alt,
                file_name=m.filename,
            )
            media_ids.append(uploaded["id"])
        status = _call(
            self.api.status_post,
            post.text,
            in_reply_to_id=reply_id,
            media_ids=media_ids or None,
            visibility="public",
        )
        return Published(
            platform_id=str(status["id"]),
            url=status.get("url") or status.get("uri"),
            published_at=_aware(status.get("created_at")),
            media_urls=tuple(m.get("url") or "" for m in status.get("media_attachments") or ()),
        )

    def dialogue(self, platform_id: str, ref: dict[str, Any]) -> list[Remote]:
        context = _call(self.api.status_context, platform_id)
        found = [_remote(s, "reply") for s in context.get("descendants") or ()]
        seen = {r.platform_id for r in found}
        try:
            quotes = _call(self.api.status_quotes, platform_id)
        except PlatformError as exc:
            if exc.kind != "not-found":  # servers before 4.5 have no quotes endpoint
                raise
            quotes = []
        for s in quotes:
            if str(s["id"]) not in seen:
                found.append(_remote(s, "quote"))
                seen.add(str(s["id"]))
        # Mentions of the organisation that link to this post (not replies, not quotes).
        url = ref.get("url")
        if url:
            notes = _call(self.api.notifications, types=["mention"], limit=MENTION_PAGE)
            for n in notes:
                status = n.get("status")
                if (
                    status
                    and str(status["id"]) not in seen
                    and url in (status.get("content") or "")
                ):
                    found.append(_remote(status, "mention"))
                    seen.add(str(status["id"]))
        return found

    def fetch(self, platform_id: str) -> Remote | None:
        try:
            status = _call(self.api.status, platform_id)
        except PlatformError as exc:
            if exc.kind == "not-found":
                return None
            raise
        return _remote(status, "reply")
