"""Hostile and unlucky input: one test per break found in the attack round (issue 17).

The login throttle lives in the database (shared by workers), trusts X-Forwarded-For only
from named proxies, and slows an attacker per account and address without locking out the
real user; every endpoint has a body limit; the API answers bad input with its own JSON error
shape (never a 500); CLI batches never stop at a line; paths that must be files are checked.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from krantentoets.auth import Role
from web_fixtures import PASSWORD, SECRET, client_for, csrf_of, make_app

pytest_plugins = ["web_fixtures"]

CLI = [sys.executable, "-c", "from krantentoets.cli import main; main()"]


def _login(client: Any, name: str, password: str, **headers: str) -> Any:
    token = csrf_of(client.get("/inloggen").text)
    return client.post(
        "/inloggen",
        data={"csrf_token": token, "name": name, "password": password},
        headers=headers,
    )


# -- login throttle --------------------------------------------------------------------------


def test_throttle_is_shared_by_two_workers(engine: Any, users: None) -> None:
    """Two app instances on one database stand for two worker processes: failures counted
    by either one slow down both (the in-memory throttle gave each worker its own five)."""
    workers = [client_for(make_app(engine)), client_for(make_app(engine))]
    for i in range(5):
        assert _login(workers[i % 2], "beheerder", "gok-gok-gok").status_code == 401
    for worker in workers:
        r = _login(worker, "beheerder", PASSWORD)
        assert r.status_code == 429
        assert int(r.headers["retry-after"]) >= 1


def test_forged_forwarded_for_does_not_escape_the_throttle(app: Any, users: None) -> None:
    client = client_for(app)
    for i in range(5):
        r = _login(client, "beheerder", "gok-gok-gok", **{"X-Forwarded-For": f"10.9.8.{i}"})
        assert r.status_code == 401
    r = _login(client, "beheerder", PASSWORD, **{"X-Forwarded-For": "10.9.8.200"})
    assert r.status_code == 429  # the header is ignored: no proxy is trusted


def test_trusted_proxy_gives_each_client_its_own_counter(engine: Any, users: None) -> None:
    from fastapi.testclient import TestClient

    from krantentoets.web.proxy import parse_trusted_proxies

    app = make_app(engine, trusted_proxies=parse_trusted_proxies("127.0.0.1"))
    proxy = TestClient(app, follow_redirects=False, client=("127.0.0.1", 50000))
    attacker = {"X-Forwarded-For": "203.0.113.7"}
    for _ in range(5):
        assert _login(proxy, "beheerder", "gok-gok-gok", **attacker).status_code == 401
    assert _login(proxy, "beheerder", PASSWORD, **attacker).status_code == 429
    # The real user, behind the same proxy, is not locked out by someone else's guesses.
    real = {"X-Forwarded-For": "198.51.100.20"}
    assert _login(proxy, "beheerder", PASSWORD, **real).status_code == 303


def test_waits_grow_and_success_clears_the_pair(engine: Any) -> None:
    from datetime import timedelta

    from krantentoets.store import session_scope
    from krantentoets.store import throttle as t
    from krantentoets.store.base import utcnow

    now = utcnow()
    waits = []
    with session_scope(engine) as s:
        for _ in range(8):
            t.record_failure(s, "Jan", "1.2.3.4", now)
            row = s.get(t.LoginFailure, t.pair_key("jan", "1.2.3.4"))
            waits.append((row.blocked_until - now) if row.blocked_until else timedelta(0))
        assert waits[:4] == [timedelta(0)] * 4
        assert waits[4] == t.FIRST_DELAY
        assert waits[5] == 2 * t.FIRST_DELAY and waits[6] == 4 * t.FIRST_DELAY
        assert not t.may_try(s, "JAN ", "1.2.3.4", now).allowed
        assert t.may_try(s, "jan", "5.6.7.8", now).allowed  # another address: no wait
        assert t.may_try(s, "jan", "1.2.3.4", now + t.MAX_DELAY).allowed
        t.record_success(s, "jan", "1.2.3.4")
        assert s.get(t.LoginFailure, t.pair_key("jan", "1.2.3.4")) is None


def test_a_flood_of_unknown_names_blocks_the_address_and_stays_small(
    app: Any, engine: Any, users: None
) -> None:
    from sqlalchemy import func, select

    from krantentoets.store import session_scope
    from krantentoets.store.throttle import ADDRESS_FAILURES, LoginFailure

    client = client_for(app)
    for i in range(ADDRESS_FAILURES + 1):
        assert _login(client, f"bestaat-niet-{i}", "gok").status_code == 401
    # Blocked before any password is verified, for every name from this address.
    assert _login(client, "onbekend-nog-een", "gok").status_code == 429
    assert _login(client, "beheerder", PASSWORD).status_code == 429
    with session_scope(engine) as s:
        rows = s.scalar(select(func.count()).select_from(LoginFailure))
    assert rows == ADDRESS_FAILURES + 2  # one per name tried plus the address: no growth after


# -- request limits and the API's error shape --------------------------------------------------


@pytest.fixture
def token(engine: Any) -> str:
    from krantentoets.store import session_scope
    from krantentoets.store.users import create_token

    with session_scope(engine) as session:
        _, value = create_token(session, "test", Role.COMMUNICATIE)
    return value


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_20_mb_triage_body_is_refused_before_it_is_read(app: Any, token: str) -> None:
    client = client_for(app)
    body = json.dumps({"text": "a" * (20 * 1024 * 1024)})
    r = client.post(
        "/api/v1/triage", content=body, headers={**_auth(token), "Content-Type": "application/json"}
    )
    assert r.status_code == 413 and "te groot" in r.json()["error"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit counts while streaming
        for _ in range(20):
            yield b"x" * (1024 * 1024)

    r = client.post(
        "/api/v1/triage",
        content=chunks(),
        headers={**_auth(token), "Content-Type": "application/json"},
    )
    assert r.status_code == 413


def test_a_large_form_post_is_refused(app: Any, users: None) -> None:
    client = client_for(app, Role.COMMUNICATIE)
    r = client.post("/inbox/acties", data={"x": "y" * (3 * 1024 * 1024)})
    assert r.status_code == 413


def test_triage_text_over_the_limit_is_a_422(app: Any, token: str) -> None:
    client = client_for(app)
    r = client.post("/api/v1/triage", json={"text": "woord " * 10_001}, headers=_auth(token))
    assert r.status_code == 422 and "maximum" in r.json()["error"]


@pytest.mark.parametrize(
    "body",
    [
        "[" * 100_000 + "]" * 100_000,  # the C parser's recursion limit
        '{"text": "hoi", "id": ' + "[" * 40 + "]" * 40 + "}",  # over MAX_JSON_DEPTH
        '{"text": "hoi", "id": ' + "9" * 5000 + "}",  # more digits than int() takes
        '{"text": "hoi \\ud800"}',  # a lone surrogate
        '{"text": "hoi", "profile": {}}',
        '{"text": "hoi", "profile": 3}',
        '{"text": ["hoi"]}',
    ],
    ids=["recursion", "depth", "digits", "surrogate", "profile-object", "profile-int", "text-list"],
)
@pytest.mark.parametrize("endpoint", ["/api/v1/check", "/api/v1/triage"])
def test_malformed_json_is_a_422_in_the_api_shape(
    app: Any, token: str, endpoint: str, body: str
) -> None:
    r = client_for(app).post(
        endpoint, content=body, headers={**_auth(token), "Content-Type": "application/json"}
    )
    assert r.status_code == 422, r.text[:300]
    assert set(r.json()) == {"error"}


def test_api_rate_limit_per_token(engine: Any, token: str) -> None:
    app = make_app(engine, api_rate=0.001)  # one request, then a refill in 1,000 seconds
    client = client_for(app)
    assert client.post("/api/v1/check", json={"text": "Hoi"}, headers=_auth(token)).status_code
    r = client.post("/api/v1/check", json={"text": "Hoi"}, headers=_auth(token))
    assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
    assert set(r.json()) == {"error"}


def test_rate_limiter_refills_and_forgets() -> None:
    from krantentoets.web.limits import RateLimiter

    now = [0.0]
    limiter = RateLimiter(2.0, clock=lambda: now[0])
    assert [limiter.acquire("a") for _ in range(4)] == [0, 0, 0, 0]  # burst of 2 x rate
    assert limiter.acquire("a") == pytest.approx(0.5)
    assert limiter.acquire("b") == 0  # per token
    now[0] = 1.0
    assert limiter.acquire("a") == 0
    assert RateLimiter(0).acquire("a") == 0  # 0 switches the limit off


# -- the OpenAPI document ----------------------------------------------------------------------


def test_openapi_document_has_no_dangling_references(app: Any) -> None:
    doc = client_for(app).get("/api/openapi.json").json()

    def refs(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                yield node["$ref"]
            for value in node.values():
                yield from refs(value)
        elif isinstance(node, list):
            for value in node:
                yield from refs(value)

    found = list(refs(doc))
    assert found, "expected the response models to be referenced"
    for ref in found:
        assert ref.startswith("#/"), ref
        node: Any = doc
        for part in ref[2:].split("/"):
            node = node[part]  # KeyError = a reference that points nowhere


def test_schemathesis_finds_no_server_error(app: Any, engine: Any) -> None:
    """Schema-driven fuzzing of every API operation, valid and invalid input, a bounded number
    of examples, derandomised (the same cases every run): never a 5xx."""
    schemathesis = pytest.importorskip("schemathesis")
    from hypothesis import HealthCheck, given, settings

    from krantentoets.store import session_scope
    from krantentoets.store.users import create_token

    with session_scope(engine) as session:
        _, value = create_token(session, "fuzz", Role.BEHEERDER)
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.label for op in operations} >= {"POST /api/v1/check", "POST /api/v1/triage"}
    for operation in operations:
        modes = [schemathesis.GenerationMode.POSITIVE]
        if operation.method.upper() == "POST":  # a GET without parameters has no invalid form
            modes.append(schemathesis.GenerationMode.NEGATIVE)
        for mode in modes:

            @settings(
                max_examples=30,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def call(case: Any) -> None:
                response = case.call(headers=_auth(value))
                assert response.status_code < 500, (case.body, response.text[:300])

            call()


# -- the command line --------------------------------------------------------------------------

POISON = [
    '{"id": "digits", "text": "hoi", "x": ' + "9" * 5000 + "}",
    '{"id": "diep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}",
    '{"id": "surrogaat", "text": "hoi \\ud800 daar"}',
    "x" * 10,
]


@pytest.mark.parametrize("command", ["check", "triage", "redact"])
def test_a_poisoned_line_is_followed_by_the_next_lines_result(tmp_path: Path, command: str) -> None:
    lines = []
    for i, bad in enumerate(POISON):
        lines += [bad, json.dumps({"id": f"goed-{i}", "text": "De bibliotheek is morgen open."})]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = [command, "--input", str(src)]
    if command != "redact":
        args += ["--format", "jsonl"]
    result = subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    errors = [o["line"] for o in out if "error" in o]
    assert errors == [1, 3, 5, 7], out
    assert [o["id"] for o in out if "error" not in o] == [f"goed-{i}" for i in range(4)]
    assert "interne fout" not in result.stderr


def test_policy_and_input_must_be_regular_files(tmp_path: Path) -> None:
    from krantentoets.cli import cli as main

    runner = CliRunner()
    for args in (
        ["check", "--policy", "/dev/zero", "Hoi"],
        ["check", "--policy", str(tmp_path), "Hoi"],
        ["check", "--input", "/dev/zero"],
    ):
        result = runner.invoke(main, args)
        assert result.exit_code == 2, (args, result.output)
        assert "geen gewoon bestand" in result.output


def test_export_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    from krantentoets.cli import cli as main
    from krantentoets.store import upgrade

    url = f"sqlite:///{tmp_path / 'a.sqlite3'}"
    upgrade(url)
    runner = CliRunner()
    base = ["archive", "export", "--database-url", url]
    target = tmp_path / "out.jsonl"
    target.write_text("oud\n", encoding="utf-8")
    result = runner.invoke(main, [*base, "--format", "jsonl", "--output", str(target)])
    assert result.exit_code == 2 and "--force" in result.output
    assert target.read_text(encoding="utf-8") == "oud\n"
    result = runner.invoke(main, [*base, "--format", "jsonl", "--output", str(target), "--force"])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "woo"
    folder.mkdir()
    (folder / "iets.txt").write_text("van iemand anders", encoding="utf-8")
    result = runner.invoke(main, [*base, "--format", "woo", "--output", str(folder)])
    assert result.exit_code == 2 and "niet leeg" in result.output
    result = runner.invoke(
        main,
        [*base, "--format", "jsonl", "--output", str(tmp_path / "x.jsonl"), "--from", "gisteren"],
    )
    assert result.exit_code == 2


# -- archive pages -----------------------------------------------------------------------------


def test_archive_export_refuses_an_invalid_date(app: Any, users: None) -> None:
    client = client_for(app, Role.ARCHIVARIS)
    r = client.get("/archief/export", params={"formaat": "jsonl", "van": "../../etc"})
    assert r.status_code == 400 and "geen datum" in r.text
    assert "content-disposition" not in r.headers
    r = client.get("/archief", params={"q": "brug", "tot": "morgen"})
    assert r.status_code == 400


def test_a_record_id_with_a_slash_opens(app: Any, engine: Any, users: None) -> None:
    from krantentoets.archive.record import parse_input
    from krantentoets.archive.service import Archive

    Archive(engine).append_one(
        parse_input(
            {
                "id": "facebook/123/456",
                "platform": "facebook",
                "account": "@gemeente",
                "author": "webcare",
                "text": "De brug is maandag weer open.",
                "published_at": "2025-06-01T10:00:00Z",
            }
        )
    )
    client = client_for(app, Role.ARCHIVARIS)
    r = client.get("/archief/record/facebook/123/456")
    assert r.status_code == 200 and "De brug is maandag weer open." in r.text
    r = client.get("/archief/record/facebook%2F123%2F456")
    assert r.status_code == 200


# -- the real server, two workers ---------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """``krantentoets serve --workers 2`` on a fresh SQLite file, with one user and a token."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KRANTENTOETS_")}
    env.update(
        KRANTENTOETS_DATA_DIR=str(tmp_path),
        KRANTENTOETS_DATABASE_URL=f"sqlite:///{tmp_path / 'kt.sqlite3'}",
        KRANTENTOETS_SECRET_KEY=SECRET,
    )
    subprocess.run([*CLI, "db", "upgrade"], env=env, check=True, capture_output=True, timeout=120)
    subprocess.run(
        [*CLI, "user", "add", "--name", "beheerder", "--role", "beheerder"],
        env=env,
        input=PASSWORD + "\n" + PASSWORD + "\n",
        text=True,
        check=True,
        capture_output=True,
        timeout=120,
    )
    made = subprocess.run(
        [*CLI, "token", "create", "--role", "communicatie", "--name", "t"],
        env=env,
        text=True,
        check=True,
        capture_output=True,
        timeout=120,
    )
    token = made.stdout.strip().splitlines()[-1]
    proc = subprocess.Popen(
        [*CLI, "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    import httpx

    try:
        for _ in range(600):  # wait until it answers (or give up after about a minute)
            try:
                if httpx.get(base + "/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            pytest.fail("krantentoets serve did not start")
        yield base, _auth(token)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.mark.slow
def test_real_server_two_workers(served: tuple[str, dict[str, str]]) -> None:
    import re

    import httpx

    base, auth = served
    # Throttle: new connections each time, so the requests spread over both workers.
    statuses = []
    for i in range(6):
        with httpx.Client(base_url=base, follow_redirects=False) as client:
            page = client.get("/inloggen")
            token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
            password = PASSWORD if i == 5 else "gok-gok-gok"
            r = client.post(
                "/inloggen",
                data={"csrf_token": token, "name": "beheerder", "password": password},
                headers={"X-Forwarded-For": f"10.0.0.{i}"},
            )
            statuses.append(r.status_code)
    assert statuses == [401] * 5 + [429]
    # A 20 MB body is answered 413 and the server keeps answering.
    r = httpx.post(
        base + "/api/v1/triage",
        content=b'{"text": "' + b"a" * (20 * 1024 * 1024) + b'"}',
        headers={**auth, "Content-Type": "application/json"},
        timeout=60,
    )
    assert r.status_code == 413
    assert httpx.get(base + "/api/v1/health", timeout=10).status_code == 200
