"""A malformed record is refused on ``archive add``; a stored one never breaks a page or export."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from krantentoets.archive.redaction import detector_available
from krantentoets.archive.service import Archive
from krantentoets.auth import Role
from krantentoets.cli import cli

pytest_plugins = ["web_fixtures"]

GOOD = {"id": "ok-1", "text": "Het zwembad is open.", "published_at": "2025-05-03T10:00:00Z"}


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"check": {"verdict": "post", "findings": 5}}, "check.findings"),
        ({"check": {"verdict": "misschien"}}, "check.verdict"),
        ({"check": "geen rapport"}, "check"),
        ({"check": {"verdict": "post", "findings": [{"rule": 7}]}}, "check.findings.0.rule"),
        (
            {"approvals": [{"by": "a", "role": "r", "decision": "approve", "at": "gisteren"}]},
            "approvals.0.at",
        ),
        ({"in_reply_to": "Marieke"}, "in_reply_to"),
        ({"thread": [{"author": "x"}]}, "thread.0.text"),
    ],
)
def test_add_refuses_a_malformed_field_naming_line_and_field(
    sqlite_url: str, tmp_path: Path, extra: dict[str, Any], field: str
) -> None:
    src = tmp_path / "in.jsonl"
    bad = {**GOOD, "id": "bad-2", **extra}
    src.write_text(json.dumps(GOOD) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    run = CliRunner().invoke(
        cli, ["archive", "add", "--input", str(src), "--database-url", sqlite_url]
    )
    assert run.exit_code == 2
    errors = [json.loads(x) for x in run.stdout.splitlines() if x.startswith("{")]
    assert len(errors) == 1 and errors[0]["line"] == 2
    assert f"veld '{field}'" in errors[0]["error"]
    assert "Toegevoegd: 1 record(s)" in run.stderr  # the good line is archived


#: A record as an older version (or another writer) may have stored it: every field malformed.
MALFORMED = {
    "id": "oud-1",
    "type": "post",
    "published_at": "2025-05-03T10:00:00Z",
    "text": "Dag Marieke Jansen, het zwembad is open.",
    "check": {"verdict": ["post"], "findings": 5},
    "approvals": "goedgekeurd",
    "thread": [1, "x", {"author": 3, "text": None}],
    "in_reply_to": "Marieke",
    "platform": 7,
}


@pytest.fixture
def stored(engine: Any) -> Archive:
    archive = Archive(engine)
    # Through the sealing layer directly: parse_input (which would refuse it) is bypassed.
    archive.append([(0, dict(MALFORMED)), (1, {**GOOD, "type": "post", "check": "kapot"})])
    return archive


def test_record_page_renders_a_malformed_stored_record(app: Any, users: None, stored: Archive):
    from web_fixtures import client_for

    client = client_for(app, Role.ARCHIVARIS)
    page = client.get("/archief/record/oud-1")
    assert page.status_code == 200
    assert "Dag Marieke Jansen" in page.text and "onbekende vorm" in page.text
    assert client.get("/archief/record/ok-1").status_code == 200
    assert client.get("/archief").status_code == 200


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "html"])
def test_plain_exports_survive_a_malformed_record(stored: Archive, tmp_path: Path, fmt: str):
    assert stored.export(fmt, tmp_path / f"uit.{fmt}") == 2


@pytest.mark.skipif(not detector_available(), reason="personal-data detector not available")
def test_woo_export_survives_a_malformed_record(stored: Archive, tmp_path: Path) -> None:
    import bagit

    from krantentoets.archive.redaction import Redactor

    stored.redactor = Redactor()
    assert stored.export("woo", tmp_path / "woo") == 2
    bagit.Bag(str(tmp_path / "woo")).validate()
    lines = (tmp_path / "woo" / "data" / "dialogen.jsonl").read_text("utf-8").splitlines()
    assert "Marieke" not in lines[0] and "check" not in json.loads(lines[0])
