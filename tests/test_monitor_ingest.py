"""Ingest: dedupe, idempotent re-runs, commit per batch, matching, triage, failing sources."""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from fakes import FakeServer
from fakes.server import RECORDED
from fakes.social import add_bluesky, add_feeds, add_mastodon
from krantentoets.monitor.ingest import load_triage, poll_sources
from krantentoets.policy import Policy, parse_policy
from krantentoets.rules.base import Msg
from krantentoets.store import session_scope
from krantentoets.store.monitor import Mention, MonitorSource

ORGANISATION = {
    "name": "Gemeente Dijkstad",
    "aliases": ["Dijkstad"],
    "handles": ["@gemeentedijkstad"],
    "hashtags": ["#dijkstad"],
}


def make_policy(*sources: dict[str, Any], **monitor: Any) -> Policy:
    monitor.setdefault("allow_private_hosts", ["127.0.0.1"])  # the fake servers
    data = {"organisation": ORGANISATION, "monitor": {"sources": list(sources), **monitor}}
    return parse_policy(data, "test-beleid.toml")


def simple_triage(text: str) -> dict[str, Any]:
    """A stand-in for krantentoets.monitor.triage, so these tests test the ingest only."""
    lowered = text.lower()
    if "?" in text:
        return {"label": "question", "signal": False, "advice": "answer", "reasons": ["vraag"]}
    if any(w in lowered for w in ("top", "dank", "compliment", "mooi")):
        return {"label": "compliment", "signal": True, "advice": None, "reasons": ["lof"]}
    return {"label": "criticism", "signal": True, "advice": "no-response", "reasons": ["kritiek"]}


def mention_count(migrated_engine: Any) -> int:
    with session_scope(migrated_engine) as session:
        return session.scalar(select(func.count()).select_from(Mention)) or 0


def test_poll_stores_mentions_once(migrated_engine: Any) -> None:
    with FakeServer() as srv:
        add_feeds(srv)
        add_mastodon(srv)
        policy = make_policy(
            {"kind": "rss", "name": "omroep", "url": f"{srv.url}/rss/nieuws.xml"},
            {"kind": "mastodon", "name": "mastodon", "instance": srv.url, "hashtag": "dijkstad"},
        )
        first = poll_sources(migrated_engine, policy, triage=simple_triage)
        assert [(r.name, r.fetched, r.new, r.duplicates, r.unrelated) for r in first] == [
            ("omroep", 5, 3, 0, 2),  # two items about Polderveen are not about us
            ("mastodon", 45, 45, 0, 0),
        ]
        assert not any(r.failed or r.errors for r in first)
        # Second run: the feed answers 304, the timeline has nothing newer.
        second = poll_sources(migrated_engine, policy, triage=simple_triage)
        assert [r.new for r in second] == [0, 0]
        # Third run without the saved cursors (as after a lost state): all duplicates.
        with session_scope(migrated_engine) as session:
            for row in session.scalars(select(MonitorSource)):
                row.state = {}
        third = poll_sources(migrated_engine, policy, triage=simple_triage)
    assert [(r.new, r.duplicates) for r in third] == [(0, 3), (0, 45)]
    assert mention_count(migrated_engine) == 48
    with session_scope(migrated_engine) as session:
        news = session.scalars(
            select(Mention).join(MonitorSource).where(MonitorSource.name == "omroep")
        ).all()
        # The GUID leads the id; a hash of link and text follows (a reused GUID is kept).
        assert {m.details["guid"] for m in news} == {
            "omroepdijkland-4102",
            "omroepdijkland-4099",
            "omroepdijkland-4095",
        }
        first_item = next(m for m in news if m.details["guid"] == "omroepdijkland-4102")
        assert first_item.matched == ["Gemeente Dijkstad"]
        assert first_item.label == "criticism" and first_item.signal is True
        assert first_item.reasons == ["kritiek"]
        assert first_item.published_at is not None and first_item.published_at.tzinfo is not None
        source = session.scalars(select(MonitorSource).where(MonitorSource.name == "omroep")).one()
        assert source.last_ok_at is not None and source.error_count == 0


def test_one_failing_source_does_not_stop_the_others(migrated_sqlite_engine: Any) -> None:
    with FakeServer() as down:
        dead_url = f"{down.url}/rss/nieuws.xml"
    with FakeServer() as srv:
        add_bluesky(srv)
        policy = make_policy(
            {"kind": "rss", "name": "weg", "url": dead_url},
            {"kind": "rss", "name": "stuk", "url": f"{srv.url}/bestaat-niet.xml"},
            {"kind": "bluesky", "name": "bsky", "service": srv.url, "query": "Gemeente Dijkstad"},
        )
        reports = poll_sources(migrated_sqlite_engine, policy, triage=None)
    weg, stuk, bsky = reports
    assert weg.failed and weg.errors[0].startswith("netwerkfout")
    assert stuk.failed and "HTTP 404" in stuk.errors[0]
    assert not bsky.failed and bsky.new == 3
    with session_scope(migrated_sqlite_engine) as session:
        rows = {r.name: r for r in session.scalars(select(MonitorSource))}
    assert rows["stuk"].error_count == 1 and "HTTP 404" in (rows["stuk"].last_error or "")
    assert rows["bsky"].error_count == 0 and rows["bsky"].last_error is None


def test_crash_halfway_keeps_committed_batches(migrated_sqlite_engine: Any, tmp_path: Path) -> None:
    lines = [f"r{n};Bericht {n} over Dijkstad" for n in range(1200)]
    (tmp_path / "export.csv").write_text("id;tekst\n" + "\n".join(lines) + "\n", encoding="utf-8")
    policy = make_policy({"kind": "import", "name": "export", "path": str(tmp_path / "export.csv")})
    seen = 0

    def crashing_triage(text: str) -> dict[str, Any]:
        nonlocal seen
        seen += 1
        if seen == 700:  # in the second batch of 500
            raise KeyboardInterrupt  # like a process killed halfway
        return simple_triage(text)

    with pytest.raises(KeyboardInterrupt):
        poll_sources(migrated_sqlite_engine, policy, triage=crashing_triage)
    assert mention_count(migrated_sqlite_engine) == 500  # the first batch was committed
    with session_scope(migrated_sqlite_engine) as session:
        assert session.scalars(select(MonitorSource.state)).one() == {}  # file not marked done
    report = poll_sources(migrated_sqlite_engine, policy, triage=simple_triage)[0]
    assert (report.new, report.duplicates) == (700, 500)
    assert mention_count(migrated_sqlite_engine) == 1200
    assert (
        poll_sources(migrated_sqlite_engine, policy, triage=simple_triage)[0].fetched == 0
    )  # unchanged


def test_filter_all_keeps_everything_and_duplicates_in_one_batch(
    migrated_sqlite_engine: Any, tmp_path: Path
) -> None:
    (tmp_path / "x.jsonl").write_text(
        '{"id": "1", "text": "Over Dijkstad"}\n'
        '{"id": "2", "text": "Over iets anders"}\n'
        '{"id": "1", "text": "Over Dijkstad (dubbel in de export)"}\n',
        encoding="utf-8",
    )
    policy = make_policy({"kind": "import", "path": "x.jsonl", "filter": "all"})
    report = poll_sources(migrated_sqlite_engine, policy, base_dir=tmp_path, triage=None)[0]
    assert (report.fetched, report.new, report.duplicates, report.unrelated) == (3, 2, 1, 0)
    with session_scope(migrated_sqlite_engine) as session:
        labels = session.scalars(select(Mention.label)).all()
    assert labels == [None, None]  # stored without triage


def test_triage_failure_on_one_post_is_reported(
    migrated_sqlite_engine: Any, tmp_path: Path
) -> None:
    (tmp_path / "x.csv").write_text(
        "id,tekst\n1,Dijkstad is top\n2,Dijkstad BOEM\n", encoding="utf-8"
    )

    def fragile(text: str) -> dict[str, Any]:
        if "BOEM" in text:
            raise ValueError("kapot")
        return simple_triage(text)

    policy = make_policy({"kind": "import", "path": "x.csv"})
    report = poll_sources(migrated_sqlite_engine, policy, base_dir=tmp_path, triage=fragile)[0]
    assert report.new == 2 and not report.failed
    assert report.errors == ["beoordeling mislukt voor 2: kapot"]


class Label(StrEnum):
    COMPLAINT = "criticism"


@dataclass(frozen=True)
class FakeTriage:
    label: Any
    signal: bool
    advice: Any
    reasons: tuple[Any, ...]


def test_load_triage_uses_the_triage_module(
    migrated_sqlite_engine: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, Any]] = []

    def triage(text: str, policy: Any) -> FakeTriage:
        calls.append((text, policy))
        return FakeTriage(
            Label.COMPLAINT,
            True,
            "no-response",
            (Msg(nl="Kritiek op de dienst.", en="Criticism."),),
        )

    module = types.ModuleType("krantentoets.monitor.triage")
    module.triage = triage  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "krantentoets.monitor.triage", module)
    (tmp_path / "x.csv").write_text("id,tekst\n1,Dijkstad doet het slecht\n", encoding="utf-8")
    policy = make_policy({"kind": "import", "path": "x.csv"})
    assert load_triage(policy) is not None
    poll_sources(migrated_sqlite_engine, policy, base_dir=tmp_path)  # triage=True: load the module
    assert calls == [("Dijkstad doet het slecht", policy)]
    with session_scope(migrated_sqlite_engine) as session:
        mention = session.scalars(select(Mention)).one()
    assert (mention.label, mention.signal, mention.advice) == ("criticism", True, "no-response")
    assert mention.reasons == [{"nl": "Kritiek op de dienst.", "en": "Criticism."}]


def test_only_named_sources_are_polled(migrated_sqlite_engine: Any) -> None:
    policy = make_policy(
        {"kind": "import", "name": "a", "path": str(RECORDED / "coosto_export.csv")},
        {
            "kind": "import",
            "name": "b",
            "path": str(RECORDED / "obi4wan_export.jsonl"),
            "enabled": False,
        },
    )
    reports = poll_sources(migrated_sqlite_engine, policy, only=["a"], triage=None)
    assert [r.name for r in reports] == ["a"]
    assert reports[0].new == 4 and len(reports[0].skipped) == 2 and not reports[0].failed
