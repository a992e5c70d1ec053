"""Mastodon: public hashtag timelines and status search over the instance's HTTP API.

- ``GET /api/v1/timelines/tag/:hashtag`` (public, newest first; paged back
  with ``max_id``; only posts newer than the last poll via ``since_id``);
- ``GET /api/v2/search?q=…&type=statuses`` (most instances return statuses
  only to an authenticated account: set ``token_env``; paged with ``offset``).

Status HTML is turned into plain text. The instance's own status id is the
external id (ids are unique per instance, and a source is one instance).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlsplit

from krantentoets.monitor.sources.base import (
    Batch,
    FetchContext,
    Item,
    SourceError,
    get_json,
    html_to_text,
    parse_datetime,
)

PAGE_SIZE = 40


def fetch_mastodon(source: Any, state: dict[str, Any], ctx: FetchContext) -> Iterator[Batch]:
    base = source.instance.rstrip("/")
    if "://" not in base:
        base = "https://" + base
    headers = {"Accept": "application/json"}
    if source.token_env:
        token = os.environ.get(source.token_env)
        if not token:
            raise SourceError(
                f"omgevingsvariabele {source.token_env} (Mastodon-token) is niet gezet"
            )
        headers["Authorization"] = f"Bearer {token}"
    host = urlsplit(base).hostname or ""
    tags = [source.hashtag] if source.hashtag else ([] if source.query else list(ctx.hashtags))
    queries = [source.query] if source.query else ([] if source.hashtag else list(ctx.names))
    if not tags and not queries:
        raise SourceError(
            "geen hashtag of zoekvraag: zet hashtag of query bij de bron, of namen en "
            "hashtags bij [organisation]"
        )
    since: dict[str, str] = dict(state.get("since_id", {}))
    for tag in tags:
        tag = tag.lstrip("#").lower()  # Mastodon matches hashtags case-insensitively
        key = f"tag:{tag}"
        url = f"{base}/api/v1/timelines/tag/{quote(tag, safe='')}"
        yield from _timeline(url, key, since, state, source, ctx, headers, host)
    for query in queries:
        yield from _search(f"{base}/api/v2/search", query, source, ctx, headers, host)


def _timeline(
    url: str,
    key: str,
    since: dict[str, str],
    state: dict[str, Any],
    source: Any,
    ctx: FetchContext,
    headers: dict[str, str],
    host: str,
) -> Iterator[Batch]:
    params: dict[str, Any] = {"limit": PAGE_SIZE}
    if key in since:
        params["since_id"] = since[key]
    newest: str | None = None
    for page in range(source.max_pages):
        statuses = get_json(ctx, url, params=params, headers=headers)
        if not isinstance(statuses, list):
            raise SourceError(f"{url}: onverwacht antwoord (geen lijst van berichten)")
        if statuses and newest is None:
            newest = str(statuses[0]["id"])
        last_page = len(statuses) < PAGE_SIZE or page == source.max_pages - 1
        items = [item for s in statuses if (item := _item(s, host)) is not None]
        batch_state = None
        if last_page and newest is not None:
            since[key] = newest
            batch_state = {**state, "since_id": dict(since)}
        yield Batch(items, batch_state)
        if last_page:
            return
        params["max_id"] = str(statuses[-1]["id"])


def _search(
    url: str,
    query: str,
    source: Any,
    ctx: FetchContext,
    headers: dict[str, str],
    host: str,
) -> Iterator[Batch]:
    for page in range(source.max_pages):
        params = {"q": query, "type": "statuses", "limit": PAGE_SIZE, "offset": page * PAGE_SIZE}
        data = get_json(ctx, url, params=params, headers=headers)
        statuses = data.get("statuses") if isinstance(data, dict) else None
        if not isinstance(statuses, list):
            raise SourceError(f"{url}: onverwacht antwoord (geen 'statuses')")
        yield Batch([item for s in statuses if (item := _item(s, host)) is not None])
        if len(statuses) < PAGE_SIZE:
            return


def _item(status: dict[str, Any], host: str) -> Item | None:
    if status.get("reblog"):
        status = status["reblog"]
    text = html_to_text(status.get("content"))
    spoiler = html_to_text(status.get("spoiler_text"))
    if spoiler:
        text = f"{spoiler}\n\n{text}" if text else spoiler
    if not text or not status.get("id"):
        return None
    account = status.get("account") or {}
    acct = account.get("acct") or account.get("username")
    if acct and "@" not in acct:  # a local account: add the instance's domain
        domain = urlsplit(account.get("url") or "").hostname or host
        if domain:
            acct = f"{acct}@{domain}"
    return Item(
        external_id=str(status["id"]),
        text=text,
        url=status.get("url") or status.get("uri"),
        author=f"@{acct}" if acct else None,
        author_name=account.get("display_name") or None,
        published_at=parse_datetime(status.get("created_at")),
    )
