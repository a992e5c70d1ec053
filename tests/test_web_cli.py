"""``krantentoets user``, ``token``, ``serve`` and ``demo`` on the command line."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from krantentoets.cli import cli
from web_fixtures import PASSWORD, csrf_of

pytest_plugins = ["web_fixtures"]


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cheap_hashing: None) -> dict[str, str]:
    """A migrated SQLite database in a data folder of its own, set through the environment."""
    from krantentoets.store import upgrade

    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    upgrade(url)
    values = {"KRANTENTOETS_DATA_DIR": str(tmp_path), "KRANTENTOETS_DATABASE_URL": url}
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    return values


def run(*args: str, stdin: str | None = None) -> Any:
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def test_user_add_reads_the_password_from_stdin_and_lists(env: dict[str, str]) -> None:
    r = run(
        "user",
        "add",
        "--name",
        "mila",
        "--role",
        "medewerker",
        "--full-name",
        "Mila",
        stdin=PASSWORD + "\n",
    )
    assert r.exit_code == 0, r.output
    assert "mila" in r.output and "medewerker" in r.output
    r = run("user", "list", "--format", "json")
    assert json.loads(r.output) == [
        {
            "name": "mila",
            "full_name": "Mila",
            "role": "medewerker",
            "active": True,
            "last_login_at": None,
        }
    ]
    from krantentoets.store import make_engine, session_scope
    from krantentoets.store.users import authenticate

    engine = make_engine(env["KRANTENTOETS_DATABASE_URL"])
    with session_scope(engine) as s:
        assert authenticate(s, "mila", PASSWORD) is not None
    engine.dispose()


@pytest.mark.parametrize(
    ("args", "stdin", "fragment"),
    [
        (["--name", "x1", "--role", "koning"], PASSWORD, "onbekende rol"),
        (["--name", "x1", "--role", "medewerker"], "kort", "te kort"),
        (["--name", "x1", "--role", "medewerker"], "", "geen wachtwoord"),
        (["--name", "met spatie", "--role", "medewerker"], PASSWORD, "gebruikersnaam"),
    ],
)
def test_user_add_errors_are_one_dutch_line(
    env: dict[str, str], args: list[str], stdin: str, fragment: str
) -> None:
    r = run("user", "add", *args, stdin=stdin + "\n" if stdin else "")
    assert r.exit_code == 2
    assert fragment in r.output
    assert "Traceback" not in r.output


def test_user_role_password_disable(env: dict[str, str]) -> None:
    run("user", "add", "--name", "beheer", "--role", "beheerder", stdin=PASSWORD + "\n")
    run("user", "add", "--name", "jan", "--role", "medewerker", stdin=PASSWORD + "\n")
    assert run("user", "role", "--name", "jan", "--role", "communicatie").exit_code == 0
    assert run("user", "password", "--name", "jan", stdin="nieuw-wachtwoord\n").exit_code == 0
    assert run("user", "disable", "--name", "jan").exit_code == 0
    r = run("user", "disable", "--name", "beheer")
    assert r.exit_code == 2 and "laatste beheerder" in r.output
    r = run("user", "role", "--name", "niemand", "--role", "medewerker")
    assert r.exit_code == 2 and "geen gebruiker" in r.output
    listing = run("user", "list").output
    assert "jan" in listing and "communicatie" in listing and "uitgeschakeld" in listing


def test_token_create_prints_the_token_on_its_last_line(env: dict[str, str]) -> None:
    r = run("token", "create", "--role", "communicatie", "--name", "intranet")
    assert r.exit_code == 0, r.output
    token = r.output.strip().splitlines()[-1]
    assert token.startswith("kt_") and " " not in token
    from krantentoets.store import make_engine, session_scope
    from krantentoets.store.users import lookup_token

    engine = make_engine(env["KRANTENTOETS_DATABASE_URL"])
    with session_scope(engine) as s:
        assert lookup_token(s, token).role == "communicatie"
    engine.dispose()
    listing = json.loads(run("token", "list", "--format", "json").output)
    assert [(t["name"], t["role"], t["revoked_at"]) for t in listing] == [
        ("intranet", "communicatie", None)
    ]
    assert token not in run("token", "list").output
    assert run("token", "revoke", str(listing[0]["id"])).exit_code == 0
    assert json.loads(run("token", "list", "--format", "json").output)[0]["revoked_at"]
    r = run("token", "create", "--role", "keizer", "--name", "x")
    assert r.exit_code == 2 and "onbekende rol" in r.output


def test_serve_refuses_an_unmigrated_database(tmp_path: Path, monkeypatch: Any) -> None:
    from krantentoets.store import upgrade

    monkeypatch.setenv("KRANTENTOETS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("KRANTENTOETS_DATABASE_URL", f"sqlite:///{tmp_path / 'leeg.sqlite3'}")
    r = run("serve", "--port", "9")
    assert r.exit_code == 2
    assert "krantentoets db upgrade" in r.output
    assert "niet bijgewerkt" in r.output
    upgrade(f"sqlite:///{tmp_path / 'half.sqlite3'}", "0001")
    monkeypatch.setenv("KRANTENTOETS_DATABASE_URL", f"sqlite:///{tmp_path / 'half.sqlite3'}")
    r = run("serve", "--port", "9")
    assert r.exit_code == 2 and "krantentoets db upgrade" in r.output


def test_serve_refuses_a_bad_policy_and_a_short_secret(
    env: dict[str, str], tmp_path: Path, monkeypatch: Any
) -> None:
    bad = tmp_path / "beleid.toml"
    bad.write_text('profiel = "medewerkers"\n', encoding="utf-8")
    r = run("serve", "--policy", str(bad))
    assert r.exit_code == 2 and "onbekende sleutel" in r.output
    monkeypatch.delenv("KRANTENTOETS_POLICY", raising=False)
    monkeypatch.setenv("KRANTENTOETS_SECRET_KEY", "kort")
    r = run("serve")
    assert r.exit_code == 2 and "KRANTENTOETS_SECRET_KEY" in r.output


def test_secret_key_is_generated_once_and_kept_private(tmp_path: Path, monkeypatch: Any) -> None:
    from krantentoets.web.config import load_secret_key

    monkeypatch.delenv("KRANTENTOETS_SECRET_KEY", raising=False)
    first = load_secret_key(tmp_path)
    assert len(first) >= 32
    assert load_secret_key(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    monkeypatch.setenv("KRANTENTOETS_SECRET_KEY", "s" * 40)
    assert load_secret_key(tmp_path) == "s" * 40


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, proc: subprocess.Popen[bytes], seconds: float = 180) -> None:
    """Poll until the server answers (a hang guard: a loaded machine may take a while)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(
                f"server stopped: {proc.stderr.read().decode() if proc.stderr else ''}"
            )
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError("server did not start in time")


@pytest.mark.slow
def test_demo_serves_every_role_with_sample_data(tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KRANTENTOETS_")}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from krantentoets.cli import main; main()",
            "demo",
            "--port",
            str(port),
            "--data-dir",
            str(tmp_path / "demo"),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base + "/api/v1/health", proc)
        with httpx.Client(base_url=base, follow_redirects=False) as client:
            page = client.get("/inloggen")
            assert "demo-wachtwoord" in page.text
            r = client.post(
                "/inloggen",
                data={
                    "csrf_token": csrf_of(page.text),
                    "name": "communicatie",
                    "password": "demo-wachtwoord",
                },
            )
            assert r.status_code == 303
            inbox = client.get("/inbox")
            assert inbox.status_code == 200
            assert inbox.text.count('class="mention') >= 10
            example = client.get("/controleren?voorbeeld=5")
            assert 'class="verdict verdict--doubt"' in example.text
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert (tmp_path / "demo" / "demo.sqlite3").exists()


def test_a_busy_port_gives_a_dutch_message() -> None:
    import socket

    from krantentoets.cli.serve import check_port

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        with pytest.raises(SystemExit):
            check_port("127.0.0.1", port)
    check_port("127.0.0.1", port)  # free again: no error


def test_start_script_passes_options_to_the_demo() -> None:
    script = (Path(__file__).resolve().parents[1] / "scripts" / "start.sh").read_text()
    assert 'exec .venv/bin/krantentoets demo "$@"' in script
