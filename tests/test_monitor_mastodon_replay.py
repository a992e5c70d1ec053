"""Mastodon sources replayed from REAL recorded Mastodon responses (see fakes.mastodon_replay).

Each test says what was stored, what was skipped and why, and that a poll cut
short (page cap, refused page) is completed by the next one.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from sqlalchemy import select

from fakes import FakeServer
from fakes.mastodon_replay import (
    TOKEN,
    add_mastodon_replay,
    edit_history,
    notifications,
    statuses,
)
from fakes.stored import poll, stored
from krantentoets.monitor.ingest import poll_sources
from krantentoets.policy import parse_policy
from krantentoets.store import session_scope


def policy_for(server: FakeServer, **source: Any) -> Any:
    src = {"kind": "mastodon", "name": "masto", "instance": server.url, "filter": "all"}
    src.update(source)
    return parse_policy(
        {
            "organisation": {"name": "Gemeente Dijkstad"},
            "monitor": {"sources": [src], "allow_private_hosts": ["127.0.0.1"]},
        },
        "test.toml",
    )


def shown(status: dict[str, Any]) -> bool:
    """What a public poll may keep: public/unlisted statuses with something to show."""
    return status["visibility"] in ("public", "unlisted") and bool(
        status.get("content") or status.get("media_attachments") or status.get("poll")
    )


@pytest.fixture
def server() -> Any:
    with FakeServer() as srv:
        yield srv


def test_capped_hashtag_poll_is_completed_by_the_next_polls(
    migrated_sqlite_engine: Any, server: FakeServer
) -> None:
    rows = add_mastodon_replay(server)
    policy = policy_for(server, hashtag="dijkstad", max_pages=3)
    first = poll(migrated_sqlite_engine, policy)
    assert first.fetched == 120 and first.pages_left  # 3 pages of 40, more left
    assert "maximum van 3" in first.pages_left[0]
    reports = [first]
    while reports[-1].pages_left:
        reports.append(poll(migrated_sqlite_engine, policy))
        assert len(reports) < 10
    assert sum(r.fetched for r in reports) == len(rows)
    got = stored(migrated_sqlite_engine)
    assert set(got) == {str(s["id"]) for s in rows if shown(s)}
    # Direct and followers-only statuses are counted as skipped, with the reason.
    skipped = [s for r in reports for s in r.skipped]
    hidden = {
        str(s["id"])
        for s in rows
        if s["visibility"] in ("private", "direct") and s.get("content") and not s.get("reblog")
    }
    assert hidden and hidden <= {s["id"] for s in skipped}
    assert {s["reason"] for s in skipped if s["id"] in hidden} == {
        "niet openbaar (private)",
        "niet openbaar (direct)",
    }
    # Once caught up, the cursor sits on the newest status: nothing is fetched again.
    again = poll(migrated_sqlite_engine, policy)
    assert (again.fetched, again.new, again.pages_left) == (0, 0, [])
    since = server.requests_to("/api/v1/timelines/tag/dijkstad")[-1].arg("since_id")
    assert since == str(max(int(s["id"]) for s in rows))


def test_private_posts_are_kept_and_marked_only_when_the_policy_asks(
    migrated_sqlite_engine: Any, server: FakeServer
) -> None:
    rows = add_mastodon_replay(server)
    from krantentoets.monitor.digest import collect_digest, render_text

    policy = policy_for(server, hashtag="dijkstad", max_pages=20, include_private=True)

    def criticism(text: str) -> dict[str, Any]:
        return {"label": "criticism", "signal": True, "advice": None, "reasons": []}

    poll_sources(migrated_sqlite_engine, policy, triage=criticism)
    got = stored(migrated_sqlite_engine)
    direct = [s for s in rows if s["visibility"] == "direct" and s.get("content")]
    assert direct and all(got[str(s["id"])].visibility == "direct" for s in direct)
    # Kept on request, and then marked wherever it is shown.
    digest = render_text(collect_digest(migrated_sqlite_engine, policy))
    assert "[NIET OPENBAAR: privébericht]" in digest


def test_a_refused_page_is_reported_and_fetched_next_time(
    migrated_sqlite_engine: Any, server: FakeServer
) -> None:
    rows = add_mastodon_replay(server, refuse_after=1)
    policy = policy_for(server, hashtag="dijkstad", max_pages=20)
    first = poll(migrated_sqlite_engine, policy)
    assert first.fetched == 40 and "geweigerd" in first.pages_left[0]
    assert not first.failed
    server.routes.clear()
    add_mastodon_replay(server)
    second = poll(migrated_sqlite_engine, policy)
    assert second.pages_left == [] and first.fetched + second.fetched == len(rows)


def test_search_without_token_never_sends_offset_or_resolve(
    migrated_sqlite_engine: Any, server: FakeServer
) -> None:
    rows = add_mastodon_replay(server)
    policy = policy_for(server, query="e", max_pages=20)
    report = poll(migrated_sqlite_engine, policy)
    assert not report.failed, report.errors
    requests = server.requests_to("/api/v2/search")
    assert len(requests) > 1  # paged, by max_id
    assert all(r.arg("offset") is None for r in requests)
    assert all(r.arg("resolve") in (None, "0", "false", "False") for r in requests)
    hits = [s for s in rows if "e" in (s.get("content") or "").casefold() and shown(s)]
    assert set(stored(migrated_sqlite_engine)) == {str(s["id"]) for s in hits}


def test_notifications_keep_mentions_and_report_what_they_skip(
    migrated_sqlite_engine: Any, server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_mastodon_replay(server)
    monkeypatch.setenv("MASTO_TOKEN", TOKEN)
    policy = policy_for(server, notifications=True, token_env="MASTO_TOKEN")
    report = poll(migrated_sqlite_engine, policy)
    assert not report.failed, report.errors
    recorded = notifications()
    with_status = [
        n for n in recorded if n.get("status") and n["type"] in ("mention", "quote", "update")
    ]
    public = {
        str(n["status"]["id"])
        for n in with_status
        if n["status"]["visibility"] in ("public", "unlisted")
    }
    assert set(stored(migrated_sqlite_engine)) == public
    reasons = {s["reason"] for s in report.skipped}
    assert "melding zonder bericht (verwijderd?)" in reasons  # notifications of deleted posts
    assert "niet openbaar (direct)" in reasons
    assert report.fetched == len(
        [n for n in recorded if n["type"] in ("mention", "quote", "update")]
    )
    assert server.requests_to("/api/v1/notifications")[0].headers["authorization"].endswith(TOKEN)


def test_media_polls_cards_quotes_mentions_and_links_are_kept(
    migrated_sqlite_engine: Any, server: FakeServer
) -> None:
    rows = add_mastodon_replay(server)
    poll(migrated_sqlite_engine, policy_for(server, hashtag="dijkstad", max_pages=20))
    got = stored(migrated_sqlite_engine)
    checked = set()
    for status in rows:
        if not shown(status) or status.get("reblog"):
            continue
        details = got[str(status["id"])].details
        alts = [m.get("description") for m in status.get("media_attachments") or ()]
        if any(alts):
            assert [m["alt"] for m in details["media"]] == alts
            checked.add("alt")
        if status.get("poll"):
            titles = [o["title"] for o in status["poll"]["options"]]
            assert [o["title"] for o in details["poll"]["options"]] == titles
            checked.add("poll")
        if status.get("card"):
            assert details["card"]["url"] == status["card"]["url"]
            checked.add("card")
        quote = status.get("quote") or {}
        if quote.get("quoted_status"):
            assert details["quote"]["id"] == str(quote["quoted_status"]["id"])
            checked.add("quote")
        for mention in status.get("mentions") or ():
            assert any(m.startswith("@" + mention["username"] + "@") for m in details["mentions"])
            checked.add("mention-domain")
        if status.get("spoiler_text"):
            assert details["content_warning"]
            checked.add("content-warning")
        if status.get("emojis"):
            assert details["emoji"] == [e["shortcode"] for e in status["emojis"]]
            checked.add("emoji")
        if 'href="http' in (status.get("content") or "") and "links" in details:
            assert all(link["url"].startswith("http") for link in details["links"])
            checked.add("links")
    assert {"alt", "poll", "card", "quote", "mention-domain", "content-warning"} <= checked


def test_edits_are_kept_as_versions(migrated_sqlite_engine: Any, server: FakeServer) -> None:
    history_id, history = edit_history()
    rows = [s for s in statuses() if str(s["id"]) == history_id]
    assert rows and rows[0]["edited_at"]
    rows = copy.deepcopy(rows)
    add_mastodon_replay(server, rows=rows)
    policy = policy_for(server, hashtag="dijkstad")
    poll(migrated_sqlite_engine, policy)
    first = stored(migrated_sqlite_engine)[history_id]
    assert first.edited_at is not None
    assert len(first.details["history"]) == len(history)
    # The status is edited again: the next poll (from the top, it is the newest) updates it.
    rows[0]["content"] = "<p>Opnieuw bewerkt.</p>"
    rows[0]["edited_at"] = "2030-01-01T00:00:00.000Z"
    rows[0]["id"] = str(int(rows[0]["id"]))  # same id: the poll sees it again only from the top
    server.routes.clear()
    add_mastodon_replay(server, rows=rows)
    # The cursor is past this status (an edit keeps its id): seen again when the source is
    # read from the start, as a search or a thread would show it.
    from krantentoets.store.monitor import MonitorSource

    with session_scope(migrated_sqlite_engine) as session:
        session.scalars(select(MonitorSource)).one().state = {}
    report = poll(migrated_sqlite_engine, policy)
    assert (report.new, report.updated) == (0, 1)
    latest = stored(migrated_sqlite_engine)[history_id]
    assert latest.text == "Opnieuw bewerkt."
    assert latest.details["versions"][-1]["text"] == first.text


def test_one_malformed_status_is_skipped_not_its_page(
    migrated_sqlite_engine: Any, server: FakeServer
) -> None:
    rows = copy.deepcopy([s for s in statuses() if shown(s)][:10])
    rows[3]["media_attachments"] = "kapot"  # not a list of objects
    add_mastodon_replay(server, rows=rows)
    report = poll(migrated_sqlite_engine, policy_for(server, hashtag="dijkstad"))
    assert report.new == 9 and len(report.skipped) == 1
    assert report.skipped[0]["id"] == str(rows[3]["id"])
    assert report.skipped[0]["reason"].startswith("onleesbaar")


def test_thread_context_hides_a_private_parent(
    migrated_sqlite_engine: Any, server: FakeServer
) -> None:
    # The recorded context of status 110446983926957470 has one (private) ancestor.
    reply = copy.deepcopy(next(s for s in statuses() if shown(s) and s.get("content")))
    reply.update(id="110446983926957470", in_reply_to_id="110446983178245440", edited_at=None)
    add_mastodon_replay(server, rows=[reply])
    report = poll(migrated_sqlite_engine, policy_for(server, hashtag="dijkstad", context=True))
    assert not report.failed and not report.skipped, (report.errors, report.skipped)
    (parent,) = stored(migrated_sqlite_engine)["110446983926957470"].details["thread"]
    assert parent["id"] == "110446983178245440" and parent["visibility"] == "private"
    assert parent["text"] is None and parent["author"] is None
    assert server.requests_to("/api/v1/statuses/110446983926957470/context")


def test_an_update_notification_stores_the_edit_as_a_version(
    migrated_sqlite_engine: Any, server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    status = copy.deepcopy(next(s for s in statuses() if shown(s) and s.get("content")))
    add_mastodon_replay(server, rows=[status])
    monkeypatch.setenv("MASTO_TOKEN", TOKEN)
    policy = policy_for(server, hashtag="dijkstad", notifications=True, token_env="MASTO_TOKEN")
    poll(migrated_sqlite_engine, policy)
    edited = {**status, "content": "<p>Bewerkte tekst</p>", "edited_at": "2030-01-01T00:00:00Z"}
    update = {"id": "999999999", "type": "update", "created_at": "2030-01-01T00:00:00Z"}
    update.update(account=status["account"], status=edited)
    server.routes.clear()
    add_mastodon_replay(server, rows=[status], extra_notifications=[update])
    report = poll(migrated_sqlite_engine, policy)
    assert report.updated == 1
    row = stored(migrated_sqlite_engine)[str(status["id"])]
    assert row.text == "Bewerkte tekst"
    assert row.details["versions"][0]["text"] == platform_text(status)


def platform_text(status: dict[str, Any]) -> str:
    from krantentoets.platforms.mastodon import to_item

    item = to_item(status, "localhost")
    assert item is not None
    return item.text
