"""What a platform client gives back for one post, whatever the platform."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

__all__ = ["VISIBILITIES", "Item"]

#: Visibilities, from most to least public (Mastodon's names; other sources are ``public``).
VISIBILITIES = ("public", "unlisted", "private", "direct")


@dataclass(frozen=True, slots=True)
class Item:
    """One post or article as a source gives it."""

    external_id: str
    text: str
    url: str | None = None
    author: str | None = None
    author_name: str | None = None
    published_at: datetime | None = None
    #: ``public``, ``unlisted``, ``private`` (followers only) or ``direct``.
    visibility: str = "public"
    edited_at: datetime | None = None
    #: What the source gave besides the text: media (with alt text), poll, card,
    #: quote, links, mentions, content warning, thread context, labels.
    details: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.external_id:
            raise ValueError("item without an id")
        if self.visibility not in VISIBILITIES:
            raise ValueError(f"unknown visibility {self.visibility!r}")
        if self.published_at is not None and self.published_at.tzinfo is None:
            raise ValueError("published_at must be timezone-aware")
