"""Each monitoring source against its fake server on 127.0.0.1 (recorded responses)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from fakes import FakeServer
from fakes.server import RECORDED
from fakes.social import (
    BSKY_APP_PASSWORD,
    BSKY_HANDLE,
    add_bluesky,
    add_feeds,
    add_mastodon,
    bluesky_posts,
)
from krantentoets.monitor.sources import Batch, FetchContext, SourceError, fetcher
from krantentoets.monitor.sources.base import html_to_text, make_client
from krantentoets.platforms import PlatformError
from krantentoets.platforms.net import Budget
from krantentoets.policy.model import MonitorSourceSettings


def source(**kwargs: Any) -> MonitorSourceSettings:
    return MonitorSourceSettings.model_validate(kwargs)


def run(
    src: MonitorSourceSettings,
    state: dict[str, Any] | None = None,
    *,
    names: tuple[str, ...] = ("Gemeente Dijkstad",),
    hashtags: tuple[str, ...] = ("dijkstad",),
    base_dir: Path = RECORDED,
    batch_size: int = 500,
) -> list[Batch]:
    budget = Budget(timeout=5, allow_hosts=frozenset({"127.0.0.1"}))
    with make_client(budget=budget) as client:
        ctx = FetchContext(client, names, hashtags, base_dir, batch_size, budget)
        return list(fetcher(src.kind)(src, state or {}, ctx))


def items(batches: list[Batch]) -> list[Any]:
    return [item for batch in batches for item in batch.items]


@pytest.fixture
def server() -> Any:
    with FakeServer() as srv:
        yield srv


# -- RSS / Atom -----------------------------------------------------------------------


def test_rss_feed_items_and_conditional_get(server: FakeServer) -> None:
    add_feeds(server)
    src = source(kind="rss", url=f"{server.url}/rss/nieuws.xml")
    batches = run(src)
    got = items(batches)
    assert len(got) == 5
    first = got[0]
    assert first.external_id.startswith("omroepdijkland-4102#")
    assert first.text.startswith("Gemeente Dijkstad trekt extra geld uit")
    assert "<strong>" not in first.text and "gemeente Dijkstad investeert" in first.text
    assert first.published_at == datetime(2025, 3, 12, 17, 30, tzinfo=UTC)
    assert first.author == "Redactie Omroep Dijkland"
    assert '"Dijkstad laat ons in de steek"' in got[1].text  # entities decoded
    state = batches[-1].state
    assert state is not None and state["etag"] == '"omroep-4102"'
    # The next poll sends the ETag back and gets 304: nothing to do.
    assert items(run(src, state)) == []
    assert server.requests_to("/rss/nieuws.xml")[-1].headers["if-none-match"] == '"omroep-4102"'


def test_atom_feed(server: FakeServer) -> None:
    add_feeds(server)
    got = items(run(source(kind="rss", url=f"{server.url}/atom.xml")))
    assert [i.details["guid"] for i in got] == [
        "tag:dijkstadsdagblad.example,2025:artikel-881",
        "tag:dijkstadsdagblad.example,2025:artikel-880",
    ]
    assert got[0].author == "Sophie Kuipers"
    assert "gemeente Dijkstad" in got[0].text and "<em>" not in got[0].text
    assert got[0].url == "https://dijkstadsdagblad.example/artikel/881"


def test_rss_errors_are_dutch_source_errors(server: FakeServer) -> None:
    add_feeds(server)
    with pytest.raises(SourceError, match="HTTP 404 niet gevonden"):
        run(source(kind="rss", url=f"{server.url}/bestaat-niet.xml"))
    with pytest.raises(SourceError, match="geen geldige RSS"):
        run(source(kind="rss", url=f"{server.url}/kapot.xml"))


def test_rss_unreachable_server_raises_network_error() -> None:
    with FakeServer() as srv:
        url = f"{srv.url}/rss/nieuws.xml"
    with pytest.raises(httpx.HTTPError):
        run(source(kind="rss", url=url))


# -- Mastodon --------------------------------------------------------------------------


def test_mastodon_hashtag_timeline_pages_back_and_remembers_newest(server: FakeServer) -> None:
    timeline = add_mastodon(server)
    src = source(kind="mastodon", instance=server.url, hashtag="#Dijkstad", max_pages=5)
    batches = run(src)
    got = items(batches)
    assert len(got) == 45  # 40 + 5: two pages
    # The first page saves the gap still to fetch, the last the cursor for the next poll.
    gap = {"max_id": timeline[39]["id"], "newest": timeline[0]["id"]}
    assert [b.state for b in batches] == [
        {"cursors": {"tag:dijkstad": {"since_id": None, "gap": gap}}},
        {"cursors": {"tag:dijkstad": {"since_id": timeline[0]["id"]}}},
    ]
    calls = server.requests_to("/api/v1/timelines/tag/dijkstad")
    assert calls[1].arg("max_id") == timeline[39]["id"]
    first = got[0]
    assert first.external_id == timeline[0]["id"]
    assert first.author == "@anouk@social.dijkstad.example"
    assert first.author_name == "Anouk van Dam"
    assert first.text.startswith("Wat een snelle reactie van @gemeentedijkstad op mijn melding")
    assert "<span" not in first.text and "#Dijkstad" in first.text
    assert got[1].author == "@pieterb@mastodon.nl"
    assert any(i.text.startswith("stoep\n\n") for i in got)  # content warning kept
    assert first.published_at == datetime(2025, 3, 12, 20, 0, tzinfo=UTC)
    # Next poll: only what is newer than the newest seen.
    assert items(run(src, batches[-1].state)) == []
    assert (
        server.requests_to("/api/v1/timelines/tag/dijkstad")[-1].arg("since_id")
        == timeline[0]["id"]
    )


def test_mastodon_max_pages_limits_a_poll(server: FakeServer) -> None:
    add_mastodon(server)
    batches = run(source(kind="mastodon", instance=server.url, hashtag="dijkstad", max_pages=1))
    assert len(items(batches)) == 40
    assert batches[-1].state is not None


def test_mastodon_search_needs_token(server: FakeServer, monkeypatch: pytest.MonkeyPatch) -> None:
    add_mastodon(server, token="geheim-token")
    src = source(kind="mastodon", instance=server.url, query="Gemeente Dijkstad")
    assert items(run(src)) == []  # anonymous: instances return no statuses
    monkeypatch.setenv("KT_MASTODON_TOKEN", "geheim-token")
    src = source(
        kind="mastodon",
        instance=server.url,
        query="Gemeente Dijkstad",
        token_env="KT_MASTODON_TOKEN",
    )
    got = items(run(src))
    assert [i.external_id for i in got] == ["113700000000000111", "113700000000000112"]
    assert got[0].text.startswith("Volgens de Gemeente Dijkstad is de nieuwe brug")
    monkeypatch.delenv("KT_MASTODON_TOKEN")
    with pytest.raises(SourceError, match="KT_MASTODON_TOKEN"):
        run(src)


def test_mastodon_without_query_uses_the_organisation(server: FakeServer) -> None:
    add_mastodon(server)
    got = items(run(source(kind="mastodon", instance=server.url, max_pages=1)))
    assert len(got) == 40  # hashtag #dijkstad from [organisation]
    assert server.requests_to("/api/v2/search")[0].arg("q") == "Gemeente Dijkstad"
    with pytest.raises(SourceError, match="geen hashtag of zoekvraag"):
        run(source(kind="mastodon", instance=server.url), names=(), hashtags=())


# -- Bluesky ---------------------------------------------------------------------------


def test_bluesky_public_search_refused_cursor_is_a_page_left(server: FakeServer) -> None:
    add_bluesky(server, page_size=3)
    posts = bluesky_posts()
    src = source(kind="bluesky", service=server.url, query="Gemeente Dijkstad")
    batches = run(src)
    got = items(batches)
    # The AppView refuses the cursor without login: page 1 is kept, the rest is reported
    # as left and its cursor kept for the next poll (never a silent loss).
    assert [i.external_id for i in got] == [p["uri"] for p in posts[:3]]
    assert "geweigerd" in (batches[-1].pages_left or "")
    cursor = batches[-1].state["cursors"]["search:Gemeente Dijkstad"]
    assert cursor["since"] is None and cursor["gap"]["cursor"] == "3"
    first = got[0]
    assert first.author == "@sanne.bsky.social" and first.author_name == "Sanne"
    assert first.url == "https://bsky.app/profile/sanne.bsky.social/post/3lk0abcde2x0"
    assert first.published_at == datetime(2025, 3, 12, 19, 30, tzinfo=UTC)
    search = server.requests_to("/xrpc/app.bsky.feed.searchPosts")[0]
    assert search.arg("sort") == "latest" and search.arg("q") == "Gemeente Dijkstad"


def test_bluesky_login_and_cursor_paging(
    server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_bluesky(server, page_size=3, require_auth=True)
    posts = bluesky_posts()
    monkeypatch.setenv("KT_BSKY_PASSWORD", BSKY_APP_PASSWORD)
    src = source(
        kind="bluesky",
        query="Gemeente Dijkstad",
        handle=BSKY_HANDLE,
        app_password_env="KT_BSKY_PASSWORD",
        auth_service=server.url,
    )
    batches = run(src)
    assert [i.external_id for i in items(batches)] == [p["uri"] for p in posts]  # 3 + 3 + 1
    assert len(batches) == 3
    assert [b.pages_left for b in batches] == [None, None, None]
    cursors = [r.arg("cursor") for r in server.requests_to("/xrpc/app.bsky.feed.searchPosts")]
    assert cursors == [None, "3", "6"]
    newest = max(p["indexedAt"] for p in posts)
    assert batches[-1].state == {"cursors": {"search:Gemeente Dijkstad": {"since": newest}}}
    # The next poll asks only for posts since the newest seen.
    again = run(src, batches[-1].state)
    assert [i.external_id for i in items(again)] == [
        p["uri"] for p in posts if p["indexedAt"] == newest
    ]  # `since` is inclusive
    assert server.requests_to("/xrpc/app.bsky.feed.searchPosts")[-1].arg("since") == newest


def test_bluesky_wrong_password(server: FakeServer, monkeypatch: pytest.MonkeyPatch) -> None:
    add_bluesky(server)
    monkeypatch.setenv("KT_BSKY_PASSWORD", "fout")
    src = source(
        kind="bluesky",
        handle=BSKY_HANDLE,
        app_password_env="KT_BSKY_PASSWORD",
        auth_service=server.url,
    )
    with pytest.raises(PlatformError, match=r"Bluesky: aanmelden nodig.*HTTP 401"):
        run(src)


def test_bluesky_refused_first_page_is_an_error(server: FakeServer) -> None:
    add_bluesky(server, require_auth=True)
    with pytest.raises(PlatformError, match="HTTP 403"):
        run(source(kind="bluesky", service=server.url, hashtag="dijkstad"))
    assert server.requests_to("/xrpc/app.bsky.feed.searchPosts")[0].arg("q") == "#dijkstad"


# -- exports ---------------------------------------------------------------------------


def test_coosto_csv_export(tmp_path: Path) -> None:
    src = source(
        kind="import",
        path="coosto_export.csv",
        columns={"text": "Bericht", "author": "Auteur", "date": "Datum", "id": "Bericht-ID"},
    )
    batches = run(src)
    got = items(batches)
    assert [i.external_id for i in got] == ["tw-1899", "fb-7766", "ig-88", "tw-1898"]
    assert got[0].author == "@lotte_dijk"
    assert got[0].url == "https://x.example/lotte_dijk/status/1899"  # "URL" found by default
    assert got[0].published_at == datetime(2025, 3, 12, 13, 5, tzinfo=UTC)  # 14:05 CET
    assert '"budgetneutraal"' in got[1].text
    skipped = [s for b in batches for s in b.skipped]
    assert [s.external_id for s in skipped] == ["coosto_export.csv:5", "coosto_export.csv:6"]
    assert "regel 5: geen tekst" in skipped[0].reason
    assert "regel 6: datum '32-13-2025 25:99' niet te lezen" in skipped[1].reason
    # Unchanged file: skipped on the next run.
    assert run(src, batches[-1].state) == []


def test_obi4wan_jsonl_export_with_nested_columns() -> None:
    src = source(
        kind="import",
        path=str(RECORDED / "obi4wan_export.jsonl"),
        columns={
            "text": "message.text",
            "author": "author.handle",
            "author_name": "author.name",
            "date": "published",
        },
    )
    batches = run(src, base_dir=Path("/nonexistent"))
    got = items(batches)
    assert [i.external_id for i in got] == ["obi-55120", "obi-55121", "obi-55122"]
    assert got[0].author == "ria.smit" and got[0].author_name == "Ria Smit"
    assert got[0].published_at == datetime(2025, 3, 12, 15, 20, tzinfo=UTC)
    assert [(s.external_id, s.reason) for b in batches for s in b.skipped] == [
        ("obi4wan_export.jsonl:3", "regel 3: geen geldige JSON")
    ]


def test_export_batches_glob_and_missing_column(tmp_path: Path) -> None:
    lines = "\n".join(
        f"{n},Bericht {n} over Dijkstad,2025-03-0{1 + n % 9}T10:00:00Z" for n in range(7)
    )
    (tmp_path / "a.csv").write_text("id,tekst,datum\n" + lines + "\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("id,tekst,datum\nb1,Nog een,2025-03-01\n", encoding="utf-8")
    batches = run(source(kind="import", path="*.csv"), base_dir=tmp_path, batch_size=3)
    assert [len(b.items) for b in batches] == [3, 3, 1, 1]
    assert [b.state is None for b in batches] == [True, True, False, False]
    assert set(batches[-1].state["files"]) == {str(tmp_path / "a.csv"), str(tmp_path / "b.csv")}
    with pytest.raises(SourceError, match="kolom 'Tekst2' \\(voor text\\) ontbreekt"):
        run(source(kind="import", path="a.csv", columns={"text": "Tekst2"}), base_dir=tmp_path)
    with pytest.raises(SourceError, match="niet gevonden"):
        run(source(kind="import", path="weg.csv"), base_dir=tmp_path)


def test_export_without_id_gets_a_stable_id(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("Bericht;Auteur\nDijkstad is top;@a\n", encoding="utf-8")
    first = items(run(source(kind="import", path="x.csv"), base_dir=tmp_path))
    second = items(run(source(kind="import", path="x.csv"), base_dir=tmp_path))
    assert first[0].external_id.startswith("sha256:")
    assert first[0].external_id == second[0].external_id


# -- text ------------------------------------------------------------------------------


def test_html_to_text() -> None:
    markup = (
        "<p>Eerste &amp; alinea<br>regel twee</p><script>alert(1)</script>"
        "<p>Tweede   <a href='x'>link</a></p>"
    )
    assert html_to_text(markup) == "Eerste & alinea\nregel twee\n\nTweede link"
    assert html_to_text(None) == ""
    assert html_to_text("Geen &lt;html&gt;") == "Geen <html>"


def test_source_settings_validation() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="heeft url nodig"):
        source(kind="rss")
    with pytest.raises(ValidationError, match="hoort niet bij een bron van soort 'import'"):
        source(kind="import", path="x.csv", url="http://x")
    with pytest.raises(ValidationError, match="onbekend veld 'tekst' in columns"):
        source(kind="import", path="x.csv", columns={"tekst": "Bericht"})
    assert source(kind="rss", url="http://x/feed").key == "rss:http://x/feed"
    assert source(kind="rss", url="http://x/feed", name="omroep").key == "omroep"


def test_state_from_before_per_listing_cursors_is_carried_over(server: FakeServer) -> None:
    timeline = add_mastodon(server)
    src = source(kind="mastodon", instance=server.url, hashtag="dijkstad")
    assert items(run(src, {"since_id": {"tag:dijkstad": timeline[0]["id"]}})) == []
    calls = server.requests_to("/api/v1/timelines/tag/dijkstad")
    assert calls[-1].arg("since_id") == timeline[0]["id"]
    add_bluesky(server)
    newest = max(p["indexedAt"] for p in bluesky_posts())
    bsky = source(kind="bluesky", service=server.url, query="Gemeente Dijkstad")
    run(bsky, {"since": {"Gemeente Dijkstad": newest}})
    assert server.requests_to("/xrpc/app.bsky.feed.searchPosts")[-1].arg("since") == newest
