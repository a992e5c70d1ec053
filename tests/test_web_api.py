"""The JSON API: bearer tokens per role, the same JSON as the CLI, Dutch errors."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from krantentoets.auth import Role
from web_fixtures import client_for, make_app

# Expected access per endpoint, written out by hand.
API_ACCESS: dict[str, set[Role]] = {
    "/api/v1/check": set(Role),
    "/api/v1/triage": {Role.COMMUNICATIE, Role.BEHEERDER},
}

LONG_FOR_X = (
    "Beste inwoners, de werkzaamheden aan de Harlingerstraatweg duren langer dan gepland. "
    "De aannemer heeft meer tijd nodig omdat er onder de weg oude leidingen zijn gevonden die "
    "eerst vervangen moeten worden. Fietsers kunnen via de Spanjaardslaan omrijden; voor "
    "auto's staan er gele borden. We verwachten dat de weg half december weer open is."
)
PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201f5a1d3ff0000000049454e44ae426082"
)

pytest_plugins = ["web_fixtures"]


@pytest.fixture
def tokens(engine: Any) -> dict[Role, str]:
    from krantentoets.store import session_scope
    from krantentoets.store.users import create_token

    out = {}
    with session_scope(engine) as session:
        for role in Role:
            _, out[role] = create_token(session, f"test-{role.value}", role)
    return out


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _triage_available() -> bool:
    try:
        from krantentoets.monitor.triage import triage  # noqa: F401
    except ImportError:
        return False
    return True


# -- authentication -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", list(API_ACCESS))
def test_no_or_wrong_token_is_401_with_a_dutch_json_error(app: Any, tokens: Any, path: str) -> None:
    client = client_for(app)
    body = {"text": "Hallo"}
    for headers in (
        {},
        {"Authorization": "Bearer"},
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"Authorization": "Bearer kt_verkeerd"},
        {"Authorization": "Bearer " + tokens[Role.BEHEERDER][:-1]},
    ):
        r = client.post(path, json=body, headers=headers)
        assert r.status_code == 401, headers
        assert r.headers["content-type"].startswith("application/json")
        assert r.headers["www-authenticate"].startswith("Bearer")
        error = r.json()["error"]
        assert "token" in error.lower() and "API-token" in error


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_each_role_token_reaches_only_its_endpoints(
    app: Any, tokens: dict[Role, str], role: Role
) -> None:
    client = client_for(app)
    for path, allowed_roles in API_ACCESS.items():
        r = client.post(
            path,
            json={"id": "1", "text": "Fijn dat het park er zo mooi uitziet!"},
            headers=_auth(tokens[role]),
        )
        if role not in allowed_roles:
            assert r.status_code == 403, (role, path)
            assert "mag dit niet" in r.json()["error"]
        elif path.endswith("triage") and not _triage_available():
            assert r.status_code == 503
        else:
            assert r.status_code == 200, (role, path, r.text)


def test_revoked_token_stops_working(app: Any, engine: Any, tokens: dict[Role, str]) -> None:
    from krantentoets.store import session_scope
    from krantentoets.store.users import lookup_token, revoke_token

    client = client_for(app)
    token = tokens[Role.MEDEWERKER]
    assert (
        client.post("/api/v1/check", json={"text": "Hoi"}, headers=_auth(token)).status_code == 200
    )
    with session_scope(engine) as session:
        revoke_token(session, lookup_token(session, token).id)
    r = client.post("/api/v1/check", json={"text": "Hoi"}, headers=_auth(token))
    assert r.status_code == 401
    assert "ingetrokken" in r.json()["error"]


def test_health_needs_no_token(app: Any) -> None:
    assert client_for(app).get("/api/v1/health").json() == {"status": "ok"}


# -- /api/v1/check mirrors the CLI ----------------------------------------------------------------


def _cli_jsonl(tmp_path: Path, record: dict[str, Any], *args: str) -> dict[str, Any]:
    from krantentoets.cli.check import check_cmd

    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(check_cmd, ["--input", str(path), "--format", "jsonl", *args])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "record",
    [
        {"id": "a1", "text": LONG_FOR_X, "platform": "x"},
        {"id": 7, "text": "Het grofvuil wordt dinsdag opgehaald.", "platform": "facebook"},
        {
            "id": "a3",
            "text": "Bel me gerust op 06-12345678, groet Mila",
            "account": "personal",
            "author": "Mila de Vries",
            "display_name": "Mila",
            "bio": "Medewerker gemeente",
            "reply_to": "Wanneer komt het grofvuil?",
        },
    ],
)
def test_check_returns_what_the_cli_prints(
    app: Any, tokens: dict[Role, str], tmp_path: Path, record: dict[str, Any]
) -> None:
    r = client_for(app).post("/api/v1/check", json=record, headers=_auth(tokens[Role.MEDEWERKER]))
    assert r.status_code == 200, r.text
    assert r.json() == _cli_jsonl(tmp_path, record)


def test_check_profile_as_field_or_query(app: Any, tokens: dict[Role, str], tmp_path: Path) -> None:
    client = client_for(app)
    record = {"id": "p", "text": LONG_FOR_X, "platform": "x"}
    headers = _auth(tokens[Role.MANDATARIS])
    by_field = client.post(
        "/api/v1/check", json={**record, "profile": "mandatarissen"}, headers=headers
    )
    by_query = client.post("/api/v1/check?profile=mandatarissen", json=record, headers=headers)
    assert (
        by_field.json()
        == by_query.json()
        == _cli_jsonl(tmp_path, record, "--profile", "mandatarissen")
    )
    assert by_field.json()["profile"] == "mandatarissen"
    assert by_field.json()["findings"][0]["guidelines"] == ["MA-3"]
    bad = client.post("/api/v1/check?profile=raad", json=record, headers=headers)
    assert bad.status_code == 422 and "onbekend profiel" in bad.json()["error"]


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"text": ""}, "leeg"),
        ({"tekst": "Hallo"}, "onbekende sleutel"),
        ({"text": "Hallo", "platform": "myspace"}, "onbekend platform"),
        ({"text": "Hallo", "account": "anoniem"}, "onbekend soort account"),
        ({"text": 12}, "text"),
        ({"text": "x" * 50_001}, "maximum"),
        ({"text": "Hallo", "images": ["!!geen base64!!"]}, "base64"),
        ({"text": "Hallo", "images": ["/etc/passwd"]}, "afbeelding"),
        ({"text": "Hallo", "images": [base64.b64encode(b"%PDF-1.4").decode()]}, "geen JPEG"),
        ({"text": "Hallo", "images": "foto.png"}, "lijst"),
    ],
)
def test_check_rejects_bad_input_in_dutch(
    app: Any, tokens: dict[Role, str], body: dict[str, Any], fragment: str
) -> None:
    r = client_for(app).post("/api/v1/check", json=body, headers=_auth(tokens[Role.MEDEWERKER]))
    assert r.status_code == 422, r.text
    assert fragment in r.json()["error"]


def test_check_rejects_invalid_json_and_other_media(app: Any, tokens: dict[Role, str]) -> None:
    client = client_for(app)
    headers = {**_auth(tokens[Role.MEDEWERKER]), "Content-Type": "application/json"}
    r = client.post("/api/v1/check", content=b'{"text": "Hallo"', headers=headers)
    assert r.status_code == 422 and "geen geldige JSON" in r.json()["error"]
    r = client.post("/api/v1/check", content=b'["Hallo"]', headers=headers)
    assert r.status_code == 422
    r = client.post(
        "/api/v1/check",
        content=b"text=Hallo",
        headers={**_auth(tokens[Role.MEDEWERKER]), "Content-Type": "text/plain"},
    )
    assert r.status_code == 415


def test_check_refuses_a_body_that_is_too_large(engine: Any, tokens: dict[Role, str]) -> None:
    app = make_app(engine, max_image_bytes=1000, max_images=1)
    huge = {"text": "Hallo", "images": ["A" * (2 * 1024 * 1024)]}
    r = client_for(app).post("/api/v1/check", json=huge, headers=_auth(tokens[Role.MEDEWERKER]))
    assert r.status_code == 413
    assert "te groot" in r.json()["error"]


def test_check_takes_images_as_base64_or_upload(app: Any, tokens: dict[Role, str]) -> None:
    client = client_for(app)
    headers = _auth(tokens[Role.MEDEWERKER])
    as_b64 = client.post(
        "/api/v1/check",
        json={
            "id": "img",
            "text": "Foto van de opening.",
            "images": [base64.b64encode(PNG_1PX).decode()],
        },
        headers=headers,
    )
    assert as_b64.status_code == 200, as_b64.text
    data_url = "data:image/png;base64," + base64.b64encode(PNG_1PX).decode()
    as_data_url = client.post(
        "/api/v1/check",
        json={"id": "img", "text": "Foto van de opening.", "images": [data_url]},
        headers=headers,
    )
    uploaded = client.post(
        "/api/v1/check",
        data={"id": "img", "text": "Foto van de opening.", "platform": "instagram"},
        files=[("images", ("foto.png", PNG_1PX, "image/png"))],
        headers=headers,
    )
    assert uploaded.status_code == 200, uploaded.text
    assert as_b64.json()["id"] == uploaded.json()["id"] == "img"
    assert as_data_url.json() == as_b64.json()
    too_many = client.post(
        "/api/v1/check",
        json={"text": "Foto's", "images": [base64.b64encode(PNG_1PX).decode()] * 5},
        headers=headers,
    )
    assert too_many.status_code == 422 and "te veel afbeeldingen" in too_many.json()["error"]


def test_check_form_fields_work_like_json(
    app: Any, tokens: dict[Role, str], tmp_path: Path
) -> None:
    record = {"id": "m1", "text": LONG_FOR_X, "platform": "x", "account": "in-function"}
    r = client_for(app).post("/api/v1/check", data=record, headers=_auth(tokens[Role.MEDEWERKER]))
    assert r.status_code == 200, r.text
    assert r.json() == _cli_jsonl(tmp_path, record)


# -- /api/v1/triage ---------------------------------------------------------------------------


def test_triage_returns_the_cli_record(app: Any, tokens: dict[Role, str]) -> None:
    if not _triage_available():
        pytest.skip("krantentoets.monitor.triage is not there yet")
    from krantentoets.monitor.triage import triage
    from krantentoets.policy import default_policy

    text = "Wat een snelle reactie van de gemeente op mijn melding. Dank jullie wel!"
    r = client_for(app).post(
        "/api/v1/triage", json={"id": "t1", "text": text}, headers=_auth(tokens[Role.COMMUNICATIE])
    )
    assert r.status_code == 200
    expected = triage(text, default_policy()).to_dict("t1")
    assert r.json() == expected
    assert set(r.json()) == {"id", "label", "signal", "advice", "reasons", "sentiment"}


def test_triage_rejects_bad_input(app: Any, tokens: dict[Role, str]) -> None:
    client = client_for(app)
    headers = _auth(tokens[Role.COMMUNICATIE])
    r = client.post("/api/v1/triage", json={"id": "t"}, headers=headers)
    assert r.status_code == 422 and "text" in r.json()["error"]
    if _triage_available():
        r = client.post("/api/v1/triage", json={"text": "  "}, headers=headers)
        assert r.status_code == 422 and "leeg" in r.json()["error"]
