"""Bluesky through the ``atproto`` SDK: one client for monitoring, publishing and capture.

:func:`connect` builds an ``atproto.Client`` on the bounded httpx transport
(:mod:`krantentoets.platforms.net`). With a handle and app password it logs in
**once**: the session (access and refresh token) is kept through the
``sessions`` store and every refresh is saved again, so a poll every 15
minutes does not call ``createSession`` (limited to about 100-300 a day) but
reuses or refreshes the stored session. Without login it reads the public
AppView. :func:`query` runs one XRPC query and returns the lexicon-shaped JSON
(no model validation: one odd post must not cost its page); errors become
:mod:`krantentoets.platforms` errors. :func:`post_item` turns a
``app.bsky.feed.defs#postView`` (or a notification) into an
:class:`~krantentoets.platforms.items.Item`: facets back to full URLs, embeds
(external link, images with alt text, video alt, quote, record with media),
reply context, labels.

Why ``atproto``: it is the maintained SDK of the AT Protocol, with session
export/import and refresh built in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from krantentoets.platforms import AuthRequired, PlatformError, RateLimited
from krantentoets.platforms.items import Item
from krantentoets.platforms.net import Budget, GuardedTransport
from krantentoets.platforms.text import MAX_ITEM_TEXT, parse_datetime

__all__ = [
    "DEFAULT_AUTH_SERVICE",
    "PUBLIC_APPVIEW",
    "Connection",
    "SessionStore",
    "connect",
    "post_item",
    "query",
]

PUBLIC_APPVIEW = "https://public.api.bsky.app"
DEFAULT_AUTH_SERVICE = "https://bsky.social"
#: The label by which an author asks not to be shown to logged-out viewers.
NO_UNAUTHENTICATED = "!no-unauthenticated"


class SessionStore(Protocol):
    """Where a login is kept between runs (see :mod:`krantentoets.store.platforms`)."""

    def load(self) -> str | None: ...
    def save(self, data: str) -> None: ...


@dataclass(frozen=True)
class Connection:
    """Read through ``service`` (AppView) or, with a login, through ``auth_service`` (PDS)."""

    service: str | None = None
    handle: str | None = None
    password: str | None = None
    auth_service: str | None = None

    @property
    def logged_in(self) -> bool:
        return bool(self.handle and self.password)

    @property
    def base_url(self) -> str:
        if self.logged_in:
            return (self.auth_service or self.service or DEFAULT_AUTH_SERVICE).rstrip("/")
        return (self.service or PUBLIC_APPVIEW).rstrip("/")


def connect(
    connection: Connection,
    budget: Budget,
    user_agent: str,
    sessions: SessionStore | None = None,
) -> Any:
    """An ``atproto.Client``; logged in (stored session first, password only when needed)."""
    from atproto import Client, SessionEvent
    from atproto_client.request import Request

    request = Request(transport=GuardedTransport(budget), timeout=budget.timeout)
    request.add_additional_header("User-Agent", user_agent)
    client = Client(base_url=connection.base_url, request=request)
    if not connection.logged_in:
        return client

    def keep(event: SessionEvent, session: Any) -> None:
        if sessions is not None:
            sessions.save(session.export())

    client.on_session_change(keep)
    stored = sessions.load() if sessions is not None else None
    if stored:
        try:
            _call(client.login, session_string=stored, fetch_bsky_profile=False)
            return client
        except (AuthRequired, ValueError):
            pass  # refresh token expired or revoked: log in again below
    _call(
        client.login,
        connection.handle.lstrip("@") if connection.handle else None,
        connection.password,
        fetch_bsky_profile=False,
    )
    return client


def query(client: Any, nsid: str, params: dict[str, Any]) -> dict[str, Any]:
    """One XRPC query; the answer as lexicon-shaped JSON."""
    from atproto_client.models.dot_dict import DotDict

    clean = {k: v for k, v in params.items() if v is not None}
    # A DotDict passes the lexicon's own parameter names through without a model.
    response = _call(client.invoke_query, nsid, params=DotDict(clean))
    content = response.content
    if not isinstance(content, dict):
        raise PlatformError(f"Bluesky {nsid}: onverwacht antwoord (geen JSON-object)")
    return content


def _call(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    from atproto_client import exceptions as x

    try:
        return func(*args, **kwargs)
    except PlatformError:
        raise
    except x.RateLimitExceededError as exc:
        raise RateLimited("Bluesky: te veel verzoeken; probeer later opnieuw") from exc
    except (x.UnauthorizedError, x.LoginRequiredError) as exc:
        raise AuthRequired(f"Bluesky: aanmelden nodig of geweigerd ({_detail(exc)})") from exc
    except x.BadRequestError as exc:
        detail = _detail(exc)
        if (
            "ExpiredToken" in detail
            or "InvalidToken" in detail
            or "AuthenticationRequired" in detail
        ):
            raise AuthRequired(f"Bluesky: aanmelden nodig ({detail})") from exc
        raise PlatformError(f"Bluesky: ongeldig verzoek ({detail})") from exc
    except x.AtProtocolError as exc:
        inner = exc.__cause__ or exc.__context__
        if isinstance(inner, PlatformError):
            raise inner from None
        raise PlatformError(f"Bluesky: fout ({_detail(exc)})") from exc


def _detail(exc: Exception) -> str:
    response = getattr(exc, "response", None)
    if response is None:
        return type(exc).__name__
    content = getattr(response, "content", None)
    error = getattr(content, "error", None)
    message = getattr(content, "message", None)
    parts = [f"HTTP {response.status_code}", *(p for p in (error, message) if p)]
    return ", ".join(str(p) for p in parts)


# -- normalising ------------------------------------------------------------------------


def expand_facets(text: str, facets: Any) -> tuple[str, list[dict[str, str]]]:
    """The text with each link facet's shortened text replaced by its full URL.

    Facets index UTF-8 bytes; a facet whose span does not fit the text is left as is.
    """
    data = text.encode("utf-8")
    links: list[tuple[int, int, str]] = []
    for facet in facets or ():
        span = facet.get("index") or {}
        start, end = span.get("byteStart"), span.get("byteEnd")
        for feature in facet.get("features") or ():
            kind = str(feature.get("$type", ""))
            if (
                kind.endswith("#link")
                and feature.get("uri")
                and (
                    isinstance(start, int)
                    and isinstance(end, int)
                    and 0 <= start < end <= len(data)
                )
            ):
                links.append((start, end, str(feature["uri"])))
    found = []
    for start, end, uri in sorted(links, reverse=True):
        shown = data[start:end].decode("utf-8", "replace")
        found.append({"url": uri, "text": shown})
        data = data[:start] + uri.encode("utf-8") + data[end:]
    return data.decode("utf-8", "replace"), found[::-1]


def _post_url(uri: str, handle: str | None, did: str | None) -> str | None:
    parts = uri.split("/")
    if len(parts) < 5 or parts[-2] != "app.bsky.feed.post":
        return None
    return f"https://bsky.app/profile/{handle or did or parts[2]}/post/{parts[-1]}"


def _images(images: Any) -> list[dict[str, Any]]:
    return [
        {"type": "image", "url": i.get("fullsize") or i.get("thumb"), "alt": i.get("alt") or None}
        for i in images or ()
    ]


def _quoted(record: Any) -> dict[str, Any] | None:
    """A quoted post from ``app.bsky.embed.record#view`` (or a bare strong ref)."""
    if not record:
        return None
    kind = str(record.get("$type", ""))
    if kind.endswith("#viewNotFound") or kind.endswith("#viewBlocked"):
        return {"uri": record.get("uri"), "text": "", "unavailable": True}
    author = record.get("author") or {}
    value = record.get("value") or {}
    return {
        "uri": record.get("uri"),
        "url": _post_url(str(record.get("uri") or ""), author.get("handle"), author.get("did")),
        "author": "@" + author["handle"] if author.get("handle") else None,
        "text": str(value.get("text") or "")[:MAX_ITEM_TEXT],
    }


def embed_details(embed: Any) -> dict[str, Any]:
    """Media, link card and quote from an embed (the ``#view`` or the record's own)."""
    if not embed:
        return {}
    kind = str(embed.get("$type", ""))
    details: dict[str, Any] = {}
    if kind.startswith("app.bsky.embed.images"):
        images = embed.get("images") or ()
        details["media"] = _images(images)
    elif kind.startswith("app.bsky.embed.video"):
        details["media"] = [
            {"type": "video", "url": embed.get("playlist"), "alt": embed.get("alt") or None}
        ]
    elif kind.startswith("app.bsky.embed.external"):
        external = embed.get("external") or {}
        details["card"] = {
            k2: external.get(k1)
            for k1, k2 in (("uri", "url"), ("title", "title"), ("description", "description"))
            if external.get(k1)
        }
    elif kind.startswith("app.bsky.embed.recordWithMedia"):
        details.update(embed_details(embed.get("media")))
        inner = embed.get("record") or {}
        quoted = _quoted(inner.get("record") if "record" in inner else inner)
        if quoted:
            details["quote"] = quoted
    elif kind.startswith("app.bsky.embed.record"):
        quoted = _quoted(embed.get("record"))
        if quoted:
            details["quote"] = quoted
    return details


def has_label(labels: Any, value: str) -> bool:
    return any(label.get("val") == value for label in labels or ())


def post_item(
    uri: str,
    author: dict[str, Any],
    record: dict[str, Any],
    embed: Any = None,
    *,
    labels: Any = None,
    indexed_at: str | None = None,
) -> Item | None:
    """A post as an Item; None when there is nothing to show (no text and no embed)."""
    if not uri:
        raise ValueError("post without uri")
    raw_text = str(record.get("text") or "")
    text, links = expand_facets(raw_text, record.get("facets"))
    details = embed_details(embed or record.get("embed"))
    if links:
        details["links"] = links
    mentions = [
        f.get("did")
        for facet in record.get("facets") or ()
        for f in facet.get("features") or ()
        if str(f.get("$type", "")).endswith("#mention")
    ]
    if mentions:
        details["mentions"] = mentions
    reply = record.get("reply") or {}
    if reply.get("parent"):
        details["in_reply_to"] = reply["parent"].get("uri")
        details["thread_root"] = (reply.get("root") or {}).get("uri")
    if record.get("langs"):
        details["language"] = ",".join(record["langs"])
    label_values = [label.get("val") for label in labels or () if label.get("val")]
    if label_values:
        details["labels"] = label_values
    if not text.strip() and not any(details.get(k) for k in ("media", "quote", "card")):
        return None
    handle = author.get("handle")
    return Item(
        external_id=uri,
        text=text.strip(),
        url=_post_url(uri, handle, author.get("did")),
        author=f"@{handle}" if handle else author.get("did"),
        author_name=author.get("displayName") or None,
        published_at=parse_datetime(record.get("createdAt") or indexed_at),
        details=details,
    )
