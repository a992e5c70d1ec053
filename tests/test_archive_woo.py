"""The Woo package: redacted documents, the ground of each redaction, valid MDTO, a BagIt bag."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import bagit
import pytest
from click.testing import CliRunner
from lxml import etree

from krantentoets.archive.record import parse_input
from krantentoets.archive.redaction import detector_available
from krantentoets.archive.service import Archive
from krantentoets.archive.woo import WooOptions
from krantentoets.cli import cli
from krantentoets.policy import parse_policy
from krantentoets.store import make_engine, upgrade

pytestmark = pytest.mark.skipif(
    not detector_available(), reason="krantentoets.detect.find_personal_data is not available"
)
NS = {"m": "https://www.nationaalarchief.nl/mdto"}
SCHEMAS = Path(__file__).resolve().parents[1] / "src" / "krantentoets" / "data" / "mdto"

SETTINGS = parse_policy(
    {
        "organisation": {"name": "Gemeente Leeuwarden", "handles": ["@gemeenteleeuwarden"]},
        "allowlist": {"phones": ["14 058"]},
        "archive": {
            "office_holders": ["Sybrand de Vries"],
            "retention_years": {"post": 10, "correction": "permanent"},
        },
    },
    "test.toml",
).settings

POOL = "https://facebook.example/p/zwembad"
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
            "url": POOL,
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
                "comment": "Prima, maar ik vind dat we het tarief niet moeten noemen.",
            },
        ],
    },
    {
        "id": "fb-2",
        "platform": "facebook",
        "account": "@gemeenteleeuwarden",
        "author": "Team Webcare",
        "text": "Aanvulling: het zwembad is ook zondag open.",
        "published_at": "2025-05-03T12:00:00Z",
        "thread": [
            {"author": "Marieke Jansen", "text": "Wanneer gaat het zwembad open?", "url": POOL},
            {"author": "Jan Smit", "text": "Ook zondag? Mail me op jan.smit@example.nl"},
        ],
    },
    {
        "id": "fb-2-correctie",
        "type": "correction",
        "corrects": "fb-2",
        "platform": "facebook",
        "account": "@gemeenteleeuwarden",
        "author": "Team Webcare",
        "text": "Correctie: zondag is het zwembad dicht.",
        "published_at": "2025-05-04T08:00:00Z",
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
CREATED = datetime(2025, 7, 1, 9, 30, tzinfo=UTC)


def _archive(url: str) -> Archive:
    upgrade(url)
    archive = Archive.from_policy(make_engine(url), SETTINGS)
    archive.append([(i, parse_input(r)) for i, r in enumerate(RECORDS)])
    return archive


def _export(url: str, out: Path) -> None:
    archive = _archive(url)
    archive.place_hold(reason="Woo", by="dina", record_ids=["fb-1"])  # not a dialogue: not exported
    n = archive.export(
        "woo",
        out,
        published_from="2025-01-01T00:00:00Z",
        woo=WooOptions(reference="Woo-2025-17", created=CREATED),
    )
    assert n == 4
    archive.engine.dispose()


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One export for the read-only tests (a document PDF costs ~0.4 s: it embeds a font)."""
    tmp = tmp_path_factory.mktemp("woo")
    _export(f"sqlite:///{tmp / 'db.sqlite3'}", tmp / "woo")
    yield tmp / "woo"


@pytest.mark.postgres
def test_the_same_package_from_postgresql(postgres_url: str, tmp_path: Path) -> None:
    _export(postgres_url, tmp_path / "woo")
    assert len(_validate_all(tmp_path / "woo" / "data")) > 10
    bagit.Bag(str(tmp_path / "woo")).validate()


def _lines(out: Path) -> list[dict]:
    text = (out / "data" / "dialogen.jsonl").read_text("utf-8")
    return [json.loads(x) for x in text.splitlines()]


def test_personal_data_is_redacted_with_its_ground(exported: Path) -> None:
    lines = _lines(exported)
    assert [x["id"] for x in lines] == ["fb-1", "fb-2", "fb-2-correctie", "x-2"]
    first, second, _, office = lines
    dump = json.dumps(first, ensure_ascii=False)
    for secret in ("Marieke Jansen", "06-12345678", "Femke Bos", "Kees van den Berg"):
        assert secret not in dump
    assert first["text"] == "Dag [naam], het zwembad is zaterdag open. Bel gerust 14 058."
    assert first["published_at"] == "2025-05-03T10:00:00+02:00"  # the organisation's zone
    assert first["approvals"][0]["at"] == "2025-05-03T11:00:00+02:00"
    assert first["in_reply_to"]["text"].endswith("Mijn nummer is [telefoonnummer].")
    # The organisation's own account stays; a citizen's post URL does not.
    assert first["account"] == "@gemeenteleeuwarden" and first["author"] == "[naam]"
    assert "url" not in first["in_reply_to"]
    assert first["check"] == {"verdict": "Twijfel", "rules": ["PD01"]}  # no quoted text
    approval = first["approvals"][0]
    assert approval["by"] == "[naam]" and approval["decision"] == "goedgekeurd"
    # An approval comment is internal deliberation: art. 5.2 is proposed.
    assert approval["comment"] == "[opmerking uit intern beraad]"
    grounds = {r["field"]: r["ground"] for r in first["redactions"]}
    assert grounds["text"] == "5.1.2e" and grounds["approvals.0.comment"] == "5.2"
    assert first["decision"] == "deels-openbaar"
    assert "jan.smit@example.nl" not in json.dumps(second)
    # The office holder stays named; the citizen in his post does not.
    assert office["author"] == "Sybrand de Vries" and office["account"] == "@sybranddevries"
    assert "Pieter de Boer" not in office["text"] and "[naam]" in office["text"]
    assert "hash" not in first and "prev_hash" not in first  # chain hashes stay internal


def test_html_is_dutch_in_the_organisations_zone(exported: Path) -> None:
    page = (exported / "data" / "dialogen.html").read_text("utf-8")
    assert page.count("<article") == 4
    assert "Marieke Jansen" not in page and "06-12345678" not in page
    assert page.count('class="gelakt"') >= 4 and "5.1.2e" in page and "5.2" in page
    assert "2025-05-03 10:00 CEST" in page and "Europe/Amsterdam" in page
    jsonl = (exported / "data" / "dialogen.jsonl").read_text("utf-8")
    for english in ("approve", "submit", "doubt", " link<"):
        assert english not in page and english not in jsonl, english


def _validate_all(root: Path) -> list[Path]:
    schemas = {v: etree.XMLSchema(etree.parse(SCHEMAS / f"MDTO-XML{v}.xsd")) for v in VERSIONS}
    files = sorted(root.rglob("*.mdto.xml"))
    for path in files:
        doc = etree.parse(path)
        for version, schema in schemas.items():
            assert schema.validate(doc), f"{path.name} / {version}: {schema.error_log}"
    return files


VERSIONS = ("1.0.1", "1.0.2")


def test_every_mdto_file_validates_against_both_versions(exported: Path) -> None:
    files = _validate_all(exported / "data")
    names = {p.relative_to(exported / "data").as_posix() for p in files}
    # One informatieobject per record, one bestand per file, one dossier for the conversation.
    assert {f"documenten/00000{i}.mdto.xml" for i in range(1, 5)} <= names
    assert {f"documenten/00000{i}.pdf.mdto.xml" for i in range(1, 5)} <= names
    for rel in ("LEESMIJ.txt", "inventarislijst.csv", "inventarislijst.pdf", "dialogen.html"):
        assert f"{rel}.mdto.xml" in names
    dossiers = [n for n in names if n.startswith("dossiers/")]
    assert len(dossiers) == 1  # fb-1, fb-2 and its correction answer the same post


def _find(path: Path, xpath: str) -> list[str]:
    return [str(x) for x in etree.parse(path).xpath(xpath, namespaces=NS)]


def test_mdto_fields_of_a_record_and_its_file(exported: Path) -> None:
    data = exported / "data"
    obj = data / "documenten" / "000001.mdto.xml"
    io = "/m:MDTO/m:informatieobject"
    assert _find(obj, f"{io}/m:identificatie[1]/m:identificatieKenmerk/text()") == ["fb-1"]
    assert _find(obj, f"{io}/m:aggregatieniveau/m:begripLabel/text()") == ["Archiefstuk"]
    assert _find(obj, f"{io}/m:dekkingInTijd/m:dekkingInTijdBegindatum/text()") == ["2025-05-03"]
    assert _find(obj, f"{io}/m:waardering/m:begripCode/text()") == ["V"]
    assert _find(obj, f"{io}/m:bewaartermijn/m:termijnLooptijd/text()") == ["P10Y"]
    assert _find(obj, f"{io}/m:bewaartermijn/m:termijnEinddatum/text()") == ["2035-05-03"]
    assert "5.1.2e" in _find(obj, f"{io}/m:beperkingGebruik/m:beperkingGebruikType//text()")
    assert _find(obj, f"{io}/m:isOnderdeelVan/m:verwijzingNaam/text()")  # in the dossier
    # The correction is kept permanently (policy) and points at what it corrects.
    corr = data / "documenten" / "000003.mdto.xml"
    assert _find(corr, f"{io}/m:waardering/m:begripCode/text()") == ["B"]
    assert not _find(corr, f"{io}/m:bewaartermijn")
    assert _find(
        corr,
        f"{io}/m:gerelateerdInformatieobject/m:gerelateerdInformatieobjectVerwijzing"
        "/m:verwijzingIdentificatie/m:identificatieKenmerk/text()",
    ) == ["fb-2"]
    pdf = data / "documenten" / "000001.pdf"
    side = data / "documenten" / "000001.pdf.mdto.xml"
    b = "/m:MDTO/m:bestand"
    assert _find(side, f"{b}/m:omvang/text()") == [str(pdf.stat().st_size)]
    assert _find(side, f"{b}/m:checksum/m:checksumWaarde/text()") == [
        hashlib.sha256(pdf.read_bytes()).hexdigest()
    ]
    assert _find(side, f"{b}/m:checksum/m:checksumAlgoritme/m:begripLabel/text()") == ["SHA256"]
    assert _find(side, f"{b}/m:bestandsformaat/m:begripCode/text()")[0].startswith("fmt/")
    csv_side = data / "inventarislijst.csv.mdto.xml"
    assert _find(csv_side, f"{b}/m:bestandsformaat/m:begripCode/text()") == ["x-fmt/18"]


def test_inventory_list_and_checksums_cover_every_file(exported: Path) -> None:
    data = exported / "data"
    with (data / "inventarislijst.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["documentnummer"] for r in rows] == ["1", "2", "3", "4"]
    assert rows[0]["besluit"] == "Deels openbaar" and "5.2" in rows[0]["gronden"]
    assert rows[0]["datum"] == "2025-05-03 10:00 CEST"
    assert (data / "inventarislijst.pdf").read_bytes().startswith(b"%PDF-")
    listed = {}
    for line in (data / "checksums.sha256").read_text("utf-8").splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
        assert hashlib.sha256((data / name).read_bytes()).hexdigest() == digest
    every = {p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file()} - {
        "checksums.sha256"
    }
    assert set(listed) == every and "LEESMIJ.txt" in listed


def test_the_package_is_a_valid_bag(exported: Path, tmp_path: Path) -> None:
    bag = bagit.Bag(str(exported))
    bag.validate()  # raises BagValidationError when a file or checksum is wrong
    assert bag.is_valid() and "sha256" in bag.algorithms
    assert bag.info["External-Identifier"] == "Woo-2025-17"
    copy = tmp_path / "kopie"
    shutil.copytree(exported, copy)
    (copy / "data" / "LEESMIJ.txt").write_text("gewijzigd", encoding="utf-8")
    assert not bagit.Bag(str(copy)).is_valid()


def test_a_closed_document_is_listed_without_its_content(sqlite_url: str, tmp_path: Path) -> None:
    archive = _archive(sqlite_url)
    out = tmp_path / "woo"
    decisions = {
        "x-2": {"document": "niet-openbaar", "document.ground": "5.1.2i"},
        "fb-1": {"approvals.0.comment": "niet-lakken"},
    }
    archive.export("woo", out, woo=WooOptions(decisions=decisions, created=CREATED))
    lines = {x["id"]: x for x in _lines(out)}
    assert lines["x-2"]["decision"] == "niet-openbaar" and "text" not in lines["x-2"]
    assert lines["x-2"]["ground"] == "5.1.2i"
    assert "tarief" in lines["fb-1"]["approvals"][0]["comment"]
    numbers = {x["id"]: x["document"] for x in lines.values()}
    assert not (out / "data" / "documenten" / f"{numbers['x-2']:06d}.pdf").exists()
    _validate_all(out / "data")
    bagit.Bag(str(out)).validate()
    archive.engine.dispose()


def test_an_invalid_mdto_file_stops_the_export(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from krantentoets.archive import mdto
    from krantentoets.archive.export import ExportError

    archive = _archive(sqlite_url)
    monkeypatch.setattr(mdto, "AGGREGATIENIVEAUS", "")  # an empty begrippenlijst name: invalid
    out = tmp_path / "woo"
    with pytest.raises(ExportError, match=r"MDTO 1\.0\.2"):
        archive.export("woo", out)
    assert not out.exists() and not any(tmp_path.glob(".woo*"))
    archive.engine.dispose()


def test_shipped_schemas_are_the_national_archives(shared_data: Path) -> None:
    for version in VERSIONS:
        shipped = (SCHEMAS / f"MDTO-XML{version}.xsd").read_bytes()
        assert shipped == (shared_data / "mdto" / f"MDTO-XML{version}.xsd").read_bytes()
    # The Nationaal Archief's own Bestand example validates with the shipped 1.0.2 schema.
    schema = etree.XMLSchema(etree.parse(SCHEMAS / "MDTO-XML1.0.2.xsd"))
    assert schema.validate(
        etree.parse(shared_data / "mdto" / "examples" / "MDTO-XML_1.0.2_Voorbeeld_Bestand.xml")
    )


def test_woo_export_from_the_cli(sqlite_url: str, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    runner = CliRunner()
    run = runner.invoke(cli, ["archive", "add", "--input", str(src), "--database-url", sqlite_url])
    assert run.exit_code == 0, run.output
    out = tmp_path / "woo"
    args = ["archive", "export", "--format", "woo", "--output", str(out)]
    run = runner.invoke(
        cli, [*args, "--from", "2025-06-01", "--to", "2025-06-01", "--database-url", sqlite_url]
    )
    assert run.exit_code == 0, run.output
    assert [x["id"] for x in _lines(out)] == ["x-2"]
    assert (out / "data" / "LEESMIJ.txt").read_text("utf-8").startswith("Woo-publicatie")
    again = runner.invoke(cli, [*args, "--database-url", sqlite_url])
    assert again.exit_code == 2 and "niet leeg" in again.output


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_the_pdf_text_layer_holds_the_grounds_not_the_redacted_data(exported: Path) -> None:
    import subprocess

    pdf = exported / "data" / "documenten" / "000001.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for secret in ("Marieke", "06-12345678", "Femke", "Kees", "tarief"):
        assert secret not in text, secret
    assert "[telefoonnummer] 5.1.2e" in text and "[opmerking uit intern beraad] 5.2" in text
    assert "Deels openbaar" in text and "2025-05-03 10:00 CEST" in text
    inventory = subprocess.run(
        ["pdftotext", "-layout", str(exported / "data" / "inventarislijst.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Inventarislijst" in inventory and inventory.count("Deels openbaar") == 3
