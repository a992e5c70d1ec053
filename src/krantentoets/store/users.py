"""Users, API tokens and web sessions (revision 0002).

- A **user** logs in to the web app with a name and a password (argon2id hash);
  each user has one role (:class:`krantentoets.auth.Role`).
- An **API token** carries a role of its own and a name saying who or what uses
  it; only the SHA-256 of the token is stored.
- A **web session** is a row keyed by the SHA-256 of a random session id kept
  in a signed cookie, so logging out (or deactivating a user) ends it at once.

Functions take an open SQLAlchemy ``Session`` and never commit: the caller's
``session_scope`` decides. Errors a person can fix raise :class:`UserError`
with a Dutch message.
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime, timedelta

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, delete, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from krantentoets.auth import (
    AuthError,
    Role,
    dummy_hash,
    hash_password,
    needs_rehash,
    new_token,
    parse_role,
    token_digest,
    validate_password,
    verify_password,
)
from krantentoets.store.base import Base, utcnow

__all__ = [
    "ApiToken",
    "User",
    "UserError",
    "WebSession",
    "authenticate",
    "count_users",
    "create_session",
    "create_token",
    "create_user",
    "delete_session",
    "get_user",
    "list_tokens",
    "list_users",
    "lookup_token",
    "revoke_token",
    "session_user",
    "set_active",
    "set_password",
    "set_role",
]

#: How long a web session lasts without logging in again.
SESSION_LIFETIME = timedelta(hours=12)
#: Login names: letters, digits and ``.-_@``; 2 to 100 characters.
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{1,99}")


class UserError(ValueError):
    """A user or token operation cannot be done; the message is Dutch."""


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: Login name, unique, compared case-insensitively (stored as typed).
    name: Mapped[str] = mapped_column(String(100))
    #: Lower-cased ``name``, for case-insensitive uniqueness on every database.
    name_key: Mapped[str] = mapped_column(String(100), unique=True)
    full_name: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(30))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]

    sessions: Mapped[list[WebSession]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def role_enum(self) -> Role:
        return Role(self.role)

    @property
    def label(self) -> str:
        """How the app shows the user: the full name if known, else the login name."""
        return self.full_name or self.name


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: Who or what uses the token (free text, e.g. ``intranet-koppeling``).
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(30))
    #: SHA-256 (hex) of the token; the token itself is shown once and never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]

    @property
    def role_enum(self) -> Role:
        return Role(self.role)


class WebSession(Base):
    __tablename__ = "web_sessions"
    __table_args__ = (Index(None, "expires_at"),)

    #: SHA-256 (hex) of the session id in the cookie.
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]

    user: Mapped[User] = relationship(back_populates="sessions")


# -- users ---------------------------------------------------------------------


def _check_name(name: str) -> str:
    name = name.strip()
    if not NAME_PATTERN.fullmatch(name):
        raise UserError(
            "ongeldige gebruikersnaam: gebruik 2 tot 100 letters, cijfers of . - _ @ "
            "en begin met een letter of cijfer"
        )
    return name


def count_users(session: Session, *, active_only: bool = False) -> int:
    stmt = select(func.count()).select_from(User)
    if active_only:
        stmt = stmt.where(User.active.is_(True))
    return int(session.scalar(stmt) or 0)


def get_user(session: Session, name: str) -> User | None:
    return session.scalar(select(User).where(User.name_key == name.strip().lower()))


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.name_key)))


def create_user(
    session: Session,
    name: str,
    role: Role | str,
    password: str,
    *,
    full_name: str | None = None,
) -> User:
    """Add a user. Raises :class:`UserError` for a taken or bad name, bad role, weak password."""
    name = _check_name(name)
    try:
        role = parse_role(role)
        validate_password(password)
    except AuthError as exc:
        raise UserError(str(exc)) from None
    if get_user(session, name) is not None:
        raise UserError(f"er is al een gebruiker met de naam '{name}'")
    user = User(
        name=name,
        name_key=name.lower(),
        full_name=(full_name or "").strip() or None,
        role=role.value,
        password_hash=hash_password(password),
        active=True,
    )
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, name: str, password: str) -> User | None:
    """The active user with this name and password, or ``None``.

    A missing user costs the same argon2 verification as a wrong password, so
    timing does not tell which names exist. An outdated hash is upgraded.
    """
    user = get_user(session, name) if name.strip() else None
    if user is None:
        verify_password(dummy_hash(), password)
        return None
    if not verify_password(user.password_hash, password) or not user.active:
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    return user


def set_password(session: Session, user: User, password: str) -> None:
    try:
        validate_password(password)
    except AuthError as exc:
        raise UserError(str(exc)) from None
    user.password_hash = hash_password(password)
    # A new password ends every open session of the user.
    session.execute(delete(WebSession).where(WebSession.user_id == user.id))


def _active_admins(session: Session) -> int:
    stmt = (
        select(func.count())
        .select_from(User)
        .where(User.role == Role.BEHEERDER.value, User.active.is_(True))
    )
    return int(session.scalar(stmt) or 0)


def set_role(session: Session, user: User, role: Role | str) -> None:
    try:
        new = parse_role(role)
    except AuthError as exc:
        raise UserError(str(exc)) from None
    demoted = user.role == Role.BEHEERDER.value and new is not Role.BEHEERDER and user.active
    if demoted and _active_admins(session) <= 1:
        raise UserError("dit is de laatste beheerder; maak eerst iemand anders beheerder")
    user.role = new.value


def set_active(session: Session, user: User, active: bool) -> None:
    last_admin = user.role == Role.BEHEERDER.value and user.active
    if not active and last_admin and _active_admins(session) <= 1:
        raise UserError("dit is de laatste beheerder; die kun je niet uitschakelen")
    user.active = active
    if not active:
        session.execute(delete(WebSession).where(WebSession.user_id == user.id))


# -- web sessions ------------------------------------------------------------------


def create_session(session: Session, user: User, lifetime: timedelta = SESSION_LIFETIME) -> str:
    """Open a web session for ``user``; returns the secret session id for the cookie."""
    sid = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(WebSession(id_hash=token_digest(sid), user=user, expires_at=now + lifetime))
    # Housekeeping: expired sessions of anyone are removed when someone logs in.
    session.execute(delete(WebSession).where(WebSession.expires_at < now))
    session.flush()
    return sid


def session_user(session: Session, sid: str) -> User | None:
    """The active user of an unexpired session, or ``None``."""
    row = session.execute(
        select(User, WebSession.expires_at)
        .join(WebSession, WebSession.user_id == User.id)
        .where(WebSession.id_hash == token_digest(sid))
    ).first()
    if row is None:
        return None
    user, expires_at = row
    if expires_at <= utcnow() or not user.active:
        return None
    return user


def delete_session(session: Session, sid: str) -> None:
    session.execute(delete(WebSession).where(WebSession.id_hash == token_digest(sid)))


# -- API tokens ----------------------------------------------------------------------


def create_token(session: Session, name: str, role: Role | str) -> tuple[ApiToken, str]:
    """Create a token; returns the row and the token itself (shown once, never stored)."""
    name = name.strip()
    if not name or len(name) > 200:
        raise UserError("geef het token een naam van 1 tot 200 tekens (wie of wat gebruikt het)")
    try:
        role = parse_role(role)
    except AuthError as exc:
        raise UserError(str(exc)) from None
    token = new_token()
    row = ApiToken(name=name, role=role.value, token_hash=token_digest(token))
    session.add(row)
    session.flush()
    return row, token


def lookup_token(session: Session, token: str) -> ApiToken | None:
    """The unrevoked token row for ``token``, or ``None``."""
    if not token:
        return None
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == token_digest(token)))
    if row is None or row.revoked_at is not None:
        return None
    return row


def list_tokens(session: Session) -> list[ApiToken]:
    return list(session.scalars(select(ApiToken).order_by(ApiToken.id)))


def revoke_token(session: Session, token_id: int) -> ApiToken:
    row = session.get(ApiToken, token_id)
    if row is None:
        raise UserError(f"geen token met nummer {token_id}")
    if row.revoked_at is None:
        row.revoked_at = utcnow()
    return row
