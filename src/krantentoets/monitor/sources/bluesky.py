"""Bluesky sources: post search and the account's notifications (mentions, replies, quotes).

Through :mod:`krantentoets.platforms.bluesky` (the ``atproto`` SDK):

- search: ``app.bsky.feed.searchPosts`` (``sort=latest``, ``since`` = the newest
  post of the previous poll, paged with ``cursor``). The public AppView
  answers a ``cursor`` request without login with 403: that is reported as a
  page left (with the advice to log in) and the gap is kept for the next poll;
- notifications (``notifications = true``, needs a login):
  ``app.bsky.notification.listNotifications`` for reasons mention, reply and
  quote, newest first, down to the previous poll;
- ``context = true``: ``app.bsky.feed.getPostThread`` for each reply, its
  parents stored with it.

With ``handle`` and ``app_password_env`` the source logs in once; the session
is stored in the database (table ``platform_sessions``) and refreshed, never
re-created on every poll. Posts by authors labelled ``!no-unauthenticated``
are skipped (with that reason) when the source reads without login.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from krantentoets.monitor.sources.base import (
    USER_AGENT,
    Batch,
    Cursors,
    FetchContext,
    Item,
    Skipped,
    SourceError,
    parse_datetime,
    safe_items,
)
from krantentoets.platforms import AuthRequired
from krantentoets.platforms import bluesky as platform

PAGE_SIZE = 100
NOTIFICATION_PAGE = 50
#: Threads fetched per poll at most (each is one request).
MAX_THREADS = 10
#: Parents of a reply kept as its context.
PARENT_HEIGHT = 5


def fetch_bluesky(source: Any, state: dict[str, Any], ctx: FetchContext) -> Iterator[Batch]:
    password = None
    if source.handle or source.app_password_env:
        if not (source.handle and source.app_password_env):
            raise SourceError(
                "voor aanmelden bij Bluesky zijn handle en app_password_env allebei nodig"
            )
        password = os.environ.get(source.app_password_env)
        if not password:
            raise SourceError(
                f"omgevingsvariabele {source.app_password_env} (Bluesky-app-wachtwoord) "
                "is niet gezet"
            )
    conn = platform.Connection(source.service, source.handle, password, source.auth_service)
    if source.notifications and not conn.logged_in:
        raise SourceError("notifications = true vraagt aanmelden: zet handle en app_password_env")
    sessions = None
    if conn.logged_in and ctx.engine is not None:
        from krantentoets.store.platforms import DatabaseSessions

        account = str(source.handle).lstrip("@")
        sessions = DatabaseSessions(ctx.engine, "bluesky", conn.base_url, account)
    client = platform.connect(conn, ctx.budget, USER_AGENT, sessions)
    if source.query:
        queries = [source.query]
    elif source.hashtag:
        queries = ["#" + source.hashtag.lstrip("#")]
    elif source.notifications:
        queries = []
    else:
        queries = [f'"{n}"' if " " in n else n for n in ctx.names]
        queries += ["#" + h for h in ctx.hashtags]
    if not queries and not source.notifications:
        raise SourceError(
            "geen zoekvraag: zet query of hashtag bij de bron, of namen en hashtags bij "
            "[organisation]"
        )
    walk = _Walker(client, source, _upgraded(state), conn.logged_in)
    if source.notifications:
        yield from walk.pages(
            "notifications",
            lambda cursor, floor: platform.query(
                client,
                "app.bsky.notification.listNotifications",
                {
                    "limit": NOTIFICATION_PAGE,
                    "cursor": cursor,
                    "reasons": ["mention", "reply", "quote"],
                },
            ),
            "notifications",
            walk.notification_item,
        )
    for query in queries:
        yield from walk.pages(
            f"search:{query}",
            lambda cursor, floor, query=query: platform.query(
                client,
                "app.bsky.feed.searchPosts",
                {
                    "q": query,
                    "limit": PAGE_SIZE,
                    "sort": "latest",
                    "since": floor,
                    "cursor": cursor,
                },
            ),
            "posts",
            walk.post_item,
        )


def _upgraded(state: dict[str, Any]) -> dict[str, Any]:
    """State written before per-listing cursors (``since: {query: time}``), carried over."""
    old = state.get("since")
    if not isinstance(old, dict) or "cursors" in state:
        return state
    rest = {k: v for k, v in state.items() if k != "since"}
    return {**rest, "cursors": {f"search:{q}": {"since": t} for q, t in old.items()}}


class _Walker:
    def __init__(self, client: Any, source: Any, state: dict[str, Any], logged_in: bool) -> None:
        self.client = client
        self.source = source
        self.state = state
        self.logged_in = logged_in
        self.cursors = Cursors(state)
        self.threads = 0

    def _hidden(self, uri: str, author: dict[str, Any], labels: Any) -> Skipped | None:
        if self.logged_in:
            return None
        if platform.has_label(author.get("labels"), platform.NO_UNAUTHENTICATED) or (
            platform.has_label(labels, platform.NO_UNAUTHENTICATED)
        ):
            return Skipped(
                uri, "auteur wil niet getoond worden zonder aanmelding (!no-unauthenticated)"
            )
        return None

    def post_item(self, post: dict[str, Any]) -> Item | Skipped:
        uri = str(post.get("uri") or "")
        author = post.get("author") or {}
        hidden = self._hidden(uri, author, post.get("labels"))
        if hidden is not None:
            return hidden
        item = platform.post_item(
            uri,
            author,
            post.get("record") or {},
            post.get("embed"),
            labels=list(post.get("labels") or ()) + list(author.get("labels") or ()),
            indexed_at=post.get("indexedAt"),
        )
        return self._with_thread(item, uri)

    def notification_item(self, note: dict[str, Any]) -> Item | Skipped:
        uri = str(note.get("uri") or "")
        author = note.get("author") or {}
        hidden = self._hidden(uri, author, note.get("labels"))
        if hidden is not None:
            return hidden
        item = platform.post_item(
            uri,
            author,
            note.get("record") or {},
            labels=note.get("labels"),
            indexed_at=note.get("indexedAt"),
        )
        if item is not None:
            item = replace(item, details={**item.details, "reason": note.get("reason")})
        return self._with_thread(item, uri)

    def _with_thread(self, item: Item | None, uri: str) -> Item | Skipped:
        if item is None:
            return Skipped(uri, "leeg bericht (geen tekst, afbeelding of citaat)")
        if not (self.source.context and item.details.get("in_reply_to")):
            return item
        if self.threads >= MAX_THREADS:
            return item
        self.threads += 1
        data = platform.query(
            self.client,
            "app.bsky.feed.getPostThread",
            {"uri": uri, "depth": 0, "parentHeight": PARENT_HEIGHT},
        )
        parents = []
        node = (data.get("thread") or {}).get("parent")
        while isinstance(node, dict) and node.get("post"):
            post = node["post"]
            record = post.get("record") or {}
            parents.append(
                {
                    "uri": post.get("uri"),
                    "author": "@" + str((post.get("author") or {}).get("handle")),
                    "text": platform.expand_facets(
                        str(record.get("text") or ""), record.get("facets")
                    )[0],
                }
            )
            node = node.get("parent")
        return replace(item, details={**item.details, "thread": parents[::-1]})

    def pages(
        self,
        key: str,
        fetch: Callable[[str | None, str | None], dict[str, Any]],
        field: str,
        normalise: Callable[[dict[str, Any]], Item | Skipped],
    ) -> Iterator[Batch]:
        """Newest first, down to the previous poll; a cut-short walk keeps its gap."""
        entry = self.cursors.get(key)
        floor = entry.get("since")
        gap = entry.get("gap") or {}
        cursor, newest = gap.get("cursor"), gap.get("newest")
        for number in range(1, self.source.max_pages + 1):
            try:
                data = fetch(cursor, floor)
            except AuthRequired as exc:
                if cursor is None:
                    raise
                keep = {"since": floor, "gap": {"cursor": cursor, "newest": newest}}
                left = (
                    f"{key}: volgende pagina geweigerd ({exc}); meld de bron aan om verder te lezen"
                )
                yield self.cursors.batch(key, keep, [], [], left)
                return
            records = data.get(field)
            if not isinstance(records, list):
                raise SourceError(f"Bluesky: onverwacht antwoord (geen '{field}')")
            floor_time = parse_datetime(floor)
            fresh = []
            reached = False
            for record in records:
                when = parse_datetime(record.get("indexedAt")) if isinstance(record, dict) else None
                if floor_time is not None and when is not None and when < floor_time:
                    reached = True
                    continue
                fresh.append(record)
                if when is not None and (newest is None or when > parse_datetime(newest)):
                    newest = record.get("indexedAt")
            items, skipped = safe_items(
                fresh,
                normalise,
                lambda r: str(r.get("uri") or "?") if isinstance(r, dict) else "?",
            )
            following = data.get("cursor")
            if reached or not following or not records:
                yield self.cursors.batch(key, {"since": newest or floor}, items, skipped, None)
                return
            keep = {"since": floor, "gap": {"cursor": following, "newest": newest}}
            left = None
            if number == self.source.max_pages:
                left = f"{key}: maximum van {self.source.max_pages} pagina's bereikt"
            yield self.cursors.batch(key, keep, items, skipped, left)
            if left:
                return
            cursor = following
