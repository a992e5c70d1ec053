"""Alembic environment, configured programmatically by ``krantentoets.store.alembic_config``.

Runs with the connection handed over in ``config.attributes["connection"]``
or opens its own engine on ``sqlalchemy.url``. SQLite migrations use batch
mode (table copy) so ALTERs work there too.
"""

from __future__ import annotations

from typing import Any

from alembic import context

from krantentoets.store import make_engine
from krantentoets.store.base import UTCDateTime
from krantentoets.store.models import Base

config = context.config
target_metadata = Base.metadata


def render_item(type_: str, obj: Any, autogen_context: Any) -> Any:
    """Write our own column types as their portable SQLAlchemy equivalents."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    from krantentoets.store.archive import include_name

    return include_name(name, type_, parent_names)


def _configure(**kwargs: Any) -> None:
    context.configure(
        target_metadata=target_metadata,
        compare_type=True,
        compare_server_default=False,
        # Leave out tables a migration makes by hand (the archive's SQLite FTS5 index).
        include_name=_include_name,
        render_item=render_item,
        **kwargs,
    )


def run_migrations_offline() -> None:
    url = config.get_main_option("sqlalchemy.url")
    _configure(
        url=url,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        render_as_batch=bool(url and url.startswith("sqlite")),
    )
    with context.begin_transaction():
        context.run_migrations()


def _run(connection: Any) -> None:
    _configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    try:
        with engine.begin() as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
