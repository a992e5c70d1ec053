"""The Woo export: redacted dialogues with the ground named, MDTO-style metadata, checksums."""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from krantentoets.archive.record import parse_input
from krantentoets.archive.redaction import WOO_GROUND, detector_available
from krantentoets.archive.service import Archive
from krantentoets.cli import cli
from krantentoets.policy import parse_policy
from krantentoets.store import make_engine, upgrade

pytestmark = pytest.mark.skipif(
    not detector_available(), reason="krantentoets.detect.find_personal_data is not available"
)
NS = {"m": "https://www.nationaalarchief.nl/mdto"}

SETTINGS = parse_policy(
    {
        "organisation": {"name": "Gemeente Leeuwarden", "handles": ["@gemeenteleeuwarden"]},
        "allowlist": {"phones": ["14 058"]},
        "archive": {"office_holders": ["Sybrand de Vries"], "retention_years": {"post": 10}},
    },
    "test.toml",
).settings

RECORDS = [
    {
        "id": "fb-1",
        "platform": "facebook",
        "account": "@gemeenteleeuwarden",
        "author": "Femke Bos",
        "role": "medewerker",
        "text": "Dag Marieke Jansen, het zwembad is zaterdag open. Bel gerust 14 058.",
        "published_at": "2025-05-03T10:00:00+02:00",
        "url": "https://facebook.example/p/1",
        "in_reply_to": {
            "author": "Marieke Jansen",
            "text": "Wanneer gaat het zwembad open? Mijn nummer is 06-12345678.",
        },
        "check": {
            "verdict": "doubt",
            "findings": [{"rule": "PD01", "text": "06-12345678", "category": "personal-data"}],
        },
        "approvals": [
            {
                "by": "Kees van den Berg",
                "role": "leidinggevende",
                "decision": "approve",
                "at": "2025-05-03T09:00:00Z",
                "responder": "Femke Bos",
            },
        ],
    },
    {
        "id": "x-2",
        "platform": "x",
        "account": "@sybranddevries",
        "author": "Sybrand de Vries",
        "role": "mandataris",
        "text": "Vandaag met Pieter de Boer van de zwemclub het nieuwe bad geopend.",
        "published_at": "2025-06-01T08:00:00Z",
    },
    {
        "id": "x-3",
        "platform": "x",
        "author": "Team Webcare",
        "text": "Over de brug: die is dicht.",
        "published_at": "2024-01-01T08:00:00Z",
    },
]


@pytest.fixture
def exported(db_url: str, tmp_path: Path) -> Iterator[Path]:
    upgrade(db_url)
    engine = make_engine(db_url)
    archive = Archive.from_policy(engine, SETTINGS)
    archive.append([(i, parse_input(r)) for i, r in enumerate(RECORDS)])
    archive.place_hold(reason="Woo", by="dina", record_ids=["fb-1"])  # not a dialogue: not exported
    out = tmp_path / "woo"
    assert archive.export("woo", out, published_from="2025-01-01T00:00:00Z") == 2
    yield out
    engine.dispose()


def test_personal_data_is_redacted_with_its_ground(exported: Path) -> None:
    lines = [json.loads(x) for x in (exported / "dialogen.jsonl").read_text("utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["fb-1", "x-2"]
    first, second = lines
    dump = json.dumps(first, ensure_ascii=False)
    for secret in ("Marieke Jansen", "06-12345678", "Femke Bos", "Kees van den Berg"):
        assert secret not in dump
    assert first["text"] == "Dag [naam], het zwembad is zaterdag open. Bel gerust 14 058."
    assert first["in_reply_to"]["text"].endswith("Mijn nummer is [telefoonnummer].")
    assert first["account"] == "@gemeenteleeuwarden" and first["author"] == "[naam]"
    assert first["check"] == {"verdict": "doubt", "rules": ["PD01"]}  # no quoted text
    assert (
        first["approvals"][0]["by"] == "[naam]"
        and first["approvals"][0]["role"] == "leidinggevende"
    )
    assert first["redactions"] and all(r["ground"] == WOO_GROUND for r in first["redactions"])
    assert {r["field"] for r in first["redactions"]} >= {"text", "author", "in_reply_to.text"}
    # The office holder stays named; the citizen in his post does not.
    assert second["author"] == "Sybrand de Vries" and second["account"] == "@sybranddevries"
    assert "Pieter de Boer" not in second["text"] and "[naam]" in second["text"]
    assert "hash" not in first and "prev_hash" not in first  # chain hashes stay internal


def test_html_marks_every_redaction(exported: Path) -> None:
    page = (exported / "dialogen.html").read_text("utf-8")
    assert page.count("<article") == 2
    assert "Marieke Jansen" not in page and "06-12345678" not in page
    assert page.count('class="gelakt"') >= 4 and WOO_GROUND in page


def test_metadata_file_per_record_and_checksums(exported: Path) -> None:
    lines = (exported / "dialogen.jsonl").read_text("utf-8").splitlines()
    files = sorted((exported / "metadata").glob("*.xml"))
    assert len(files) == 2
    root = ET.parse(files[0]).getroot()
    obj = root.find("m:informatieobject", NS)
    assert obj is not None
    assert obj.findtext("m:identificatie/m:identificatieKenmerk", namespaces=NS) == "fb-1"
    assert "facebook" in (obj.findtext("m:naam", namespaces=NS) or "")
    assert obj.findtext("m:dekkingInTijd/m:dekkingInTijdBegindatum", namespaces=NS) == (
        "2025-05-03T08:00:00Z"
    )
    assert obj.findtext("m:betrokkene/m:betrokkeneTypeRelatie/m:begripLabel", namespaces=NS) == (
        "medewerker"
    )
    assert obj.findtext("m:bewaartermijn/m:termijnLooptijd", namespaces=NS) == "P10Y"
    assert obj.findtext("m:bewaartermijn/m:termijnEinddatum", namespaces=NS) == "2035-05-03"
    checksum = root.find("m:bestand/m:checksum", NS)
    assert checksum is not None
    assert checksum.findtext("m:checksumAlgoritme/m:begripLabel", namespaces=NS) == "SHA-256"
    assert (
        checksum.findtext("m:checksumWaarde", namespaces=NS)
        == hashlib.sha256(lines[0].encode("utf-8")).hexdigest()
    )
    for line in (exported / "checksums.sha256").read_text("utf-8").splitlines():
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((exported / name).read_bytes()).hexdigest() == digest


def test_woo_export_from_the_cli(sqlite_url: str, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    runner = CliRunner()
    assert (
        runner.invoke(
            cli, ["archive", "add", "--input", str(src), "--database-url", sqlite_url]
        ).exit_code
        == 0
    )
    out = tmp_path / "woo"
    run = runner.invoke(
        cli,
        [
            "archive",
            "export",
            "--format",
            "woo",
            "--output",
            str(out),
            "--from",
            "2025-06-01",
            "--to",
            "2025-06-01",
            "--database-url",
            sqlite_url,
        ],
    )
    assert run.exit_code == 0, run.output
    assert [
        json.loads(x)["id"] for x in (out / "dialogen.jsonl").read_text("utf-8").splitlines()
    ] == ["x-2"]
    assert (out / "LEESMIJ.txt").read_text("utf-8").startswith("Woo-export")
