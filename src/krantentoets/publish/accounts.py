"""Connected accounts: add, list, remove; who may post; credentials; expiry and revocation.

The beheerder connects the organisation's accounts (CLI ``krantentoets account``
or the web page ``/beheer/accounts``). Credentials go into the database only
encrypted (:mod:`krantentoets.publish.credentials`) and are never shown again,
or stay outside it in an environment variable the account names.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from krantentoets.publish.base import PLATFORMS, PlatformError, Publisher
from krantentoets.publish.credentials import CredentialError, Vault, from_environment
from krantentoets.store.base import utcnow
from krantentoets.store.publish import PublishAccount

__all__ = [
    "EXPIRY_WARNING",
    "AccountError",
    "account_warnings",
    "add_account",
    "find_account",
    "list_accounts",
    "may_post",
    "open_publisher",
    "remove_account",
]

#: Warn the beheerder this long before a token expires.
EXPIRY_WARNING = timedelta(days=7)
#: Roles that may post for a new account when none are given.
DEFAULT_ROLES = ("communicatie",)
#: Platform -> module with the publisher class (built explicitly, no import side effects).
PUBLISHER_MODULES: dict[str, tuple[str, str]] = {
    "mastodon": ("krantentoets.publish.mastodon", "MastodonPublisher"),
    "bluesky": ("krantentoets.publish.bluesky", "BlueskyPublisher"),
    "linkedin": ("krantentoets.publish.linkedin", "LinkedInPublisher"),
    "facebook": ("krantentoets.publish.facebook", "FacebookPublisher"),
    "x": ("krantentoets.publish.x", "XPublisher"),
}
#: Platforms whose server must be named (there is no single "the" server).
NEEDS_INSTANCE = frozenset({"mastodon"})
ROLES = ("medewerker", "mandataris", "communicatie", "leidinggevende", "archivaris", "beheerder")


class AccountError(ValueError):
    """An account cannot be added, found or used. The message (Dutch) says why."""


def add_account(
    session: Session,
    vault: Vault,
    *,
    platform: str,
    handle: str,
    created_by: str,
    instance: str | None = None,
    credentials: dict[str, Any] | None = None,
    credentials_env: str | None = None,
    roles: Iterable[str] = DEFAULT_ROLES,
    users: Iterable[str] = (),
    label: str | None = None,
    expires_at: datetime | None = None,
) -> PublishAccount:
    platform = platform.strip().lower()
    if platform not in PLATFORMS:
        raise AccountError(f"onbekend platform '{platform}'; kies uit {', '.join(PLATFORMS)}")
    handle = handle.strip()
    if not handle:
        raise AccountError("geef het account (handle, pagina-id of organisatie-id)")
    if platform in NEEDS_INSTANCE and not (instance or "").strip():
        raise AccountError(
            "geef de server van het Mastodon-account, bijvoorbeeld https://social.example"
        )
    roles = [r.strip() for r in roles if r.strip()]
    bad = [r for r in roles if r not in ROLES]
    if bad:
        raise AccountError(f"onbekende rol '{bad[0]}'; kies uit {', '.join(ROLES)}")
    if bool(credentials) == bool(credentials_env):
        raise AccountError(
            "geef de inloggegevens (token) óf de naam van een omgevingsvariabele, niet allebei"
        )
    existing = session.scalar(
        select(PublishAccount).where(
            PublishAccount.platform == platform, PublishAccount.handle == handle
        )
    )
    if existing is not None and existing.status != "removed":
        raise AccountError(f"{platform}-account {handle} is al gekoppeld (#{existing.id})")
    account = existing or PublishAccount(platform=platform, handle=handle, created_by=created_by)
    account.instance = (instance or "").strip().rstrip("/") or None
    account.label = label
    account.allowed_roles = roles
    account.allowed_users = [u.strip() for u in users if u.strip()]
    account.credentials = vault.seal(credentials) if credentials else None
    account.credentials_env = credentials_env
    account.expires_at = expires_at
    account.status = "active"
    account.status_message = None
    account.created_by = created_by
    account.created_at = utcnow()
    if existing is None:
        session.add(account)
    session.flush()
    return account


def list_accounts(session: Session, *, include_removed: bool = False) -> list[PublishAccount]:
    stmt = select(PublishAccount).order_by(PublishAccount.platform, PublishAccount.handle)
    if not include_removed:
        stmt = stmt.where(PublishAccount.status != "removed")
    return list(session.scalars(stmt))


def find_account(session: Session, key: str | int) -> PublishAccount:
    """An account by id (``3``), ``platform:handle`` or a unique handle."""
    text = str(key).strip()
    accounts = list_accounts(session)
    if text.isdigit():
        found = [a for a in accounts if a.id == int(text)]
    elif ":" in text and text.split(":", 1)[0] in PLATFORMS:
        platform, handle = text.split(":", 1)
        found = [a for a in accounts if a.platform == platform and a.handle == handle]
    else:
        found = [a for a in accounts if a.handle == text]
    if len(found) != 1:
        raise AccountError(
            f"account '{text}' niet gevonden" if not found else f"'{text}' is niet eenduidig"
        )
    return found[0]


def remove_account(session: Session, key: str | int) -> PublishAccount:
    """Disconnect: the credentials are erased; the row stays for the publications made with it."""
    account = find_account(session, key)
    account.status = "removed"
    account.credentials = None
    account.credentials_env = None
    session.flush()
    return account


def may_post(account: PublishAccount, user: str, role: str) -> bool:
    if account.status == "removed":
        return False
    users = {u.casefold() for u in account.allowed_users or ()}
    return role in (account.allowed_roles or ()) or user.casefold() in users


def credentials_of(account: PublishAccount, vault: Vault) -> dict[str, Any]:
    if account.credentials_env:
        return from_environment(account.credentials_env)
    if not account.credentials:
        raise CredentialError(f"account {account.handle} heeft geen inloggegevens; koppel opnieuw")
    return vault.open(account.credentials)


def open_publisher(account: PublishAccount, vault: Vault) -> Publisher:
    """The platform client for ``account``; raises AccountError when it cannot be used."""
    if account.status == "removed":
        raise AccountError(f"account {account.handle} is ontkoppeld")
    if account.status == "revoked":
        raise AccountError(
            f"het platform accepteert de inloggegevens van {account.handle} niet meer; "
            "de beheerder koppelt het account opnieuw"
        )
    try:
        creds = credentials_of(account, vault)
    except CredentialError as exc:
        raise AccountError(str(exc)) from None
    creds.setdefault("account", account.handle)  # a Page or organisation id for some platforms
    if account.platform not in PUBLISHER_MODULES:
        raise AccountError(
            f"plaatsen op {account.platform} kan krantentoets nog niet; plaats het zelf en leg "
            "het vast met 'Zelf geplaatst'"
        )
    module_name, class_name = PUBLISHER_MODULES[account.platform]
    cls = getattr(importlib.import_module(module_name), class_name)
    try:
        publisher: Publisher = (
            cls(account.instance, creds) if account.instance else cls(None, creds)
        )
    except PlatformError as exc:
        raise AccountError(exc.dutch()) from None
    return publisher


def store_refreshed(account: PublishAccount, publisher: Publisher, vault: Vault) -> None:
    """Keep credentials the client refreshed (a new session or access token)."""
    fresh = publisher.credentials()
    if fresh and not account.credentials_env:
        account.credentials = vault.seal(fresh)
        expires = fresh.get("expires_at")
        # With a refresh token krantentoets renews the access token itself: nothing to warn.
        if isinstance(expires, str) and not fresh.get("refresh_token"):
            account.expires_at = datetime.fromisoformat(expires)


def mark_refused(account: PublishAccount, error: PlatformError) -> None:
    """A 401 means the token was revoked or expired: the beheerder must connect again."""
    account.checked_at = utcnow()
    if error.revoked:
        account.status = "revoked"
        account.status_message = error.dutch()


@dataclass(frozen=True, slots=True)
class Warning_:
    account_id: int
    text: str


def account_warnings(session: Session, now: datetime | None = None) -> list[Warning_]:
    """Accounts whose token was revoked or expires within :data:`EXPIRY_WARNING`."""
    now = now or utcnow()
    out = []
    for a in list_accounts(session):
        name = f"{a.platform}-account {a.handle}"
        if a.status == "revoked":
            out.append(Warning_(a.id, f"Het {name} is niet meer gekoppeld: {a.status_message}"))
        elif a.expires_at is not None and a.expires_at <= now:
            out.append(Warning_(a.id, f"De toegang tot het {name} is verlopen; koppel opnieuw."))
        elif a.expires_at is not None and a.expires_at - now <= EXPIRY_WARNING:
            days = max(0, (a.expires_at - now).days)
            out.append(
                Warning_(
                    a.id,
                    f"De toegang tot het {name} verloopt over {days} dag(en); vernieuw het token.",
                )
            )
    return out
