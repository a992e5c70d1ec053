"""The small interface every platform module implements, and what goes in and out.

A :class:`Publisher` posts an :class:`Outgoing` post (text, images with alt
text, the post it replies to) and returns a :class:`Published`; it lists the
dialogue around a published post as :class:`Remote` posts (replies, quotes,
mentions) and fetches one post again (``None``: deleted on the platform).
Errors are a :class:`PlatformError` with a kind (``auth``, ``forbidden``,
``rate``, ``server``, ``not-found``, ``invalid``, ``network``), the HTTP status
and the platform's own reason; :meth:`PlatformError.dutch` is what people see.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

__all__ = [
    "PLATFORMS",
    "Media",
    "Outgoing",
    "PlatformError",
    "Published",
    "Publisher",
    "Remote",
    "RemoteMedia",
    "ReplyTarget",
]

#: Platforms krantentoets can post to, in the order the app lists them.
PLATFORMS = ("mastodon", "bluesky", "linkedin", "facebook", "x")

KIND_TEXT = {
    "auth": "het platform accepteert de inloggegevens niet meer (verlopen of ingetrokken); "
    "de beheerder koppelt het account opnieuw",
    "forbidden": "het platform staat dit account deze handeling niet toe",
    "rate": "het platform vraagt even te wachten (te veel verzoeken); probeer het later opnieuw",
    "server": "het platform heeft een storing; probeer het later opnieuw",
    "not-found": "het bericht bestaat niet (meer) op het platform",
    "invalid": "het platform weigert het bericht",
    "network": "het platform is niet bereikbaar",
}


class PlatformError(RuntimeError):
    """The platform refused or failed. ``reason`` is the platform's own words."""

    def __init__(
        self, platform: str, kind: str, status: int | None = None, reason: str | None = None
    ) -> None:
        self.platform = platform
        self.kind = kind
        self.status = status
        self.reason = (reason or "").strip() or None
        super().__init__(self.dutch())

    def dutch(self) -> str:
        text = f"{self.platform.capitalize()}: {KIND_TEXT.get(self.kind, self.kind)}"
        if self.status:
            text += f" (HTTP {self.status})"
        if self.reason:
            text += f". Reden van het platform: “{self.reason[:300]}”"
        return text

    @property
    def revoked(self) -> bool:
        return self.kind == "auth"


def kind_for_status(status: int) -> str:
    if status == 401:
        return "auth"
    if status == 403:
        return "forbidden"
    if status == 404 or status == 410:
        return "not-found"
    if status == 429:
        return "rate"
    if status >= 500:
        return "server"
    return "invalid"


@dataclass(frozen=True, slots=True)
class Media:
    """An image to post: its bytes, type and alt text (required: accessibility, MW-7)."""

    data: bytes
    mime_type: str
    alt: str
    filename: str = "afbeelding"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True, slots=True)
class ReplyTarget:
    """The post being answered: its URL and, when known, its platform id."""

    url: str | None = None
    platform_id: str | None = None


@dataclass(frozen=True, slots=True)
class Outgoing:
    text: str
    media: Sequence[Media] = ()
    reply_to: ReplyTarget | None = None


@dataclass(frozen=True, slots=True)
class Published:
    platform_id: str
    url: str | None
    published_at: datetime
    #: Whatever else the platform needs to refer to the post later (Bluesky: cid).
    ref: dict[str, Any] = field(default_factory=dict)
    media_urls: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RemoteMedia:
    url: str
    alt: str | None = None
    mime_type: str | None = None


@dataclass(frozen=True, slots=True)
class Remote:
    """A post someone else (or we) made in the dialogue, as the platform shows it now."""

    platform_id: str
    kind: str  # reply, quote, mention
    author_handle: str
    author_name: str | None
    text: str
    created_at: datetime
    url: str | None = None
    in_reply_to_id: str | None = None
    edited_at: datetime | None = None
    media: tuple[RemoteMedia, ...] = ()

    def content_hash(self) -> str:
        """What identifies this version: text and media (an edit changes it)."""
        h = hashlib.sha256(self.text.encode("utf-8"))
        for m in self.media:
            h.update(b"\0" + m.url.encode() + b"\0" + (m.alt or "").encode())
        return h.hexdigest()


class Publisher(Protocol):
    """One platform account. Implementations raise :class:`PlatformError`, nothing else."""

    platform: str

    def whoami(self) -> str:
        """Check the credentials; the account's handle."""
        ...

    def publish(self, post: Outgoing) -> Published: ...

    def dialogue(self, platform_id: str, ref: dict[str, Any]) -> list[Remote]:
        """Replies (at any depth), quotes and mentions of our post ``platform_id``."""
        ...

    def fetch(self, platform_id: str) -> Remote | None:
        """The post as it is now; ``None`` when it was deleted."""
        ...

    def credentials(self) -> dict[str, Any] | None:
        """New credentials after a refresh (to store again), else ``None``."""
        ...
