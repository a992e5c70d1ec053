"""Storage: the one place where krantentoets talks to a database.

SQLite (a file in the user's data folder) is the default; PostgreSQL is used
when ``KRANTENTOETS_DATABASE_URL`` points at it (``postgresql://…`` is read as
``postgresql+psycopg://…``, psycopg 3). Everything above this module works the
same on both.

The schema is managed by Alembic; the migration environment ships inside the
package (``store/migrations``) and is configured here, so no ``alembic.ini``
is needed at run time. Revision ids are fixed and linear: ``0001`` monitoring,
``0002`` users/tokens/sessions, ``0003`` archive.

Typical use::

    from krantentoets.store import make_engine, require_current, session_scope

    engine = make_engine()          # KRANTENTOETS_DATABASE_URL or the SQLite default
    require_current(engine)         # NotMigratedError if `krantentoets db upgrade` is due
    with session_scope(engine) as session:
        ...
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

if TYPE_CHECKING:  # pragma: no cover
    from alembic.config import Config

__all__ = [
    "ENV_DATABASE_URL",
    "ENV_DATA_DIR",
    "NotMigratedError",
    "StoreError",
    "alembic_config",
    "current_revisions",
    "data_dir",
    "database_url",
    "head_revisions",
    "make_engine",
    "needs_upgrade",
    "open_engine",
    "require_current",
    "session_scope",
    "upgrade",
]

ENV_DATABASE_URL = "KRANTENTOETS_DATABASE_URL"
ENV_DATA_DIR = "KRANTENTOETS_DATA_DIR"
SQLITE_FILENAME = "krantentoets.sqlite3"
#: How long a SQLite writer waits for another writer before giving up (ms).
SQLITE_BUSY_TIMEOUT_MS = 30_000
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class StoreError(RuntimeError):
    """The database cannot be used as asked. The message (Dutch) says what to do."""


class NotMigratedError(StoreError):
    """The database schema is behind (or ahead of) this version of krantentoets."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message or "De database is niet bijgewerkt; voer `krantentoets db upgrade` uit"
        )


# -- where the database lives ---------------------------------------------------


def data_dir() -> Path:
    """The folder for krantentoets' own data (created if missing).

    ``KRANTENTOETS_DATA_DIR``, else ``$XDG_DATA_HOME/krantentoets``, else
    ``~/.local/share/krantentoets``.
    """
    explicit = os.environ.get(ENV_DATA_DIR)
    if explicit:
        folder = Path(explicit).expanduser()
    else:
        xdg = os.environ.get("XDG_DATA_HOME")
        base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
        folder = base / "krantentoets"
    folder.mkdir(parents=True, exist_ok=True)
    return folder.resolve()


def database_url() -> str:
    """The database URL: ``KRANTENTOETS_DATABASE_URL`` or the SQLite file in :func:`data_dir`."""
    url = os.environ.get(ENV_DATABASE_URL, "").strip()
    if url:
        return normalise_url(url)
    return f"sqlite:///{data_dir() / SQLITE_FILENAME}"


def normalise_url(url: str) -> str:
    """Pick the driver we ship: ``postgres(ql)://`` becomes ``postgresql+psycopg://``."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


# -- engines and sessions ---------------------------------------------------------


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    """An engine for ``url`` (default :func:`database_url`), set up for our use.

    SQLite: WAL journal (readers never block the writer), foreign keys on, a
    busy timeout so concurrent writers wait instead of failing, and the folder
    of the file created. PostgreSQL: psycopg 3, connections checked before use.
    """
    url = normalise_url(url or database_url())
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_on_connect)
        return engine
    if backend == "postgresql":
        kwargs.setdefault("pool_pre_ping", True)
        return create_engine(url, **kwargs)
    raise StoreError(
        f"database '{backend}' wordt niet ondersteund; gebruik SQLite of PostgreSQL "
        f"(zie {ENV_DATABASE_URL})"
    )


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits when the block ends and rolls back on an exception."""
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


# -- migrations -------------------------------------------------------------------


def alembic_config(url: str | None = None, connection: Any = None) -> Config:
    """An Alembic configuration for the migrations in this package.

    ``connection`` (a SQLAlchemy ``Connection``) is used as is when given; else
    ``env.py`` opens its own engine on ``url`` (default :func:`database_url`).
    Also usable for writing a new revision::

        from alembic import command
        command.revision(alembic_config(url), message="...", rev_id="0004",
                         autogenerate=True)
    """
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is None:
        cfg.set_main_option(
            "sqlalchemy.url", normalise_url(url or database_url()).replace("%", "%%")
        )
    cfg.attributes["connection"] = connection
    return cfg


@cache
def head_revisions() -> tuple[str, ...]:
    """The newest revision(s) this version of krantentoets knows."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(url="sqlite://"))
    return tuple(sorted(script.get_heads()))


def current_revisions(engine: Engine) -> tuple[str, ...]:
    """The revision(s) the database is at (empty for a database never upgraded)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return tuple(sorted(MigrationContext.configure(conn).get_current_heads()))


def needs_upgrade(engine: Engine) -> bool:
    """True when the database is not at the head revision of this version."""
    return current_revisions(engine) != head_revisions()


def require_current(engine: Engine) -> None:
    """Raise :class:`NotMigratedError` unless the schema is up to date."""
    current = current_revisions(engine)
    heads = head_revisions()
    if current == heads:
        return
    known = _known_revisions()
    if current and not set(current) <= known:
        raise NotMigratedError(
            "De database is bijgewerkt door een nieuwere versie van krantentoets "
            f"(revisie {', '.join(current)}); werk krantentoets bij"
        )
    raise NotMigratedError()


@cache
def _known_revisions() -> frozenset[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(url="sqlite://"))
    return frozenset(rev.revision for rev in script.walk_revisions())


def upgrade(url: str | None = None, revision: str = "head") -> None:
    """Bring the database at ``url`` (default :func:`database_url`) up to ``revision``."""
    from alembic import command

    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(connection=conn), revision)
    finally:
        engine.dispose()


def open_engine(url: str | None = None, *, create: bool = True) -> Engine:
    """An engine whose schema is current, for commands that read and write data.

    A brand-new, empty SQLite database (the default for someone trying
    krantentoets) is created on the spot when ``create`` is true; any other
    database that is behind raises :class:`NotMigratedError`, so an
    administrator decides when PostgreSQL is migrated.
    """
    engine = make_engine(url)
    try:
        if create and engine.dialect.name == "sqlite" and _is_empty(engine):
            with engine.begin() as conn:
                from alembic import command

                command.upgrade(alembic_config(connection=conn), "head")
        require_current(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


def _is_empty(engine: Engine) -> bool:
    from sqlalchemy import inspect

    return not inspect(engine).get_table_names()
