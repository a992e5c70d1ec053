"""Users, tokens and web sessions in the database (revision 0002), on SQLite and PostgreSQL.

``db_url`` (tests/conftest.py) gives a fresh SQLite file and a fresh PostgreSQL database;
the PostgreSQL half is skipped with the reason when no server answers on 127.0.0.1:5432.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import inspect, select, text

from krantentoets import auth
from krantentoets.auth import Role
from web_fixtures import PASSWORD, client_for, csrf_of, make_app

pytest_plugins = ["web_fixtures"]

TABLES = {"users", "api_tokens", "web_sessions"}


@pytest.fixture
def store(db_url: str, cheap_hashing: None) -> Iterator[Any]:
    from krantentoets.store import make_engine, upgrade

    upgrade(db_url)
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


def test_migration_0002_creates_and_drops_the_user_tables(db_url: str) -> None:
    from alembic import command

    from krantentoets.store import alembic_config, make_engine, upgrade

    upgrade(db_url, "0001")
    engine = make_engine(db_url)
    try:
        assert not TABLES & set(inspect(engine).get_table_names())
        upgrade(db_url, "0002")
        inspector = inspect(engine)
        assert set(inspector.get_table_names()) >= TABLES
        unique = {tuple(u["column_names"]) for u in inspector.get_unique_constraints("users")}
        assert ("name_key",) in unique
        fks = inspector.get_foreign_keys("web_sessions")
        assert fks[0]["referred_table"] == "users"
        assert fks[0]["options"].get("ondelete") == "CASCADE"
        with engine.begin() as conn:
            command.downgrade(alembic_config(connection=conn), "0001")
        assert not TABLES & set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    upgrade(db_url)


def test_users_are_unique_case_insensitively(store: Any) -> None:
    from krantentoets.store import session_scope
    from krantentoets.store.users import UserError, create_user, get_user

    with session_scope(store) as s:
        create_user(s, "M.deVries", Role.MEDEWERKER, PASSWORD, full_name="Mila de Vries")
    with session_scope(store) as s:
        assert get_user(s, "m.devries").name == "M.deVries"
        assert get_user(s, "  M.DEVRIES ").label == "Mila de Vries"
        with pytest.raises(UserError, match="al een gebruiker"):
            create_user(s, "m.DEVRIES", Role.BEHEERDER, PASSWORD)
    for name, role, password, fragment in [
        ("a", Role.MEDEWERKER, PASSWORD, "gebruikersnaam"),
        ("met spatie", Role.MEDEWERKER, PASSWORD, "gebruikersnaam"),
        ("goed", "koning", PASSWORD, "onbekende rol"),
        ("goed", Role.MEDEWERKER, "kort", "te kort"),
    ]:
        with session_scope(store) as s, pytest.raises(UserError, match=fragment):
            create_user(s, name, role, password)


def test_passwords_are_stored_as_argon2id_hashes(store: Any) -> None:
    from krantentoets.store import session_scope
    from krantentoets.store.users import create_user

    with session_scope(store) as s:
        create_user(s, "jan", Role.MANDATARIS, PASSWORD)
    with store.connect() as conn:
        stored = conn.execute(text("select password_hash from users")).scalar_one()
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_authenticate(store: Any) -> None:
    from krantentoets.store import session_scope
    from krantentoets.store.users import User, authenticate, create_user, set_active

    with session_scope(store) as s:
        create_user(s, "jan", Role.MANDATARIS, PASSWORD)
        create_user(s, "beheer", Role.BEHEERDER, PASSWORD)
    with session_scope(store) as s:
        assert authenticate(s, "jan", "verkeerd-wachtwoord") is None
        assert authenticate(s, "niemand", PASSWORD) is None
        assert authenticate(s, "", PASSWORD) is None
        user = authenticate(s, "JAN", PASSWORD)
        assert user is not None and user.role == "mandataris"
        assert user.last_login_at is not None
    with session_scope(store) as s:
        set_active(s, s.scalar(select(User).where(User.name == "jan")), False)
    with session_scope(store) as s:
        assert authenticate(s, "jan", PASSWORD) is None


def test_outdated_hash_is_upgraded_at_login(store: Any) -> None:
    from krantentoets.store import session_scope
    from krantentoets.store.users import authenticate, create_user, get_user

    with session_scope(store) as s:
        create_user(s, "jan", Role.MEDEWERKER, PASSWORD)
        old = get_user(s, "jan").password_hash
    auth.use_hasher(PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1))
    with session_scope(store) as s:
        assert authenticate(s, "jan", PASSWORD) is not None
    with session_scope(store) as s:
        new = get_user(s, "jan").password_hash
    assert new != old and "m=2048,t=2" in new


def test_sessions_expire_and_end_on_logout_password_change_and_disable(store: Any) -> None:
    from krantentoets.store import session_scope
    from krantentoets.store.users import (
        create_session,
        create_user,
        delete_session,
        get_user,
        session_user,
        set_active,
        set_password,
    )

    with session_scope(store) as s:
        create_user(s, "jan", Role.MEDEWERKER, PASSWORD)
        create_user(s, "beheer", Role.BEHEERDER, PASSWORD)
    with session_scope(store) as s:
        jan = get_user(s, "jan")
        live = create_session(s, jan)
        gone = create_session(s, jan)
        expired = create_session(s, jan, lifetime=timedelta(seconds=-1))
    with session_scope(store) as s:
        assert session_user(s, live).name == "jan"
        assert session_user(s, expired) is None
        assert session_user(s, "verzonnen") is None
        delete_session(s, gone)
    with session_scope(store) as s:
        assert session_user(s, gone) is None
        assert session_user(s, live) is not None
        set_password(s, get_user(s, "jan"), "nieuw-wachtwoord-2")
    with session_scope(store) as s:
        assert session_user(s, live) is None
        again = create_session(s, get_user(s, "jan"))
    with session_scope(store) as s:
        set_active(s, get_user(s, "jan"), False)
    with session_scope(store) as s:
        assert session_user(s, again) is None
    # The session id itself is never stored.
    with store.connect() as conn:
        stored = [row[0] for row in conn.execute(text("select id_hash from web_sessions"))]
    assert live not in stored and again not in stored


def test_tokens_are_stored_hashed_and_can_be_revoked(store: Any) -> None:
    from krantentoets.store import session_scope
    from krantentoets.store.users import UserError, create_token, lookup_token, revoke_token

    with session_scope(store) as s:
        row, token = create_token(s, "intranet", Role.MEDEWERKER)
        token_id = row.id
    assert token.startswith("kt_") and len(token) > 40
    with store.connect() as conn:
        values = [str(v) for v in conn.execute(text("select * from api_tokens")).one()]
    assert token not in values
    assert auth.token_digest(token) in values
    with session_scope(store) as s:
        assert lookup_token(s, token).role == "medewerker"
        assert lookup_token(s, token + "x") is None
        assert lookup_token(s, "") is None
        revoke_token(s, token_id)
    with session_scope(store) as s:
        assert lookup_token(s, token) is None
        with pytest.raises(UserError):
            revoke_token(s, 9999)
        with pytest.raises(UserError, match="onbekende rol"):
            create_token(s, "x", "koning")


def test_the_last_beheerder_stays(store: Any) -> None:
    from krantentoets.store import session_scope
    from krantentoets.store.users import UserError, create_user, get_user, set_active, set_role

    with session_scope(store) as s:
        create_user(s, "beheer", Role.BEHEERDER, PASSWORD)
    with session_scope(store) as s:
        with pytest.raises(UserError, match="laatste beheerder"):
            set_role(s, get_user(s, "beheer"), Role.MEDEWERKER)
        with pytest.raises(UserError, match="laatste beheerder"):
            set_active(s, get_user(s, "beheer"), False)
        create_user(s, "tweede", Role.BEHEERDER, PASSWORD)
    with session_scope(store) as s:
        set_role(s, get_user(s, "beheer"), Role.MEDEWERKER)
    with session_scope(store) as s:
        assert get_user(s, "beheer").role == "medewerker"


def test_the_web_app_runs_on_this_database(store: Any) -> None:
    """First run, check, inbox action and API on the same database (SQLite and PostgreSQL)."""
    from krantentoets.store import session_scope
    from krantentoets.store.monitor import Mention, MonitorSource

    with session_scope(store) as s:
        source = MonitorSource(name="rss:test", kind="rss", state={})
        s.add(source)
        s.flush()
        s.add(Mention(source_id=source.id, external_id="1", text="Dank!", label="compliment"))
    app = make_app(store)
    client = client_for(app)
    token = csrf_of(client.get("/eerste-gebruik").text)
    r = client.post(
        "/eerste-gebruik",
        data={"csrf_token": token, "name": "beheer", "password": PASSWORD, "password2": PASSWORD},
    )
    assert r.status_code == 303
    page = client.get("/inbox")
    assert page.status_code == 200 and "Dank!" in page.text
    r = client.post(
        "/inbox/acties",
        data={"csrf_token": csrf_of(page.text), "actie": "afhandelen", "ids": "1"},
    )
    assert r.status_code == 303
    with session_scope(store) as s:
        assert s.get(Mention, 1).handled_by == "beheer"
    r = client.post(
        "/beheer/tokens",
        data={"csrf_token": csrf_of(page.text), "name": "koppeling", "role": "communicatie"},
    )
    secret = r.text.split('id="nieuw-token"')[1].split('value="')[1].split('"')[0]
    api = client_for(app)
    r = api.post(
        "/api/v1/check",
        json={"id": "x", "text": "Het zwembad is zaterdag open."},
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert r.status_code == 200 and r.json()["id"] == "x"
