"""RSS and Atom feeds (local news sites): fetched with httpx, parsed with feedparser.

The feed is asked for with the ETag and Last-Modified of the previous poll,
so an unchanged feed costs one small ``304 Not Modified``.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from krantentoets.monitor.sources.base import (
    Batch,
    FetchContext,
    Item,
    SourceError,
    html_to_text,
    http_problem,
    stable_id,
)

ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"


def fetch_rss(source: Any, state: dict[str, Any], ctx: FetchContext) -> Iterator[Batch]:
    import feedparser

    headers = {"Accept": ACCEPT}
    if state.get("etag"):
        headers["If-None-Match"] = state["etag"]
    if state.get("modified"):
        headers["If-Modified-Since"] = state["modified"]
    response = ctx.client.get(source.url, headers=headers)
    if response.status_code == 304:
        return
    if response.status_code >= 400:
        raise SourceError(http_problem(response))
    parsed = feedparser.parse(
        response.content,
        response_headers={k.lower(): v for k, v in response.headers.items()},
    )
    if parsed.bozo and not parsed.entries:
        raise SourceError(f"{source.url}: geen geldige RSS- of Atom-feed")
    items = [item for entry in parsed.entries if (item := _item(entry)) is not None]
    new_state = dict(state)
    for key, header in (("etag", "etag"), ("modified", "last-modified")):
        if response.headers.get(header):
            new_state[key] = response.headers[header]
        else:
            new_state.pop(key, None)
    yield Batch(items, new_state)


def _item(entry: Any) -> Item | None:
    title = html_to_text(entry.get("title"))
    body = ""
    if entry.get("summary"):
        body = html_to_text(entry.get("summary"))
    elif entry.get("content"):
        body = html_to_text(entry["content"][0].get("value"))
    text = "\n\n".join(part for part in (title, body) if part)
    if not text:
        return None
    link = entry.get("link")
    external_id = entry.get("id") or link or stable_id(title, body)
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    published = datetime.fromtimestamp(calendar.timegm(when), tz=UTC) if when is not None else None
    return Item(
        external_id=str(external_id),
        text=text,
        url=link,
        author=entry.get("author") or None,
        published_at=published,
    )
