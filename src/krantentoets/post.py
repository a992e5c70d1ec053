"""The post under check and its context.

A :class:`Post` is immutable: the checker never changes what it is given. The
CLI, web app and inbox build posts from their own input and hand them to
:func:`krantentoets.check.check`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

#: Longest text the checker accepts. Longer input is refused with a clear error
#: (the longest platform limit, Facebook's, is 63,206; a draft post is never this long).
MAX_TEXT_LENGTH = 50_000
#: A lone UTF-16 surrogate cannot be written as UTF-8 (it comes from broken input).
_SURROGATE = re.compile("[\ud800-\udfff]")


class Platform(StrEnum):
    """Where the post will be published (each has its own length rule)."""

    X = "x"
    BLUESKY = "bluesky"
    MASTODON = "mastodon"
    THREADS = "threads"
    INSTAGRAM = "instagram"
    LINKEDIN = "linkedin"
    FACEBOOK = "facebook"


class AccountKind(StrEnum):
    """Who speaks: the organisation itself, a person in their role, or a private person."""

    ORGANISATION = "organisation"
    IN_FUNCTION = "in-function"
    PERSONAL = "personal"


class PostError(ValueError):
    """The input cannot be checked (empty, too long, unknown value). Message in Dutch."""


@dataclass(frozen=True, slots=True)
class Post:
    """A draft post with everything the checks may look at.

    ``text`` is what will be published. ``reply_to`` is the text of the message
    the draft answers, if any. ``images`` are paths to attached image files.
    """

    text: str
    platform: Platform | None = None
    account: AccountKind = AccountKind.ORGANISATION
    author: str | None = None
    display_name: str | None = None
    bio: str | None = None
    reply_to: str | None = None
    images: tuple[Path, ...] = field(default_factory=tuple)
    id: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise PostError("de tekst van het bericht moet tekst zijn")
        if not self.text.strip():
            raise PostError("het bericht is leeg: er is niets te controleren")
        for name in ("text", "author", "display_name", "bio", "reply_to"):
            value = getattr(self, name)
            if isinstance(value, str) and not value.isascii() and _SURROGATE.search(value):
                raise PostError(
                    f"'{name}' bevat een ongeldig teken (een losse UTF-16-surrogaat); "
                    "controleer de tekencodering van de invoer"
                )
        if len(self.text) > MAX_TEXT_LENGTH:
            raise PostError(
                f"het bericht is {len(self.text):,} tekens lang; het maximum is "
                f"{MAX_TEXT_LENGTH:,} tekens".replace(",", ".")
            )
        # Accept plain strings from callers and normalise them to the enums.
        if self.platform is not None and not isinstance(self.platform, Platform):
            object.__setattr__(self, "platform", parse_platform(self.platform))
        if not isinstance(self.account, AccountKind):
            object.__setattr__(self, "account", parse_account(self.account))
        if not isinstance(self.images, tuple):
            object.__setattr__(self, "images", tuple(Path(p) for p in self.images))


def _allowed(enum: type[StrEnum]) -> str:
    return ", ".join(m.value for m in enum)


def parse_platform(value: str) -> Platform:
    """Parse a platform name, with a Dutch error listing the allowed values."""
    try:
        return Platform(str(value).strip().lower())
    except ValueError:
        raise PostError(f"onbekend platform '{value}'; kies uit: {_allowed(Platform)}") from None


def parse_account(value: str) -> AccountKind:
    """Parse an account kind, with a Dutch error listing the allowed values."""
    try:
        return AccountKind(str(value).strip().lower())
    except ValueError:
        raise PostError(
            f"onbekend soort account '{value}'; kies uit: {_allowed(AccountKind)}"
        ) from None


def _resolve(path: str, base: Path | None) -> Path:
    p = Path(path)
    if not p.is_absolute() and base is not None and (base / p).exists():
        return base / p
    return p


_POST_KEYS = {
    "id",
    "text",
    "platform",
    "account",
    "author",
    "display_name",
    "bio",
    "reply_to",
    "images",
}


def post_from_record(
    data: Mapping[str, Any], defaults: Mapping[str, Any] | None = None, base: Path | None = None
) -> Post:
    """Build a Post from a JSONL line or API body; ``defaults`` fill missing keys.

    Relative image paths are taken from ``base`` (the JSONL file's folder) when they exist there.

    Raises :class:`PostError` with a Dutch message for unknown keys or bad values.
    """
    unknown = set(data) - _POST_KEYS
    if unknown:
        raise PostError(
            f"onbekende sleutel(s) {', '.join(sorted(unknown))}; "
            f"toegestaan: {', '.join(sorted(_POST_KEYS))}"
        )
    merged = {**(defaults or {}), **{k: v for k, v in data.items() if v is not None}}
    text = merged.get("text")
    if not isinstance(text, str):
        raise PostError("sleutel 'text' ontbreekt of is geen tekst")
    for key in ("id", "author", "display_name", "bio", "reply_to", "platform", "account"):
        value = merged.get(key)
        if value is not None and not isinstance(value, str | int):
            raise PostError(f"sleutel '{key}' moet tekst zijn")
    images = merged.get("images") or ()
    if isinstance(images, str) or not all(isinstance(i, str) for i in images):
        raise PostError("sleutel 'images' moet een lijst van bestandspaden zijn")
    platform = merged.get("platform")
    return Post(
        text=text,
        id=None if merged.get("id") is None else str(merged["id"]),
        platform=parse_platform(platform) if platform else None,
        account=parse_account(merged.get("account") or AccountKind.ORGANISATION.value),
        author=merged.get("author"),
        display_name=merged.get("display_name"),
        bio=merged.get("bio"),
        reply_to=merged.get("reply_to"),
        images=tuple(_resolve(i, base) for i in images),
    )
