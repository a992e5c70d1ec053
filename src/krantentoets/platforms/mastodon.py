"""Mastodon through ``Mastodon.py``: one client for monitoring, publishing and capture.

:func:`connect` builds the client for an instance (with or without an access
token) on a bounded ``requests`` session (:mod:`krantentoets.platforms.net`);
:func:`call` runs one API call and turns the library's errors into
:mod:`krantentoets.platforms` errors; :func:`to_item` turns a Status into an
:class:`~krantentoets.platforms.items.Item` that keeps what the status shows:
text with full links, content warning, media with alt text, poll, card,
quote, mentions with their domain, custom emoji, visibility and edits.

Why ``Mastodon.py``: it follows ``Link`` headers (``fetch_next``), knows every
endpoint's parameters and is maintained with Mastodon's releases.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit

from krantentoets.platforms import (
    AuthRequired,
    PlatformError,
    RateLimited,
)
from krantentoets.platforms.items import VISIBILITIES, Item
from krantentoets.platforms.net import Budget, guarded_requests
from krantentoets.platforms.text import html_links, html_to_text, parse_datetime

__all__ = ["Connection", "call", "connect", "status_id", "to_item"]

T = TypeVar("T")
#: The Mastodon API version the client assumes (quotes, grouped notifications: 4.5).
ASSUMED_VERSION = "4.5.0"


@dataclass(frozen=True)
class Connection:
    """Where and as whom: the instance's base URL and (optionally) an access token."""

    instance: str
    token: str | None = None

    @property
    def base_url(self) -> str:
        base = self.instance.rstrip("/")
        return base if "://" in base else "https://" + base

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).hostname or ""


def connect(connection: Connection, budget: Budget, user_agent: str) -> Any:
    """A ``mastodon.Mastodon`` client on a bounded session (no version check: no extra call)."""
    from mastodon import Mastodon

    return Mastodon(
        access_token=connection.token,
        api_base_url=connection.base_url,
        session=guarded_requests(budget, user_agent),
        request_timeout=budget.timeout,
        # A version given: Mastodon.py asks the instance nothing before the real call (and
        # does not loop on instances that hide their version).
        mastodon_version=ASSUMED_VERSION,
        version_check_mode="created",
        ratelimit_method="throw",
        user_agent=user_agent,
    )


def call(func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run one ``Mastodon.py`` call; its errors become :class:`PlatformError` subclasses."""
    from mastodon.errors import (
        MastodonAPIError,
        MastodonError,
        MastodonNotFoundError,
        MastodonRatelimitError,
        MastodonUnauthorizedError,
    )

    try:
        return func(*args, **kwargs)
    except PlatformError:
        raise
    except MastodonRatelimitError as exc:
        raise RateLimited("Mastodon: te veel verzoeken; probeer later opnieuw") from exc
    except MastodonUnauthorizedError as exc:
        raise AuthRequired(f"Mastodon: niet aangemeld of geen toegang ({_detail(exc)})") from exc
    except MastodonNotFoundError as exc:
        raise PlatformError(f"Mastodon: niet gevonden ({_detail(exc)})") from exc
    except MastodonAPIError as exc:
        status = exc.args[1] if len(exc.args) > 1 else None
        if status in (401, 403):
            raise AuthRequired(f"Mastodon: HTTP {status} ({_detail(exc)})") from exc
        raise PlatformError(f"Mastodon: fout van de server ({_detail(exc)})") from exc
    except MastodonError as exc:
        # A network error wraps ours (deadline, size, blocked address): raise that one.
        inner = exc.__context__ or exc.__cause__
        while inner is not None and not isinstance(inner, PlatformError):
            inner = inner.__context__ or inner.__cause__
        if isinstance(inner, PlatformError):
            raise inner from None
        raise PlatformError(f"Mastodon: netwerkfout ({exc})") from exc


def _detail(exc: Exception) -> str:
    parts = [str(a) for a in exc.args[1:4] if a]
    return ", ".join(parts) or type(exc).__name__


def status_id(status: Any) -> str:
    return str(status["id"])


def _when(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    return parse_datetime(value)


def _acct(account: Any, host: str) -> str | None:
    """``user@domain`` for an account (local accounts get the instance's domain)."""
    if not account:
        return None
    acct = account.get("acct") or account.get("username")
    if acct and "@" not in acct:
        domain = urlsplit(account.get("url") or "").hostname or host
        if domain:
            acct = f"{acct}@{domain}"
    return acct


def _quoted(status: Any) -> Any:
    quote = status.get("quote")
    if not quote:
        return None
    # Mastodon 4.5: {"state": ..., "quoted_status": Status}; older forks: the Status itself.
    return quote.get("quoted_status") if "quoted_status" in quote or "state" in quote else quote


def to_item(status: Any, host: str) -> Item | None:
    """The status (or the status it boosts) as an Item; None for a deleted/empty one."""
    details: dict[str, Any] = {}
    outer = status.get("visibility") or "public"
    if status.get("reblog"):
        details["boosted_by"] = _acct(status.get("account"), host)
        status = status["reblog"]
    if not status.get("id"):
        raise ValueError("status without id")
    content = status.get("content") or ""
    text = html_to_text(content)
    warning = html_to_text(status.get("spoiler_text"))
    if warning:
        details["content_warning"] = warning
        text = f"{warning}\n\n{text}" if text else warning
    links = html_links(content)
    if links:
        details["links"] = links
    mentions = [a for m in status.get("mentions") or () if (a := _acct(m, host))]
    if mentions:
        details["mentions"] = ["@" + m for m in mentions]
    media = [
        {
            "type": m.get("type"),
            "url": m.get("url") or m.get("remote_url"),
            "alt": m.get("description") or None,
        }
        for m in status.get("media_attachments") or ()
    ]
    if media:
        details["media"] = media
    poll = status.get("poll")
    if poll:
        details["poll"] = {
            "options": [
                {"title": o.get("title"), "votes": o.get("votes_count")}
                for o in poll.get("options") or ()
            ],
            "votes": poll.get("votes_count"),
            "expires_at": _iso(_when(poll.get("expires_at"))),
            "multiple": bool(poll.get("multiple")),
        }
    card = status.get("card")
    if card:
        details["card"] = {
            k: card.get(k) for k in ("url", "title", "description", "provider_name") if card.get(k)
        }
    quoted = _quoted(status)
    if quoted:
        details["quote"] = {
            "id": str(quoted.get("id")),
            "url": quoted.get("url") or quoted.get("uri"),
            "author": "@" + a if (a := _acct(quoted.get("account"), host)) else None,
            "text": html_to_text(quoted.get("content")),
        }
    emoji = [e.get("shortcode") for e in status.get("emojis") or () if e.get("shortcode")]
    if emoji:
        details["emoji"] = emoji
    tags = [t.get("name") for t in status.get("tags") or () if t.get("name")]
    if tags:
        details["hashtags"] = tags
    if status.get("in_reply_to_id"):
        details["in_reply_to"] = str(status["in_reply_to_id"])
    if status.get("language"):
        details["language"] = status["language"]
    if status.get("sensitive"):
        details["sensitive"] = True
    if not text and not media and not poll and not quoted:
        return None
    # The stricter of the boost's and the boosted status's; an unknown kind counts as private.
    visibility = max(
        (v if v in VISIBILITIES else "private" for v in (outer, status.get("visibility"))),
        key=lambda v: VISIBILITIES.index(v) if v else 0,
    )
    account = status.get("account") or {}
    acct = _acct(account, host)
    return Item(
        external_id=status_id(status),
        text=text,
        url=status.get("url") or status.get("uri"),
        author=f"@{acct}" if acct else None,
        author_name=account.get("display_name") or None,
        published_at=_when(status.get("created_at")),
        visibility=visibility,
        edited_at=_when(status.get("edited_at")),
        details=details,
    )


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
