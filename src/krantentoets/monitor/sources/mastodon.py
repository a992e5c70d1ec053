"""Mastodon sources: hashtag timelines, status search and the account's notifications.

Through :mod:`krantentoets.platforms.mastodon` (``Mastodon.py``):

- hashtag: ``GET /api/v1/timelines/tag/:hashtag`` (public), paged with the
  ``Link`` header (``fetch_next``);
- search: ``GET /api/v2/search?type=statuses`` paged with ``max_id``; never
  ``offset`` or ``resolve`` without a token (Mastodon answers 401 to both);
  most instances search statuses only for a logged-in account;
- notifications (``notifications = true``, needs ``token_env``): mentions and
  quotes of the organisation's own account, paged with the ``Link`` header;
- ``context = true``: the thread (``/api/v1/statuses/:id/context``) of each
  reply, stored with it; an edited status brings its ``/history``.

No silent loss: the cursor (``since_id``) moves forward only after the last
page down to the previous poll was stored. When ``max_pages`` cuts paging short
or a page is refused, the state keeps the gap (``max_id`` to go on from and
the old ``since_id``) and the next poll fetches that first; the batch says
``pages_left``. A status that cannot be read is skipped with its reason.
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
    safe_items,
)
from krantentoets.platforms import AuthRequired, PlatformError
from krantentoets.platforms import mastodon as platform

PAGE_SIZE = 40
#: Mentions and quotes of the account, and edits of statuses it took part in ("update"):
#: an edited status comes back through it and is stored as a new version.
NOTIFICATION_TYPES = ("mention", "quote", "update")
#: Threads and edit histories fetched per page at most (each is one request).
MAX_EXTRA_CALLS = 10


def fetch_mastodon(source: Any, state: dict[str, Any], ctx: FetchContext) -> Iterator[Batch]:
    token = None
    if source.token_env:
        token = os.environ.get(source.token_env)
        if not token:
            raise SourceError(
                f"omgevingsvariabele {source.token_env} (Mastodon-token) is niet gezet"
            )
    if source.notifications and not token:
        raise SourceError("notifications = true vraagt een token: zet token_env bij de bron")
    conn = platform.Connection(source.instance, token)
    api = platform.connect(conn, ctx.budget, USER_AGENT)
    tags = [source.hashtag] if source.hashtag else ([] if source.query else list(ctx.hashtags))
    queries = [source.query] if source.query else ([] if source.hashtag else list(ctx.names))
    if source.notifications and not (source.hashtag or source.query):
        tags, queries = [], []
    if not tags and not queries and not source.notifications:
        raise SourceError(
            "geen hashtag of zoekvraag: zet hashtag of query bij de bron, of namen en "
            "hashtags bij [organisation]"
        )
    walk = _Walker(api, conn.host, source, Cursors(_upgraded(state)))
    if source.notifications:
        yield from walk.linked(
            "notifications",
            lambda **kw: api.notifications(types=list(NOTIFICATION_TYPES), **kw),
            _notification_status,
        )
    for tag in tags:
        tag = tag.lstrip("#").lower()  # Mastodon matches hashtags case-insensitively
        yield from walk.linked(
            f"tag:{tag}", lambda tag=tag, **kw: api.timeline_hashtag(tag, **kw), _same
        )
    for query in queries:
        yield from walk.search(query, token is not None)


def _upgraded(state: dict[str, Any]) -> dict[str, Any]:
    """State written before per-listing cursors (``since_id: {key: id}``), carried over."""
    old = state.get("since_id")
    if not isinstance(old, dict) or "cursors" in state:
        return state
    rest = {k: v for k, v in state.items() if k != "since_id"}
    return {**rest, "cursors": {key: {"since_id": value} for key, value in old.items()}}


def _same(record: Any) -> Any:
    return record


def _notification_status(notification: Any) -> Any:
    return notification.get("status")


class _Walker:
    """Pages through one listing per key, keeping the gap when it stops early."""

    def __init__(self, api: Any, host: str, source: Any, cursors: Cursors) -> None:
        self.api = api
        self.host = host
        self.source = source
        self.cursors = cursors
        self.extra_calls = 0

    def _items(
        self, page: list[Any], to_status: Callable[[Any], Any]
    ) -> tuple[list[Item], list[Skipped]]:
        items, skipped = safe_items(
            page, lambda r: self._enrich(r, to_status(r)), lambda r: str(r.get("id") or "?")
        )
        return items, skipped

    def _enrich(self, record: Any, status: Any) -> Item | Skipped | None:
        if status is None:
            return Skipped(str(record.get("id")), "melding zonder bericht (verwijderd?)")
        item = platform.to_item(status, self.host)
        if item is None:
            return Skipped(str(status.get("id")), "leeg bericht (geen tekst, media of peiling)")
        extra: dict[str, Any] = {}
        if (
            self.source.context
            and item.details.get("in_reply_to")
            and self.extra_calls < MAX_EXTRA_CALLS
        ):
            self.extra_calls += 1
            context = platform.call(self.api.status_context, item.external_id)
            extra["thread"] = [
                self._parent(t)
                for s in context.get("ancestors") or ()
                if (t := platform.to_item(s, self.host)) is not None
            ]
        if item.edited_at is not None and self.extra_calls < MAX_EXTRA_CALLS:
            self.extra_calls += 1
            try:
                history = platform.call(self.api.status_history, item.external_id)
            except AuthRequired:
                history = []
            versions = []
            for edit in history:
                old = platform.to_item({**edit, "id": item.external_id}, self.host)
                versions.append(
                    {"text": old.text if old else "", "created_at": str(edit.get("created_at"))}
                )
            extra["history"] = versions
        if not extra:
            return item
        return replace(item, details={**item.details, **extra})

    def _parent(self, parent: Item) -> dict[str, Any]:
        """A thread ancestor; a non-public one keeps only its id, unless the policy asks."""
        shown = parent.visibility in ("public", "unlisted") or self.source.include_private
        return {
            "id": parent.external_id,
            "visibility": parent.visibility,
            "author": parent.author if shown else None,
            "text": parent.text if shown else None,
            "url": parent.url,
        }

    def linked(
        self, key: str, first: Callable[..., Any], to_status: Callable[[Any], Any]
    ) -> Iterator[Batch]:
        """A listing paged by its ``Link`` header (newest first)."""
        entry = self.cursors.get(key)
        floor = entry.get("since_id")
        gap = entry.get("gap")
        if gap:
            page = platform.call(first, max_id=gap["max_id"], since_id=floor, limit=PAGE_SIZE)
            newest = gap.get("newest")
        else:
            page = platform.call(first, since_id=floor, limit=PAGE_SIZE)
            newest = None
        for number in range(1, self.source.max_pages + 1):
            page = page or []
            if page and newest is None:
                newest = str(page[0]["id"])
            items, skipped = self._items(page, to_status)
            # The Link header's next page (Mastodon.py parses it); else below the last id.
            following = getattr(page, "_pagination_next", None) or {}
            next_max = following.get("max_id") or (page[-1]["id"] if page else None)
            done = not page or len(page) < PAGE_SIZE or next_max is None
            if done:
                yield self.cursors.batch(key, {"since_id": newest or floor}, items, skipped, None)
                return
            gap_entry = {"since_id": floor, "gap": {"max_id": str(next_max), "newest": newest}}
            if number == self.source.max_pages:
                left = f"{key}: maximum van {self.source.max_pages} pagina's bereikt"
                yield self.cursors.batch(key, gap_entry, items, skipped, left)
                return
            yield self.cursors.batch(key, gap_entry, items, skipped, None)
            try:
                page = platform.call(first, max_id=str(next_max), since_id=floor, limit=PAGE_SIZE)
            except AuthRequired as exc:
                yield self.cursors.batch(key, gap_entry, [], [], f"{key}: pagina geweigerd ({exc})")
                return

    def search(self, query: str, logged_in: bool) -> Iterator[Batch]:
        """Status search, paged with ``max_id`` (never ``offset``/``resolve`` without a token)."""
        key = f"search:{query}"
        entry = self.cursors.get(key)
        floor = entry.get("since_id")
        gap = entry.get("gap") or {}
        max_id = gap.get("max_id")
        newest = gap.get("newest")
        for number in range(1, self.source.max_pages + 1):
            result = platform.call(
                self.api.search_v2,
                query,
                resolve=logged_in,
                result_type="statuses",
                max_id=max_id,
                limit=PAGE_SIZE,
            )
            statuses = list(result.get("statuses") or [])
            reached_floor = floor is not None and any(int(s["id"]) <= int(floor) for s in statuses)
            fresh = [s for s in statuses if floor is None or int(s["id"]) > int(floor)]
            if fresh and newest is None:
                newest = str(max(int(s["id"]) for s in fresh))
            items, skipped = self._items(fresh, _same)
            if reached_floor or len(statuses) < PAGE_SIZE:
                yield self.cursors.batch(key, {"since_id": newest or floor}, items, skipped, None)
                return
            max_id = str(min(int(s["id"]) for s in statuses))
            gap_entry = {"since_id": floor, "gap": {"max_id": max_id, "newest": newest}}
            left = None
            if number == self.source.max_pages:
                left = f"{key}: maximum van {self.source.max_pages} pagina's bereikt"
            yield self.cursors.batch(key, gap_entry, items, skipped, left)
            if left:
                return


__all__ = ["PlatformError", "fetch_mastodon"]
