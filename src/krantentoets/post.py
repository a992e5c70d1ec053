"""The post under check and its context.

A :class:`Post` is immutable: the checker never changes what it is given. The
CLI, web app and inbox build posts from their own input and hand them to
:func:`krantentoets.check.check`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

#: Longest text the checker accepts. Longer input is refused with a clear error
#: (the longest platform limit, Facebook's, is 63,206; a draft post is never this long).
MAX_TEXT_LENGTH = 50_000


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
        raise PostError(
            f"onbekend platform '{value}'; kies uit: {_allowed(Platform)}"
        ) from None


def parse_account(value: str) -> AccountKind:
    """Parse an account kind, with a Dutch error listing the allowed values."""
    try:
        return AccountKind(str(value).strip().lower())
    except ValueError:
        raise PostError(
            f"onbekend soort account '{value}'; kies uit: {_allowed(AccountKind)}"
        ) from None
