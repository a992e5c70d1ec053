"""See what was stored: ``monitor run --format json``, ``monitor list``, ``GET /api/v1/mentions``,
and MA-9: an office holder's own names are watch terms, and they see mentions of themselves."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from krantentoets.auth import Role
from krantentoets.cli import cli
from krantentoets.monitor.ingest import poll_sources
from krantentoets.policy import parse_policy
from web_fixtures import client_for

pytest_plugins = ["web_fixtures"]

POSTS = [
    {"id": "1", "text": "Gemeente Dijkstad veegt de straten vandaag.", "date": "2025-06-02"},
    {"id": "2", "text": "Wethouder Anja de Vries opent de brug, mooi!", "date": "2025-06-03"},
    {"id": "3", "text": "Niets over ons: het regent.", "date": "2025-06-04"},
    {"id": "4", "text": "@anjadevries wanneer komt het antwoord?", "date": "2025-06-05"},
]


def write_export(folder: Path) -> Path:
    path = folder / "export.jsonl"
    path.write_text("\n".join(json.dumps(p) for p in POSTS) + "\n", encoding="utf-8")
    return path


def policy_file(folder: Path) -> Path:
    write_export(folder)
    path = folder / "beleid.toml"
    path.write_text(
        '[organisation]\nname = "Gemeente Dijkstad"\n\n'
        '[[monitor.watch]]\nuser = "mandataris"\nnames = ["Anja de Vries"]\n'
        'handles = ["@anjadevries"]\n\n'
        '[[monitor.sources]]\nkind = "import"\nname = "export"\npath = "export.jsonl"\n',
        encoding="utf-8",
    )
    return path


def test_run_json_summary_and_list_jsonl(tmp_path: Path, sqlite_url: str) -> None:
    policy = policy_file(tmp_path)
    env = {"KRANTENTOETS_DATABASE_URL": sqlite_url, "KRANTENTOETS_POLICY": ""}
    runner = CliRunner()
    runner.invoke(cli, ["db", "upgrade"], env=env, catch_exceptions=False)
    ran = runner.invoke(
        cli, ["monitor", "run", "--policy", str(policy), "--format", "json"], env=env
    )
    assert ran.exit_code == 0, ran.output
    (summary,) = json.loads(ran.stdout)["sources"]
    assert summary["source"] == "export"
    assert (summary["fetched"], summary["new"], summary["unrelated"]) == (4, 3, 1)
    assert summary["pages_left"] == [] and summary["skipped"] == 0
    listed = runner.invoke(cli, ["monitor", "list", "--format", "jsonl"], env=env)
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [r["external_id"] for r in rows] == ["1", "2", "4"]
    assert {"source", "url", "author", "text", "visibility", "published_at"} <= set(rows[0])
    assert rows[1]["watchers"] == ["mandataris"] and rows[0]["watchers"] == []
    later = runner.invoke(
        cli, ["monitor", "list", "--since", "2025-06-03", "--source", "export"], env=env
    )
    assert [json.loads(line)["external_id"] for line in later.stdout.splitlines()] == ["2", "4"]
    bad = runner.invoke(cli, ["monitor", "list", "--since", "gisteren"], env=env)
    assert bad.exit_code == 2 and "geen datum" in bad.output


def _store(engine: Any, folder: Path) -> None:
    write_export(folder)
    policy = parse_policy(
        {
            "organisation": {"name": "Gemeente Dijkstad"},
            "monitor": {
                "watch": [
                    {"user": "mandataris", "names": ["Anja de Vries"], "handles": ["@anjadevries"]}
                ],
                "sources": [{"kind": "import", "name": "export", "path": "export.jsonl"}],
            },
        },
        "test.toml",
    )
    (report,) = poll_sources(engine, policy, base_dir=folder, triage=False)
    assert report.new == 3


def test_mentions_api_and_own_inbox_for_the_office_holder(
    app: Any, engine: Any, users: None, tmp_path: Path
) -> None:
    from krantentoets.store import session_scope
    from krantentoets.store.users import create_token

    _store(engine, tmp_path)
    with session_scope(engine) as session:
        _, own = create_token(session, "mandataris", Role.MANDATARIS)
        _, comms = create_token(session, "communicatie-api", Role.COMMUNICATIE)
        _, staff = create_token(session, "medewerker-api", Role.MEDEWERKER)
    client = client_for(app)

    def ids(token: str, **params: Any) -> list[str]:
        r = client.get(
            "/api/v1/mentions", params=params, headers={"Authorization": f"Bearer {token}"}
        )
        assert r.status_code == 200, r.text
        return [m["external_id"] for m in r.json()["mentions"]]

    assert ids(comms) == ["1", "2", "4"]  # Communications sees all
    assert ids(own) == ["2", "4"]  # the office holder: mentions of themselves
    assert ids(comms, since="2025-06-04") == ["4"]
    page = client.get(
        "/api/v1/mentions", params={"limit": 2}, headers={"Authorization": f"Bearer {comms}"}
    ).json()
    assert [m["external_id"] for m in page["mentions"]] == ["1", "2"]
    assert ids(comms, after=page["next_after"]) == ["4"]
    refused = client.get("/api/v1/mentions", headers={"Authorization": f"Bearer {staff}"})
    assert refused.status_code == 403
    # The web inbox: the mandataris sees their own mention, Communications sees all.
    mine = client_for(app, Role.MANDATARIS).get("/inbox?status=alle").text
    assert "Anja de Vries opent de brug" in mine and "veegt de straten" not in mine
    everything = client_for(app, Role.COMMUNICATIE).get("/inbox?status=alle").text
    assert "Anja de Vries opent de brug" in everything and "veegt de straten" in everything
    # Communications also sees how each source is doing; the office holder does not.
    assert 'id="bronnen-kop"' in everything and "In orde" in everything
    assert 'id="bronnen-kop"' not in mine
