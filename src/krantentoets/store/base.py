"""The declarative base every stored model derives from, and portable column types.

All models of krantentoets share one :class:`Base` (so ``Base.metadata`` is the
whole schema that Alembic compares against) with a fixed naming convention for
constraints: migrations then name constraints the same way on SQLite and
PostgreSQL, and a later migration can drop or alter them by name.

Column conventions (use them in every model module):

- timestamps: annotate ``Mapped[datetime]``; the type map turns that into
  :class:`UTCDateTime`, which stores timezone-aware UTC and always returns
  aware UTC values (SQLite keeps no zone; we add it back on read). Use
  :func:`utcnow` for defaults.
- structured data: annotate ``Mapped[dict[str, Any]]`` or ``Mapped[list[Any]]``
  (mapped to ``sqlalchemy.JSON``: ``json`` on PostgreSQL, text on SQLite).
- in hand-written migrations write ``sa.DateTime(timezone=True)`` and
  ``sa.JSON()``; Alembic compares them equal to these types.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, MetaData
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

__all__ = ["NAMING_CONVENTION", "Base", "UTCDateTime", "utcnow"]

#: Constraint and index names, identical on every database.
NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored and returned as timezone-aware UTC.

    Naive datetimes are refused on write: a naive value is ambiguous (local
    time? UTC?) and would silently shift by hours.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: give a timezone (UTC)")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            # SQLite has no zone: store UTC without offset so text sorts correctly.
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):  # pragma: no cover - defensive for raw text rows
            value = datetime.fromisoformat(value)
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base for every krantentoets table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads this class attribute
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
        list[str]: JSON(),
    }
