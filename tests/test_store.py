"""The storage layer: URLs, engines, sessions, migrations and schema on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError, StatementError

import krantentoets.store as store
from krantentoets.store import (
    NotMigratedError,
    StoreError,
    alembic_config,
    current_revisions,
    database_url,
    head_revisions,
    make_engine,
    needs_upgrade,
    normalise_url,
    open_engine,
    require_current,
    session_scope,
    upgrade,
)
from krantentoets.store.models import Base
from krantentoets.store.monitor import Mention, MonitorSource

# -- URLs and data folder ----------------------------------------------------------


def test_database_url_prefers_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KRANTENTOETS_DATABASE_URL", "postgresql://kt@db.example/kt")
    assert database_url() == "postgresql+psycopg://kt@db.example/kt"


def test_database_url_defaults_to_sqlite_in_data_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("KRANTENTOETS_DATABASE_URL", raising=False)
    monkeypatch.setenv("KRANTENTOETS_DATA_DIR", str(tmp_path / "nieuw" / "map"))
    url = database_url()
    assert url == f"sqlite:///{(tmp_path / 'nieuw' / 'map').resolve()}/krantentoets.sqlite3"
    assert (tmp_path / "nieuw" / "map").is_dir()


def test_database_url_uses_xdg_data_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("KRANTENTOETS_DATABASE_URL", raising=False)
    monkeypatch.delenv("KRANTENTOETS_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert database_url().endswith(f"{tmp_path.resolve()}/krantentoets/krantentoets.sqlite3")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
    ],
)
def test_normalise_url(given: str, expected: str) -> None:
    assert normalise_url(given) == expected


def test_unsupported_database_is_a_dutch_error() -> None:
    with pytest.raises(StoreError, match="niet ondersteund"):
        make_engine("mysql://u@h/db")


# -- engines and sessions ------------------------------------------------------------


def test_sqlite_engine_settings(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == store.SQLITE_BUSY_TIMEOUT_MS
    engine.dispose()


def test_sqlite_engine_creates_the_folder(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'a' / 'b' / 'kt.sqlite3'}")
    with engine.connect() as conn:
        conn.execute(text("select 1"))
    assert (tmp_path / "a" / "b" / "kt.sqlite3").exists()
    engine.dispose()


def test_session_scope_commits_and_rolls_back(db_url: str) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    with session_scope(engine) as session:
        session.add(MonitorSource(name="rss:a", kind="rss"))
    with pytest.raises(RuntimeError), session_scope(engine) as session:
        session.add(MonitorSource(name="rss:b", kind="rss"))
        session.flush()
        raise RuntimeError("halverwege")
    with session_scope(engine) as session:
        names = session.scalars(select(MonitorSource.name)).all()
    assert names == ["rss:a"]
    engine.dispose()


def test_mentions_unique_per_source_and_external_id(db_url: str) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    with session_scope(engine) as session:
        a, b = MonitorSource(name="a", kind="rss"), MonitorSource(name="b", kind="rss")
        session.add_all([a, b])
        session.flush()
        # The same external id in two sources is two mentions.
        session.add_all(
            [
                Mention(source_id=a.id, external_id="1", text="x"),
                Mention(source_id=b.id, external_id="1", text="x"),
            ]
        )
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.add(Mention(source_id=a.id, external_id="1", text="nog eens"))
    engine.dispose()


def test_foreign_keys_are_enforced(db_url: str) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.add(Mention(source_id=4242, external_id="1", text="x"))
    engine.dispose()


def test_timestamps_round_trip_as_aware_utc(db_url: str) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    cet = timezone(timedelta(hours=1))
    published = datetime(2025, 3, 1, 9, 30, tzinfo=cet)
    with session_scope(engine) as session:
        source = MonitorSource(name="rss:a", kind="rss")
        session.add(source)
        session.flush()
        session.add(Mention(source_id=source.id, external_id="1", text="x", published_at=published))
    with session_scope(engine) as session:
        got = session.scalars(select(Mention.published_at)).one()
        fetched = session.scalars(select(Mention.fetched_at)).one()
        # A later-than query compares instants, not wall-clock text.
        later = session.scalars(
            select(Mention.id).where(Mention.published_at > datetime(2025, 3, 1, 8, 0, tzinfo=UTC))
        ).all()
    assert got == published
    assert got.utcoffset() == timedelta(0)
    assert fetched.tzinfo is not None
    assert later == [1]
    engine.dispose()


def test_naive_timestamps_are_refused(sqlite_url: str) -> None:
    upgrade(sqlite_url)
    engine = make_engine(sqlite_url)
    with pytest.raises(StatementError, match="naive datetime"), session_scope(engine) as session:
        session.add(MonitorSource(name="x", kind="rss", last_ok_at=datetime(2025, 1, 1)))
    engine.dispose()


# -- migrations ---------------------------------------------------------------------


def test_revisions_are_one_line_with_fixed_ids() -> None:
    script = ScriptDirectory.from_config(alembic_config(url="sqlite://"))
    revisions = list(reversed(list(script.walk_revisions())))
    ids = [rev.revision for rev in revisions]
    assert ids[0] == "0001"
    # Each id starts with its place in the line; a branch may add a suffix ("0004_i12_...").
    assert [i[:4] for i in ids] == [f"{i:04d}" for i in range(1, len(ids) + 1)]
    for prev, rev in itertools.pairwise(revisions):
        assert rev.down_revision == prev.revision
    assert head_revisions() == (ids[-1],)


def test_upgrade_and_needs_upgrade(db_url: str) -> None:
    engine = make_engine(db_url)
    assert needs_upgrade(engine)
    assert current_revisions(engine) == ()
    with pytest.raises(NotMigratedError, match="krantentoets db upgrade"):
        require_current(engine)
    upgrade(db_url)
    assert not needs_upgrade(engine)
    require_current(engine)
    upgrade(db_url)  # idempotent
    assert current_revisions(engine) == head_revisions()
    engine.dispose()


def test_migrated_schema_matches_the_models(db_url: str) -> None:
    """`alembic upgrade head` gives exactly Base.metadata: autogenerate finds no difference."""
    upgrade(db_url)
    engine = make_engine(db_url)
    with engine.connect() as conn:
        # The archive's FTS5 tables are made by its migration, not by models (store/archive.py).
        from krantentoets.store.archive import include_name

        ctx = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": include_name}
        )
        diff = compare_metadata(ctx, Base.metadata)
        tables = set(inspect(conn).get_table_names())
    assert diff == []
    assert set(Base.metadata.tables) <= tables
    assert {"mentions", "monitor_sources", "monitor_digests"} <= tables
    engine.dispose()


def test_downgrade_to_base_and_up_again(db_url: str) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    with engine.begin() as conn:
        command.downgrade(alembic_config(connection=conn), "base")
    with engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
    upgrade(db_url)
    assert not needs_upgrade(engine)
    engine.dispose()


def test_database_ahead_of_code_is_named(sqlite_url: str) -> None:
    upgrade(sqlite_url)
    engine = make_engine(sqlite_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(NotMigratedError, match="nieuwere versie"):
        require_current(engine)
    engine.dispose()


def test_open_engine_creates_a_fresh_sqlite_database(sqlite_url: str) -> None:
    engine = open_engine(sqlite_url)
    assert not needs_upgrade(engine)
    engine.dispose()


def test_open_engine_refuses_an_unmigrated_database(db_url: str) -> None:
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE iets (id integer primary key)"))
    engine.dispose()
    with pytest.raises(NotMigratedError):
        open_engine(db_url)
