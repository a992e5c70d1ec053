"""The command line: account add/list/remove, publish REQUEST, and capture from `monitor run`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from click.testing import CliRunner

from fakes.mastodon import FakeMastodon
from krantentoets.archive.service import Archive
from krantentoets.cli import cli
from krantentoets.store import make_engine, session_scope, upgrade
from krantentoets.store.users import create_user
from publish_helpers import PNG, approved_request


def test_account_publish_and_capture_from_monitor_run(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kt.sqlite3'}"
    env = {
        "KRANTENTOETS_DATABASE_URL": url,
        "KRANTENTOETS_DATA_DIR": str(tmp_path / "data"),
        "KRANTENTOETS_SECRET_KEY": "cli-secret-" + "s" * 40,
        "KRANTENTOETS_POLICY": "",
    }
    policy = tmp_path / "krantentoets.toml"
    policy.write_text('[spokesperson]\ntopics = ["brand"]\n', encoding="utf-8")
    upgrade(url)
    engine = make_engine(url)
    with session_scope(engine) as s:
        create_user(s, "chris", "communicatie", "wachtwoord-lang-genoeg-123")
    rid = approved_request(engine, "mastodon")
    image = tmp_path / "brand.png"
    image.write_bytes(PNG)

    def run(*args: str, stdin: str | None = None) -> Any:
        return CliRunner().invoke(cli, list(args), env=env, input=stdin, catch_exceptions=False)

    with FakeMastodon() as fake:
        added = run(
            "account", "add", "--platform", "mastodon", "--handle", "@gemeente_dijkstad",
            "--instance", fake.url, "--token-stdin", stdin=fake.token,
        )  # fmt: skip
        assert added.exit_code == 0, added.output
        listed = run("account", "list")
        assert "@gemeente_dijkstad" in listed.output and fake.token not in listed.output
        no_alt = run("publish", str(rid), "--as", "chris", "--image", str(image))
        assert no_alt.exit_code == 2 and "--alt" in no_alt.output
        posted = run(
            "publish", str(rid), "--as", "chris", "--image", str(image), "--alt", "Rook",
            "--policy", str(policy),
        )  # fmt: skip
        assert posted.exit_code == 0, posted.output
        assert f"workflow-{rid}" in posted.output
        status_id = next(k for k, v in fake.statuses.items() if v["media_attachments"])
        fake.reply(status_id, "Waar precies?")
        ran = run("monitor", "run", "--policy", str(policy))
        assert ran.exit_code == 0, ran.output
        assert "1 nieuw" in ran.output
        again = run("publish", "capture", "--policy", str(policy))
        assert again.exit_code == 0 and "0 nieuw" in again.output
        twice = run("publish", str(rid), "--as", "chris", "--policy", str(policy))
        assert twice.exit_code == 2 and "al geplaatst" in twice.output
        removed = run("account", "remove", "mastodon:@gemeente_dijkstad")
        assert removed.exit_code == 0
    archive = Archive(engine)
    assert archive.verify().ok and archive.verify().count == 2
