"""Shared test fixtures. Tests never depend on the working directory."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
#: ../shared/data beside the repository (CI clones the repo with shared/ beside it).
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared data not found at {SHARED_DATA} (clone the repo beside shared/)")
    return SHARED_DATA


# --- store fixtures (owned by the storage engineer; see src/krantentoets/store) ---
# ``sqlite_url``: a fresh SQLite file per test. ``postgres_url``: a fresh, uniquely
# named database on the local server (127.0.0.1:5432, trust auth; override the
# admin URL with KRANTENTOETS_TEST_POSTGRES_URL), dropped after the test; skipped
# when no server answers. ``db_url``: both, as a parametrised fixture.
import uuid  # noqa: E402
from functools import cache  # noqa: E402


@cache
def _postgres_admin() -> tuple[str | None, str]:
    """(admin conninfo, or None) and the reason when no server answers."""
    try:
        import psycopg
    except ImportError:
        return None, "psycopg is not installed (pip install -e '.[test]')"
    explicit = os.environ.get("KRANTENTOETS_TEST_POSTGRES_URL")
    candidates = (
        [explicit]
        if explicit
        else [f"postgresql://{user}@127.0.0.1:5432/test" for user in ("postgres", "root")]
    )
    errors = []
    for conninfo in candidates:
        try:
            with psycopg.connect(conninfo, connect_timeout=3, autocommit=True):
                return conninfo, ""
        except psycopg.Error as exc:
            errors.append(f"{conninfo}: {str(exc).strip().splitlines()[0]}")
    return None, "no PostgreSQL server answers: " + "; ".join(errors)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'krantentoets-test.sqlite3'}"


@pytest.fixture
def postgres_url() -> object:
    import psycopg
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    admin, reason = _postgres_admin()
    if admin is None:
        pytest.skip(reason)
    name = f"kt_test_{os.getpid()}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    params = conninfo_to_dict(admin)
    user = params.get("user", "postgres")
    host = params.get("host", "127.0.0.1")
    port = params.get("port", "5432")
    try:
        yield f"postgresql+psycopg://{user}@{host}:{port}/{name}"
    finally:
        with psycopg.connect(make_conninfo(admin), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    return request.getfixturevalue(f"{request.param}_url")


def _migrated_engine(url: str) -> object:
    from krantentoets.store import make_engine, upgrade

    upgrade(url)
    eng = make_engine(url)
    yield eng
    eng.dispose()


@pytest.fixture
def migrated_engine(db_url: str) -> object:
    """A migrated engine on SQLite and on PostgreSQL (parametrised through ``db_url``).

    Not called ``engine``: the web tests' plugin has an ``engine`` of its own, and a
    conftest fixture would override it."""
    yield from _migrated_engine(db_url)


@pytest.fixture
def migrated_sqlite_engine(sqlite_url: str) -> object:
    """A migrated engine on a fresh SQLite file."""
    yield from _migrated_engine(sqlite_url)


# --- end store fixtures ---


@pytest.fixture(autouse=True)
def _restore_krantentoets_environment() -> Iterator[None]:
    """Commands run in-process (``serve``, ``demo``) set KRANTENTOETS_* variables for their
    workers; put the environment back after each test so no later test, or the subprocesses
    it starts, inherits them."""
    before = {k: v for k, v in os.environ.items() if k.startswith("KRANTENTOETS_")}
    yield
    for key in [k for k in os.environ if k.startswith("KRANTENTOETS_")]:
        if key not in before:
            del os.environ[key]
    os.environ.update(before)


@pytest.fixture
def repo_script() -> object:
    """Import a script of the repository (``bench/names.py``, ``training/...``) by path."""
    import importlib.util
    import sys

    root = Path(__file__).resolve().parents[1]

    def load(relative: str) -> object:
        path = root / relative
        name = "kt_script_" + path.stem
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        return module

    return load
