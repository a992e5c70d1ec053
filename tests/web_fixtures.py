"""Fixtures and helpers for the web tests (``tests/test_web*.py``): a migrated database, an app,
a logged-in client per role, and a PostgreSQL database of its own for each test run.

Test modules load the fixtures with ``pytest_plugins = ["web_fixtures"]``."""

from __future__ import annotations

import re
import secrets
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher

from krantentoets import auth
from krantentoets.auth import Role

warnings.filterwarnings("ignore", message=".*httpx.*", category=DeprecationWarning)

PASSWORD = "test-wachtwoord-1"
SECRET = "test-secret-" + "x" * 40
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def cheap_hashing() -> Iterator[None]:
    """Argon2 with small parameters: same code path, a fraction of the time."""
    auth.use_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    yield
    auth.use_hasher(None)


def _sqlite_file_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'web.sqlite3'}"


@pytest.fixture
def web_db_url(tmp_path: Path) -> str:
    """A migrated SQLite database (``db_url`` of conftest.py is the unmigrated pair)."""
    from krantentoets.store import upgrade

    url = _sqlite_file_url(tmp_path)
    upgrade(url)
    return url


@pytest.fixture
def engine(web_db_url: str, cheap_hashing: None) -> Iterator[Any]:
    from krantentoets.store import make_engine

    eng = make_engine(web_db_url)
    yield eng
    eng.dispose()


def make_app(engine: Any, **config: Any) -> Any:
    from krantentoets.web.app import create_app
    from krantentoets.web.config import WebConfig

    cfg = WebConfig(secret_key=SECRET, **config)
    return create_app(config=cfg, engine=engine)


@pytest.fixture
def app(engine: Any) -> Any:
    return make_app(engine)


def add_users(engine: Any, roles: tuple[Role, ...] = tuple(Role)) -> None:
    from krantentoets.store import session_scope
    from krantentoets.store.users import create_user

    with session_scope(engine) as session:
        for role in roles:
            create_user(session, role.value, role, PASSWORD, full_name=f"Test {role.value}")


@pytest.fixture
def users(engine: Any) -> None:
    add_users(engine)


def csrf_of(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "page has no CSRF token"
    return match.group(1)


def client_for(app: Any, role: Role | str | None = None, **kwargs: object) -> Any:
    """A TestClient, logged in as the user named after ``role`` (when given)."""
    from fastapi.testclient import TestClient

    client = TestClient(app, follow_redirects=False, **kwargs)
    if role is not None:
        page = client.get("/inloggen")
        assert page.status_code == 200, page.status_code
        response = client.post(
            "/inloggen",
            data={"csrf_token": csrf_of(page.text), "name": str(role), "password": PASSWORD},
        )
        assert response.status_code == 303, response.text[:500]
    return client


def random_name(prefix: str = "u") -> str:
    return f"{prefix}{secrets.token_hex(4)}"
