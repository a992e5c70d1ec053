"""Woo decisions per document and per redaction: stored (who, when), applied, reproducible."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from krantentoets.archive.grounds import KEEP, default_ground, grounds
from krantentoets.archive.redaction import detector_available
from krantentoets.cli import cli

pytestmark = pytest.mark.skipif(not detector_available(), reason="no personal-data detector")

POLICY = """
[organisation]
name = "Gemeente Leeuwarden"
handles = ["@gemeenteleeuwarden"]
[archive]
office_holders = ["Sybrand de Vries"]
"""

RECORDS = [
    {
        "id": "fb-1",
        "platform": "facebook",
        "account": "@gemeenteleeuwarden",
        "author": "Team Webcare",
        "text": "Dag Marieke Jansen, het zwembad is zaterdag open. Uw 06-12345678 hebben we.",
        "published_at": "2025-05-03T10:00:00Z",
        "in_reply_to": {"author": "Marieke Jansen", "text": "Is het zwembad open?"},
    },
    {
        "id": "x-2",
        "platform": "x",
        "account": "@sybranddevries",
        "author": "Sybrand de Vries",
        "text": "Met wethouder Sybrand de Vries het zwembad geopend.",
        "published_at": "2025-06-01T08:00:00Z",
    },
    {
        "id": "x-3",
        "platform": "x",
        "author": "Team Webcare",
        "text": "De brug is dicht.",
        "published_at": "2025-06-02T08:00:00Z",
    },
]


def test_grounds_cover_the_act() -> None:
    codes = set(grounds())
    assert {f"5.1.1{c}" for c in "abcde"} | {f"5.1.2{c}" for c in "abcdefghi"} | {"5.2"} == codes
    assert default_ground("person-name") == "5.1.2e" and default_ground("bsn") == "5.1.1e"
    assert default_ground("approval-comment") == "5.2" and default_ground("iets") == "5.1.2e"


@pytest.fixture
def cli_env(tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch):
    policy = tmp_path / "beleid.toml"
    policy.write_text(POLICY, encoding="utf-8")
    monkeypatch.setenv("KRANTENTOETS_POLICY", str(policy))
    monkeypatch.delenv("KRANTENTOETS_ANCHOR_DIR", raising=False)
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")

    def run(*args: str) -> Result:
        return CliRunner().invoke(cli, ["archive", *args, "--database-url", sqlite_url])

    assert run("add", "--input", str(src)).exit_code == 0
    return run, tmp_path


def _show(run, rid: str) -> list[dict]:  # type: ignore[no-untyped-def]
    shown = run("woo", "show", rid, "--format", "jsonl")
    assert shown.exit_code == 0, shown.output
    return [json.loads(x) for x in shown.stdout.splitlines()]


def test_review_decide_settle_export(cli_env, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    run, tmp = cli_env
    opened = run("woo", "open", "--reference", "Woo-2025-17", "--query", "zwembad", "--by", "dina")
    assert opened.exit_code == 0, opened.output
    rid = opened.stdout.strip()
    docs = _show(run, rid)
    assert [d["id"] for d in docs] == ["fb-1", "x-2"]  # only records about the pool
    items = {it["item"]: it for it in docs[0]["items"]}
    name = next(k for k, it in items.items() if it["text"] == "Marieke Jansen" and ":" in k)
    assert items[name]["proposed"] == "5.1.2e" and items["in_reply_to.author"]["value"] == "5.1.2e"
    assert items["account"]["proposed"] == KEEP  # the organisation's own account
    office = [it for it in docs[1]["items"] if it["text"] == "Sybrand de Vries"]
    assert office and all(it["proposed"] == KEEP for it in office)  # public office holder

    bad = run("woo", "decide", rid, "--record", "fb-1", "--set", f"{name}=5.9", "--by", "dina")
    assert bad.exit_code == 2 and "5.1.2e" in bad.output  # the allowed grounds are named
    ok = run("woo", "decide", rid, "--record", "fb-1", "--set", f"{name}={KEEP}", "--by", "dina")
    assert ok.exit_code == 0, ok.output
    closed = run(
        "woo", "decide", rid, "--record", "x-2", "--document", "niet-openbaar",
        "--ground", "5.1.2i", "--by", "dina",
    )  # fmt: skip
    assert closed.exit_code == 0, closed.output
    docs = _show(run, rid)
    fb1 = {it["item"]: it for it in docs[0]["items"]}
    assert fb1[name]["value"] == KEEP and fb1[name]["decided_by"] == "dina"
    assert docs[1]["decision"] == "niet-openbaar"

    assert run("woo", "settle", rid, "--by", "dina").exit_code == 0
    again = run("woo", "decide", rid, "--record", "fb-1", "--set", f"{name}=5.1.2e", "--by", "x")
    assert again.exit_code == 2 and "vastgesteld" in again.output
    first = tmp / "pakket-1"
    assert run("woo", "export", rid, "--output", str(first)).exit_code == 0
    lines = [json.loads(x) for x in (first / "data/dialogen.jsonl").read_text("utf-8").splitlines()]
    assert "Marieke Jansen" in lines[0]["text"]  # kept by decision
    assert "[telefoonnummer]" in lines[0]["text"]  # the proposal, settled as dina's decision
    assert lines[0]["in_reply_to"]["author"] == "[naam]"
    assert lines[1]["decision"] == "niet-openbaar" and lines[1]["ground"] == "5.1.2i"
    assert "vastgesteld door dina" in (first / "data/LEESMIJ.txt").read_text("utf-8")

    # Settled decisions are reproducible: a detector that finds nothing changes nothing.
    from krantentoets.archive import redaction

    monkeypatch.setattr(redaction, "_detector", lambda: lambda text, allow=None: [])
    second = tmp / "pakket-2"
    assert run("woo", "export", rid, "--output", str(second)).exit_code == 0
    assert (second / "data/dialogen.jsonl").read_bytes() == (
        first / "data/dialogen.jsonl"
    ).read_bytes()


def test_the_organisations_own_names_stay_unless_chosen() -> None:
    from krantentoets.archive.redaction import Redactor
    from krantentoets.archive.review import decide, items_for

    redactor = Redactor(
        keep_names=("Sybrand de Vries",),
        keep_handles=("@gemeenteleeuwarden", "Gemeente Leeuwarden"),
    )
    rec = {
        "id": "r1",
        "type": "post",
        "account": "Gemeente Leeuwarden",
        "author": "Sybrand de Vries",
        "text": "Volg @gemeenteleeuwarden en wethouder Sybrand de Vries; vraag het @jansmit.",
        "published_at": "2025-05-03T10:00:00Z",
    }
    items = items_for(rec, redactor)
    by_text = {it.original: it for it in items}
    assert by_text["@gemeenteleeuwarden"].default == KEEP
    assert by_text["@jansmit"].default == "5.1.2e"
    assert by_text["Gemeente Leeuwarden"].default == KEEP  # the account
    doc = decide(rec, 1, items, {})
    assert "@gemeenteleeuwarden" in doc.out["text"] and "Sybrand de Vries" in doc.out["text"]
    assert "@jansmit" not in doc.out["text"] and doc.out["account"] == "Gemeente Leeuwarden"
    # ...unless the records officer chooses to redact the office holder after all.
    key = next(it.key for it in items if it.original == "Sybrand de Vries" and ":" in it.key)
    chosen = decide(rec, 1, items, {key: "5.1.2e"})
    assert "Sybrand de Vries" not in chosen.out["text"]


def test_decisions_are_stored_with_who_and_when_on_both_databases(migrated_engine) -> None:  # type: ignore[no-untyped-def]
    from krantentoets.archive.record import parse_input
    from krantentoets.archive.redaction import Redactor
    from krantentoets.archive.requests import WooRequests
    from krantentoets.archive.service import Archive
    from krantentoets.store import woo as store

    archive = Archive(migrated_engine, redactor=Redactor())
    archive.append([(i, parse_input(r)) for i, r in enumerate(RECORDS)])
    requests = WooRequests(archive)
    req = requests.open(reference="Woo-1", by="dina", query="zwembad")
    assert [r.rec["id"] for r in requests.review(req)] == ["fb-1", "x-2"]
    assert requests.decide(req, "x-2", {"document": "niet-openbaar"}, by="dina") == 1
    assert requests.decide(req, "x-2", {"document": "niet-openbaar"}, by="dina") == 0  # unchanged
    requests.decide(req, "x-2", {"document": "openbaar"}, by="kees")
    stored = store.decisions(migrated_engine, req.id)
    value, by, at = stored["x-2"]["document"]
    assert (value, by) == ("openbaar", "kees") and at.endswith("Z")  # the latest holds
    assert requests.settle(requests.get(req.id), by="dina") > 0
    settled = requests.get(req.id)
    assert settled.settled_by == "dina" and settled.settled_at


def test_the_detector_can_be_swapped_and_the_grounds_follow() -> None:
    from dataclasses import dataclass

    from krantentoets.archive.redaction import Redactor
    from krantentoets.archive.review import decide, items_for

    @dataclass
    class Span:
        start: int
        end: int
        text: str
        kind: str

    def detector(text: str, allowlist: object = None) -> list[Span]:
        at = text.find("123456782")
        return [Span(at, at + 9, "123456782", "bsn")] if at >= 0 else []

    rec = {
        "id": "r1",
        "type": "post",
        "text": "Uw dossier 123456782 is ontvangen.",
        "published_at": "2025-05-03T10:00:00Z",
    }
    items = items_for(rec, Redactor(detector=detector))
    assert [(it.category, it.default) for it in items] == [("bsn", "5.1.1e")]
    doc = decide(rec, 1, items, {})
    assert doc.out["text"] == "Uw dossier [BSN] is ontvangen." and doc.grounds == ["5.1.1e"]
