"""RSS/Atom: feedparser's own test feeds through the streaming parse, dates, ids, Google News."""

from __future__ import annotations

import base64
import io
import re
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from fakes import FakeServer, Response
from krantentoets.monitor.sources import FetchContext, fetcher
from krantentoets.monitor.sources.base import make_client
from krantentoets.monitor.sources.rss import _stream_entries, parse_feed_date
from krantentoets.platforms.net import Budget
from krantentoets.policy.model import MonitorSourceSettings

FEEDS = Path(__file__).resolve().parent / "fakes" / "feedparser_feeds"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
#: Expectations about the whole feed (not its entries) cannot apply to one entry.
FEED_LEVEL = re.compile(r"\bfeed\b|version|namespaces|encoding|headers|bozo_exception")


def _cases() -> list[Path]:
    return sorted(FEEDS.glob("*/*.xml"))


@pytest.mark.parametrize("path", _cases(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_feedparser_own_feeds_give_the_same_entries_when_streamed(path: Path) -> None:
    data = path.read_bytes()
    match = re.search(rb"Expect:\s*(.*?)\n-->", data, re.S)
    assert match, "every feedparser test feed states what it expects"
    expect = match.group(1).decode().strip()
    if FEED_LEVEL.search(expect):
        pytest.skip("expectation about the whole feed, not its entries")
    ctx = FetchContext(client=None, budget=Budget())  # type: ignore[arg-type]
    entries = list(_stream_entries(io.BytesIO(data), len(data), ctx))
    assert eval(expect, {"time": time}, {"entries": entries, "bozo": False})


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Wed, 12 Mar 2025 18:30:00 +0100", datetime(2025, 3, 12, 17, 30, tzinfo=UTC)),
        ("do, 05 jun 2025 14:00:00 +0200", datetime(2025, 6, 5, 12, 0, tzinfo=UTC)),
        ("do, 05 jun 2025 14:00", datetime(2025, 6, 5, 12, 0, tzinfo=UTC)),  # no zone: local
        ("donderdag 5 juni 2025 14:00", datetime(2025, 6, 5, 12, 0, tzinfo=UTC)),
        ("ma, 13 jan 2025 09:15:00", datetime(2025, 1, 13, 8, 15, tzinfo=UTC)),  # winter time
        ("02-06-2025 14:00", datetime(2025, 6, 2, 12, 0, tzinfo=UTC)),  # day first
        ("2025-06-02T14:00:00", datetime(2025, 6, 2, 12, 0, tzinfo=UTC)),
        ("2025-06-02T14:00:00Z", datetime(2025, 6, 2, 14, 0, tzinfo=UTC)),
        ("Mon, 02 Jun 2025 14:00:00 -0000", datetime(2025, 6, 2, 12, 0, tzinfo=UTC)),
        ("binnenkort", None),
        ("31-02-2025 10:00", None),
    ],
)
def test_feed_dates_dutch_and_zoneless(raw: str, expected: datetime | None) -> None:
    assert parse_feed_date(raw, AMSTERDAM) == expected


def _google(url: str) -> str:
    # The older Google News article token: a protobuf whose bytes hold the article URL.
    payload = b"\x08\x13\x22" + bytes([len(url)]) + url.encode() + b"\xd2\x01\x00"
    return "https://news.google.com/rss/articles/" + base64.urlsafe_b64encode(payload).decode()


FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Test</title>
<item><title>Raad Dijkstad stemt in</title><link>https://a.example/1</link>
<guid isPermaLink="false">artikel</guid><pubDate>do, 05 jun 2025 14:00</pubDate>
<description>Kort.</description>
<content:encoded><![CDATA[<p>Kort. De gemeenteraad van Dijkstad stemde gisteravond
in met het plan.</p>]]></content:encoded>
</item>
<item><title>Tweede artikel, zelfde GUID</title><link>https://a.example/2</link>
<guid isPermaLink="false">artikel</guid><pubDate>02-06-2025 14:00</pubDate>
<description>Een ander verhaal over Dijkstad.</description></item>
<item><title>Dijkstad sluit brug - NOS</title><link>{google}</link>
<guid isPermaLink="false">gn-1</guid><source url="https://nos.nl">NOS</source>
<description>&lt;a href="{google}"&gt;Dijkstad sluit brug&lt;/a&gt;</description></item>
<item><title>Nieuw Google-formaat - NU.nl</title>
<link>https://news.google.com/rss/articles/AU_yqLPnieuw?oc=5</link>
<guid isPermaLink="false">gn-2</guid><source url="https://www.nu.nl">NU.nl</source></item>
</channel></rss>
"""


def _fetch(url: str, batch_size: int = 500, **source: Any) -> list[Any]:
    budget = Budget(timeout=5, allow_hosts=frozenset({"127.0.0.1"}))
    src = MonitorSourceSettings.model_validate({"kind": "rss", "url": url, **source})
    with make_client(budget=budget) as client:
        ctx = FetchContext(client, (), (), Path.cwd(), batch_size, budget)
        return list(fetcher("rss")(src, {}, ctx))


def test_content_encoded_guid_dates_and_google_news() -> None:
    google = _google("https://nos.nl/artikel/2561234-dijkstad-sluit-brug")
    with FakeServer() as srv:
        srv.route("GET", "/feed.xml", Response(200, FEED.format(google=google), {}, "text/xml"))
        (batch,) = _fetch(f"{srv.url}/feed.xml")
    first, second, news, newer = batch.items
    # content:encoded, not the short "Kort." description
    assert "stemde gisteravond in met het plan" in " ".join(first.text.split())
    assert first.published_at == datetime(2025, 6, 5, 12, 0, tzinfo=UTC)
    assert second.published_at == datetime(2025, 6, 2, 12, 0, tzinfo=UTC)
    # Same GUID, another article: both kept, each with its own id.
    assert first.details["guid"] == second.details["guid"] == "artikel"
    assert first.external_id != second.external_id
    assert news.url == "https://nos.nl/artikel/2561234-dijkstad-sluit-brug"
    assert news.details["publisher"] == "NOS" and news.text.startswith("Dijkstad sluit brug")
    assert " - NOS" not in news.text
    assert newer.details["redirect"] is True and newer.details["publisher"] == "NU.nl"
    # Fetched again: the same ids (nothing stored twice).
    with FakeServer() as srv:
        srv.route("GET", "/feed.xml", Response(200, FEED.format(google=google), {}, "text/xml"))
        (again,) = _fetch(f"{srv.url}/feed.xml")
    assert [i.external_id for i in again.items] == [i.external_id for i in batch.items]


def test_plain_text_title_stays_text() -> None:
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        '<entry><id>urn:1</id><title type="text">Kosten &lt;b&gt; &amp; baten: 3 &lt; 5</title>'
        "<updated>2025-06-02T14:00:00Z</updated><summary>Dijkstad</summary></entry></feed>"
    )
    with FakeServer() as srv:
        srv.route("GET", "/a.xml", Response(200, atom, {}, "application/atom+xml"))
        (batch,) = _fetch(f"{srv.url}/a.xml")
    assert batch.items[0].text.startswith("Kosten <b> & baten: 3 < 5")


def test_big_feed_is_committed_in_batches_with_the_state_last() -> None:
    items = "".join(
        f"<item><title>Bericht {n} over Dijkstad</title><guid>g{n}</guid></item>" for n in range(25)
    )
    feed = f'<rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
    with FakeServer() as srv:
        srv.route("GET", "/big.xml", Response(200, feed, {"ETag": '"v1"'}, "text/xml"))
        batches = _fetch(f"{srv.url}/big.xml", batch_size=10)
    assert [len(b.items) for b in batches] == [10, 10, 5]
    assert [b.state for b in batches] == [None, None, {"etag": '"v1"'}]
