"""Connected accounts: encrypted credentials, who may post, expiry and revocation warnings."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from krantentoets.publish.accounts import (
    AccountError,
    account_warnings,
    add_account,
    find_account,
    may_post,
    open_publisher,
    remove_account,
)
from krantentoets.publish.credentials import CredentialError, Vault, from_environment
from krantentoets.store import session_scope
from krantentoets.store.base import utcnow
from krantentoets.store.publish import PublishAccount
from publish_helpers import SECRET, vault


def test_vault_round_trip_and_a_changed_secret() -> None:
    sealed = vault().seal({"access_token": "geheim-123"})
    assert "geheim-123" not in sealed
    assert vault().open(sealed) == {"access_token": "geheim-123"}
    with pytest.raises(CredentialError, match="koppel het account opnieuw"):
        Vault(SECRET + "anders").open(sealed)


def test_credentials_from_an_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KT_TEST_TOKEN", "abc")
    assert from_environment("KT_TEST_TOKEN") == {"access_token": "abc"}
    monkeypatch.setenv("KT_TEST_TOKEN", '{"identifier": "x", "password": "y"}')
    assert from_environment("KT_TEST_TOKEN")["password"] == "y"
    monkeypatch.delenv("KT_TEST_TOKEN")
    with pytest.raises(CredentialError, match="KT_TEST_TOKEN"):
        from_environment("KT_TEST_TOKEN")


def _add(session: Any, **kw: Any) -> PublishAccount:
    args: dict[str, Any] = {
        "platform": "mastodon",
        "handle": "@gemeente",
        "instance": "http://127.0.0.1:9",
        "credentials": {"access_token": "t"},
        "created_by": "beheerder",
    }
    args.update(kw)
    return add_account(session, vault(), **args)


def test_add_validates_and_names_what_is_wrong(migrated_sqlite_engine: Any) -> None:
    with session_scope(migrated_sqlite_engine) as s:
        with pytest.raises(AccountError, match="onbekend platform"):
            _add(s, platform="myspace")
        with pytest.raises(AccountError, match="server"):
            _add(s, instance=None)
        with pytest.raises(AccountError, match="onbekende rol"):
            _add(s, roles=["baas"])
        with pytest.raises(AccountError, match="niet allebei"):
            _add(s, credentials_env="X")
        acc = _add(s, roles=["communicatie"], users=["anna"])
        with pytest.raises(AccountError, match="al gekoppeld"):
            _add(s)
        assert may_post(acc, "chris", "communicatie") and may_post(acc, "Anna", "medewerker")
        assert not may_post(acc, "bob", "medewerker")
        assert find_account(s, "mastodon:@gemeente").id == acc.id
        remove_account(s, acc.id)
        assert not may_post(acc, "chris", "communicatie")
        with pytest.raises(AccountError, match="ontkoppeld"):
            open_publisher(acc, vault())
        again = _add(s)  # connecting it again reuses the row
        assert again.id == acc.id and again.status == "active"


def test_expiry_and_revocation_warnings(migrated_sqlite_engine: Any) -> None:
    now = utcnow()
    with session_scope(migrated_sqlite_engine) as s:
        _add(s, handle="@a", expires_at=now + timedelta(days=3))
        _add(s, handle="@b", expires_at=now + timedelta(days=30))
        _add(s, handle="@c", expires_at=now - timedelta(days=1))
        revoked = _add(s, handle="@d")
        revoked.status, revoked.status_message = "revoked", "Mastodon: ingetrokken (HTTP 401)"
    with session_scope(migrated_sqlite_engine) as s:
        texts = [w.text for w in account_warnings(s, now)]
        stored = [a.credentials for a in s.scalars(select(PublishAccount))]
    assert any("@a verloopt over" in t for t in texts)
    assert not any("@b" in t for t in texts)
    assert any("@c is verlopen" in t for t in texts)
    assert any("@d is niet meer gekoppeld" in t for t in texts)
    assert all(c and '"t"' not in c for c in stored)
