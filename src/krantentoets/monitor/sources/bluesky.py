"""Bluesky: full-text post search (``app.bsky.feed.searchPosts``) over XRPC, with cursor paging.

The public AppView (``https://public.api.bsky.app``) answers searches without
login only at times (Bluesky switches unauthenticated search off under load,
and never pages with ``cursor`` for it). With ``handle`` and
``app_password_env`` we log in (``com.atproto.server.createSession`` at
``auth_service``, default ``https://bsky.social``) and search through that
service with the access token. A refused follow-up page ends paging quietly:
what was fetched is kept.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from krantentoets.monitor.sources.base import (
    Batch,
    FetchContext,
    Item,
    SourceError,
    get_json,
    http_problem,
    parse_datetime,
)

PUBLIC_APPVIEW = "https://public.api.bsky.app"
DEFAULT_AUTH_SERVICE = "https://bsky.social"
PAGE_SIZE = 100
SEARCH = "/xrpc/app.bsky.feed.searchPosts"


def fetch_bluesky(source: Any, state: dict[str, Any], ctx: FetchContext) -> Iterator[Batch]:
    headers = {"Accept": "application/json"}
    service = source.service
    if source.handle or source.app_password_env:
        auth_service = (source.auth_service or DEFAULT_AUTH_SERVICE).rstrip("/")
        headers["Authorization"] = f"Bearer {_login(source, auth_service, ctx)}"
        service = service or auth_service
    service = (service or PUBLIC_APPVIEW).rstrip("/")
    if source.query:
        queries = [source.query]
    elif source.hashtag:
        queries = ["#" + source.hashtag.lstrip("#")]
    else:
        queries = [f'"{n}"' if " " in n else n for n in ctx.names]
        queries += ["#" + h for h in ctx.hashtags]
    if not queries:
        raise SourceError(
            "geen zoekvraag: zet query of hashtag bij de bron, of namen en hashtags bij "
            "[organisation]"
        )
    since: dict[str, str] = dict(state.get("since", {}))
    for query in queries:
        yield from _search(service + SEARCH, query, since, state, source, ctx, headers)


def _login(source: Any, auth_service: str, ctx: FetchContext) -> str:
    if not (source.handle and source.app_password_env):
        raise SourceError(
            "voor aanmelden bij Bluesky zijn handle en app_password_env allebei nodig"
        )
    password = os.environ.get(source.app_password_env)
    if not password:
        raise SourceError(
            f"omgevingsvariabele {source.app_password_env} (Bluesky-app-wachtwoord) is niet gezet"
        )
    response = ctx.client.post(
        f"{auth_service}/xrpc/com.atproto.server.createSession",
        json={"identifier": source.handle.lstrip("@"), "password": password},
    )
    if response.status_code >= 400:
        raise SourceError(f"aanmelden bij Bluesky mislukt: {http_problem(response)}")
    token = response.json().get("accessJwt")
    if not token:
        raise SourceError("aanmelden bij Bluesky gaf geen toegangstoken")
    return str(token)


def _search(
    url: str,
    query: str,
    since: dict[str, str],
    state: dict[str, Any],
    source: Any,
    ctx: FetchContext,
    headers: dict[str, str],
) -> Iterator[Batch]:
    params: dict[str, Any] = {"q": query, "limit": PAGE_SIZE, "sort": "latest"}
    if query in since:
        params["since"] = since[query]
    newest: str | None = None
    cursor: str | None = None
    items: list[Item] = []
    for page in range(source.max_pages):
        if cursor:
            params["cursor"] = cursor
            response = ctx.client.get(url, params=params, headers=headers)
            if response.status_code in (401, 403):
                break  # later pages refused (unauthenticated search): keep what we have
            if response.status_code >= 400:
                raise SourceError(http_problem(response))
            data = response.json()
        else:
            data = get_json(ctx, url, params=params, headers=headers)
        posts = data.get("posts") if isinstance(data, dict) else None
        if not isinstance(posts, list):
            raise SourceError(f"{url}: onverwacht antwoord (geen 'posts')")
        items = [item for p in posts if (item := _item(p)) is not None]
        for post in posts:
            stamp = post.get("indexedAt") or (post.get("record") or {}).get("createdAt")
            if stamp and (newest is None or _later(stamp, newest)):
                newest = stamp
        cursor = data.get("cursor")
        if not cursor or not posts or page == source.max_pages - 1:
            break
        yield Batch(items)
        items = []
    # The cursor for the next poll advances only with the last batch.
    if newest is not None:
        since[query] = newest
    yield Batch(items, {**state, "since": dict(since)})


def _later(a: str, b: str) -> bool:
    da, db = parse_datetime(a), parse_datetime(b)
    return da is not None and (db is None or da > db)


def _item(post: dict[str, Any]) -> Item | None:
    record = post.get("record") or {}
    text = (record.get("text") or "").strip()
    uri = post.get("uri")
    if not text or not uri:
        return None
    author = post.get("author") or {}
    handle = author.get("handle")
    rkey = uri.rsplit("/", 1)[-1]
    url = f"https://bsky.app/profile/{handle or author.get('did')}/post/{rkey}"
    return Item(
        external_id=uri,
        text=text,
        url=url,
        author=f"@{handle}" if handle else author.get("did"),
        author_name=author.get("displayName") or None,
        published_at=parse_datetime(record.get("createdAt") or post.get("indexedAt")),
    )
