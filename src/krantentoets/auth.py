"""Roles, permissions, password hashing and API-token secrets.

One place says who may do what: :data:`PERMISSIONS` maps a permission (a page
or an endpoint) to the roles that hold it. The web app, the API and the CLI all
ask :func:`allowed`; none of them keeps its own list.

Passwords are hashed with argon2id (``argon2-cffi``, RFC 9106 low-memory
profile). API tokens are random 256-bit secrets; only their SHA-256 is stored,
which is enough for a secret with that much entropy and keeps a per-request
lookup fast (argon2 per API call would cost ~50 ms).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from enum import StrEnum
from functools import cache
from types import MappingProxyType

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError


class Role(StrEnum):
    """The roles of the app (USERS.md). A user has exactly one."""

    MEDEWERKER = "medewerker"
    MANDATARIS = "mandataris"
    COMMUNICATIE = "communicatie"
    LEIDINGGEVENDE = "leidinggevende"
    ARCHIVARIS = "archivaris"
    BEHEERDER = "beheerder"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.MEDEWERKER: "Medewerker",
    Role.MANDATARIS: "Mandataris",
    Role.COMMUNICATIE: "Communicatie",
    Role.LEIDINGGEVENDE: "Leidinggevende",
    Role.ARCHIVARIS: "Archivaris",
    Role.BEHEERDER: "Beheerder",
}

ROLE_DESCRIPTIONS: dict[Role, str] = {
    Role.MEDEWERKER: "controleert conceptberichten voor het werk",
    Role.MANDATARIS: "wethouder, raadslid of schepen: controleert eigen berichten",
    Role.COMMUNICATIE: "communicatieadviseur: inbox, afstemming en controle",
    Role.LEIDINGGEVENDE: "keurt concepten over gevoelige onderwerpen goed of af",
    Role.ARCHIVARIS: "beheert het archief van online dialogen",
    Role.BEHEERDER: "beheert gebruikers, instellingen en de installatie",
}

ALL_ROLES: frozenset[Role] = frozenset(Role)


class AuthError(ValueError):
    """Bad role name, weak password, bad user name: the message is Dutch."""


def parse_role(value: str) -> Role:
    """Parse a role name, with a Dutch error that lists the allowed roles."""
    try:
        return Role(str(value).strip().lower())
    except ValueError:
        allowed = ", ".join(r.value for r in Role)
        raise AuthError(f"onbekende rol '{value}'; kies uit: {allowed}") from None


#: Permission -> roles that hold it. Pages and endpoints name a permission; add
#: a line here for a new page (e.g. ``"approve"``, ``"archive"``) and refer to it.
PERMISSIONS: MappingProxyType[str, frozenset[Role]] = MappingProxyType(
    {
        # Checking a draft: everyone who may post or advise on posting.
        "check": ALL_ROLES,
        # The monitoring inbox (MW-2, MA-9): Communications and the administrator see all;
        # an office holder (mandataris) sees the mentions of themselves ([[monitor.watch]]).
        "inbox": frozenset({Role.COMMUNICATIE, Role.BEHEERDER, Role.MANDATARIS}),
        # Every mention and signal, not only one's own (the inbox's overview, screenshots of
        # signalled posts): Communications and the administrator.
        "inbox.all": frozenset({Role.COMMUNICATIE, Role.BEHEERDER}),
        # Alignment before responding (MW-4, MA-10): everyone submits; leidinggevende and
        # communicatie decide (the rules are in krantentoets.workflow.rules).
        "workflow": ALL_ROLES,
        # The archive of online dialogues (MW-7): search, verify, export.
        "archive": frozenset({Role.ARCHIVARIS, Role.COMMUNICATIE, Role.BEHEERDER}),
        # Managing users and API tokens.
        "users": frozenset({Role.BEHEERDER}),
        # The settings the policy file bootstraps, changed in the app (which setting each
        # role may change is in krantentoets.policy.effective.SETTINGS).
        "settings": frozenset({Role.BEHEERDER, Role.COMMUNICATIE}),
        # Passing on a message seen elsewhere to Communications (MW-2): everyone.
        "signal": ALL_ROLES,
        # The JSON API, per endpoint (a token carries one role).
        "api.check": ALL_ROLES,
        "api.triage": frozenset({Role.COMMUNICATIE, Role.BEHEERDER}),
        # Stored mentions; a mandataris token sees the mentions of its own name (MA-9).
        "api.mentions": frozenset({Role.COMMUNICATIE, Role.BEHEERDER, Role.MANDATARIS}),
    }
)


def allowed(role: Role | str | None, permission: str) -> bool:
    """Whether ``role`` holds ``permission``. An unknown permission is a bug: KeyError."""
    roles = PERMISSIONS[permission]
    if role is None:
        return False
    try:
        return Role(role) in roles
    except ValueError:
        return False


# -- passwords -----------------------------------------------------------------

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024


def validate_password(password: str) -> None:
    """Raise :class:`AuthError` (Dutch) when ``password`` is too weak to accept."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AuthError(f"het wachtwoord is te kort: gebruik minstens {MIN_PASSWORD_LENGTH} tekens")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AuthError(f"het wachtwoord is te lang: hoogstens {MAX_PASSWORD_LENGTH} tekens")
    if not password.strip():
        raise AuthError("het wachtwoord bestaat alleen uit spaties")


_hasher_override: PasswordHasher | None = None


@cache
def _default_hasher() -> PasswordHasher:
    return PasswordHasher()  # argon2id, RFC 9106 low-memory profile


def hasher() -> PasswordHasher:
    return _hasher_override or _default_hasher()


def use_hasher(ph: PasswordHasher | None) -> None:
    """Replace the hasher (tests use cheap parameters); ``None`` restores the default."""
    global _hasher_override
    _hasher_override = ph


def hash_password(password: str) -> str:
    return hasher().hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """Whether ``password`` matches ``stored_hash``; never raises on a bad hash."""
    try:
        return hasher().verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    try:
        return hasher().check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


@cache
def dummy_hash() -> str:
    """A hash to verify against when a user does not exist (keeps timing alike)."""
    return hash_password(secrets.token_urlsafe(16))


# -- API tokens ------------------------------------------------------------------

TOKEN_PREFIX = "kt_"


def new_token() -> str:
    """A fresh API token: ``kt_`` + 43 URL-safe characters (256 bits)."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """The SHA-256 (hex) under which a token is stored and looked up."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def same_secret(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))
