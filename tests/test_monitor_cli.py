"""``krantentoets monitor`` and ``krantentoets db`` from the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from fakes import FakeServer, Response
from fakes.server import RECORDED
from fakes.social import add_feeds, add_mastodon
from krantentoets.cli import cli


def write_policy(tmp_path: Path, sources: str, extra: str = "") -> Path:
    path = tmp_path / "beleid.toml"
    path.write_text(
        '[organisation]\nname = "Gemeente Dijkstad"\naliases = ["Dijkstad"]\n'
        'hashtags = ["#dijkstad"]\n\n' + sources + extra,
        encoding="utf-8",
    )
    return path


def invoke(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


@pytest.fixture
def env(sqlite_url: str) -> dict[str, str]:
    return {"KRANTENTOETS_DATABASE_URL": sqlite_url, "KRANTENTOETS_POLICY": ""}


def test_monitor_run_once_then_nothing_new(tmp_path: Path, env: dict[str, str]) -> None:
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "coosto.csv").write_bytes((RECORDED / "coosto_export.csv").read_bytes())
    with FakeServer() as srv:
        add_feeds(srv)
        add_mastodon(srv)
        policy = write_policy(
            tmp_path,
            f"""
[monitor]
allow_private_hosts = ["127.0.0.1"]

[[monitor.sources]]
kind = "rss"
name = "omroep"
url = "{srv.url}/rss/nieuws.xml"

[[monitor.sources]]
kind = "mastodon"
name = "mastodon-dijkstad"
instance = "{srv.url}"
hashtag = "dijkstad"

[[monitor.sources]]
kind = "import"
name = "coosto"
path = "exports/coosto.csv"
columns = {{ text = "Bericht", id = "Bericht-ID", date = "Datum", author = "Auteur" }}
""",
        )
        first = invoke("monitor", "run", "--policy", str(policy), env=env)
        second = invoke("monitor", "run", "--policy", str(policy), env=env)
    assert first.exit_code == 0, first.output
    lines = first.stdout.splitlines()
    assert lines[0] == "omroep: opgehaald 5, nieuw 3, dubbel 0, niet over ons 2, fouten 0"
    assert lines[1] == "mastodon-dijkstad: opgehaald 45, nieuw 45, dubbel 0, fouten 0"
    assert lines[2] == "coosto: opgehaald 6, nieuw 4, dubbel 0, overgeslagen 2, fouten 0"
    assert lines[-1] == "Klaar: 52 nieuw uit 3 bronnen."
    assert "overgeslagen coosto.csv:5: regel 5: geen tekst" in first.stderr
    assert second.exit_code == 0
    assert "Klaar: 0 nieuw uit 3 bronnen." in second.stdout


def test_monitor_run_reports_a_failing_source_and_goes_on(
    tmp_path: Path, env: dict[str, str]
) -> None:
    with FakeServer() as srv:
        add_feeds(srv)
        policy = write_policy(
            tmp_path,
            f"""
[monitor]
allow_private_hosts = ["127.0.0.1"]

[[monitor.sources]]
kind = "rss"
name = "kapot"
url = "{srv.url}/weg.xml"

[[monitor.sources]]
kind = "rss"
name = "omroep"
url = "{srv.url}/rss/nieuws.xml"
""",
        )
        result = invoke("monitor", "run", "--policy", str(policy), env=env)
    assert result.exit_code == 2
    assert "kapot: opgehaald 0, nieuw 0, dubbel 0, fouten 1: mislukt:" in result.stderr
    assert "HTTP 404" in result.stderr and "Traceback" not in result.output
    assert "omroep: opgehaald 5, nieuw 3" in result.stdout
    assert "Klaar: 3 nieuw uit 2 bronnen, 1 mislukt." in result.stdout
    status = invoke("monitor", "sources", "--policy", str(policy), env=env)
    assert "kapot [rss]: laatst" in status.stdout and "fout (1x)" in status.stdout
    assert "omroep [rss]: laatst" in status.stdout and "3 vermeldingen" in status.stdout


def test_monitor_run_watch_stops_on_ctrl_c(
    tmp_path: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    rounds: list[float] = []

    def sleep(seconds: float) -> None:
        rounds.append(seconds)
        if len(rounds) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr("krantentoets.cli.monitor.time.sleep", sleep)
    (tmp_path / "a.csv").write_text("id,tekst\n1,Dijkstad is top\n", encoding="utf-8")
    policy = write_policy(tmp_path, '[[monitor.sources]]\nkind = "import"\npath = "a.csv"\n')
    result = invoke(
        "monitor", "run", "--watch", "--interval", "60", "--policy", str(policy), env=env
    )
    assert result.exit_code == 0
    assert result.stdout.count("Klaar:") == 2
    assert "Volgende ronde over" in result.stdout and "Gestopt." in result.stderr
    assert all(0 <= s <= 60 for s in rounds)


def test_monitor_run_errors(tmp_path: Path, env: dict[str, str]) -> None:
    empty = write_policy(tmp_path, "")
    result = invoke("monitor", "run", "--policy", str(empty), env=env)
    assert result.exit_code == 2 and "geen bronnen ingesteld" in result.stderr
    policy = write_policy(tmp_path, '[[monitor.sources]]\nkind = "rss"\nurl = "http://x"\n')
    result = invoke("monitor", "run", "--policy", str(policy), "--source", "zomaar", env=env)
    assert result.exit_code == 2 and "onbekende bron 'zomaar'" in result.stderr
    bad = write_policy(tmp_path, '[[monitor.sources]]\nkind = "rss"\n')
    result = invoke("monitor", "run", "--policy", str(bad), env=env)
    assert result.exit_code == 2 and "heeft url nodig" in result.stderr


def test_monitor_refuses_an_unmigrated_database(tmp_path: Path, db_url: str) -> None:
    from sqlalchemy import text

    from krantentoets.store import make_engine

    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE oud (id integer primary key)"))
    engine.dispose()
    policy = write_policy(tmp_path, '[[monitor.sources]]\nkind = "import"\npath = "a.csv"\n')
    result = invoke(
        "monitor", "run", "--policy", str(policy), env={"KRANTENTOETS_DATABASE_URL": db_url}
    )
    assert result.exit_code == 2
    assert "De database is niet bijgewerkt; voer `krantentoets db upgrade` uit" in result.stderr
    upgraded = invoke("db", "upgrade", env={"KRANTENTOETS_DATABASE_URL": db_url})
    assert upgraded.exit_code == 0 and "Database bijgewerkt van geen naar" in upgraded.stdout
    current = invoke("db", "current", env={"KRANTENTOETS_DATABASE_URL": db_url})
    assert current.exit_code == 0 and "Bijgewerkt." in current.stdout
    (tmp_path / "a.csv").write_text("id,tekst\n1,Dijkstad is top\n", encoding="utf-8")
    result = invoke(
        "monitor", "run", "--policy", str(policy), env={"KRANTENTOETS_DATABASE_URL": db_url}
    )
    assert result.exit_code == 0 and "nieuw 1" in result.stdout


def test_db_commands_on_a_fresh_database(sqlite_url: str) -> None:
    env = {"KRANTENTOETS_DATABASE_URL": sqlite_url}
    before = invoke("db", "current", env=env)
    assert before.exit_code == 2 and "Revisie: geen" in before.stdout
    assert invoke("db", "upgrade", env=env).exit_code == 0
    again = invoke("db", "upgrade", env=env)
    assert again.exit_code == 0 and "Database is al bijgewerkt" in again.stdout
    bad = invoke("db", "current", "--database-url", "mysql://x@y/z")
    assert bad.exit_code == 2 and "wordt niet ondersteund" in bad.stderr


def test_monitor_digest_dry_run_and_webhook(tmp_path: Path, env: dict[str, str]) -> None:
    (tmp_path / "a.jsonl").write_text(
        '{"id": "1", "text": "Dijkstad heeft het zwembad gesloten, zegt mijn buurman."}\n',
        encoding="utf-8",
    )
    with FakeServer() as srv:
        srv.route("POST", "/hook", Response(200, b"ok", content_type="text/plain"))
        policy = write_policy(
            tmp_path,
            '[[monitor.sources]]\nkind = "import"\npath = "a.jsonl"\n',
            f'\n[monitor.webhook]\nurl = "{srv.url}/hook"\nflavour = "mattermost"\n',
        )
        assert invoke("monitor", "run", "--policy", str(policy), env=env).exit_code == 0
        # Label the mention as a triage would (this test is about the CLI, not triage).
        from sqlalchemy import update

        from krantentoets.store import make_engine, session_scope
        from krantentoets.store.monitor import Mention

        engine = make_engine(env["KRANTENTOETS_DATABASE_URL"])
        with session_scope(engine) as session:
            session.execute(
                update(Mention).values(label="claim", signal=True, advice="communications")
            )
        engine.dispose()
        dry = invoke("monitor", "digest", "--dry-run", "--policy", str(policy), env=env)
        assert dry.exit_code == 0
        assert "Beweringen om te controleren (1)" in dry.stdout
        assert "proefdraai" in dry.stderr and srv.requests_to("/hook") == []
        sent = invoke("monitor", "digest", "--policy", str(policy), env=env)
        assert sent.exit_code == 0 and "verstuurd via webhook" in sent.stdout
        assert len(srv.requests_to("/hook")) == 1
        again = invoke("monitor", "digest", "--policy", str(policy), env=env)
    assert again.exit_code == 0 and "Niets nieuws" in again.stdout
