"""Failed logins, counted in the database so that every worker process shares them.

Two kinds of counter, each a row keyed by a SHA-256 digest (no user names or addresses are
stored in clear, and a key has a fixed size whatever the input):

- **per account and client address** (``pair``): four failures are free; from the fifth on,
  that address waits before it may try that account again: 30 seconds, doubling with each
  further failure up to :data:`MAX_DELAY`. The real user, from another address, is never
  locked out by someone else's guesses; a success from the address clears its counter.
- **per client address** (``address``): more than :data:`ADDRESS_FAILURES` failures within
  :data:`WINDOW`, for any names, blocks the address for :data:`ADDRESS_BLOCK`. This stops
  floods of made-up user names before they cost a password verification each.

Rows of quiet keys are deleted as new failures come in, so the table stays small.
Functions take an open SQLAlchemy ``Session`` and never commit (the caller's
``session_scope`` does).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Integer, String, delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from krantentoets.store.base import Base, utcnow

#: Failures per (account, address) before waiting starts.
PAIR_FREE_FAILURES = 4
#: The first wait; every further failure doubles it, up to MAX_DELAY.
FIRST_DELAY = timedelta(seconds=30)
#: Longest wait for one (account, address) pair.
MAX_DELAY = timedelta(minutes=15)
#: Failures per address (any account names) within WINDOW before the address is blocked.
ADDRESS_FAILURES = 50
#: The counting window; a key quiet for longer starts again at zero.
WINDOW = timedelta(minutes=15)
#: How long an address that crossed ADDRESS_FAILURES is blocked.
ADDRESS_BLOCK = timedelta(minutes=15)
#: Rows untouched for this long are deleted.
KEEP = timedelta(days=1)


class LoginFailure(Base):
    __tablename__ = "login_throttle"

    #: ``p:`` + SHA-256 of (account, address), or ``a:`` + SHA-256 of the address.
    key: Mapped[str] = mapped_column(String(66), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    first_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    blocked_until: Mapped[datetime | None]


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether a login attempt may go ahead, and if not for how long to wait."""

    allowed: bool
    wait: timedelta = timedelta(0)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def pair_key(account: str, address: str) -> str:
    return "p:" + _digest(account.strip().lower(), address)


def address_key(address: str) -> str:
    return "a:" + _digest(address)


def may_try(session: Session, account: str, address: str, now: datetime | None = None) -> Verdict:
    """Whether ``address`` may try a password for ``account`` now."""
    now = now or utcnow()
    waits = []
    for key in (address_key(address), pair_key(account, address)):
        row = session.get(LoginFailure, key)
        if row is not None and row.blocked_until is not None and row.blocked_until > now:
            waits.append(row.blocked_until - now)
    if waits:
        return Verdict(False, max(waits))
    return Verdict(True)


def record_failure(
    session: Session, account: str, address: str, now: datetime | None = None
) -> None:
    """Count a failed login for the pair and the address, and set their waits."""
    now = now or utcnow()
    pair = _bump(session, pair_key(account, address), now)
    extra = pair.failures - PAIR_FREE_FAILURES
    if extra > 0:
        pair.blocked_until = now + min(FIRST_DELAY * 2 ** min(extra - 1, 10), MAX_DELAY)
    addr = _bump(session, address_key(address), now)
    if addr.failures > ADDRESS_FAILURES:
        addr.blocked_until = now + ADDRESS_BLOCK
    session.execute(
        delete(LoginFailure).where(
            LoginFailure.last_at < now - KEEP, LoginFailure.key.not_in((pair.key, addr.key))
        )
    )


def record_success(session: Session, account: str, address: str) -> None:
    """A correct password clears the pair's counter (not the address's)."""
    session.execute(delete(LoginFailure).where(LoginFailure.key == pair_key(account, address)))


def _bump(session: Session, key: str, now: datetime) -> LoginFailure:
    row = session.get(LoginFailure, key, with_for_update=True)
    if row is None:
        try:  # another worker may insert the same key at the same moment
            with session.begin_nested():
                row = LoginFailure(key=key, failures=0, first_at=now, last_at=now)
                session.add(row)
        except IntegrityError:
            row = session.get(LoginFailure, key, with_for_update=True, populate_existing=True)
            assert row is not None
    elif now - row.last_at > WINDOW and (row.blocked_until is None or row.blocked_until <= now):
        row.failures = 0
        row.first_at = now
        row.blocked_until = None
    row.failures += 1
    row.last_at = now
    session.flush()
    return row
