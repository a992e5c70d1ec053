"""The archive: canonical JSON, the hash chain, append-only storage, search, export, retention."""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from krantentoets.archive.canonical import (
    GENESIS_HASH,
    CanonicalError,
    canonical_json,
    link_hash,
)
from krantentoets.archive.chain import StoredRow, seal, verify_rows
from krantentoets.archive.record import RecordInputError, parse_input
from krantentoets.archive.retention import add_years, expiry_date
from krantentoets.archive.service import Archive, ArchiveError
from krantentoets.cli import cli
from krantentoets.store import make_engine, upgrade


def record(i: int, **extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "id": f"fb-{i}",
        "platform": "facebook",
        "account": "gemeente.leeuwarden",
        "author": "Team Webcare",
        "role": "medewerker",
        "text": f"Het zwembad is op zaterdag {i % 28 + 1} maart open van 9 tot 17 uur.",
        "published_at": f"2025-03-{i % 28 + 1:02d}T10:{i % 60:02d}:00+01:00",
        "url": f"https://facebook.example/gemeente/posts/{i}",
        "in_reply_to": {"author": "Jan Jansen", "text": "Wanneer is het zwembad open?"},
    }
    data.update(extra)
    return data


def items(n: int, start: int = 0) -> list[tuple[int, dict[str, object]]]:
    return [(i, parse_input(record(i))) for i in range(start, start + n)]


@pytest.fixture
def archive(db_url: str) -> Iterator[Archive]:
    upgrade(db_url)
    engine = make_engine(db_url)
    yield Archive(engine)
    engine.dispose()


# -- canonical JSON and the link hash ----------------------------------------------


def test_canonical_json_is_sorted_compact_and_keeps_unicode() -> None:
    assert canonical_json({"b": 1, "a": ["é", None, True]}) == '{"a":["é",null,true],"b":1}'


def test_canonical_json_refuses_floats() -> None:
    with pytest.raises(CanonicalError, match="floats"):
        canonical_json({"score": 0.5})


def test_link_hash_is_sha256_of_previous_hash_newline_and_json() -> None:
    body = canonical_json({"id": "x", "text": "één"})
    expected = hashlib.sha256((GENESIS_HASH + "\n" + body).encode("utf-8")).hexdigest()
    assert link_hash(GENESIS_HASH, body) == expected


# -- pure chain verification --------------------------------------------------------


def _chain(n: int) -> list[StoredRow]:
    rows, prev = [], GENESIS_HASH
    for seq in range(1, n + 1):
        payload = {
            "seq": seq,
            "id": f"r{seq}",
            "type": "post",
            "published_at": "2025-01-01T00:00:00Z",
            "text": f"bericht {seq}",
        }
        body, digest = seal(payload, prev)
        rows.append(StoredRow(seq, f"r{seq}", "post", "2025-01-01T00:00:00Z", body, prev, digest))
        prev = digest
    return rows


def test_an_intact_chain_verifies() -> None:
    rows = _chain(5)
    result = verify_rows(rows, expect_count=5, expect_head=rows[-1].hash)
    assert result.ok and result.count == 5 and result.head_hash == rows[-1].hash


def test_changed_payload_is_named_by_id() -> None:
    rows = _chain(5)
    rows[2] = rows[2]._replace(payload=rows[2].payload.replace("bericht 3", "bericht 9"))
    result = verify_rows(rows)
    assert not result.ok
    assert result.problem is not None and result.problem.record_id == "r3"
    assert result.problems_found == 1  # later records still link to the stored hash


def test_column_that_disagrees_with_the_sealed_payload_is_named() -> None:
    rows = _chain(4)
    rows[1] = rows[1]._replace(published_at="2031-01-01T00:00:00Z")
    result = verify_rows(rows)
    assert result.problem is not None and result.problem.record_id == "r2"
    assert "published_at" in result.problem.reason_en


def test_removed_record_names_the_next_one() -> None:
    rows = _chain(5)
    del rows[1]
    result = verify_rows(rows)
    assert result.problem is not None and result.problem.record_id == "r3"


def test_records_cut_off_the_end_are_found_through_the_head() -> None:
    rows = _chain(5)
    result = verify_rows(rows[:3], expect_count=5)
    assert not result.ok and "ontbreken" in result.problem.reason_nl  # type: ignore[union-attr]


def test_rewritten_chain_is_caught_by_an_anchor() -> None:
    rows = _chain(3)
    forged = _chain(3)
    forged[1] = forged[1]._replace(hash="f" * 64)
    assert verify_rows(rows, anchors={2: rows[1].hash}).ok
    result = verify_rows(forged, anchors={2: rows[1].hash})
    assert result.problem is not None and result.problem.record_id == "r2"


def test_erased_content_needs_an_approved_destruction() -> None:
    rows = _chain(3)
    rows[0] = rows[0]._replace(payload=None)
    assert verify_rows(rows).problem.record_id == "r1"  # type: ignore[union-attr]
    result = verify_rows(rows, destroyed={1: rows[0].hash})
    assert result.ok and result.destroyed == 1


# -- input --------------------------------------------------------------------------


def test_input_is_validated_with_dutch_messages() -> None:
    payload = parse_input(record(1))
    assert payload["published_at"] == "2025-03-02T09:01:00Z"  # normalised to UTC
    with pytest.raises(RecordInputError, match="onbekend veld 'txt'"):
        parse_input({**record(1), "txt": "x"})
    with pytest.raises(RecordInputError, match="'text' ontbreekt"):
        parse_input({k: v for k, v in record(1).items() if k != "text"})
    with pytest.raises(RecordInputError, match="tijdzone"):
        parse_input({**record(1), "published_at": "2025-03-01T10:00:00"})
    with pytest.raises(RecordInputError, match="corrects"):
        parse_input({**record(1), "type": "correction"})
    with pytest.raises(RecordInputError, match="type"):
        parse_input({**record(1), "type": "destruction"})


# -- storage (SQLite and PostgreSQL) ------------------------------------------------


def test_append_and_verify(archive: Archive) -> None:
    result = archive.append(items(25), batch_size=10)
    assert result.appended == 25 and not result.rejected
    check = archive.verify()
    assert check.ok and check.count == 25 and check.head_hash == result.last_hash
    rec = archive.get("fb-3")
    assert rec is not None and rec["seq"] == 4 and rec["in_reply_to"]["author"] == "Jan Jansen"


def test_duplicates_and_unknown_corrections_are_rejected(archive: Archive) -> None:
    archive.append(items(3))
    again = archive.append(
        [
            (1, parse_input(record(1))),
            (7, parse_input(record(7, type="correction", corrects="fb-99"))),
            (8, parse_input(record(8, type="correction", corrects="fb-2"))),
        ]
    )
    assert [tag for tag, _ in again.rejected] == [1, 7]
    assert again.appended == 1
    assert archive.get("fb-8")["corrects"] == "fb-2"  # type: ignore[index]
    assert archive.verify().ok


@pytest.mark.parametrize(
    "statement", ["UPDATE archive_records SET record_id = 'x'", "DELETE FROM archive_records"]
)
def test_database_refuses_update_and_delete(archive: Archive, statement: str) -> None:
    archive.append(items(3))
    with pytest.raises(Exception, match="append-only"), archive.engine.begin() as conn:
        conn.execute(text(statement + " WHERE seq = 2"))
    assert archive.verify().ok


def test_postgres_refuses_truncate(postgres_url: str) -> None:
    upgrade(postgres_url)
    engine = make_engine(postgres_url)
    Archive(engine).append(items(2))
    with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
        conn.execute(text("TRUNCATE archive_records"))
    engine.dispose()


def _drop_guard(archive: Archive) -> None:
    with archive.engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.execute(text("DROP TRIGGER archive_records_no_update"))
            conn.execute(text("DROP TRIGGER archive_records_no_delete"))
        else:
            conn.execute(text("DROP TRIGGER archive_records_append_only ON archive_records"))


def test_tampering_is_found_and_named(archive: Archive, db_url: str) -> None:
    archive.append(items(30), batch_size=7)
    _drop_guard(archive)
    with archive.engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE archive_records SET payload = replace(payload, 'open van 9', 'dicht van 9')"
                " WHERE record_id = 'fb-17'"
            )
        )
    result = archive.verify()
    assert not result.ok and result.problem is not None
    assert result.problem.record_id == "fb-17"
    run = CliRunner().invoke(cli, ["archive", "verify", "--database-url", db_url])
    assert run.exit_code == 1
    assert "fb-17" in run.output


def test_deleted_row_is_found(archive: Archive) -> None:
    archive.append(items(10))
    _drop_guard(archive)
    with archive.engine.begin() as conn:
        conn.execute(text("DELETE FROM archive_records WHERE record_id IN ('fb-4', 'fb-9')"))
    result = archive.verify()
    assert result.problem is not None and result.problem.record_id == "fb-5"


def test_search_finds_text_and_the_dialogue(archive: Archive) -> None:
    archive.append(items(5))
    archive.append(
        [
            (
                9,
                parse_input(
                    record(
                        9,
                        text="De afvalkalender staat op de website.",
                        in_reply_to={"author": "Els", "text": "Wanneer komt de grofvuilophaal?"},
                    )
                ),
            )
        ]
    )
    assert [r["id"] for r in archive.search("grofvuilophaal")] == ["fb-9"]
    assert [r["id"] for r in archive.search("afvalkalender website")] == ["fb-9"]
    assert len(archive.search("zwembad", limit=3)) == 3
    assert archive.search("zwembad", limit=50, published_from="2025-03-04T00:00:00Z") == [
        r for r in archive.search("zwembad", limit=50) if r["published_at"] >= "2025-03-04"
    ]
    assert archive.search("afval*")[0]["id"] == "fb-9"
    # Query syntax from a user never breaks the search.
    for odd in ['"', "AND OR NOT", "(*", 'zwembad" OR', "-", "NEAR(", ""]:
        archive.search(odd)


def test_exports_stream_all_formats(archive: Archive, tmp_path: Path) -> None:
    archive.append(items(12))
    n = archive.export("jsonl", tmp_path / "a.jsonl", published_from="2025-03-05T00:00:00Z")
    lines = [json.loads(x) for x in (tmp_path / "a.jsonl").read_text("utf-8").splitlines()]
    assert n == len(lines) == 8
    assert all(x["published_at"] >= "2025-03-05" and len(x["hash"]) == 64 for x in lines)
    archive.export("csv", tmp_path / "a.csv")
    with (tmp_path / "a.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 12 and rows[0]["in_reply_to_author"] == "Jan Jansen"
    archive.export("html", tmp_path / "a.html")
    page = (tmp_path / "a.html").read_text("utf-8")
    assert page.count("<article") == 12 and "Jan Jansen" in page


def test_holds_block_expiry_and_destruction_is_recorded(archive: Archive) -> None:
    archive.append(items(6))
    old = parse_input(record(50, published_at="2010-05-01T12:00:00Z"))
    older = parse_input(record(51, published_at="2009-02-01T12:00:00Z"))
    archive.append([(50, old), (51, older)])
    today = date(2026, 1, 1)
    due = list(archive.expiring(today))
    assert {e.record_id for e in due} == {"fb-50", "fb-51"}
    hold = archive.place_hold(reason="Woo-verzoek 2025-17", by="archivaris", record_ids=["fb-51"])
    held = {e.record_id: e.held_by for e in archive.expiring(today)}
    assert held == {"fb-50": (), "fb-51": (hold,)}
    with pytest.raises(ArchiveError, match="ander"):
        archive.destroy(by="Anna", approved_by="anna", reason="termijn", today=today)
    n, made = archive.destroy(by="Anna", approved_by="Bert", reason="termijn", today=today)
    assert n == 1 and len(made) == 1
    assert archive.get("fb-50") == {
        "id": "fb-50",
        "destroyed": True,
        "hash": archive.get("fb-50")["hash"],
    }  # type: ignore[index]
    assert archive.get("fb-51")["text"]  # type: ignore[index]
    assert archive.search("zwembad", limit=100) and "fb-50" not in {
        r["id"] for r in archive.search("zwembad", limit=100)
    }
    result = archive.verify()
    assert result.ok and result.destroyed == 1
    archive.release_hold(hold, reason="verzoek afgehandeld", by="archivaris")
    assert [e.record_id for e in archive.expiring(today)] == ["fb-51"]


def test_erasing_without_an_approved_destruction_is_refused(archive: Archive) -> None:
    archive.append(items(2))
    with pytest.raises(Exception, match="append-only"), archive.engine.begin() as conn:
        conn.execute(
            text("UPDATE archive_records SET payload = NULL, search_text = NULL WHERE seq = 1")
        )


def test_retention_dates() -> None:
    assert add_years(date(2024, 2, 29), 10) == date(2034, 2, 28)
    assert expiry_date("2025-03-01T10:00:00Z", 10) == date(2035, 3, 1)
    assert expiry_date("2025-03-01T10:00:00Z", "permanent") is None


def test_policy_sets_retention_per_type(db_url: str) -> None:
    from krantentoets.policy import parse_policy

    upgrade(db_url)
    engine = make_engine(db_url)
    settings = parse_policy({"archive": {"retention_years": {"post": 1}}}, "x.toml").settings
    archive = Archive.from_policy(engine, settings)
    archive.append([(1, parse_input(record(1, published_at="2024-06-01T00:00:00Z")))])
    assert [e.record_id for e in archive.expiring(date(2025, 6, 1))] == ["fb-1"]
    assert list(archive.expiring(date(2025, 5, 31))) == []
    engine.dispose()


# -- CLI ---------------------------------------------------------------------------


def test_cli_add_reports_bad_lines_and_goes_on(sqlite_url: str, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    lines = [
        json.dumps(record(1)),
        "{kapot",
        json.dumps({**record(2), "published_at": "gisteren"}),
        json.dumps(record(3)),
        json.dumps(record(1)),
    ]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = CliRunner().invoke(
        cli, ["archive", "add", "--input", str(src), "--database-url", sqlite_url]
    )
    assert run.exit_code == 2
    errors = [json.loads(x) for x in run.stdout.splitlines()]
    assert [e["line"] for e in errors] == [2, 3, 5]
    run = CliRunner().invoke(
        cli, ["archive", "verify", "--database-url", sqlite_url, "--format", "json"]
    )
    assert run.exit_code == 0 and json.loads(run.stdout)["records"] == 2


def test_cli_search_export_and_hold(sqlite_url: str, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(record(i)) + "\n" for i in range(4)), encoding="utf-8")
    runner = CliRunner()
    assert (
        runner.invoke(
            cli, ["archive", "add", "--input", str(src), "--database-url", sqlite_url]
        ).exit_code
        == 0
    )
    run = runner.invoke(
        cli, ["archive", "search", "zwembad", "--format", "jsonl", "--database-url", sqlite_url]
    )
    assert run.exit_code == 0 and len(run.stdout.splitlines()) == 4
    out = tmp_path / "e.csv"
    run = runner.invoke(
        cli,
        [
            "archive",
            "export",
            "--format",
            "csv",
            "--output",
            str(out),
            "--to",
            "2025-03-02",
            "--database-url",
            sqlite_url,
        ],
    )
    assert run.exit_code == 0 and len(out.read_text("utf-8").splitlines()) == 3  # header + 2
    run = runner.invoke(
        cli,
        [
            "archive",
            "hold",
            "place",
            "--id",
            "fb-1",
            "--reason",
            "Woo",
            "--by",
            "dina",
            "--database-url",
            sqlite_url,
        ],
    )
    assert run.exit_code == 0 and run.stdout.startswith("hold-")
    run = runner.invoke(
        cli,
        [
            "archive",
            "expire",
            "--today",
            "2036-01-01",
            "--format",
            "jsonl",
            "--database-url",
            sqlite_url,
        ],
    )
    due = [json.loads(x) for x in run.stdout.splitlines()]
    assert run.exit_code == 0 and len(due) == 4
    assert [d["id"] for d in due if d["held_by"]] == ["fb-1"]
    run = runner.invoke(
        cli, ["archive", "search", "zwembad", "--from", "kapot", "--database-url", sqlite_url]
    )
    assert run.exit_code == 2 and "ongeldig tijdstip" in run.stderr


def test_cli_add_with_check_and_destroy_needs_two_people(sqlite_url: str, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    old = record(1, published_at="2001-01-01T00:00:00Z", text="Bel me op 06-12345678, groet Piet.")
    src.write_text(json.dumps(old) + "\n" + json.dumps(record(2)) + "\n", encoding="utf-8")
    runner = CliRunner()
    run = runner.invoke(
        cli, ["archive", "add", "--input", str(src), "--check", "--database-url", sqlite_url]
    )
    assert run.exit_code == 0, run.output
    engine = make_engine(sqlite_url)
    rec = Archive(engine).get("fb-1")
    assert rec is not None and rec["check"]["verdict"] in ("post", "doubt", "do-not-post")
    assert "findings" in rec["check"]
    base = ["archive", "expire", "--today", "2026-01-01", "--database-url", sqlite_url]
    run = runner.invoke(cli, [*base, "--destroy", "--by", "anna"])
    assert run.exit_code == 2 and "--approved-by" in run.stderr
    run = runner.invoke(cli, [*base, "--destroy", "--by", "anna", "--approved-by", "Anna"])
    assert run.exit_code == 2 and "ander" in run.stderr
    run = runner.invoke(cli, [*base, "--destroy", "--by", "anna", "--approved-by", "bert"])
    assert run.exit_code == 0 and "1 record" in run.stdout
    assert Archive(engine).get("fb-1")["destroyed"] is True  # type: ignore[index]
    run = runner.invoke(cli, ["archive", "verify", "--database-url", sqlite_url])
    assert run.exit_code == 0 and "1 vernietigd" in run.stdout
    engine.dispose()
