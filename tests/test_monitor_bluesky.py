"""Bluesky against a local fake that answers with lexicon-shaped responses.

The samples (tests/fakes/recorded/bluesky_lexicon_samples.json) are built from
the app.bsky lexicons: link facets with shortened text, an image-only post whose
alt text names the organisation, a quote, a record-with-media, a link card, an
author labelled ``!no-unauthenticated``, a reply with its thread, a malformed post.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import func, select

from fakes import FakeServer
from fakes.server import RECORDED
from fakes.social import BSKY_APP_PASSWORD, BSKY_HANDLE, add_bluesky
from fakes.stored import poll, stored
from krantentoets.policy import parse_policy
from krantentoets.store import session_scope
from krantentoets.store.platforms import PlatformSession

SAMPLES = json.loads((RECORDED / "bluesky_lexicon_samples.json").read_text("utf-8"))
POSTS = SAMPLES["posts"]


def policy_for(server: FakeServer, **source: Any) -> Any:
    src = {"kind": "bluesky", "name": "bsky", "query": "Gemeente Dijkstad"}
    src.update(source)
    return parse_policy(
        {
            "organisation": {
                "name": "Gemeente Dijkstad",
                "handles": ["@gemeentedijkstad.bsky.social"],
            },
            "monitor": {"sources": [src], "allow_private_hosts": ["127.0.0.1"]},
        },
        "test.toml",
    )


def login(server: FakeServer, **source: Any) -> dict[str, Any]:
    return {
        "handle": BSKY_HANDLE,
        "app_password_env": "KT_BSKY",
        "auth_service": server.url,
        **source,
    }


@pytest.fixture
def server() -> Any:
    with FakeServer() as srv:
        yield srv


def test_facets_embeds_empty_text_and_labels(
    migrated_sqlite_engine: Any, server: FakeServer
) -> None:
    add_bluesky(server, POSTS, page_size=50)
    report = poll(migrated_sqlite_engine, policy_for(server, service=server.url))
    assert not report.failed, report.errors
    got = stored(migrated_sqlite_engine)
    link, image, quote, with_media, card, hidden, reply, broken = (p["uri"] for p in POSTS)
    # The facet's full URL replaces the shortened link text.
    assert "https://nos.nl/artikel/2561234-fietsplan-dijkstad" in got[link].text
    assert "2561..." not in got[link].text
    # An image-only post is kept, and its alt text is what names the organisation.
    assert got[image].text == ""
    assert got[image].details["media"][0]["alt"].startswith("Bord: Gemeente Dijkstad")
    assert got[image].matched == ["Gemeente Dijkstad"]
    assert got[quote].details["quote"]["text"] == "Vanaf maandag is de Dijkstraat afgesloten."
    assert got[with_media].details["media"][0]["alt"] == "Afgesloten Dijkstraat met hekken"
    assert got[with_media].details["quote"]["author"] == "@gemeentedijkstad.bsky.social"
    assert got[card].details["card"]["url"] == "https://lokaalnieuws.example/parkeren"
    assert got[reply].details["in_reply_to"] == POSTS[2]["embed"]["record"]["uri"]
    # Not stored, and said why: the !no-unauthenticated author, the malformed post.
    assert hidden not in got and broken not in got
    reasons = {s["id"]: s["reason"] for s in report.skipped}
    assert "!no-unauthenticated" in reasons[hidden]
    assert reasons[broken].startswith("onleesbaar")


def test_logged_in_sees_labelled_authors_and_threads(
    migrated_sqlite_engine: Any, server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KT_BSKY", BSKY_APP_PASSWORD)
    add_bluesky(server, POSTS, page_size=50, threads=SAMPLES["threads"])
    report = poll(migrated_sqlite_engine, policy_for(server, **login(server, context=True)))
    got = stored(migrated_sqlite_engine)
    assert POSTS[5]["uri"] in got  # shown to a logged-in reader
    thread = got[POSTS[6]["uri"]].details["thread"]
    assert thread[0]["text"] == "Vanaf maandag is de Dijkstraat afgesloten."
    assert not report.failed


def test_one_login_then_refresh_tokens_between_runs(
    migrated_sqlite_engine: Any, server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KT_BSKY", BSKY_APP_PASSWORD)
    # Access tokens that live 60 s: atproto refreshes any that ends within 15 minutes.
    add_bluesky(server, POSTS, page_size=50, access_lifetime=60)
    policy = policy_for(server, **login(server))
    for _ in range(3):
        assert not poll(migrated_sqlite_engine, policy).failed
    assert len(server.requests_to("/xrpc/com.atproto.server.createSession")) == 1
    # Each run refreshes the stored (short-lived) session instead of logging in again.
    assert len(server.requests_to("/xrpc/com.atproto.server.refreshSession")) == 3
    with session_scope(migrated_sqlite_engine) as session:
        assert session.scalar(select(func.count()).select_from(PlatformSession)) == 1


def test_capped_search_is_completed_by_the_next_poll(
    migrated_sqlite_engine: Any, server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KT_BSKY", BSKY_APP_PASSWORD)
    add_bluesky(server, POSTS, page_size=3)
    policy = policy_for(server, **login(server, max_pages=2, filter="all"))
    first = poll(migrated_sqlite_engine, policy)
    assert first.fetched == 6 and "maximum van 2" in first.pages_left[0]
    second = poll(migrated_sqlite_engine, policy)
    assert second.fetched == 2 and second.pages_left == []
    assert first.new + second.new == len(stored(migrated_sqlite_engine)) == 7  # 8 - malformed
    cursors = [r.arg("cursor") for r in server.requests_to("/xrpc/app.bsky.feed.searchPosts")]
    assert cursors == [None, "3", "6"]


def test_refused_cursor_without_login_is_kept_for_later(
    migrated_sqlite_engine: Any, server: FakeServer
) -> None:
    add_bluesky(server, POSTS, page_size=3)
    policy = policy_for(server, service=server.url, filter="all")
    first = poll(migrated_sqlite_engine, policy)
    assert "geweigerd" in first.pages_left[0] and not first.failed
    again = poll(migrated_sqlite_engine, policy)
    # The gap is tried again (and reported again), never dropped.
    assert server.requests_to("/xrpc/app.bsky.feed.searchPosts")[-1].arg("cursor") == "3"
    assert "geweigerd" in again.pages_left[0]


def test_notifications_mentions_replies_quotes(
    migrated_sqlite_engine: Any, server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KT_BSKY", BSKY_APP_PASSWORD)
    add_bluesky(server, POSTS, notifications=SAMPLES["notifications"])
    source = login(server, notifications=True, filter="all")
    source.pop("query", None)
    src = {"kind": "bluesky", "name": "bsky", **source}
    policy = parse_policy(
        {"monitor": {"sources": [src], "allow_private_hosts": ["127.0.0.1"]}}, "test.toml"
    )
    report = poll(migrated_sqlite_engine, policy)
    got = stored(migrated_sqlite_engine)
    assert {m.details["reason"] for m in got.values()} == {"mention", "reply", "quote"}
    assert "https://nos.nl/artikel/2561234-fietsplan-dijkstad" in got[POSTS[0]["uri"]].text
    assert report.fetched == 3  # the like was not asked for
