"""Settings in the app: stored with who and when, validated like the policy file, the
effective policy (file + changes) used everywhere, and the TOML export/import round trip."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from krantentoets.auth import Role
from krantentoets.check import check
from krantentoets.cli import cli
from krantentoets.post import Post
from web_fixtures import SECRET, client_for, csrf_of

pytest_plugins = ["web_fixtures"]

DRAFT = "Morgen praten we met de bewoners over de Zuidlanden-deal in het wijkcentrum."


def _save(client: Any, fields: dict[str, str]) -> Any:
    page = client.get("/beheer/instellingen")
    assert page.status_code == 200
    return client.post("/beheer/instellingen", data={"csrf_token": csrf_of(page.text), **fields})


def test_change_a_topic_and_the_check_follows(app: Any, users: None) -> None:
    admin = client_for(app, Role.BEHEERDER)
    before = app.state.kt.policy()
    assert not [f for f in check(Post(DRAFT), before).findings if f.category == "spokesperson"]
    r = _save(
        admin,
        {"spokesperson.topics": "Zuidlanden-deal\n", "organisation.name": "gemeente Oosterwold"},
    )
    assert r.status_code == 303 and "opgeslagen" in r.headers["location"]
    after = app.state.kt.policy()
    assert [f.category.value for f in check(Post(DRAFT), after).findings] == ["spokesperson"]
    page = admin.get("/beheer/instellingen").text
    assert "Gewijzigd in de app door Test beheerder" in page
    assert "gemeente Oosterwold" in page.split('class="brand__org"')[1][:80]  # the header
    assert "Woordvoeringsonderwerpen gewijzigd" in page  # the change log


def test_a_bad_value_is_refused_like_the_file_would(app: Any, users: None) -> None:
    admin = client_for(app, Role.BEHEERDER)
    r = _save(admin, {"monitor.sources": '[[sources]]\nkind = "rss"\n'})
    assert r.status_code == 422 and "url nodig" in r.text
    r = _save(admin, {"monitor.sources": '[[sources]]\nkind = "fax"\nurl = "x"\n'})
    assert r.status_code == 422 and "toegestaan" in r.text
    assert "kind = &#34;fax&#34;" in r.text or 'kind = "fax"' in r.text  # input kept


def test_communicatie_changes_only_its_settings(app: Any, users: None) -> None:
    comms = client_for(app, Role.COMMUNICATIE)
    page = comms.get("/beheer/instellingen").text
    assert 'name="organisation.name" class="input" value="de gemeente" aria-describedby' in page
    assert "readonly" in page.split('name="organisation.name"')[1].split(">")[0]
    r = _save(comms, {"organisation.name": "Hackers", "confidential.terms": "Project Ooievaar"})
    assert r.status_code == 303
    settings = app.state.kt.policy().settings
    assert settings.organisation.name == "de gemeente"
    assert settings.confidential.terms == ["Project Ooievaar"]
    assert client_for(app, Role.MEDEWERKER).get("/beheer/instellingen").status_code == 403


@pytest.fixture
def no_policy_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI reads KRANTENTOETS_POLICY; another test may have left one behind."""
    monkeypatch.delenv("KRANTENTOETS_POLICY", raising=False)


def test_export_import_round_trip_gives_the_same_check(
    app: Any, users: None, engine: Any, tmp_path: Path, no_policy_env: None
) -> None:
    from krantentoets.store import make_engine, upgrade
    from krantentoets.web.app import create_app

    admin = client_for(app, Role.BEHEERDER)
    assert _save(admin, {"spokesperson.topics": "Zuidlanden-deal"}).status_code == 303
    url = str(engine.url)
    out = tmp_path / "export.toml"
    runner = CliRunner()
    r = runner.invoke(cli, ["policy", "export", "--database-url", url, "-o", str(out)])
    assert r.exit_code == 0, r.output
    text = out.read_text()
    assert "Zuidlanden-deal" in text and "spokesperson.topics" in text  # header names the source
    # Elsewhere: a fresh database, the exported file imported.
    other = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    upgrade(other)
    r = runner.invoke(cli, ["policy", "import", str(out), "--database-url", other])
    assert r.exit_code == 0 and "spokesperson.topics" in r.output, r.output
    r = runner.invoke(cli, ["policy", "import", str(out), "--database-url", other])
    assert "Niets veranderd" in r.output
    other_engine = make_engine(other)
    from krantentoets.web.config import WebConfig

    elsewhere = create_app(config=WebConfig(secret_key=SECRET), engine=other_engine)
    here, there = app.state.kt.policy(), elsewhere.state.kt.policy()
    assert check(Post(DRAFT), here).to_dict() == check(Post(DRAFT), there).to_dict()
    assert [f.category.value for f in check(Post(DRAFT), there).findings] == ["spokesperson"]
    other_engine.dispose()


def test_a_broken_import_changes_nothing(engine: Any, tmp_path: Path, no_policy_env: None) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[spokesperson]\ntopics = "niet een lijst"\n', encoding="utf-8")
    r = CliRunner().invoke(cli, ["policy", "import", str(bad), "--database-url", str(engine.url)])
    assert r.exit_code == 2 and "spokesperson.topics" in r.output


def test_the_admin_sets_a_new_password(app: Any, users: None) -> None:
    from krantentoets.store import session_scope
    from krantentoets.store.users import authenticate, get_user

    admin = client_for(app, Role.BEHEERDER)
    page = admin.get("/beheer/gebruikers")
    with session_scope(app.state.kt.engine) as s:
        uid = get_user(s, "medewerker").id  # type: ignore[union-attr]
    short = admin.post(
        f"/beheer/gebruikers/{uid}", data={"csrf_token": csrf_of(page.text), "password": "kort"}
    )
    assert short.status_code == 422 and "te kort" in short.text
    r = admin.post(
        f"/beheer/gebruikers/{uid}",
        data={"csrf_token": csrf_of(page.text), "password": "een-nieuw-wachtwoord"},
    )
    assert r.status_code == 303 and "wachtwoord-gewijzigd" in r.headers["location"]
    with session_scope(app.state.kt.engine) as s:
        assert authenticate(s, "medewerker", "een-nieuw-wachtwoord") is not None


def test_legal_holds_from_the_settings_page(app: Any, users: None) -> None:
    admin = client_for(app, Role.BEHEERDER)
    page = admin.get("/beheer/instellingen")
    r = admin.post(
        "/beheer/instellingen/blokkade",
        data={"csrf_token": csrf_of(page.text), "reden": "", "van": "2025-01-01"},
    )
    assert r.status_code == 422 and "Geef een reden" in r.text
    r = admin.post(
        "/beheer/instellingen/blokkade",
        data={
            "csrf_token": csrf_of(page.text),
            "reden": "Woo-verzoek 2025-12",
            "van": "2025-01-01",
        },
    )
    assert r.status_code == 303
    assert "Woo-verzoek 2025-12" in admin.get("/beheer/instellingen").text


def test_the_organisations_time_zone(app: Any, users: None) -> None:
    from krantentoets.web import present

    admin = client_for(app, Role.BEHEERDER)
    bad = _save(admin, {"organisation.timezone": "Europe/Leeuwarden"})
    assert bad.status_code == 422 and "onbekende tijdzone" in bad.text
    try:
        assert _save(admin, {"organisation.timezone": "America/Curacao"}).status_code == 303
        app.state.kt.policy()
        assert (
            present.local_iso("2025-06-01T12:00:00Z")
            == "01-06-2025 08:00 (tijdzone America/Curacao)"
        )
    finally:
        present.use_zone("Europe/Amsterdam")
